"""ブックマーク: collections → bookmarks in the user's order, with drag and drop.

The store is the truth: every drop is one store call (move within a collection, transfer
to another), then the model reloads. Orphans (measure gone from the catalogue) are listed
but cannot be dragged; they are reachable by key only.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, QObject, Qt, Signal

MIME = "application/x-shisaku-bookmark"
COLLECTION_ROLE = Qt.ItemDataRole.UserRole + 1  # collection name (both levels)
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # measure id ("" on collections)
BOOKMARK_ROLE = Qt.ItemDataRole.UserRole + 3  # the Bookmark record


class BookmarksModel(QAbstractItemModel):
    # a drop moved a bookmark: (bookmark before the move, target collection, still in
    # source only because the target had it already) — for undo
    moved = Signal(object, str, bool)

    def __init__(
        self, store, parent: QObject | None = None, orphan_label: str = "（施策集にありません）"
    ):
        super().__init__(parent)
        self.store = store
        self.orphan_label = orphan_label
        self.collections: list = []
        self.items: list[list] = []
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.collections = self.store.collections()
        self.items = [self.store.bookmarks(c.name) for c in self.collections]
        self.endResetModel()

    # Internal ids: 0 for a collection row, collection row + 1 for a bookmark row.
    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0:
            return QModelIndex()
        if not parent.isValid():
            return (
                self.createIndex(row, 0, 0) if 0 <= row < len(self.collections) else QModelIndex()
            )
        if parent.internalId() == 0 and 0 <= row < len(self.items[parent.row()]):
            return self.createIndex(row, 0, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.collections)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self.items[parent.row()])
        return 0

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def bookmark(self, index: QModelIndex):
        if index.isValid() and index.internalId() > 0:
            return self.items[index.internalId() - 1][index.row()]
        return None

    def collection_name(self, index: QModelIndex) -> str | None:
        if not index.isValid():
            return None
        row = index.row() if index.internalId() == 0 else index.internalId() - 1
        return self.collections[row].name

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        b = self.bookmark(index)
        if b is None:
            c = self.collections[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{c.name}（{c.count}）"
            if role == COLLECTION_ROLE:
                return c.name
            if role == ID_ROLE:
                return ""
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{b.title} {self.orphan_label}" if b.orphan else b.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{b.measure_id} {b.title}"
        if role == COLLECTION_ROLE:
            return b.collection
        if role == ID_ROLE:
            return b.measure_id
        if role == BOOKMARK_ROLE:
            return b
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        b = self.bookmark(index)
        if b is None:
            return base | Qt.ItemFlag.ItemIsDropEnabled
        return base if b.orphan else base | Qt.ItemFlag.ItemIsDragEnabled

    def find(self, collection: str, measure_id: str) -> QModelIndex:
        for r, c in enumerate(self.collections):
            if c.name == collection:
                for k, b in enumerate(self.items[r]):
                    if b.measure_id == measure_id and not b.orphan:
                        return self.index(k, 0, self.index(r, 0))
                return self.index(r, 0)
        return QModelIndex()

    # -- drag and drop ------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes) -> QMimeData:
        rows = [
            (b.collection, b.measure_id)
            for b in map(self.bookmark, indexes)
            if b is not None and not b.orphan
        ]
        data = QMimeData()
        data.setData(MIME, json.dumps(rows[:1], ensure_ascii=False).encode("utf-8"))
        return data

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return data.hasFormat(MIME) and self.drop_target(row, parent) is not None

    def drop_target(self, row: int, parent: QModelIndex) -> tuple[str, int | None] | None:
        """(collection, insertion row or None for the end) of a drop at row under parent."""
        if not parent.isValid():
            return None
        if parent.internalId() > 0:  # dropped onto a bookmark: insert before it
            return self.collection_name(parent), parent.row()
        return self.collection_name(parent), (row if row >= 0 else None)

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if not data.hasFormat(MIME) or action != Qt.DropAction.MoveAction:
            return False
        target = self.drop_target(row, parent)
        try:
            rows = json.loads(bytes(data.data(MIME)).decode("utf-8"))
        except ValueError:
            return False
        if target is None or not rows:
            return False
        source, measure_id = rows[0]
        return self.move(measure_id, source, target[0], target[1])

    def move(self, measure_id: str, source: str, target: str, row: int | None) -> bool:
        """Move a bookmark to insertion `row` (as counted before the move) of `target`."""
        marks = self.store.bookmarks(source)
        before = next((b for b in marks if b.measure_id == measure_id and not b.orphan), None)
        if before is None:
            return False
        merged = False
        if source == target:
            n = len(marks)
            final = n - 1 if row is None else (row - 1 if row > before.position else row)
            final = max(0, min(final, n - 1))
            if final == before.position:
                return False
            self.store.move_bookmark(measure_id, source, final)
        else:
            merged = not self.store.transfer_bookmark(measure_id, source, target, row)
        self.reload()
        self.moved.emit(before, target, merged)
        return True
