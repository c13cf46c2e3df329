"""Bookmarks (toggle, picker, reorder, move, collections), notes (autosave, tab), brief."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.ui.models.bookmarks_model import BOOKMARK_ROLE
from desktop.userdata import DEFAULT_COLLECTION, UserStore
from tests.ui.conftest import reopen


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


def test_collection_picker(window):
    store = window.ctx.store
    window.bookmarks.create_collection("12/3 局長レク")
    window.open_location("2-4")
    window._fill_bookmark_menu()
    names = [a.text() for a in window.bookmark_menu.actions() if a.isCheckable()]
    assert names == [DEFAULT_COLLECTION, "12/3 局長レク"]
    [a for a in window.bookmark_menu.actions() if a.text() == "12/3 局長レク"][0].trigger()
    assert store.collections_of("2-4") == ["12/3 局長レク"]
    window.open_location("2-5")
    window.toggle_bookmark()  # Ctrl+D now uses the collection picked last
    assert store.collections_of("2-5") == ["12/3 局長レク"]


def test_drag_reorder_and_move_between_collections(window):
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
    # keyboard reordering with the ↓ button
    panel.select(DEFAULT_COLLECTION, "1-1-1")
    panel.move_selected(1)
    assert order(store) == ["1-1-3", "1-1-1"]


def test_create_rename_delete_collection(window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    store = window.ctx.store
    panel = window.bookmarks
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("勉強会", True))
    assert panel.create_collection() == "勉強会"
    store.add_bookmark("1-1-1", "x", "勉強会")
    panel.reload()
    panel.select("勉強会")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("勉強会（改）", True))
    panel.rename_collection()
    assert [c.name for c in store.collections()] == [DEFAULT_COLLECTION, "勉強会（改）"]
    panel.select("勉強会（改）")
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No
    )
    assert not panel.delete_selected()  # deleting asks; "No" keeps it
    assert "1 件" in asked[0] and "勉強会（改）" in asked[0]
    assert len(store.collections()) == 2
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert panel.delete_selected()
    assert [c.name for c in store.collections()] == [DEFAULT_COLLECTION]


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
    window.notes.list.item(1).setSelected(True)
    window.notes._activated(window.notes.list.item(1))
    assert window.location == "1-1-1"


def test_brief_export_from_the_bookmarks_tab(window, tmp_path):
    store = window.ctx.store
    store.create_collection("レク")
    for mid in ("2-3", "1-1-28"):
        window.open_location(mid)
        window.toggle_bookmark("レク")
    window.editor.edit.setPlainText("要確認")
    window.bookmarks.reload()
    window.bookmarks.select("レク")
    md = window.bookmarks.export_brief(tmp_path / "brief.md", "md")
    text = md.read_text(encoding="utf-8")
    t1 = window.ctx.catalogue.require("2-3").title
    t2 = window.ctx.catalogue.require("1-1-28").title
    assert t1 in text and t2 in text and text.index(t1) < text.index(t2)
    assert "要確認" in text
    pdf = window.bookmarks.export_brief(tmp_path / "brief.pdf", "pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
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
