"""The 目次 tree. Type-ahead finds a measure by any part of its title (normalised like
search: ＡＩ = ai), because Japanese titles rarely start with what one remembers. A measure's
tags show as chips at the right of its row (TocDelegate)."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QStyledItemDelegate, QTreeView

from desktop.ui.a11y import describe
from desktop.ui.models.toc_model import LOCATION_ROLE, TocModel
from desktop.ui.widgets.tag_chips import chip_at, chips_width, paint_chips


class TocDelegate(QStyledItemDelegate):
    """The default row; a measure with tags gets its title cut shorter and chips after it.
    `tags`: {measure id: [tag, …]}, set by the window from one read of the store."""

    tag_clicked = Signal(str)  # a chip was clicked: search that tag

    def __init__(self, parent=None):
        super().__init__(parent)
        self.tags: dict[str, list[str]] = {}

    def _row_tags(self, index) -> list[str] | None:
        return self.tags.get(index.data(LOCATION_ROLE) or "") if self.tags else None

    def _layout(self, option, index):
        """(style option, text rect, chips' width) of a row with tags, as painted."""
        # QStyle's Python enums cost ~9 ms: made by the first row with tags, not by the
        # window's first paint (decision 0007)
        from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget else QApplication.style()
        r = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        return opt, r, chips_width(opt.font, self._row_tags(index), r.width() / 2)

    def editorEvent(self, event, model, option, index) -> bool:
        """A click on a chip searches its tag (the row's menu offers the same)."""
        tags = self._row_tags(index)
        if (
            tags
            and event.type() == QEvent.Type.MouseButtonRelease
            and event.button() == Qt.MouseButton.LeftButton
        ):
            opt, r, chips = self._layout(option, index)
            area = QRectF(r.right() - chips, r.top(), chips, r.height())
            name = chip_at(opt.font, area, tags, event.position())
            if name is not None:
                self.tag_clicked.emit(name)
                return True
        return super().editorEvent(event, model, option, index)

    def paint(self, painter, option, index) -> None:
        tags = self._row_tags(index)
        if not tags:
            super().paint(painter, option, index)
            return
        from PySide6.QtWidgets import QStyle

        opt, r, chips = self._layout(option, index)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(opt.palette.color(role))
        room = int(r.width() - chips)
        painter.drawText(
            r.adjusted(0, 0, -int(chips), 0),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            opt.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, room),
        )
        paint_chips(
            painter,
            QRectF(r.right() - chips, r.top(), chips, r.height()),
            tags,
            opt.palette,
            selected,
        )
        painter.restore()


class TocView(QTreeView):
    tag_clicked = Signal(str)  # a tag chip of a row was clicked

    def __init__(self, model: TocModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        delegate = TocDelegate(self)
        delegate.tag_clicked.connect(self.tag_clicked)
        self.setItemDelegate(delegate)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setExpandsOnDoubleClick(True)
        describe(
            self,
            self.tr("目次"),
            self.tr(
                "章・柱・施策。クリックまたは ↑↓ で施策を開く。文字を入力すると施策名の一部で探す"
            ),
        )
        self.toc = model
        self._typed = ""
        self._typed_at = 0.0
        self._labels: list | None = None  # normalised labels in tree order, on first use

    def keyboardSearch(self, search: str) -> None:
        now = time.monotonic()
        if now - self._typed_at > QApplication.keyboardInputInterval() / 1000:
            self._typed = ""
        self._typed_at = now
        self._typed += search
        self.find(self._typed)

    @property
    def _norm(self) -> list:
        """(node, normalised label) in tree order; built on the first type-ahead, not at
        start-up (it normalises every label)."""
        if self._labels is None:
            from db.analysis import normalize

            self._labels = [(n, normalize(n.label)) for n in self.toc.all_nodes()]
        return self._labels

    def find(self, text: str) -> bool:
        """Select the next node (after the current one, wrapping) whose label contains text."""
        from db.analysis import normalize  # on the first type-ahead, not at start-up

        needle = normalize(text)
        if not needle:
            return False
        cur = self.currentIndex()
        start = 0
        if cur.isValid():
            node = self.toc.node(cur)
            for i, (n, _) in enumerate(self._norm):
                if n is node:
                    # the same node still matches while the user keeps typing
                    start = i if needle in self._norm[i][1] else i + 1
                    break
        order = self._norm[start:] + self._norm[:start]
        for node, label in order:
            if needle in label:
                self.setCurrentIndex(self.toc.index_of(node.key))
                return True
        return False
