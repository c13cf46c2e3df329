"""No traceback reaches the user of the window: an exception escaping a Qt slot goes to one
shared dialog with 「詳細をコピー」 and to the error log (never note text)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QApplication, QPushButton

from desktop.ui import errors

SECRET = "議員への説明メモ"


@pytest.fixture
def hook(monkeypatch, tmp_path):
    """Our hook, as desktop.ui.app.run installs it (pytest-qt's own capture is off for
    these tests: see the qt_no_exception_capture marks)."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(errors, "_dialog", None)
    errors.install(tmp_path / "ud")
    yield tmp_path / "ud"
    if errors._dialog is not None:
        errors._dialog.close()


def boom_button(qtbot, exc):
    button = QPushButton("押す")
    qtbot.addWidget(button)
    button.show()

    def slot(_checked=False):
        raise exc

    button.clicked.connect(slot)
    return button


@pytest.mark.qt_no_exception_capture
def test_slot_exception_shows_one_dialog_and_logs_without_note_text(qtbot, hook):
    button = boom_button(qtbot, ValueError(f"could not handle {SECRET}"))
    qtbot.mouseClick(button, qtbot_left())
    qtbot.waitUntil(lambda: errors._dialog is not None and errors._dialog.isVisible())
    dlg = errors._dialog
    assert "予期しないエラー" in dlg.message.text() and "ValueError" in dlg.message.text()
    log = hook / "logs" / "shisaku.log"
    assert str(log) in dlg.message.text()
    assert SECRET not in dlg.message.text()

    qtbot.mouseClick(button, qtbot_left())  # a second error: the same dialog, counted
    assert errors._dialog is dlg and "ほかに 1 件" in dlg.more.text()

    assert dlg.copy_button.text() == "詳細をコピー"
    qtbot.mouseClick(dlg.copy_button, qtbot_left())
    copied = QApplication.clipboard().text()
    assert "ValueError" in copied and "test_gui_errors.py" in copied and SECRET not in copied
    assert dlg.isVisible()  # copying does not close it
    qtbot.mouseClick(dlg.close_button, qtbot_left())
    assert not dlg.isVisible()

    text = log.read_text(encoding="utf-8")
    assert text.count("ValueError") == 2 and SECRET not in text


@pytest.mark.qt_no_exception_capture
def test_a_user_error_in_a_slot_shows_its_message_only(qtbot, hook):
    from desktop.userdata import StoreWriteError

    button = boom_button(qtbot, StoreWriteError("変更を保存できませんでした: 使用中"))
    qtbot.mouseClick(button, qtbot_left())
    qtbot.waitUntil(lambda: errors._dialog is not None and errors._dialog.isVisible())
    assert errors._dialog.message.text() == "変更を保存できませんでした: 使用中"
    assert not (hook / "logs").exists()  # expected trouble, said plainly; nothing to log
    qtbot.mouseClick(errors._dialog.close_button, qtbot_left())


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
