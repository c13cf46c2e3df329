"""The error log: what went wrong inside the app, for the user to send to whoever supports
them, in the user data folder (logs/shisaku.log, rotated: 3 × 256 KB, private).

It never holds note text. An exception's message can quote data (SQLite's decode error
quoted the whole note), so a record has the exception's type, its error code where it has one,
and the stack as file, line and function names: never the message, never variables.
"""

from __future__ import annotations

import errno as errno_names
import logging
import os
import platform
import sqlite3
import sys
import traceback
from datetime import datetime
from logging.handlers import RotatingFileHandler
from pathlib import Path

from desktop import __version__, paths

LOG_DIR = "logs"
LOG_NAME = "shisaku.log"
MAX_BYTES = 256 * 1024
BACKUPS = 3
PACKAGE_ROOT = Path(__file__).resolve().parent.parent


class PrivateRotatingFileHandler(RotatingFileHandler):
    """RotatingFileHandler whose files are created 0600 (the mode means nothing on Windows,
    where the data folder in the user's profile is private by its ACL)."""

    def _open(self):
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(self.baseFilename, flags, 0o600)
        return open(fd, "a", encoding=self.encoding, errors="replace")


def code_of(exc: BaseException) -> str:
    """The error code, which says what happened without quoting any data."""
    if isinstance(exc, OSError) and exc.errno is not None:
        return f"errno {exc.errno} {errno_names.errorcode.get(exc.errno, '')}".strip()
    if isinstance(exc, sqlite3.Error):
        return getattr(exc, "sqlite_errorname", "") or ""
    return ""


def where(filename: str) -> str:
    """Our files relative to the package, others by name only (no user name from a path)."""
    try:
        return Path(filename).resolve().relative_to(PACKAGE_ROOT).as_posix()
    except (ValueError, OSError):
        return Path(filename).name


def describe(exc: BaseException | None) -> str:
    """Type, error code and stack of `exc` and the exceptions it came from."""
    lines: list[str] = []
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen and len(seen) < 5:
        seen.add(id(exc))
        code = code_of(exc)
        name = f"{type(exc).__module__}.{type(exc).__qualname__}".removeprefix("builtins.")
        lines.append(name + (f" [{code}]" if code else ""))
        for f in traceback.extract_tb(exc.__traceback__):
            lines.append(f"  {where(f.filename)}:{f.lineno} in {f.name}")
        nxt = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
        if nxt is not None:
            lines.append("while handling / caused by:")
        exc = nxt
    return "\n".join(lines)


def log_path(data_dir: str | os.PathLike | None = None) -> Path:
    return paths.data_dir(data_dir) / LOG_DIR / LOG_NAME


def record(exc: BaseException, data_dir: str | os.PathLike | None = None) -> Path | None:
    """Append `exc` to the log; its path, or None if the log cannot be written (the caller
    still tells the user what happened)."""
    path = log_path(data_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler = PrivateRotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError:
        return None
    try:
        head = (
            f"{datetime.now().astimezone().isoformat(timespec='seconds')} shisaku {__version__}"
            f" python {platform.python_version()} {sys.platform}"
            f"{' frozen' if paths.frozen() else ''}"
        )
        msg = logging.LogRecord("shisaku", logging.ERROR, "", 0, "%s", None, None)
        msg.msg, msg.args = f"{head}\n{describe(exc)}\n", None
        handler.emit(msg)
    finally:
        handler.close()
    return path if path.exists() else None
