"""Find in the open measure (Ctrl+F): every match marked, the current one selected and
scrolled to, 「3 / 12」 counted; Enter/F3 next, Shift+Enter/Shift+F3 previous, Esc closes.

Matching is width- and case-insensitive like search (ＡＩ finds ai), on the same
normalisation (db.analysis), mapped back to the document's own character positions.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTextEdit, QToolButton, QWidget

from desktop.ui.a11y import describe


def find_spans(text: str, needle: str) -> list[tuple[int, int]]:
    """(start, end) in `text` of every match of `needle`, normalised, substring-wise."""
    from db.analysis import normalize, normalize_map  # on first use, not before the paint

    want = normalize(needle)
    if not want:
        return []
    nm = normalize_map(text)
    out, k = [], nm.text.find(want)
    while k >= 0:
        out.append(nm.span(k, k + len(want)))
        k = nm.text.find(want, k + 1)
    return out


class FindField(QLineEdit):
    step = Signal(int)
    closed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            back = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            self.step.emit(-1 if back else 1)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.closed.emit()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    def __init__(self, view: QTextEdit, parent=None):
        super().__init__(parent)
        self.view = view
        self.spans: list[tuple[int, int]] = []
        self.index = -1
        self.field = FindField()
        self.field.setClearButtonEnabled(True)
        self.field.setPlaceholderText(self.tr("この施策の中を検索"))
        describe(
            self.field,
            self.tr("この施策の中を検索"),
            self.tr("開いている施策の本文から探します。Enter で次、Shift+Enter で前、Esc で閉じる"),
        )
        self.count = QLabel()
        self.count.setMinimumWidth(self.count.fontMetrics().horizontalAdvance("888 / 888 件"))
        self.prev_button = QToolButton()
        self.prev_button.setText(self.tr("前へ"))
        describe(self.prev_button, self.tr("前を検索"), self.tr("前の一致へ (Shift+F3)"), True)
        self.next_button = QToolButton()
        self.next_button.setText(self.tr("次へ"))
        describe(self.next_button, self.tr("次を検索"), self.tr("次の一致へ (F3)"), True)
        self.close_button = QToolButton()
        self.close_button.setText(self.tr("閉じる"))
        describe(
            self.close_button, self.tr("本文内検索を閉じる"), self.tr("検索をやめる (Esc)"), True
        )
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 2, 6, 2)
        lay.addWidget(self.field, 1)
        lay.addWidget(self.count)
        lay.addWidget(self.prev_button)
        lay.addWidget(self.next_button)
        lay.addWidget(self.close_button)
        self.field.textChanged.connect(lambda _t: self.refresh(keep=False))
        self.field.step.connect(self.step)
        self.field.closed.connect(self.close_bar)
        self.prev_button.clicked.connect(lambda _c=False: self.step(-1))
        self.next_button.clicked.connect(lambda _c=False: self.step(1))
        self.close_button.clicked.connect(lambda _c=False: self.close_bar())
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self.refresh(keep=False)

    def close_bar(self) -> None:
        self.hide()
        self.view.setExtraSelections([])
        self.view.setFocus()

    def refresh(self, keep: bool = True) -> None:
        """Find again (typed text changed, or another measure opened)."""
        if not self.isVisible():
            return
        text = self.view.document().toPlainText()
        self.spans = find_spans(text, self.field.text())
        if not keep or self.index >= len(self.spans):
            self.index = 0 if self.spans else -1
        self._show()

    def step(self, delta: int) -> None:
        if not self.isVisible():
            self.open_bar()
            return
        if not self.spans:
            self.refresh(keep=False)
        if self.spans:
            self.index = (self.index + delta) % len(self.spans)
        self._show()

    def _show(self) -> None:
        pal = self.view.palette()
        dark = pal.color(QPalette.ColorRole.Base).lightness() < 128
        others = QTextCharFormat()
        others.setBackground(QColor("#6b5a00" if dark else "#fff2a8"))
        current = QTextCharFormat()
        current.setBackground(QColor("#c77c00" if dark else "#ff9632"))
        current.setForeground(QColor("#000000"))
        selections = []
        doc = self.view.document()
        for i, (s, e) in enumerate(self.spans):
            sel = QTextEdit.ExtraSelection()
            sel.cursor = QTextCursor(doc)
            sel.cursor.setPosition(s)
            sel.cursor.setPosition(e, QTextCursor.MoveMode.KeepAnchor)
            sel.format = current if i == self.index else others
            selections.append(sel)
        self.view.setExtraSelections(selections)
        if self.index >= 0:
            s, e = self.spans[self.index]
            cursor = QTextCursor(doc)
            cursor.setPosition(s)
            self.view.setTextCursor(cursor)
            self.view.ensureCursorVisible()
            self.count.setText(self.tr("{0} / {1} 件").format(self.index + 1, len(self.spans)))
        else:
            self.count.setText(self.tr("見つかりません") if self.field.text().strip() else "")
        self.count.setAccessibleName(self.count.text())
