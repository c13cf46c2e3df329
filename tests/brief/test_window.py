"""The window's export menus come from the one registry, and a new format is written from
the ファイル menu like a user does it: trigger the action, answer the save dialog and the
message. Printing paints the same document as the PDF."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox

from desktop.brief import FORMATS


@pytest.fixture
def window(qtbot):
    from desktop.ui.context import AppContext
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings

    ctx = AppContext.open()
    win = MainWindow(ctx, Settings.open())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    ctx.close()


def answer_modals(qtbot, path, seen: list) -> None:
    """Fill in the save dialog with `path`, then close the 「書き出しました」 message."""

    def step():
        w = QApplication.activeModalWidget()
        if isinstance(w, QFileDialog):
            # type the name into the dialog's file name field, as a user does (selectFile
            # keeps the suggested name when the file does not exist yet)
            w.findChild(QLineEdit, "fileNameEdit").setText(str(path))
            assert w.selectedFiles() == [str(path)]
            seen.append(("dialog", w.nameFilters()))
            w.accept()
        elif isinstance(w, QMessageBox):
            seen.append(("message", w.text()))
            w.accept()
            return
        QTimer.singleShot(50, step)

    QTimer.singleShot(50, step)


def test_every_registered_format_is_in_the_file_menu(window):
    assert list(window.commands.exports()) == list(FORMATS)
    for key, action in window.commands.exports().items():
        assert FORMATS[key].name in action.text()


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_a_new_format_is_written_from_the_file_menu(window, qtbot, tmp_path, fmt):
    store = window.ctx.store
    store.create_collection("レク")
    for mid in ("2-3", "1-1-28"):
        window.open_location(mid)
        window.toggle_bookmark("レク")
    window.bookmarks.reload()
    window.bookmarks.select("レク")
    out = tmp_path / f"brief.{fmt}"
    seen: list = []
    answer_modals(qtbot, out, seen)
    window.commands.exports()[fmt].trigger()
    qtbot.waitUntil(lambda: any(k == "message" for k, _ in seen), timeout=30000)
    assert out.exists(), seen
    assert seen[0] == ("dialog", [FORMATS[fmt].filter])
    assert out.read_bytes().startswith(b"PK")


def test_an_empty_collection_is_refused_with_a_message(window, qtbot, tmp_path):
    window.ctx.store.create_collection("空")
    window.bookmarks.reload()
    window.bookmarks.select("空")
    out = tmp_path / "empty.pdf"
    seen: list = []
    answer_modals(qtbot, out, seen)
    window.commands.exports()["pdf"].trigger()
    qtbot.waitUntil(lambda: any(k == "message" for k, _ in seen), timeout=10000)
    assert "施策がない" in dict(seen)["message"] and not out.exists()
