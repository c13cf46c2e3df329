"""The one place every `--out` goes through (backup, brief, catalogue export, the window's
save dialogs): where the app may write a file the user named.

A careless or hostile target used to be replaced silently: the live store itself (`--out
<data dir>/userdata.sqlite`, notes and history gone), a read-only file, a symlink, a FIFO, a
device node (as root, /dev/stdout). The rules:
- `-` means standard output;
- only a regular file (or a new name in an existing folder) is written, never through a
  symlink, a device, a FIFO or a folder;
- never inside the user data folder (the store, its -wal, its backups and moved-aside copies)
  or the built catalogue, nor onto a hard link to one of those files;
- an existing read-only file is replaced only with `--force`;
- files are written whole (desktop.atomicfile: temp file, fsync, rename).
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from desktop import paths
from desktop.atomicfile import atomic_write
from desktop.errors import UserError

STDOUT = "-"


def check_out(
    out: str | os.PathLike, *, data_dir: str | os.PathLike | None = None, force: bool = False
) -> Path | None:
    """The target to write, checked before any work is done; None means standard output.

    data_dir: the user data folder in use (--data-dir; None: SHISAKU_DATA_DIR / platformdirs).
    Raises UserError (exit 2) with the reason; nothing is written."""
    if str(out) == STDOUT:
        return None
    if not str(out).strip():
        raise UserError("出力先が空です (empty --out)")
    path = Path(out)
    st = lstat(path)
    if st is not None:
        if stat.S_ISLNK(st.st_mode):
            raise UserError(
                f"シンボリックリンクには書き出しません: {path} (refusing to write through a symlink)"
            )
        if stat.S_ISDIR(st.st_mode):
            raise UserError(f"{path} はフォルダです。ファイル名を指定してください (is a folder)")
        if not stat.S_ISREG(st.st_mode):
            raise UserError(
                f"通常のファイルではないため書き出しません: {path}"
                " (not a regular file: device, FIFO or socket)"
            )
    parent = path.parent
    if not parent.is_dir():
        raise UserError(f"フォルダ {parent} がありません (folder does not exist)")
    refuse_protected(path, st, data_dir)
    if st is not None and read_only(path, st) and not force:
        raise UserError(
            f"読み取り専用のファイルです: {path}。上書きするには --force を付けてください"
            " (read-only file; use --force to replace it)"
        )
    return path


def write_out(
    out: str | os.PathLike,
    data: bytes,
    *,
    data_dir: str | os.PathLike | None = None,
    force: bool = False,
    mode: int = 0o600,
) -> Path | None:
    """Write `data` to the --out target (checked again just before writing); returns the
    file written, or None when it went to standard output."""
    path = check_out(out, data_dir=data_dir, force=force)
    if path is None:
        write_stdout(data)
        return None
    st = lstat(path)
    if force and os.name == "nt" and st is not None and read_only(path, st):
        os.chmod(path, stat.S_IREAD | stat.S_IWRITE)  # Windows will not replace a read-only file
    return atomic_write(path, data, mode=mode)


def write_stdout(data: bytes) -> None:
    stream = sys.stdout
    if stream is None or getattr(stream, "no_console", False):  # the windowed app
        raise UserError(
            "標準出力がありません。--out FILE で書き出し先を指定してください"
            " (no standard output: give --out FILE)"
        )
    stream.flush()
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(data.decode("utf-8", "replace"))
    else:
        buffer.write(data)
        buffer.flush()


def lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as e:
        raise UserError(f"書き出し先を確認できません: {path} ({e.strerror or e})") from e


def read_only(path: Path, st: os.stat_result) -> bool:
    # the mode bits, not only access(): root may write anything, yet 0444 says "keep this"
    return not st.st_mode & 0o222 or not os.access(path, os.W_OK)


def protected(data_dir: str | os.PathLike | None) -> list[Path]:
    places = [paths.data_dir(data_dir), paths.build_dir()]
    if paths.frozen():
        places.append(paths.root())
    return [resolved(p) for p in places]


def resolved(p: str | os.PathLike) -> Path:
    return Path(os.path.normcase(Path(p).resolve()))


def refuse_protected(path: Path, st: os.stat_result | None, data_dir) -> None:
    target = resolved(path)
    for place in protected(data_dir):
        if target == place or place in target.parents:
            raise UserError(
                f"ユーザーデータやカタログのフォルダ ({place}) の中には書き出せません: {path}。"
                "別の場所を指定してください (refusing to write inside the data or build folder)"
            )
        if st is not None and st.st_nlink > 1 and same_file_inside(st, place):
            raise UserError(
                f"{path} はユーザーデータのファイルと同じファイル (ハードリンク) です。"
                "別の場所に書き出してください (refusing to overwrite a link to the store)"
            )


def same_file_inside(st: os.stat_result, folder: Path) -> bool:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return False
    for entry in entries:
        try:
            other = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino):
            return True
    return False
