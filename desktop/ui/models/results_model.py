"""Search hits for the results list: one row per Hit, drawn by ResultDelegate.

When tier 2 found something (issue 10), two separator rows head the tiers — 「完全一致 N 件」
over the exact matches and 「近い結果 M 件」 over the rest — so a near match never reads as
an exact one. Separator rows can be neither selected nor opened; the keys skip them.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, Qt

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
BADGE_ROLE = Qt.ItemDataRole.UserRole + 3
SEPARATOR_ROLE = Qt.ItemDataRole.UserRole + 4  # the heading of a separator row, else None


def badge(m) -> str:
    """Short place label: 柱1 … 柱5 in 第1章, 第2章 for the support measures."""
    if m is None:
        return ""
    return f"柱{m.pillar}" if m.pillar is not None else f"第{m.chapter}章"


class ResultsModel(QAbstractListModel):
    def __init__(self, catalogue, parent: QObject | None = None, memo_label: str = "メモ"):
        super().__init__(parent)
        self._catalogue = catalogue
        self.memo_label = memo_label
        self.comment_label = "コメントに一致"
        self.tags: dict[str, list[str]] = {}  # the user's tags, said after the title
        self.hits: list = []
        self._badges: list[str] = []
        self._rows: list[int | str] = []  # a hit's index in `hits`, or a separator's heading
        self.total = 0

    def set_hits(self, hits: list, total: int, headings: tuple[str, str] | None = None) -> None:
        """`headings`: (exact, near) separator texts, shown when some hit is not exact."""
        self.beginResetModel()
        self.hits = list(hits)
        self._badges = [badge(self._catalogue.get(h.id)) for h in self.hits]
        self.total = total
        self._rows = list(range(len(self.hits)))
        if headings and any(_match(h) != "exact" for h in self.hits):
            exact = [i for i, h in enumerate(self.hits) if _match(h) == "exact"]
            rest = [i for i, h in enumerate(self.hits) if _match(h) != "exact"]
            self._rows = [headings[0], *exact, headings[1], *rest]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if self.is_separator(index.row()):
            return Qt.ItemFlag.NoItemFlags  # never selected, current or opened
        return super().flags(index)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if isinstance(row, str):
            if role in (
                Qt.ItemDataRole.DisplayRole,
                SEPARATOR_ROLE,
                Qt.ItemDataRole.AccessibleTextRole,
            ):
                return row
            return None
        h = self.hits[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return h.title
        if role == HIT_ROLE:
            return h
        if role == ID_ROLE:
            return h.id
        if role == BADGE_ROLE:
            return self._badges[row]
        if role == Qt.ItemDataRole.ToolTipRole:
            return with_tags(h.title, self.tags.get(h.id))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            # a hit found only in the user's note (or comment) says so first, as it shows
            title = with_tags(h.title, self.tags.get(h.id))
            if not getattr(h, "note_only", False):
                return title
            if getattr(h, "note_hit", False) or not getattr(h, "comment_hit", False):
                return f"{self.memo_label}: {title}"
            return f"{self.comment_label}: {title}"
        return None

    def is_separator(self, row: int) -> bool:
        return 0 <= row < len(self._rows) and isinstance(self._rows[row], str)

    def hit_rows(self) -> list[int]:
        """Rows that hold a hit, in order."""
        return [r for r, x in enumerate(self._rows) if not isinstance(x, str)]

    def row_of(self, measure_id: str | None) -> int:
        """The row of a measure's hit, -1 if it is not listed."""
        for r, x in enumerate(self._rows):
            if not isinstance(x, str) and self.hits[x].id == measure_id:
                return r
        return -1

    def hit(self, measure_id: str | None):
        """The listed hit of a measure, None if it is not listed."""
        for h in self.hits:
            if h.id == measure_id:
                return h
        return None

    def ids(self) -> list[str]:
        return [h.id for h in self.hits]


def with_tags(text: str, tags: list[str] | None) -> str:
    """A row's text with the user's tags after it, as the chips show them."""
    return f"{text}（タグ: {'、'.join(tags)}）" if tags else text


def _match(hit) -> str:
    return getattr(hit, "match", "exact")
