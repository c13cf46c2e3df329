"""The user's own data: notes, collections, bookmarks; backups. Qt-free.

store = UserStore.open(data_dir)        # data_dir None: SHISAKU_DATA_DIR / platformdirs
if store.recovery: show(store.recovery.message)
store.relink(catalogue)
"""

from desktop.userdata.errors import (
    BadBackup,
    StoreError,
    StoreUnavailable,
    StoreWriteError,
    UnknownCollection,
)
from desktop.userdata.records import (
    Bookmark,
    Collection,
    Note,
    NoteVersion,
    Recovery,
    RelinkReport,
)
from desktop.userdata.schema import DEFAULT_COLLECTION, HISTORY_KEEP, LATEST
from desktop.userdata.store import UserStore

__all__ = [
    "DEFAULT_COLLECTION",
    "HISTORY_KEEP",
    "LATEST",
    "BadBackup",
    "Bookmark",
    "Collection",
    "Note",
    "NoteVersion",
    "Recovery",
    "RelinkReport",
    "StoreError",
    "StoreUnavailable",
    "StoreWriteError",
    "UnknownCollection",
    "UserStore",
]
