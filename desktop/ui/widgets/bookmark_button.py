"""The ★ button: a checkable toggle whose text names the collection Ctrl+D adds to, with a
▾ menu to pick another collection or make a new one.

Checked means "this measure is in the named collection", so the state is in the text, in
the check state screen readers announce, and in the glyph. The menu opens from the
keyboard too (Alt+↓, F4 or the menu key while the button has focus; Ctrl+Shift+D anywhere).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QMenu, QToolButton

from desktop.ui.a11y import describe

MENU_KEYS = (Qt.Key.Key_F4, Qt.Key.Key_Menu)


class BookmarkButton(QToolButton):
    toggle_requested = Signal()
    menu_requested = Signal()  # fill the menu before it shows

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setCheckable(True)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.picker = QMenu(self)
        self.picker.aboutToShow.connect(self.menu_requested)
        self.setMenu(self.picker)
        # clicked(bool) would pass the new check state: the window decides, not the click
        self.clicked.connect(lambda _checked=False: self.toggle_requested.emit())
        self.target = ""
        self.show_state("", [], False)

    def show_state(self, target: str, inside: list[str], enabled: bool) -> None:
        """target: the collection Ctrl+D uses; inside: every collection holding the measure."""
        self.target = target
        checked = target in inside
        self.setEnabled(enabled)
        self.setChecked(enabled and checked)
        self.setText(f"{'★' if checked else '☆'} {target}")
        others = [c for c in inside if c != target]
        tip = (
            self.tr("「{0}」から外す (Ctrl+D)") if checked else self.tr("「{0}」に追加 (Ctrl+D)")
        ).format(target)
        if others:
            tip += "\n" + self.tr("ほかの登録先: {0}").format("、".join(others))
        tip += "\n" + self.tr("▾ で追加先のコレクションを選ぶ (Ctrl+Shift+D)")
        self.setToolTip(tip)
        describe(
            self,
            self.tr("ブックマーク「{0}」").format(target),
            tip.replace("\n", "。"),
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        alt_down = event.key() == Qt.Key.Key_Down and (
            event.modifiers() & Qt.KeyboardModifier.AltModifier
        )
        if alt_down or event.key() in MENU_KEYS:
            self.showMenu()
            return
        super().keyPressEvent(event)
