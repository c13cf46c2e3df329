"""This process's resident memory, for the benchmarks: a module of its own, importing
nothing heavy, so that reading the memory does not itself add to it (decision 0007)."""

from __future__ import annotations

import os
import sys


def resident_mb() -> float | None:
    """Resident memory now (Linux /proc/self/statm; None where there is no /proc)."""
    if sys.platform == "win32":  # neither /proc nor os.sysconf
        return None
    try:
        with open("/proc/self/statm", encoding="utf-8") as f:
            pages = int(f.read().split()[1])
        return round(pages * os.sysconf("SC_PAGE_SIZE") / 2**20, 1)
    except (OSError, ValueError, AttributeError, IndexError):
        return None
