"""The status bar's message, with 「元に戻す」 next to it after a change that can be undone
(like a mail client's "Message deleted · Undo"). The message fades after a while; Ctrl+Z
keeps working after that."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from desktop.ui.a11y import describe

SHOW_MS = 12000


class Notice(QWidget):
    undo_clicked = Signal()
    shown = Signal(str)  # every message, as shown

    def __init__(self, parent=None):
        super().__init__(parent)
        self.label = QLabel()
        self.undo_button = QToolButton()
        self.undo_button.setText(self.tr("元に戻す"))
        describe(
            self.undo_button,
            self.tr("元に戻す"),
            self.tr("直前の変更を取り消す (Ctrl+Z)"),
            tooltip=True,
        )
        self.undo_button.clicked.connect(lambda _c=False: self.undo_clicked.emit())
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 0, 4, 0)
        lay.addWidget(self.label)
        lay.addWidget(self.undo_button)
        lay.addStretch(1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear)
        self.clear()

    def show_message(self, text: str, undoable: bool = False, ms: int = SHOW_MS) -> None:
        self.label.setText(text)
        self.label.setAccessibleName(text)
        self.undo_button.setVisible(undoable)
        self._timer.start(ms)
        self.shown.emit(text)

    def clear(self) -> None:
        self.label.setText("")
        self.undo_button.hide()

    def text(self) -> str:
        return self.label.text()
