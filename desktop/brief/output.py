"""The one place the brief and the share file are written (switch here to a safer target
check, e.g. desktop/outfile.py, and every output follows)."""

from __future__ import annotations

import os
from pathlib import Path

from desktop.atomicfile import atomic_write


def save(path: str | os.PathLike, data: bytes) -> Path:
    """Write atomically (the old file or the whole new one), private: a brief and a share
    file may carry the user's notes."""
    return atomic_write(path, data, mode=0o600)
