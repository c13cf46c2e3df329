"""The ヘルプ menu; one app per user and data folder; changes made outside the window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from desktop.ui import single_instance
from desktop.userdata import UserStore
from tests.ui.conftest import click_item
from tests.ui.dialogs import press

ROOT = Path(__file__).resolve().parents[2]


def help_text(dialogs) -> list[str]:
    texts: list[str] = []
    dialogs.expect(lambda dlg: texts.append(dlg.text.toPlainText()) or dlg.reject())
    return texts


def test_help_search_syntax(window, qtbot, dialogs):
    texts = help_text(dialogs)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialogs.settle(qtbot)
    for word in ("OR", "-観光", "府省庁:総務省", "柱:2", "タグ:要確認", "全角・半角"):
        assert word in texts[0]


def test_help_lists_every_shortcut(window, qtbot, dialogs):
    texts = help_text(dialogs)
    window.commands.help_keys.trigger()
    dialogs.settle(qtbot)
    for action in window.commands:
        for seq in action.shortcuts():
            assert seq.toString(QKeySequence.SequenceFormat.NativeText) in texts[0]


def test_help_says_where_notes_are_stored(window, qtbot, dialogs):
    texts = []

    def answer(dlg):
        texts.append(dlg.text.toPlainText())
        press("パスをコピー")(dlg)
        dlg.reject()

    dialogs.expect(answer)
    window.commands.help_data.trigger()
    dialogs.settle(qtbot)
    assert str(window.ctx.store.path) in texts[0]
    assert QApplication.clipboard().text() == str(window.ctx.store.path.parent)


def test_about_box(window, qtbot, dialogs):
    dialogs.expect(press("OK"))
    window.commands.about.trigger()
    dialogs.settle(qtbot)
    assert window.ctx.catalogue.meta["source_sha256"] in dialogs.shown[0].text


def test_server_names_differ_by_data_folder(tmp_path):
    a = single_instance.server_name(tmp_path / "a")
    b = single_instance.server_name(tmp_path / "b")
    assert a != b and a == single_instance.server_name(tmp_path / "a")
    assert a.startswith("shisaku-") and len(a) == len("shisaku-") + 16


def launch(*args):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [sys.executable, "-m", "desktop", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finished(qtbot, proc):
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=60000)
    return proc.communicate()


def test_second_launch_shows_the_window_or_refuses_a_bad_id(window, qtbot):
    server = single_instance.serve(window, os.environ["SHISAKU_DATA_DIR"])
    try:
        window.open_location("1-1-1")
        _out, err = finished(qtbot, proc := launch())  # plain `shisaku`: just show it
        assert proc.returncode == 0, err
        assert window.location == "1-1-1"
        _out, err = finished(qtbot, proc := launch("open", "9-9-9"))
        assert proc.returncode == 2 and "9-9-9" in err
        assert window.location == "1-1-1"
    finally:
        server.close()


def test_a_window_on_another_data_folder_is_not_disturbed(window, qtbot, tmp_path):
    server = single_instance.serve(window, os.environ["SHISAKU_DATA_DIR"])
    try:
        assert single_instance.hand_off(tmp_path / "other", "1-2-1") == (False, "")
        assert window.location != "1-2-1"
    finally:
        server.close()


def test_a_note_written_elsewhere_shows_while_not_typing(window, qtbot):
    window.open_location("1-1-12")
    with UserStore.open() as other:
        other.set_note("1-1-12", "x", "CLI から")
    qtbot.waitUntil(lambda: window.editor.edit.toPlainText() == "CLI から", timeout=5000)
    assert "CLI から" in window.notes.list.item(0).text()  # the メモ tab too


def test_orphan_note_can_be_read_and_deleted_from_the_notes_tab(window, qtbot, dialogs):
    from types import SimpleNamespace

    store = window.ctx.store
    store.set_note("1-1-1", "旧い施策名", "残すべきメモ")
    store.relink(
        SimpleNamespace(measures=[m for m in window.ctx.catalogue.measures if m.id != "1-1-1"])
    )
    window.notes.reload()
    window.show_tab(2)
    lst = window.notes.list
    row = next(i for i in range(lst.count()) if "旧い施策名" in lst.item(i).text())
    shown = []
    dialogs.expect(
        lambda dlg: shown.append(dlg.textValue()) or press("このメモを削除…")(dlg),
        press_yes,
    )
    click_item(qtbot, lst, lst.indexFromItem(lst.item(row)))
    dialogs.settle(qtbot)
    assert shown == ["残すべきメモ"]
    assert not store.orphan_notes()


def press_yes(box):
    from PySide6.QtWidgets import QMessageBox

    press(QMessageBox.StandardButton.Yes)(box)


def test_two_launches_at_once_end_in_one_window(window, qtbot):
    """The first launch holds the claim while it starts; the second waits for its window
    to listen and hands over instead of opening a second app."""
    from PySide6.QtCore import QTimer

    data = os.environ["SHISAKU_DATA_DIR"]
    claim = single_instance.claim(data)
    assert claim is not None and single_instance.claim(data) is None  # one at a time
    servers = []
    proc = launch("open", "1-4-3")
    QTimer.singleShot(1500, lambda: servers.append(single_instance.serve(window, data)))
    try:
        _out, err = finished(qtbot, proc)
        assert proc.returncode == 0, err
        assert window.location == "1-4-3"
    finally:
        for s in servers:
            s.close()
        claim.unlock()
    assert single_instance.claim(data) is not None  # free again


def test_a_second_launch_while_a_dialog_is_open_does_not_navigate(window, qtbot, dialogs):
    server = single_instance.serve(window, os.environ["SHISAKU_DATA_DIR"])
    window.open_location("1-1-1")
    results = []

    def answer(dlg):
        proc = launch("open", "1-2-3")
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=60000)
        results.append((proc.returncode, proc.communicate()[1]))
        dlg.reject()

    try:
        dialogs.expect(answer)
        window.commands.help_search.trigger()  # a modal dialog is open meanwhile
        dialogs.settle(qtbot, timeout=60000)
    finally:
        server.close()
    rc, err = results[0]
    assert rc == 2 and "ダイアログを閉じて" in err
    assert window.location == "1-1-1"
