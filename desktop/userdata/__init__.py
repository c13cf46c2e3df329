"""The user's own data: notes, collections, bookmarks, highlights, tags; backups. Qt-free.

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
from desktop.userdata.highlights import UnknownHighlight
from desktop.userdata.records import (
    Bookmark,
    Collection,
    Highlight,
    Note,
    NoteVersion,
    Recovery,
    RelinkReport,
    Tag,
    TagRename,
)
from desktop.userdata.schema import COLOURS, DEFAULT_COLLECTION, HISTORY_KEEP, LATEST
from desktop.userdata.store import UserStore
from desktop.userdata.tags import UnknownTag, tag_name

__all__ = [
    "COLOURS",
    "DEFAULT_COLLECTION",
    "HISTORY_KEEP",
    "LATEST",
    "BadBackup",
    "Bookmark",
    "Collection",
    "Highlight",
    "Note",
    "NoteVersion",
    "Recovery",
    "RelinkReport",
    "StoreError",
    "StoreUnavailable",
    "StoreWriteError",
    "Tag",
    "TagRename",
    "UnknownCollection",
    "UnknownHighlight",
    "UnknownTag",
    "UserStore",
    "tag_name",
]
