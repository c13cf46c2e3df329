"""The search field: live search on every change, never while an IME composition is open.

There is no fixed delay: a change schedules the search for the moment the event loop is
free (a zero timer), so a keystroke is searched at once, and keys that arrived while the
previous search ran are searched together, once (the search is 1–20 ms; a fixed 150 ms
delay made every keystroke wait longer than the search itself; decision 0006).

Japanese is typed through an input method: until the user commits, the preedit text (e.g.
「ちほう」 before conversion) is not what they mean, so searching it would flash wrong
results. We track the preedit from QInputMethodEvent and only schedule a search when no
composition is open. Up/Down/Enter/Esc are forwarded to the window as signals.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QToolButton

from desktop.ui.a11y import describe

DEBOUNCE_MS = 0  # search when the event loop is free: coalesces queued keys, adds no wait


class SearchBox(QLineEdit):
    query_ready = Signal(str)  # the text to search (changes since the last one coalesced)
    move = Signal(int)  # -1 up, +1 down (also ±page)
    activated = Signal()  # Enter
    cleared = Signal()  # Esc

    def __init__(self, parent=None):
        super().__init__(parent)
        self.composing = False
        self.setClearButtonEnabled(True)
        describe(
            self,
            self.tr("施策を検索"),
            self.tr("入力すると検索します。↑↓ で結果を選び Enter で開く、Esc で解除 (Ctrl+K)"),
        )
        for b in self.findChildren(QToolButton):  # the clear (×) button inside the field
            describe(b, self.tr("検索語を消す"), self.tr("検索欄を空にする"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._fire)
        self.textChanged.connect(self._changed)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        self.composing = bool(event.preeditString())
        super().inputMethodEvent(event)
        if self.composing:
            self._timer.stop()
        elif event.commitString():
            self._timer.start()  # textChanged fired inside super() while still composing

    def _changed(self, _text: str) -> None:
        if self.composing:
            return
        self._timer.start()

    def _fire(self) -> None:
        if not self.composing:
            self.query_ready.emit(self.text())

    def pending(self) -> bool:
        return self._timer.isActive()

    def flush(self) -> None:
        """Search now (Enter before the scheduled search has run)."""
        if self._timer.isActive():
            self._timer.stop()
            self._fire()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if (
            key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp)
            and not self.composing
        ):
            step = {
                Qt.Key.Key_Down: 1,
                Qt.Key.Key_Up: -1,
                Qt.Key.Key_PageDown: 10,
                Qt.Key.Key_PageUp: -10,
            }[key]
            self.move.emit(step)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.composing:
            self.flush()
            self.activated.emit()
            return
        if key == Qt.Key.Key_Escape and not self.composing:
            self._timer.stop()
            self.cleared.emit()
            return
        super().keyPressEvent(event)


class ExactToggle(QToolButton):
    """「完全一致のみ」 beside the search box: on, the search shows exact matches only (no
    other spellings, no near matches). Its QAction (actions.py, Ctrl+Shift+K) holds the
    state; the window remembers it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setAutoRaise(False)

    def describe(self) -> None:
        """Name and description once the action is set (the action sets text and tip)."""
        describe(
            self,
            self.tr("完全一致のみ"),
            self.tr(
                "オンにすると入力どおりの語だけを検索し、別の表記や語の一部が一致する"
                "「近い結果」を出さない (Ctrl+Shift+K)"
            ),
            tooltip=True,
        )
