"""A real main window over the session's catalogue and index, with the test's own user data
folder (SHISAKU_DATA_DIR is set per test by the top-level conftest)."""

from __future__ import annotations

import pytest


@pytest.fixture
def open_window(qtbot):
    """Factory: open a window (again) on the test's data folder; closed at teardown."""
    from desktop.ui.context import AppContext
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings

    opened = []

    def make():
        ctx = AppContext.open()
        win = MainWindow(ctx, Settings.open())
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        opened.append((win, ctx))
        return win

    yield make
    for win, ctx in opened:
        if win.isVisible():
            win.close()
        ctx.close()


@pytest.fixture
def window(open_window):
    return open_window()


def ime_commit(widget, text: str) -> None:
    """Japanese arrives as an input method commit (QTest cannot type non-Latin-1 keys)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    ev = QInputMethodEvent("", [])
    ev.setCommitString(text)
    QApplication.sendEvent(widget, ev)


def ime_preedit(widget, text: str) -> None:
    """An open composition: text shown under the cursor, not yet committed."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    QApplication.sendEvent(widget, QInputMethodEvent(text, []))


def search(qtbot, win, text: str) -> None:
    """Type like a user (through the input method) and wait for the debounced results."""
    win.search_box.setFocus()
    win.search_box.clear()
    ime_commit(win.search_box, text)
    qtbot.waitUntil(
        lambda: win.left.currentWidget() is win.results and win.query == text, timeout=5000
    )


def reopen(win, open_window):
    """Close the window like the user does and start a fresh one on the same data."""
    win.close()
    win.ctx.close()
    return open_window()


@pytest.fixture
def dialogs():
    """Answers the modal dialogs and popup menus the test opens (see tests/ui/dialogs.py)."""
    from tests.ui.dialogs import Dialogs

    d = Dialogs()
    yield d
    d.stop()


def button(parent, text: str):
    """The visible button whose text (without the & of its mnemonic) is `text`."""
    from PySide6.QtWidgets import QAbstractButton

    found = [
        b
        for b in parent.findChildren(QAbstractButton)
        if b.text().replace("&", "") == text and b.isVisible()
    ]
    assert len(found) == 1, f"{len(found)} visible buttons named {text!r}"
    return found[0]


def click_item(qtbot, view, index, button=None, double=False) -> None:
    """Click a row of a list or tree with the mouse (on its text)."""
    from PySide6.QtCore import Qt

    view.scrollTo(index)
    rect = view.visualRect(index)
    assert rect.isValid(), "the row is not on screen"
    pos = rect.center()
    b = button or Qt.MouseButton.LeftButton
    if double:
        qtbot.mouseDClick(view.viewport(), b, pos=pos)
    else:
        qtbot.mouseClick(view.viewport(), b, pos=pos)


def click_link(qtbot, view, href_start: str) -> str:
    """Click the first link in a QTextBrowser whose href starts with `href_start`."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor

    doc = view.document()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            href = frag.charFormat().anchorHref()
            if frag.isValid() and href.startswith(href_start):
                cursor = QTextCursor(doc)
                cursor.setPosition(frag.position() + min(1, frag.length() // 2))
                view.setTextCursor(cursor)
                view.ensureCursorVisible()
                rect = view.cursorRect(cursor)
                pos = rect.center()
                pos.setX(pos.x() - 2 if frag.length() > 1 else pos.x())
                qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
                return href
            it += 1
        block = block.next()
    raise AssertionError(f"no link {href_start!r} in the view")


def choose_in_combo(qtbot, combo, index: int) -> None:
    """Pick a combo box entry with the keyboard, as a user does: focus, Home, ↓ until there
    (the lists refill their counts after each step, so the entry is followed by its data)."""
    from PySide6.QtCore import Qt

    want = combo.itemData(index)
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == want:
            break
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == want


def right_click(qtbot, view, index) -> None:
    """A right click on a row: the press, then the context menu event a platform sends."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication

    view.scrollTo(index)
    pos = view.visualRect(index).center()
    vp = view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.RightButton, pos=pos)
    qtbot.mouseRelease(vp, Qt.MouseButton.RightButton, pos=pos)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, vp.mapToGlobal(pos))
    QApplication.sendEvent(vp, event)


def run_python(code: str, *args: str, env: dict | None = None) -> list[str]:
    """`python -c CODE ARGS…` from the checkout, offscreen, as a fresh process (start-up
    tests); its output lines. Fails with its stderr if it exits non-zero."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    r = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    return r.stdout.splitlines()


def window_keys(qtbot, win, key, modifiers) -> None:
    """A shortcut pressed in the window, not in a text field (where Ctrl+Z and Ctrl+Y undo
    typing), the window active again as a window manager makes it when a dialog closes."""
    from PySide6.QtWidgets import QApplication

    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=2000)
    win.tree.setFocus()
    qtbot.keyClick(win, key, modifiers)


def ctrl_z(qtbot, win) -> None:
    from PySide6.QtCore import Qt

    window_keys(qtbot, win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
