"""Write a file so that readers see the old file or the whole new one, never a half."""

from __future__ import annotations

import errno
import os
import tempfile
import time
from pathlib import Path

from desktop.errors import UserError

# Windows refuses to replace a file another program holds open (antivirus scanning it, Excel,
# a second reader) with PermissionError, usually for a moment only: retry for about 1.5 s.
REPLACE_DELAYS_S = (0.05, 0.1, 0.2, 0.4, 0.8)
FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


def reason(e: OSError) -> str:
    """The cause in the user's words (the OS's own text as the gloss)."""
    if e.errno in FULL:
        return f"ディスクの空きがありません (disk full: {e.strerror})"
    if isinstance(e, PermissionError):
        return (
            "アクセスが拒否されました。他のプログラム（Excel など）で開いていれば閉じてください"
            f" (permission denied or file in use: {e.strerror or e})"
        )
    return e.strerror or str(e)


def retry_in_use(fn, *args):
    """fn(*args), retried while Windows says a file is in use (PermissionError)."""
    for delay in REPLACE_DELAYS_S:
        try:
            return fn(*args)
        except PermissionError:
            time.sleep(delay)
    return fn(*args)


def replace_retrying(src: str | os.PathLike, dst: str | os.PathLike) -> None:
    """os.replace, retried while the target is held open by another process (Windows)."""
    retry_in_use(os.replace, src, dst)


def atomic_write(path: str | os.PathLike, data: bytes, mode: int = 0o600) -> Path:
    """Write `data` to a temp file beside `path`, fsync it, then os.replace it into place.

    The temp file is created with `mode` from the start (mkstemp makes it 0600; fchmod on the
    open file, never by name): nothing of a private brief is ever readable by others."""
    path = Path(path)
    folder = path.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise UserError(f"書き込めません: {path} ({reason(e)})") from e
    try:
        with os.fdopen(fd, "wb") as f:
            if hasattr(os, "fchmod"):
                os.fchmod(f.fileno(), mode)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        replace_retrying(tmp, path)
    except OSError as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise UserError(
            f"書き込めません: {path} ({reason(e)})。既存のファイルは変更していません"
        ) from e
    fsync_dir(folder)
    return path


def fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no directory handles for this)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
