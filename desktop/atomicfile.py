"""Write a file so that readers see the old file or the whole new one, never a half."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from desktop.errors import UserError


def atomic_write(path: str | os.PathLike, data: bytes, mode: int = 0o600) -> Path:
    """Write `data` to a temp file beside `path`, fsync it, then os.replace it into place."""
    path = Path(path)
    folder = path.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise UserError(f"書き込めません: {path} ({e.strerror or e})") from e
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise UserError(
            f"書き込めません: {path} ({e.strerror or e})。既存のファイルは変更していません"
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
