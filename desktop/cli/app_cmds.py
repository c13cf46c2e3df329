"""`shisaku` (window), `shisaku open ID`, `shisaku --self-test`, `shisaku bench startup|ui`."""

from __future__ import annotations

import argparse


def register(reg) -> None:
    p = reg.sub.add_parser("open", parents=[reg.common], help="open the window at a measure")
    p.add_argument("id", metavar="ID", help="measure id, e.g. 1-1-28")
    p.set_defaults(func=open_cmd)

    b = reg.bench.add_parser(
        "startup",
        parents=[reg.common],
        help="cold start to first painted window (median of fresh processes)",
    )
    b.add_argument("--runs", type=int, default=5)
    b.add_argument("--json", action="store_true")
    b.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    b.add_argument("--baseline", action="store_true", help=argparse.SUPPRESS)
    b.add_argument("--blank", action="store_true", help=argparse.SUPPRESS)
    b.add_argument("--floor", action="store_true", help=argparse.SUPPRESS)
    b.add_argument(
        "--compare",
        metavar="DIR",
        help="another checkout (e.g. a worktree of main) timed in the same rounds",
    )
    b.set_defaults(func=bench_startup)

    b = reg.bench.add_parser(
        "ui",
        parents=[reg.common],
        help="keystroke → results painted, opening a measure, peak memory",
    )
    b.add_argument("--json", action="store_true")
    b.set_defaults(func=bench_ui)


def run_default(args) -> int:
    if getattr(args, "self_test", False):
        from desktop.ui.selftest import run

        return run()
    from desktop.ui.app import run

    return run(getattr(args, "data_dir", None))


def open_cmd(args) -> int:
    # run() checks the id against the catalogue it opens (once): an unknown id is a clear
    # message and exit 2 before any window
    from desktop.ui.app import run

    return run(args.data_dir, args.id)


def bench_startup(args) -> int:
    from desktop.ui import bench

    if args.child and args.blank:  # also reached before the CLI (desktop/__main__.py)
        from desktop.ui.blank_window import main

        return main()
    if args.child and args.floor:  # also reached before the CLI (desktop/__main__.py)
        from desktop.ui.floor_window import main as floor

        return floor()
    if args.child:
        return bench.baseline_child() if args.baseline else bench.startup_child()
    return bench.startup(args.runs, args.json, args.compare)


def bench_ui(args) -> int:
    from desktop.ui import bench

    return bench.ui(args.json)
