"""Bookmarks (toggle, picker, reorder, move, collections), notes (autosave, tab), brief."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.ui.models.bookmarks_model import BOOKMARK_ROLE
from desktop.userdata import DEFAULT_COLLECTION, UserStore
from tests.ui.conftest import click_item, reopen
from tests.ui.dialogs import brief_options, choose, press, save_as, type_and_accept

LEFT = Qt.MouseButton.LeftButton


def order(store, name=DEFAULT_COLLECTION):
    return [b.measure_id for b in store.bookmarks(name)]


def test_ctrl_d_toggles_the_bookmark(window, qtbot):
    store = window.ctx.store
    window.open_location("1-1-5")
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert store.collections_of("1-1-5") == [DEFAULT_COLLECTION]
    assert window.bookmark_button.text().startswith("★")
    assert window.bookmarks.model.find(DEFAULT_COLLECTION, "1-1-5").data(BOOKMARK_ROLE)
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert store.collections_of("1-1-5") == []
    assert window.bookmark_button.text().startswith("☆")


def test_collection_picker(window, qtbot, dialogs):
    store = window.ctx.store
    store.create_collection("12/3 局長レク")
    window.open_location("2-4")
    seen = []
    dialogs.expect(lambda menu: seen.append(menu.actions()) or choose("12/3 局長レク")(menu))
    # Ctrl+Shift+D opens the ★ button's ▾ menu from anywhere in the window
    qtbot.keyClick(
        window,
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    names = [a.text() for a in seen[0] if a.isCheckable()]
    assert names == [DEFAULT_COLLECTION, "12/3 局長レク"]
    assert store.collections_of("2-4") == ["12/3 局長レク"]
    window.open_location("2-5")
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert store.collections_of("2-5") == ["12/3 局長レク"]  # Ctrl+D uses the one picked last
    qtbot.mouseClick(window.bookmark_button, LEFT)  # the ★ part of the button: off again
    assert store.collections_of("2-5") == []


def test_drag_reorder_and_move_between_collections(window, qtbot):
    store = window.ctx.store
    for mid in ("1-1-1", "1-1-2", "1-1-3"):
        window.open_location(mid)
        window.toggle_bookmark(DEFAULT_COLLECTION)
    store.create_collection("レク")
    panel = window.bookmarks
    panel.reload()
    model = panel.model
    coll = model.index(0, 0)
    last = model.index(2, 0, coll)
    data = model.mimeData([last])
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, coll)
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, coll)  # to the top
    assert order(store) == ["1-1-3", "1-1-1", "1-1-2"]
    first = model.index(0, 0, model.index(0, 0))
    assert model.dropMimeData(
        model.mimeData([first]), Qt.DropAction.MoveAction, 3, 0, model.index(0, 0)
    )  # to the end (row counted before the move)
    assert order(store) == ["1-1-1", "1-1-2", "1-1-3"]
    # onto the other collection
    second = model.index(1, 0, model.index(0, 0))
    assert model.dropMimeData(
        model.mimeData([second]), Qt.DropAction.MoveAction, -1, 0, model.index(1, 0)
    )
    assert order(store) == ["1-1-1", "1-1-3"] and order(store, "レク") == ["1-1-2"]
    # reordering with the ↓ button
    window.show_tab(1)
    click_item(qtbot, panel.view, model.find(DEFAULT_COLLECTION, "1-1-1"))
    qtbot.mouseClick(panel.down_button, LEFT)
    assert order(store) == ["1-1-3", "1-1-1"]
    qtbot.mouseClick(panel.up_button, LEFT)
    assert order(store) == ["1-1-1", "1-1-3"]


def test_create_rename_delete_collection(window, qtbot, dialogs):
    from PySide6.QtWidgets import QMessageBox

    store = window.ctx.store
    panel = window.bookmarks
    window.show_tab(1)
    dialogs.expect(type_and_accept("勉強会"))
    qtbot.mouseClick(panel.new_button, LEFT)
    assert [c.name for c in store.collections()] == [DEFAULT_COLLECTION, "勉強会"]
    store.add_bookmark("1-1-1", "x", "勉強会")
    panel.reload()
    click_item(qtbot, panel.view, panel.model.find("勉強会", ""))
    dialogs.expect(type_and_accept("勉強会（改）"))
    qtbot.mouseClick(panel.rename_button, LEFT)
    assert [c.name for c in store.collections()] == [DEFAULT_COLLECTION, "勉強会（改）"]
    click_item(qtbot, panel.view, panel.model.find("勉強会（改）", ""))
    dialogs.expect(press(QMessageBox.StandardButton.No))
    qtbot.mouseClick(panel.delete_button, LEFT)  # deleting a collection with bookmarks asks
    assert "1 件" in dialogs.shown[-1].text and "勉強会（改）" in dialogs.shown[-1].text
    assert len(store.collections()) == 2
    dialogs.expect(press(QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(panel.delete_button, LEFT)
    assert [c.name for c in store.collections()] == [DEFAULT_COLLECTION]
    # the default collection can be neither renamed nor deleted: the buttons say so
    click_item(qtbot, panel.view, panel.model.find(DEFAULT_COLLECTION, ""))
    assert not panel.rename_button.isEnabled() and not panel.delete_button.isEnabled()
    assert not dialogs.errors()


def test_note_autosaves_and_survives_switch_and_restart(window, qtbot, open_window, tmp_path):
    window.open_location("1-1-10")
    window.editor.edit.setFocus()
    qtbot.keyClicks(window.editor.edit, "abc")
    assert window.editor.status.text() == "編集中…"
    qtbot.waitUntil(lambda: window.editor.status.text() == "保存済み")  # the timer saved it
    with UserStore.open() as other:  # a second connection sees it: it is committed
        assert other.get_note("1-1-10").text == "abc"
    qtbot.keyClicks(window.editor.edit, "def")
    window.open_location("1-1-11")  # switching saves at once
    with UserStore.open() as other:
        assert other.get_note("1-1-10").text == "abcdef"
    qtbot.keyClicks(window.editor.edit, "xyz")
    win2 = reopen(window, open_window)  # closing saves too
    win2.open_location("1-1-10")
    assert win2.editor.edit.toPlainText() == "abcdef"
    win2.open_location("1-1-11")
    assert win2.editor.edit.toPlainText() == "xyz"
    # the autosave amends: one typing session is one version, not one per keystroke
    assert len(win2.ctx.store.note_history("1-1-10")) == 0


def test_notes_tab_newest_first_and_history(window, qtbot):
    store = window.ctx.store
    window.open_location("1-1-1")
    window.editor.edit.setPlainText("一つ目")
    window.open_location("1-1-2")
    window.editor.edit.setPlainText("二つ目")
    window.open_location("1-1-3")
    assert window.notes.ids() == ["1-1-2", "1-1-1"]
    store.set_note("1-1-1", "x", "別の版")  # e.g. the CLI: the old text goes to history
    window.open_location("1-1-1")
    assert [v.text for v in store.note_history("1-1-1")] == ["一つ目"]
    window.show_tab(2)
    click_item(qtbot, window.notes.list, window.notes.list.indexFromItem(window.notes.list.item(1)))
    assert window.location == "1-1-1"


def test_brief_export_from_the_bookmarks_tab(window, qtbot, dialogs, tmp_path):
    store = window.ctx.store
    store.create_collection("レク")
    for mid in ("2-3", "1-1-28"):
        store.add_bookmark(mid, window.ctx.catalogue.require(mid).title, "レク")
    window.open_location("1-1-28")
    window.editor.edit.setFocus()
    qtbot.keyClicks(window.editor.edit, "youkakunin")
    window.bookmarks.reload()
    window.show_tab(1)
    click_item(qtbot, window.bookmarks.view, window.bookmarks.model.find("レク", ""))
    dialogs.expect(brief_options("md"), save_as(tmp_path / "brief.md"), press("OK"))
    qtbot.mouseClick(window.bookmarks.export_button, LEFT)
    dialogs.settle(qtbot)
    assert dialogs.kinds() == ["BriefDialog", "file", "information"], dialogs.shown
    md = tmp_path / "brief.md"
    text = md.read_text(encoding="utf-8")
    t1 = window.ctx.catalogue.require("2-3").title
    t2 = window.ctx.catalogue.require("1-1-28").title
    assert t1 in text and t2 in text and text.index(t1) < text.index(t2)
    assert "youkakunin" in text  # the note just typed, not saved yet by the timer
    dialogs.expect(brief_options("pdf"), save_as(tmp_path / "brief.pdf"), press("OK"))
    window.commands.brief.trigger()  # ファイル → ブリーフを作成…
    pdf = tmp_path / "brief.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert not dialogs.errors()
    doc = window.bookmarks.brief_document("レク")  # what printing prints
    assert t1 in doc.toPlainText()


def test_notes_tab_lists_orphans(window):
    from types import SimpleNamespace

    store = window.ctx.store
    store.set_note("1-1-1", "旧い施策名", "残すべきメモ")
    # a new edition without this measure: the note becomes an orphan, never dropped
    edition = SimpleNamespace(
        measures=[m for m in window.ctx.catalogue.measures if m.id != "1-1-1"]
    )
    store.relink(edition)
    window.notes.reload()
    texts = [window.notes.list.item(i).text() for i in range(window.notes.list.count())]
    assert any(t.startswith("施策集にない施策のメモ（1）") for t in texts)
    assert any("旧い施策名" in t for t in texts)


def test_collections_stay_open_after_a_change(window, qtbot):
    store = window.ctx.store
    store.create_collection("レク")
    for mid in ("1-1-1", "1-1-2"):
        store.add_bookmark(mid, "x", "レク")
    window.store_changed()
    window.show_tab(1)
    view, model = window.bookmarks.view, window.bookmarks.model
    qtbot.keyClick(view, Qt.Key.Key_Asterisk)  # expand all, from the keyboard
    view.expandAll()
    click_item(qtbot, view, model.find("レク", "1-1-2"))
    qtbot.mouseClick(window.bookmarks.delete_button, LEFT)
    assert all(view.isExpanded(model.index(r, 0)) for r in range(model.rowCount()))
