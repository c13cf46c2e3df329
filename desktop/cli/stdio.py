"""Standard streams that never make a command fail.

- Encoding: output on Japanese Windows is cp932 when redirected (and wherever
  PYTHONIOENCODING says so), which cannot encode an emoji in a note: such characters become
  "?" instead of a UnicodeEncodeError. A Windows console gets UTF-8 (it takes any character).
- No console: the windowed executable starts with sys.stdout and sys.stderr set to None.
  They become NoConsole streams, so every print and write goes nowhere quietly; code that
  must have a real output (`export` to standard output) checks `has_console()`.
"""

from __future__ import annotations

import codecs
import io
import os
import sys


class NoConsole(io.TextIOBase):
    """Where output goes when the process has no console."""

    no_console = True
    encoding = "utf-8"

    def write(self, s: str) -> int:
        return len(s)

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False


def has_console(stream) -> bool:
    return stream is not None and not getattr(stream, "no_console", False)


def windows_console(stream) -> bool:
    raw = getattr(getattr(stream, "buffer", None), "raw", None)
    return type(raw).__name__ == "_WindowsConsoleIO"


def safe(stream):
    """The same stream, set never to raise on a character it cannot encode."""
    if stream is None:
        return NoConsole()
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is None:
        return stream
    try:
        if os.name == "nt" and windows_console(stream):
            reconfigure(encoding="utf-8", errors="replace")
        elif codecs.lookup(stream.encoding or "ascii").name != "utf-8":
            reconfigure(errors="replace")
    except (LookupError, OSError, ValueError):
        pass
    return stream


def setup() -> None:
    sys.stdout = safe(sys.stdout)
    sys.stderr = safe(sys.stderr)


def silence_stdout() -> None:
    """After a broken pipe (`shisaku tree | head`): point stdout at the null device so that
    Python's final flush does not print 'Exception ignored … BrokenPipeError'."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (AttributeError, OSError, ValueError):
        pass
