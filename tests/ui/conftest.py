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
