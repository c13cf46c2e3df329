"""The base of UserStore's parts (notes, bookmarks, highlights, tags, relink).

Each part is a mixin whose methods run in the store's transactions; this names what they
use of UserStore (store.py defines it all) so that the type check sees it. Nothing here
exists at run time beyond an empty class.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING


class StoreMixin:
    path: Path
    read_only: str  # why the store is read-only (a full disk); "" when writable

    if TYPE_CHECKING:

        def _read(self) -> AbstractContextManager[sqlite3.Connection]: ...

        def _write(self) -> AbstractContextManager[sqlite3.Connection]: ...
