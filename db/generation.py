"""Switch catalogue + index as one generation, in one atomic step; clean up leftovers.

A build writes both into a fresh `.build-<id>/` folder, stamps both with <id> (the
catalogue's meta row `generation`, the file index/generation), renames the folder to
`gen-<id>/` and then replaces the small file `current` with one naming it (os.replace,
atomic on Windows, macOS and Linux). A build killed at any point leaves `current` naming
either the old generation or the new one, whole; never a mix. The opener (db.build.
is_stale) checks that `current`, the catalogue and the index carry the same id.

Leftovers (`.build-*` of killed builds, pointer temp files, the pre-generation layout's
catalogue.sqlite and index/, old generations) are removed under the build lock: after each
build, and at start-up when there is something to remove. A removal that fails (Windows
cannot delete a folder whose files a running app holds open) is left for the next time.
The build keeps the generation it replaced, which a window opened before may still read.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from db import paths
from db.errors import UserError

BUILD_PREFIX = ".build-"
POINTER_TMP = ".current-"
LOCK = "build.lock"
STAMP = "generation"  # file in index/ holding the generation id
LEGACY = ("catalogue.sqlite", "index")  # the layout before generations
LOCK_WAIT_S = 120.0


class BuildBusy(UserError):
    """Another process holds the build lock for too long."""


def new_id() -> str:
    """Sortable and unique: UTC time plus randomness (two builds in one second differ)."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{os.urandom(4).hex()}"


@contextmanager
def lock(base: Path, wait: bool = True) -> Iterator[bool]:
    """Hold the build lock of `base`; yields False at once if busy and not wait.

    The OS releases it when the process ends, even by SIGKILL.
    """
    fd = os.open(base / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        got = _acquire(fd, LOCK_WAIT_S if wait else 0.0)
        if wait and not got:
            raise BuildBusy(
                f"別のビルドが実行中です: {base} (another build holds the lock; try again later)"
            )
        try:
            yield got
        finally:
            if got:
                _release(fd)
    finally:
        os.close(fd)


def _acquire(fd: int, wait_s: float) -> bool:
    deadline = time.monotonic() + wait_s
    while True:
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)


def _release(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


def stamp_index(index_dir: Path, gen_id: str) -> None:
    (index_dir / STAMP).write_text(gen_id + "\n", encoding="utf-8")


def index_stamp(index_dir: Path) -> str | None:
    try:
        return (index_dir / STAMP).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None


def publish(tmp: Path, base: Path, gen_id: str) -> str:
    """Make the finished `.build-…` folder generation `gen-<id>`; returns its name."""
    _sync_tree(tmp)
    name = f"gen-{gen_id}"
    _replace(tmp, base / name)
    _sync_dir(base)
    return name


def switch(base: Path, name: str) -> None:
    """Point `current` at generation `name`: one atomic replace of a small file."""
    tmp = base / f"{POINTER_TMP}{os.urandom(4).hex()}.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(name + "\n")
        f.flush()
        os.fsync(f.fileno())
    _replace(tmp, paths.pointer_path(base))
    _sync_dir(base)


def _replace(src: Path, dst: Path) -> None:
    """os.replace, retried for 2 s: on Windows a reader (or a virus scanner) holding a file
    open for an instant makes it fail with PermissionError."""
    for attempt in range(40):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if attempt == 39:
                raise
            time.sleep(0.05)


def leftovers(base: Path, keep: set[str] | None = None) -> list[Path]:
    """What cleanup would remove: killed builds' folders, pointer temp files, the old
    layout and, if `keep` is given, every generation not in it."""
    try:
        entries = list(os.scandir(base))
    except OSError:
        return []
    out = []
    for e in entries:
        n = e.name
        if n.startswith((BUILD_PREFIX, POINTER_TMP, ".index.old-")) or n in LEGACY:
            out.append(Path(e.path))
        elif keep is not None and paths.GENERATION.match(n) and n not in keep:
            out.append(Path(e.path))
    return out


def cleanup(base: Path, keep: set[str] | None = None) -> None:
    """Remove leftovers; call with the lock held. Failures are retried another time."""
    for p in leftovers(base, keep):
        _remove(p)


def tidy(base: Path) -> None:
    """At start-up: remove killed builds' leftovers if any, unless a build is running.
    Never fails: a read-only build dir (an installed checkout) is simply left as it is."""
    if not leftovers(base):
        return
    try:
        with lock(base, wait=False) as got:
            if got:
                cleanup(base)
    except OSError:
        pass


def _remove(p: Path) -> None:
    try:
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p)
        else:
            p.unlink()
    except OSError:
        pass  # e.g. Windows: files still open in a running app; removed next time


def _sync_tree(folder: Path) -> None:
    """Flush the new generation's files to disk before it can become current."""
    for dirpath, _, files in os.walk(folder):
        for name in files:
            # Windows flushes only through a handle opened for writing
            fd = os.open(os.path.join(dirpath, name), os.O_RDWR if os.name == "nt" else os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _sync_dir(Path(dirpath))


def _sync_dir(folder: Path) -> None:
    if os.name == "nt":
        return  # Windows cannot open a directory for fsync; NTFS journals the rename
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
