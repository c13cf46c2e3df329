"""Rows whose trailing group moves to a second row when one row cannot hold it whole (a
narrow window, a large zoom), and back once it fits again: the search row (the filter
lists' 「すべての…」 labels) and the reader's header (★, 引用, 印刷). Without it a zoomed
window grew wider than a 1024-pixel screen, or cut the lists' labels."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

BOX_MIN_CHARS = 10  # the search box keeps room for this many 全角 characters in one row


class WrapRow(QWidget):
    """[lead…] main [tail…] [group] in one row, or the group alone in a second row.
    `main` stretches and keeps room for `main_chars` 全角 characters; the group needs
    `group_width()`. Subclasses may react in fitted() and before_font_change()."""

    def __init__(self, lead, main, tail, group, group_width, main_chars: int, margins, parent=None):
        super().__init__(parent)
        self.main, self.group, self.group_width = main, group, group_width
        self.main_chars = main_chars
        self._fixed = [*lead, *tail]
        rows = QVBoxLayout(self)
        rows.setContentsMargins(*margins)
        rows.setSpacing(4)
        self.row1, self.row2 = QHBoxLayout(), QHBoxLayout()
        for w in lead:
            self.row1.addWidget(w)
        self.row1.addWidget(main, 1)
        for w in tail:
            self.row1.addWidget(w)
        self.row1.addWidget(group, self.group_stretch())
        rows.addLayout(self.row1)
        rows.addLayout(self.row2)
        self.two_rows = False

    def group_stretch(self) -> int:
        return 0

    def minimumSizeHint(self) -> QSize:
        """As narrow as two rows can be, in either layout: the row's width must never widen
        the window (a zoom would push it off a small screen); it wraps instead (fit())."""
        hint = super().minimumSizeHint()
        m = self.layout().contentsMargins()
        first = [*self._fixed, self.main]
        gaps = max(0, self.row1.spacing()) * (len(first) - 1)
        row = sum(w.minimumSizeHint().width() for w in first) + gaps
        width = m.left() + m.right() + max(row, self.group.minimumSizeHint().width())
        return QSize(min(hint.width(), width), hint.height())

    def one_row_width(self) -> int:
        """The width one row needs: the fixed widgets as they wish, `main` its room, the
        group its width."""
        m = self.layout().contentsMargins()
        gaps = max(0, self.row1.spacing()) * (len(self._fixed) + 1)
        main = self.main.fontMetrics().horizontalAdvance("検" * self.main_chars)
        fixed = sum(w.sizeHint().width() for w in self._fixed)
        return m.left() + m.right() + gaps + fixed + main + self.group_width()

    def overflow(self) -> int:
        """How far the window sticks out of its screen's free area (0 when it does not)."""
        win = self.window()
        screen = win.screen() if win is not self else None
        if screen is None or not win.isVisible():
            return 0
        return max(0, win.frameGeometry().width() - screen.availableGeometry().width())

    def fit(self, zoomed: bool = False) -> None:
        """One row or two for the width this row has. After a zoom (`zoomed`) of a window
        that was on its screen, what the zoom made stick out does not count: the row wraps
        and the window is fitted back (a window the user made wider than the screen stays)."""
        over = self.overflow() if zoomed else 0
        two = self.width() - over < self.one_row_width()
        if over and two and not self.two_rows:
            from desktop.ui import geometry

            QTimer.singleShot(0, lambda: geometry.fit_window(self.window()))
        if two != self.two_rows:
            self.two_rows = two
            (self.row1 if two else self.row2).removeWidget(self.group)
            # a group that does not stretch stands at the right of its own row
            right = two and not self.group_stretch()
            align = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag(0)
            (self.row2 if two else self.row1).addWidget(self.group, self.group_stretch(), align)
        self.fitted(two)

    def fitted(self, two_rows: bool) -> None:
        pass

    def before_font_change(self) -> None:
        pass

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # zoom
            on_screen = self.overflow() == 0
            self.before_font_change()
            # once the children have the new font (and the window, maybe, a new width)
            QTimer.singleShot(0, lambda: self.fit(zoomed=on_screen))


class TopBar(WrapRow):
    """The search row: 戻る/進む, the search box, 完全一致のみ and the filter lists, which
    take as much as the box (on a 1024-pixel screen at zoom 0 their 「すべての府省庁」 must not
    be cut; the box's placeholder may be) and keep their labels whole."""

    def __init__(self, lead: list, box, tail: list, filters, parent=None):
        self.filters = filters
        super().__init__(
            lead, box, tail, filters, filters.labels_width, BOX_MIN_CHARS, (6, 6, 6, 0), parent
        )
        self.box = box

    def group_stretch(self) -> int:
        return 1

    def fitted(self, two_rows: bool) -> None:
        # in one row the lists take their labels' width from the box; in two, the whole row
        self.filters.keep_labels_whole(not two_rows)

    def before_font_change(self) -> None:
        # the widths set for the old font must not widen the window
        self.filters.keep_labels_whole(False)
