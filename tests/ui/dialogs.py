"""Answer modal dialogs and popup menus from the test, as a user would.

A button click or a key that opens a dialog blocks in the dialog's own event loop
(QDialog.exec, QMenu.exec). A repeating timer looks for the active modal dialog or popup
menu and hands it to the next scripted answer (or the default one), which types and
clicks in it with QTest. Everything shown is recorded, so a test can check that no error
dialog and no English developer message reached the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
)

from tests.ui.conftest import ime_commit

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")
DEVELOPER = re.compile(
    r"Traceback|Error\b|Exception|NoneType|object has no attribute|not bool|must be|"
    r"unexpected keyword|positional argument|\bNone\b|\bFalse\b|\bTrue\b"
)


def developer_english(text: str) -> bool:
    """A message a developer wrote for developers: no Japanese at all, or Python's words.

    The app's messages are Japanese, with an English gloss in parentheses at most."""
    text = text.strip()
    if not text:
        return False
    return not JAPANESE.search(text) or bool(DEVELOPER.search(text))


@dataclass
class Shown:
    kind: str  # "question", "information", "warning", "critical", "input", "file", "menu", …
    title: str
    text: str
    widget_class: str


def _kind(w) -> str:
    if isinstance(w, QMenu):
        return "menu"
    if isinstance(w, QMessageBox):
        return {
            QMessageBox.Icon.Question: "question",
            QMessageBox.Icon.Information: "information",
            QMessageBox.Icon.Warning: "warning",
            QMessageBox.Icon.Critical: "critical",
        }.get(w.icon(), "message")
    if isinstance(w, QInputDialog):
        return "input"
    if isinstance(w, QFileDialog):
        return "file"
    return type(w).__name__


def _text(w) -> str:
    if isinstance(w, QMessageBox):
        return "\n".join(x for x in (w.text(), w.informativeText()) if x)
    if isinstance(w, QInputDialog):
        return w.labelText()
    if isinstance(w, QMenu):
        return " | ".join(a.text() for a in w.actions())
    if type(w).__module__.startswith("desktop.") and QDialog in type(w).__bases__:
        # the app's own dialogs: what their labels say (Qt's dialogs, and the app's
        # subclasses of them, have Qt's labels, translated by Qt)
        return "\n".join(label.text() for label in w.findChildren(QLabel) if label.isVisible())
    return ""


# -- answers: each takes the dialog (or menu) widget ---------------------------------------


def reject(w) -> None:
    """Escape, like a user closing the dialog or menu."""
    QTest.keyClick(w.focusWidget() or w, Qt.Key.Key_Escape)


def enter(w) -> None:
    """Enter: the dialog's default button, from the keyboard."""
    QTest.keyClick(w.focusWidget() or w, Qt.Key.Key_Return)


def press(which):
    """Click a dialog's button: a message box's StandardButton, or any button's text."""

    def answer(box) -> None:
        if isinstance(which, str):
            found = [
                b
                for b in box.findChildren(QAbstractButton)
                if b.text().replace("&", "") == which and b.isVisible()
            ]
            button = found[0] if found else None
        else:
            button = box.button(which)
        assert button is not None, f"no button {which} in {_text(box)!r}"
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    return answer


def type_and_accept(text: str):
    """Type into the dialog's text field (Japanese through the input method) and press Enter."""

    def answer(dlg: QDialog) -> None:
        field = dlg.findChild(QLineEdit) or dlg.findChild(QPlainTextEdit)
        assert field is not None, f"no text field in {type(dlg).__name__}"
        field.setFocus()
        field.selectAll()
        QTest.keyClick(field, Qt.Key.Key_Delete)
        ime_commit(field, text)
        QTest.keyClick(field, Qt.Key.Key_Return)

    return answer


def choose(action_text: str):
    """Pick a menu entry with the keyboard: Down until it is active, then Enter."""

    def answer(menu: QMenu) -> None:
        targets = [a for a in menu.actions() if a.text().replace("&", "") == action_text]
        assert targets, f"no menu entry {action_text!r} in {[a.text() for a in menu.actions()]}"
        for _ in range(len(menu.actions()) + 1):
            if menu.activeAction() is targets[0]:
                break
            QTest.keyClick(menu, Qt.Key.Key_Down)
        assert menu.activeAction() is targets[0], f"cannot reach {action_text!r} by keyboard"
        QTest.keyClick(menu, Qt.Key.Key_Return)

    return answer


def _reactivate(owner) -> None:
    """What a window manager does when a dialog closes: its window is active again (the
    offscreen platform leaves no window active, and window shortcuts need one)."""
    if owner is not None and owner.isVisible():
        owner.activateWindow()


class Dialogs:
    """Scripted answers for the next dialogs; anything unscripted gets `default`."""

    def __init__(self, default=reject):
        self.answers: list = []
        self.shown: list[Shown] = []
        self.default = default
        self._answering: list = []
        self._timer = QTimer()
        self._timer.setInterval(15)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def expect(self, *answers) -> Dialogs:
        self.answers.extend(answers)
        return self

    def _poll(self) -> None:
        w = QApplication.activePopupWidget() or QApplication.activeModalWidget()
        if w is None or not w.isVisible() or w in self._answering:
            return
        self._answering.append(w)
        self.shown.append(Shown(_kind(w), w.windowTitle(), _text(w), type(w).__name__))
        answer = self.answers.pop(0) if self.answers else self.default
        # Answer from a fresh single-shot timer: an answer may open the next dialog (a menu
        # entry that asks for a name), and Qt never re-enters a timer that is still running,
        # so the polling timer must be free to see that one.
        QTimer.singleShot(0, lambda: self._answer(w, answer))

    def _answer(self, w, answer) -> None:
        parent = w.parentWidget()
        owner = parent.window() if parent is not None else None
        try:
            if w.isVisible():
                answer(w)
        except BaseException:
            if w.isVisible():  # never leave the test hanging in the dialog's loop
                reject(w)
            raise
        finally:
            self._answering.remove(w)
            _reactivate(owner)

    def settle(self, qtbot, timeout: int = 5000) -> None:
        """Wait until every scripted answer was given and no dialog or menu is open (some
        open a moment after the click: a push button's menu pops up from the event loop)."""

        def done() -> bool:
            open_now = QApplication.activePopupWidget() or QApplication.activeModalWidget()
            return not self.answers and not self._answering and open_now is None

        qtbot.waitUntil(done, timeout=timeout)

    def stop(self) -> None:
        self._timer.stop()

    def errors(self) -> list[Shown]:
        """Error dialogs and messages no user should read."""
        return [
            s for s in self.shown if s.kind in ("warning", "critical") or developer_english(s.text)
        ]

    def kinds(self) -> list[str]:
        return [s.kind for s in self.shown]


def save_as(path):
    """A save dialog: type the full file name and press Enter."""

    def answer(dlg: QFileDialog) -> None:
        assert isinstance(dlg, QFileDialog), f"expected a file dialog, got {type(dlg).__name__}"
        field = dlg.findChild(QLineEdit, "fileNameEdit") or dlg.findChild(QLineEdit)
        field.setFocus()
        field.selectAll()
        QTest.keyClick(field, Qt.Key.Key_Delete)
        ime_commit(field, str(path))
        QTest.keyClick(field, Qt.Key.Key_Return)

    return answer


open_file = save_as  # an open dialog: the same, for a file that exists


def click_box(box) -> None:
    """Click a check box or radio button on its box (its widget may be wider than its text)."""
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def brief_options(fmt: str | None = None, notes=None, bodies=None, action: str = "save", seen=None):
    """The brief dialog: click the format, tick or untick the boxes, then 保存… or
    印刷プレビュー…. `seen` (a list) gets the dialog's state as it opened."""

    def answer(dlg) -> None:
        assert type(dlg).__name__ == "BriefDialog", f"expected the brief dialog, got {dlg!r}"
        if seen is not None:
            seen.append(
                {
                    "format": dlg.choice().format,
                    "notes": dlg.notes.isChecked(),
                    "bodies": dlg.bodies.isChecked(),
                    "text": _text(dlg),
                }
            )
        if fmt is not None:
            click_box(dlg.radios[fmt])
            assert dlg.radios[fmt].isChecked()
        for box, want in ((dlg.notes, notes), (dlg.bodies, bodies)):
            if want is not None and box.isChecked() != want:
                click_box(box)
            assert want is None or box.isChecked() == want
        button = dlg.save_button if action == "save" else dlg.print_button
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    return answer


def print_to_file(path):
    """Qt's print dialog: type the PDF file to print to, then 印刷 (the button the dialog
    makes its default)."""

    def answer(dlg) -> None:
        field = dlg.findChild(QLineEdit, "filename")
        assert field is not None and field.isVisible(), "the print dialog offers no file"
        field.setFocus()
        field.selectAll()
        QTest.keyClick(field, Qt.Key.Key_Delete)
        QTest.keyClicks(field, str(path))
        QTest.keyClick(field, Qt.Key.Key_Return)

    return answer
