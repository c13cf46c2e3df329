"""Entry point of `shisaku`: no arguments opens the window; subcommands work headless.

Each command module has `register(ctx)` that adds its subparsers; handlers take the parsed
args and return an exit code. UserError anywhere becomes a clear message and exit code 2;
any other exception a short message naming the log file and exit code 1 (never a traceback).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from dataclasses import dataclass

from desktop.about import VersionAction
from desktop.cli import stdio
from desktop.errors import UserError

COMMAND_MODULES = [
    "desktop.cli.catalogue_cmds",
    "desktop.cli.search_cmds",
    "desktop.cli.user_cmds",
    "desktop.cli.annot_cmds",
    "desktop.cli.app_cmds",
]


@dataclass
class Registry:
    sub: argparse._SubParsersAction  # top-level subcommands
    bench: argparse._SubParsersAction  # `shisaku bench NAME`
    common: argparse.ArgumentParser  # parent with options every command takes


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: a subcommand's copy must not reset a --data-dir given before the command
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="user data folder (default: SHISAKU_DATA_DIR or the OS user data dir)",
    )
    parser = argparse.ArgumentParser(
        prog="shisaku",
        parents=[common],
        description="施策ナビ: 地方創生2.0 施策集 reference. No command opens the window.",
    )
    parser.add_argument(
        "--version", action=VersionAction, help="version and the catalogue's source (sha256)"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="start the app offscreen, exercise it and exit 0 on success",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    bench_parser = sub.add_parser("bench", parents=[common], help="benchmarks (not tests)")
    bench = bench_parser.add_subparsers(dest="bench_command", metavar="NAME", required=True)
    reg = Registry(sub=sub, bench=bench, common=common)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(reg)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command. No traceback ever reaches the user: bad input is a message and exit
    2, anything else a short message naming the log file and exit 1 (desktop.crashlog)."""
    args = None
    try:
        stdio.setup()
        fast = quick_start(sys.argv[1:] if argv is None else argv)
        if fast is not None:
            args, run = fast
            return int(run(args) or 0)
        args = build_parser().parse_args(argv)
        if not hasattr(args, "data_dir"):  # not given anywhere (parents share one action)
            args.data_dir = None
        if getattr(args, "self_test", False) or args.command is None:
            from desktop.cli import app_cmds

            return app_cmds.run_default(args)
        return int(args.func(args) or 0)
    except UserError as e:
        print(f"shisaku: エラー: {e}", file=sys.stderr)
        return e.exit_code
    except BrokenPipeError:  # `shisaku tree | head`: the reader had enough
        stdio.silence_stdout()
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as e:
        internal_error(e, args)
        return 1


def quick_start(argv: list[str]):
    """The window launch (`shisaku`, `shisaku --data-dir DIR`) and the benchmark's start-up
    probe without building the whole command line (every command module imported: about
    20–30 ms of a start-up whose floor is about 140 ms). (args, handler) or None."""
    data_dir = None
    rest = list(argv)
    if rest[:1] == ["--data-dir"] and len(rest) >= 2:
        data_dir, rest = rest[1], rest[2:]
    elif rest[:1] and rest[0].startswith("--data-dir="):
        data_dir, rest = rest[0].split("=", 1)[1], rest[1:]
    args = argparse.Namespace(command=None, self_test=False, data_dir=data_dir)
    if not rest:
        from desktop.cli.app_cmds import run_default

        return args, run_default
    if rest[:3] == ["bench", "startup", "--child"] and rest[3:] in ([], ["--baseline"]):
        from desktop.cli.app_cmds import bench_startup

        args.command, args.child, args.baseline = "bench", True, bool(rest[3:])
        args.blank = args.floor = False
        return args, bench_startup
    if rest[:3] == ["bench", "scale", "--child"] and len(rest) >= 4:
        return scale_child(args, rest[3:])
    return None


SCALE_CHILD_OPTIONS = {
    "--factor": "factor",
    "--rounds": "rounds",
    "--keystroke-rounds": "keystroke_rounds",
    "--queries": "queries",
}


def scale_child(args, rest: list[str]):
    """`bench scale --child DIR --factor N …` as desktop.search.scale starts it: the probe
    measures the window's memory as a launch has it, without every command module loaded
    (about 1.2 MB that a real launch does not have). Anything else: None (the full parser)."""
    values = {"factor": 10, "rounds": 5, "keystroke_rounds": 1, "queries": None}
    child, options = rest[0], rest[1:]
    if len(options) % 2 or child.startswith("-"):
        return None
    for name, value in zip(options[::2], options[1::2], strict=True):
        key = SCALE_CHILD_OPTIONS.get(name)
        if key is None or not value.isdigit() or int(value) < 1:
            return None
        values[key] = int(value)

    def run(_args) -> int:
        from desktop.ui import scale_probe

        return scale_probe.main(child, **values)

    args.command = "bench"
    return args, run


def internal_error(e: Exception, args) -> None:
    from desktop import crashlog

    data_dir = getattr(args, "data_dir", None)
    try:
        log = crashlog.record(e, data_dir)
    except Exception:  # the log is a help, never a second failure
        log = None
    where = (
        f"詳細はログに記録しました: {log}"
        if log
        else "ログを書けませんでした (could not write the log)"
    )
    message = (
        f"内部エラーが発生しました ({type(e).__name__})。{where}"
        f" (internal error; please send the log to your support contact)"
    )
    print(f"shisaku: {message}", file=sys.stderr)
    if args is not None and (args.command in (None, "open")) and not args.self_test:
        try:  # the windowed app has no console: say it in a dialog
            from desktop.ui.app import show_fatal

            show_fatal(message)
        except Exception:
            pass


if __name__ == "__main__":
    sys.exit(main())
