"""The onefile's launcher (desktop/launcher.py) with a real payload made from a small fake
app: a folder whose `shisaku` prints its arguments and environment. The launcher runs as a
real process with the payload in generated modules, as the frozen onefile has them; no
PyInstaller. (The real onefile: scripts/smoke_frozen.py.)"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from desktop import launcher

ROOT = Path(__file__).resolve().parent.parent
PAYLOAD_ID = "9.9.9-test"
posix_only = pytest.mark.skipif(
    os.name != "posix", reason="the fake app is a script with a #! line (POSIX exec)"
)

FAKE_APP = f"""#!{sys.executable}
import json, os, sys
shown = ("LD_", "DYLD_", "LIBPATH", "_PYI_", "_MEIPASS", "FAKE_")
env = {{k: v for k, v in os.environ.items() if k.startswith(shown)}}
print(json.dumps({{"argv": sys.argv[1:], "exe": sys.argv[0], "env": env}}))
print("to stderr", file=sys.stderr)
sys.exit(int(os.environ.get("FAKE_EXIT", "0")))
"""


def make_app(folder: Path) -> Path:
    (folder / "_internal" / "sub").mkdir(parents=True)
    exe = folder / "shisaku"
    exe.write_text(FAKE_APP, encoding="utf-8")
    exe.chmod(0o755)
    (folder / "_internal" / "lib.bin").write_bytes(os.urandom(50_000))
    (folder / "_internal" / "sub" / "データ.txt").write_text("中身", encoding="utf-8")
    if os.name == "posix":  # PyInstaller's POSIX builds have symlinks
        (folder / "_internal" / "link.bin").symlink_to("lib.bin")
    return folder


@pytest.fixture(scope="module")
def packed(tmp_path_factory) -> list[bytes]:
    """The folders' stream, then the files in streams of about the same size."""
    streams = launcher.pack(make_app(tmp_path_factory.mktemp("app")), streams=2)
    assert len(streams) == 3
    return streams


@pytest.fixture
def gen(tmp_path, packed) -> Path:
    """The payload as the launcher's PYZ holds it: generated modules (small parts)."""
    out = tmp_path / "gen"
    launcher.write_modules(packed, PAYLOAD_ID, "shisaku", out)
    return out


def parts(gen: Path) -> list[Path]:
    return sorted(gen.glob(f"{launcher.INFO_MODULE}_*.py"))


def env_for(tmp_path: Path, gen: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SHISAKU_", "LD_", "_PYI_", "FAKE_", "PYTHON"))
    }
    env.update(
        PYTHONPATH=os.pathsep.join([str(gen), str(ROOT)]),
        SHISAKU_CACHE_DIR=str(tmp_path / "キャッシュ dir"),
        TMPDIR=str(tmp_path / "tmp"),
    )
    (tmp_path / "tmp").mkdir(exist_ok=True)
    env.update(extra)
    return env


def start(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """The launcher as the frozen onefile runs it (sys.frozen: the environment is scrubbed)."""
    code = "import os, sys; sys.frozen = True; from desktop import launcher; "
    code += "sys.exit(launcher.main(sys.argv, dict(os.environ)))"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def folder_of(env: dict[str, str]) -> Path:
    return Path(env["SHISAKU_CACHE_DIR"]) / "app" / PAYLOAD_ID


# --- through a real process ---------------------------------------------------------------
@posix_only
def test_first_start_unpacks_and_runs_the_app_with_its_arguments_and_exit_code(tmp_path, gen):
    env = env_for(tmp_path, gen, FAKE_EXIT="3")
    p = start(env, "open", "1-1-1", "山田 太郎", "--self-test")
    assert p.returncode == 3, p.stderr
    out = json.loads(p.stdout)
    assert out["argv"] == ["open", "1-1-1", "山田 太郎", "--self-test"]
    folder = folder_of(env)
    assert Path(out["exe"]) == folder / "shisaku"
    assert p.stderr == "to stderr\n"
    assert launcher.is_complete(folder)
    assert (folder / "_internal" / "sub" / "データ.txt").read_text(encoding="utf-8") == "中身"
    assert (folder / "_internal" / "link.bin").is_symlink()
    assert [f.name for f in folder.parent.iterdir()] == [PAYLOAD_ID]  # no temporary left


@posix_only
def test_second_start_reads_no_payload_and_keeps_the_folder(tmp_path, gen):
    env = env_for(tmp_path, gen)
    assert start(env, "tree").returncode == 0
    folder = folder_of(env)
    before = (folder.stat().st_ino, (folder / "_internal" / "lib.bin").stat().st_mtime_ns)
    for part in parts(gen):  # a start that imported a part would now fail
        part.unlink()
    p = start(env, "search", "地方")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["argv"] == ["search", "地方"]
    assert (folder.stat().st_ino, (folder / "_internal" / "lib.bin").stat().st_mtime_ns) == before


@posix_only
@pytest.mark.parametrize("damage", ["delete", "truncate", "marker"])
def test_a_damaged_folder_is_unpacked_again(tmp_path, gen, damage):
    env = env_for(tmp_path, gen)
    assert start(env).returncode == 0
    folder = folder_of(env)
    lib = folder / "_internal" / "lib.bin"
    good = lib.read_bytes()
    if damage == "delete":
        lib.unlink()
    elif damage == "truncate":
        lib.write_bytes(good[:100])
    else:
        (folder / launcher.MARKER).unlink()
    assert not launcher.is_complete(folder)
    p = start(env, "tree")
    assert p.returncode == 0, p.stderr
    assert lib.read_bytes() == good
    assert launcher.is_complete(folder)
    assert [f.name for f in folder.parent.iterdir()] == [PAYLOAD_ID]


@posix_only
def test_environment_of_the_launchers_bootloader_is_scrubbed(tmp_path, gen):
    env = env_for(
        tmp_path,
        gen,
        LD_LIBRARY_PATH="/tmp/_MEIabc:/usr/local/lib",
        LD_LIBRARY_PATH_ORIG="/usr/local/lib",
        _PYI_APPLICATION_HOME_DIR="/tmp/_MEIabc",
        _PYI_ARCHIVE_FILE="/somewhere/shisaku",
        _PYI_PARENT_PROCESS_LEVEL="1",
        _MEIPASS2="/tmp/_MEIabc",
        FAKE_KEPT="yes",
    )
    out = json.loads(start(env).stdout)
    assert out["env"] == {"LD_LIBRARY_PATH": "/usr/local/lib", "FAKE_KEPT": "yes"}
    # no original value: the bootloader's path is dropped, not kept
    env = dict(env, LD_LIBRARY_PATH="/tmp/_MEIabc")
    del env["LD_LIBRARY_PATH_ORIG"]
    assert json.loads(start(env).stdout)["env"] == {"FAKE_KEPT": "yes"}


def test_scrubbed_env_restores_every_library_path():
    env = {
        "DYLD_LIBRARY_PATH": "/tmp/_MEI1",
        "LIBPATH": "/tmp/_MEI1",
        "LIBPATH_ORIG": "/opt/lib",
        "_PYI_SPLASH_IPC": "0",
        "HOME": "/home/山田",
    }
    assert launcher.scrubbed_env(env) == {"LIBPATH": "/opt/lib", "HOME": "/home/山田"}


@posix_only
def test_unwritable_cache_falls_back_to_a_temporary_folder_removed_at_exit(tmp_path, gen):
    blocker = tmp_path / "not a folder"
    blocker.write_text("", encoding="utf-8")
    env = env_for(tmp_path, gen, SHISAKU_CACHE_DIR=str(blocker / "cache"), FAKE_EXIT="5")
    p = start(env, "show", "1-1-1")
    assert p.returncode == 5, p.stderr
    out = json.loads(p.stdout)
    assert out["argv"] == ["show", "1-1-1"]
    assert Path(out["exe"]).parent.parent == tmp_path / "tmp"  # ran from TMPDIR
    assert list((tmp_path / "tmp").iterdir()) == []  # and removed it


@posix_only
def test_two_first_starts_at_once_both_run_and_leave_one_folder(tmp_path, gen):
    env = env_for(tmp_path, gen)
    code = "import os, sys; sys.frozen = True; from desktop import launcher; "
    code += "sys.exit(launcher.main(sys.argv, dict(os.environ)))"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, f"run-{i}"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        for i in range(3)
    ]
    outs = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], outs
    assert [json.loads(o)["argv"] for o, _e in outs] == [["run-0"], ["run-1"], ["run-2"]]
    assert [f.name for f in folder_of(env).parent.iterdir()] == [PAYLOAD_ID]


@posix_only
def test_a_damaged_payload_says_so_in_one_line_and_leaves_nothing(tmp_path, gen, packed):
    big = packed[1]  # the stream with lib.bin (random bytes, the largest file)
    half = len(big) // 2
    damaged = big[:half] + bytes(b ^ 0x55 for b in big[half : half + 64]) + big[half + 64 :]
    streams = [packed[0], damaged, packed[2]]
    launcher.write_modules(streams, PAYLOAD_ID, "shisaku", gen)  # the xz check fails
    env = env_for(tmp_path, gen)
    p = start(env, "tree")
    assert p.returncode == 1
    assert p.stdout == ""
    lines = p.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in p.stderr, p.stderr
    assert "壊れて" in lines[0] and "(the executable is damaged; download it again)" in lines[0]
    root = folder_of(env).parent
    assert list(root.iterdir()) == []  # no folder a later start would trust, no temporary


# --- the functions, in this process (also on Windows) ---------------------------------------
def payload_from(packed: list[bytes], pieces: int = 5, gate=None) -> launcher.Payload:
    """The streams in `pieces` pieces each; `gate` is called once, inside the last stream."""

    def reader(data: bytes, last: bool):
        size = -(-len(data) // pieces)

        def parts():
            for i in range(pieces):
                if gate and last and i == 1:
                    gate()
                yield data[i * size : (i + 1) * size]

        return parts

    streams = [reader(d, i == len(packed) - 1) for i, d in enumerate(packed)]
    return launcher.Payload(PAYLOAD_ID, "shisaku", streams)


def test_two_unpacks_in_progress_at_once_end_with_one_folder(tmp_path, packed):
    """Both threads are inside the unpack (the barrier) before either can finish."""
    barrier = threading.Barrier(2, timeout=30)
    root = tmp_path / "cache" / "app"
    results: list = []

    def first_start():
        results.append(launcher.unpack_once(payload_from(packed, gate=barrier.wait), root))

    threads = [threading.Thread(target=first_start) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert results == [(root / PAYLOAD_ID, False)] * 2
    assert [f.name for f in root.iterdir()] == [PAYLOAD_ID]
    assert launcher.is_complete(root / PAYLOAD_ID)


def test_older_versions_are_removed_after_an_unpack_but_not_an_unpack_in_progress(tmp_path, packed):
    root = tmp_path / "app"
    old = root / "0.0.9-aaaaaaaaaaaa"
    (old / "_internal").mkdir(parents=True)
    (old / "_internal" / "x.so").write_bytes(b"x")
    (old / launcher.MARKER).write_text("F\t1\t_internal/x.so\n", encoding="utf-8")
    assert launcher.is_complete(old)
    busy = root / f".{PAYLOAD_ID}.other.tmp"  # another process unpacking right now
    busy.mkdir()
    launcher.unpack_once(payload_from(packed), root)
    assert sorted(f.name for f in root.iterdir()) == [busy.name, PAYLOAD_ID]
    launcher.prune(root, keep="nothing")  # old ones go, the young temporary stays
    assert [f.name for f in root.iterdir()] == [busy.name]
    os.utime(busy, (1, 1))  # an interrupted unpack, long ago
    launcher.prune(root, keep="nothing")
    assert list(root.iterdir()) == []


def test_a_failed_unpack_in_process_says_one_line_and_leaves_nothing(tmp_path, packed, capsys):
    broken = packed[1][: len(packed[1]) // 2]  # cut short: a damaged download
    root = tmp_path / "cache"

    def payload():
        streams = [lambda: [packed[0]], lambda: [broken], lambda: [packed[2]]]
        return launcher.Payload(PAYLOAD_ID, "shisaku", streams)

    code = launcher.main(["shisaku"], {"SHISAKU_CACHE_DIR": str(root)}, payload, scrub=False)
    assert code == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "壊れています" in err[0] and "damaged" in err[0]
    assert list((root / "app").iterdir()) == []


def test_no_space_left_and_a_damaged_executable_are_named():
    import errno
    import zlib

    message = launcher.explain(OSError(errno.ENOSPC, "No space left on device"))
    assert "空き容量" in message and "no space left" in message
    # a damaged PYZ entry of the real onefile fails in zlib before the xz check
    message = launcher.explain(zlib.error("Error -3 while decompressing data"))
    assert "壊れて" in message and "damaged" in message and message.endswith("[error]")


def test_cache_root_follows_platformdirs(tmp_path):
    from platformdirs import user_cache_dir

    env = dict(os.environ)
    env.pop("SHISAKU_CACHE_DIR", None)
    assert launcher.cache_root(env) == Path(user_cache_dir("shisaku", appauthor=False)) / "app"
    env["SHISAKU_CACHE_DIR"] = str(tmp_path)
    assert launcher.cache_root(env) == tmp_path / "app"


def test_write_modules_round_trips_the_payload(tmp_path, packed, monkeypatch):
    monkeypatch.setattr(launcher, "CHUNK", 10_000)
    names = launcher.write_modules(packed, PAYLOAD_ID, "shisaku", tmp_path)
    assert len(names) == 1 + sum(-(-len(d) // 10_000) for d in packed)
    assert len(names) > 1 + len(packed)  # lib.bin's stream is in several parts
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in names:
        sys.modules.pop(name, None)
    payload = launcher.frozen_payload()
    assert (payload.id, payload.exe) == (PAYLOAD_ID, "shisaku")
    assert [b"".join(stream()) for stream in payload.streams] == packed
    assert not any(name in sys.modules for name in names[1:])  # one part at a time


def test_the_loser_of_a_race_keeps_the_winners_folder(tmp_path, packed):
    """The winner's folder may already be running: the loser must not replace it."""
    root = tmp_path / "app"
    winner, _ = launcher.unpack_once(payload_from(packed), root)
    inode = winner.stat().st_ino
    loser = root / f".{PAYLOAD_ID}.loser.tmp"
    loser.mkdir()
    launcher.extract(payload_from(packed), loser)
    assert launcher._move_into_place(loser, winner) is True
    assert winner.stat().st_ino == inode and launcher.is_complete(winner)
    assert [f.name for f in root.iterdir()] == [PAYLOAD_ID]


def test_pack_gives_the_same_bytes_for_the_same_files(tmp_path):
    """The payload's id is its hash: a copy of the folder made later packs identically."""
    app = make_app(tmp_path / "a")
    copy = tmp_path / "b"
    shutil.copytree(app, copy, symlinks=True)
    os.utime(copy / "_internal" / "lib.bin", (1_000_000, 1_000_000))
    assert launcher.pack(app) == launcher.pack(copy)
    (copy / "_internal" / "lib.bin").write_bytes(b"changed")
    assert launcher.pack(app) != launcher.pack(copy)


def test_something_in_the_way_of_the_folder_is_set_aside(tmp_path, packed):
    """A leftover with the folder's name that is not a complete folder (here: a file) is
    moved aside and removed; nothing else is left behind."""
    root = tmp_path / "app"
    root.mkdir()
    (root / PAYLOAD_ID).write_text("stray", encoding="utf-8")
    assert launcher.unpack_once(payload_from(packed), root) == (root / PAYLOAD_ID, False)
    assert launcher.is_complete(root / PAYLOAD_ID)
    assert [f.name for f in root.iterdir()] == [PAYLOAD_ID]
