"""The search row above the panes: 戻る/進む, the search box, 完全一致のみ and the filter
lists. When one row cannot show the lists' 「すべての…」 labels whole (a narrow window, a
large zoom), the lists move to a second row; back in one row once it fits again."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

BOX_MIN_CHARS = 10  # the search box keeps room for this many 全角 characters in one row


class TopBar(QWidget):
    def __init__(self, lead: list, box, tail: list, filters, parent=None):
        super().__init__(parent)
        self.box, self.filters = box, filters
        self._fixed = [*lead, *tail]
        rows = QVBoxLayout(self)
        rows.setContentsMargins(6, 6, 6, 0)
        rows.setSpacing(4)
        self.row1, self.row2 = QHBoxLayout(), QHBoxLayout()
        for w in lead:
            self.row1.addWidget(w)
        # the lists take as much as the search box (on a 1024-pixel screen at zoom 0 their
        # 「すべての府省庁」 must not be cut; the box's placeholder may be)
        self.row1.addWidget(box, 1)
        for w in tail:
            self.row1.addWidget(w)
        self.row1.addWidget(filters, 1)
        rows.addLayout(self.row1)
        rows.addLayout(self.row2)
        self.two_rows = False

    def one_row_width(self) -> int:
        """The width one row needs: the buttons as they wish, the box its minimum, the lists
        their labels whole."""
        m = self.layout().contentsMargins()
        gaps = max(0, self.row1.spacing()) * (len(self._fixed) + 1)
        box = self.box.fontMetrics().horizontalAdvance("検" * BOX_MIN_CHARS)
        fixed = sum(w.sizeHint().width() for w in self._fixed)
        return m.left() + m.right() + gaps + fixed + box + self.filters.labels_width()

    def fit(self) -> None:
        two = self.width() < self.one_row_width()
        if two != self.two_rows:
            self.two_rows = two
            (self.row1 if two else self.row2).removeWidget(self.filters)
            (self.row2 if two else self.row1).addWidget(self.filters, 1)
        # in one row the lists take their labels' width from the box; in two, the whole row
        self.filters.keep_labels_whole(not two)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # zoom
            # the widths set for the old font must not widen the window; fit() sets them
            # again once the lists have the new font
            self.filters.keep_labels_whole(False)
            QTimer.singleShot(0, self.fit)
