"""The one place the brief and the share file are written: every target goes through
desktop.outfile (regular files only, never into the data folder, read-only only with
force, `-` for standard output), written whole and private (briefs carry notes)."""

from __future__ import annotations

import os
from pathlib import Path

from desktop.outfile import write_out


def save(
    path: str | os.PathLike, data: bytes, *, data_dir=None, force: bool = False
) -> Path | None:
    """Write atomically (the old file or the whole new one), mode 0600; None: stdout."""
    return write_out(path, data, data_dir=data_dir, force=force, mode=0o600)
