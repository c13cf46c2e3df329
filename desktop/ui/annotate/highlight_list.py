"""The メモ tab's highlights: grouped by measure in reading order (the catalogue's order,
then the body's), each with its colour, passage and comment; then the orphans — passages
no longer found in this edition's text — shown apart and kept.

Enter or a click on a highlight opens its measure with the passage selected and scrolled
into view; on a measure, opens it. The right-click menu edits the comment or deletes (the
window does both, with undo)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QMenu, QTreeWidget, QTreeWidgetItem

from desktop.ui.a11y import describe
from desktop.ui.annotate.colours import COLOUR_LABELS, swatch
from desktop.userdata.highlights import reading_order

HIGHLIGHT_ROLE = Qt.ItemDataRole.UserRole + 1
MEASURE_ROLE = Qt.ItemDataRole.UserRole + 2
PASSAGE = 40  # characters of a passage in its row (the tooltip has it whole)


def one_line(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def colour_icon(colour: str, dark: bool) -> QIcon:
    sw = swatch(colour, dark)
    pix = QPixmap(12, 12)
    pix.fill(QColor(sw.background))
    p = QPainter(pix)
    p.setPen(QColor(sw.underline))
    p.drawRect(0, 0, 11, 11)
    p.fillRect(0, 9, 12, 3, QColor(sw.underline))
    p.end()
    return QIcon(pix)


class HighlightList(QTreeWidget):
    open_highlight = Signal(object)  # a Highlight (placed or orphan)
    open_measure = Signal(str)
    edit_comment = Signal(object)
    delete = Signal(object)

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self._shown: tuple = ()
        self.setHeaderHidden(True)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setRootIsDecorated(True)
        describe(
            self,
            self.tr("ハイライト"),
            self.tr(
                "施策ごとのハイライト（施策集の順）。Enter またはクリックでその箇所を開く。"
                "右クリックでコメントの編集・削除"
            ),
        )
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)

    def reload(self) -> int:
        """Read the store again (only redrawn when something changed). Returns how many."""
        items = reading_order(self.ctx.store.highlights(), self.ctx.catalogue)
        shown = tuple(
            (h.uid, h.measure_id, h.start, h.end, h.colour, h.comment, h.orphan, h.exact)
            for h in items
        )
        if shown == self._shown:
            return len(items)
        self._shown = shown
        current = self.currentItem().data(0, HIGHLIGHT_ROLE) if self.currentItem() else None
        scroll = self.verticalScrollBar().value()
        self.clear()
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        cat = self.ctx.catalogue
        groups: dict[str, QTreeWidgetItem] = {}
        orphans: QTreeWidgetItem | None = None
        orphan_count = sum(h.orphan for h in items)
        for h in items:
            if h.orphan:
                if orphans is None:
                    orphans = QTreeWidgetItem(
                        [self.tr("本文に見つからないハイライト（{0}）").format(orphan_count)]
                    )
                    orphans.setToolTip(
                        0,
                        self.tr(
                            "施策集が作り直され、この版の本文に見つからなくなった箇所。"
                            "消さずに残しています（同じ文が戻れば元の場所に付きます）"
                        ),
                    )
                    self.addTopLevelItem(orphans)
                parent = orphans
            else:
                parent = groups.get(h.measure_id)
                if parent is None:
                    m = cat.get(h.measure_id)
                    where = cat.label(m) if m else h.measure_id
                    parent = QTreeWidgetItem([f"{where}　{m.title if m else h.title}"])
                    parent.setData(0, MEASURE_ROLE, h.measure_id)
                    parent.setToolTip(0, m.title if m else h.title)
                    groups[h.measure_id] = parent
                    self.addTopLevelItem(parent)
            parent.addChild(self._row(h, dark))
        self.expandAll()
        if current is not None:
            self.select_uid(current.uid)
        self.verticalScrollBar().setValue(scroll)
        return len(items)

    def _row(self, h, dark: bool) -> QTreeWidgetItem:
        text = f"「{one_line(h.exact, PASSAGE)}」"
        if h.comment:
            text += "\n　" + one_line(h.comment, PASSAGE)
        if h.orphan:
            text = f"{h.title}（{h.measure_id}）\n{text}"
        item = QTreeWidgetItem([text])
        item.setData(0, HIGHLIGHT_ROLE, h)
        item.setIcon(0, colour_icon(h.colour, dark))
        colour = COLOUR_LABELS.get(h.colour, h.colour)
        tip = f"{self.tr('ハイライト（{0}）').format(colour)}\n「{h.exact}」"
        if h.comment:
            tip += "\n" + self.tr("コメント: {0}").format(h.comment)
        item.setToolTip(0, tip)
        return item

    def rows(self) -> list:
        """The highlights as listed, top to bottom (placed ones, then orphans)."""
        out = []
        for i in range(self.topLevelItemCount()):
            top = self.topLevelItem(i)
            out.extend(top.child(j).data(0, HIGHLIGHT_ROLE) for j in range(top.childCount()))
        return out

    def item_of(self, uid: str) -> QTreeWidgetItem | None:
        for i in range(self.topLevelItemCount()):
            top = self.topLevelItem(i)
            for j in range(top.childCount()):
                h = top.child(j).data(0, HIGHLIGHT_ROLE)
                if h is not None and h.uid == uid:
                    return top.child(j)
        return None

    def select_uid(self, uid: str) -> None:
        item = self.item_of(uid)
        if item is not None:
            self.setCurrentItem(item)
            self.scrollToItem(item)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        h = item.data(0, HIGHLIGHT_ROLE)
        if h is not None:
            self.open_highlight.emit(h)
            return
        mid = item.data(0, MEASURE_ROLE)
        if mid:
            self.open_measure.emit(mid)

    def context_menu(self, item: QTreeWidgetItem) -> QMenu:
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        h = item.data(0, HIGHLIGHT_ROLE) if item is not None else None
        if h is None:
            return menu
        menu.addAction(self.tr("開く")).triggered.connect(
            lambda _c=False: self.open_highlight.emit(h)
        )
        menu.addAction(self.tr("コメントを編集…")).triggered.connect(
            lambda _c=False: self.edit_comment.emit(h)
        )
        menu.addAction(self.tr("ハイライトを削除")).triggered.connect(
            lambda _c=False: self.delete.emit(h)
        )
        return menu

    def _context_menu(self, pos: QPoint) -> None:
        item = self.itemAt(pos)
        if item is None or item.data(0, HIGHLIGHT_ROLE) is None:
            return
        self.setCurrentItem(item)
        self.context_menu(item).exec(self.viewport().mapToGlobal(pos))
