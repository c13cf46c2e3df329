"""Keep Python's None alive under PySide6 6.12 on CPython 3.11.

Measured here: with PySide6 6.12.0 on Python 3.11, every call of a C++ method that returns
void (QObject.setObjectName, QPainter.save, QTextDocument.setTextWidth…) returns None
without taking a reference, so None's reference count drops by one per call. After a few
thousand calls it reaches zero and the process aborts with "none_dealloc: deallocating
None" (seen in `bench ui` after ~1 s of typing). Python 3.12 made None immortal (PEP 683),
which is what the bindings assume. On 3.11 we do the same by hand: give None a reference
count so large that no session can use it up. None is never freed anyway; freeing it is
the fatal error. True and False get the same (a full UI session also drains True, by a path
not pinned down; `bench ui` then aborts with "bool_dealloc" at exit).
"""

from __future__ import annotations

import ctypes
import sys

BOOST = 1 << 40  # ~10^12 void calls


def guard_none() -> bool:
    """Make None, True and False effectively immortal on Python < 3.12, as 3.12 does.
    True if a boost was applied."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    applied = False
    for obj in (None, True, False):
        refcnt = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt: PyObject's first field
        if refcnt.value < BOOST:
            refcnt.value += BOOST
            applied = True
    return applied
