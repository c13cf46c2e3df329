"""Search hits for the results list: one row per Hit, drawn by ResultDelegate."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, Qt

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
BADGE_ROLE = Qt.ItemDataRole.UserRole + 3


def badge(m) -> str:
    """Short place label: 柱1 … 柱5 in 第1章, 第2章 for the support measures."""
    if m is None:
        return ""
    return f"柱{m.pillar}" if m.pillar is not None else f"第{m.chapter}章"


class ResultsModel(QAbstractListModel):
    def __init__(self, catalogue, parent: QObject | None = None):
        super().__init__(parent)
        self._catalogue = catalogue
        self.hits: list = []
        self._badges: list[str] = []
        self.total = 0

    def set_hits(self, hits: list, total: int) -> None:
        self.beginResetModel()
        self.hits = list(hits)
        self._badges = [badge(self._catalogue.get(h.id)) for h in self.hits]
        self.total = total
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        h = self.hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return h.title
        if role == HIT_ROLE:
            return h
        if role == ID_ROLE:
            return h.id
        if role == BADGE_ROLE:
            return self._badges[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return h.title
        return None

    def ids(self) -> list[str]:
        return [h.id for h in self.hits]
