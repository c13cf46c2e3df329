"""Undo (Ctrl+Z and 「元に戻す」 in the status bar) for deleting a collection or a bookmark,
moving, renaming and clearing a note; deleting a non-empty collection asks first."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from desktop.userdata import DEFAULT_COLLECTION, UserStore
from tests.ui.conftest import click_item, ctrl_z, right_click, window_keys
from tests.ui.dialogs import choose, press, type_and_accept

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier


def marks(store, name=DEFAULT_COLLECTION):
    return [b.measure_id for b in store.bookmarks(name)]


def names(store):
    return [c.name for c in store.collections()]


def seed(win, name="レク", ids=("1-1-1", "1-1-2", "1-1-3")):
    store = win.ctx.store
    store.create_collection(name)
    for mid in ids:
        store.add_bookmark(mid, win.ctx.catalogue.require(mid).title, name)
    win.store_changed()
    win.show_tab(1)
    win.bookmarks.view.expandAll()
    return store


def test_deleting_a_collection_asks_and_ctrl_z_brings_it_back(window, qtbot, dialogs):
    store = seed(window)
    window.settings.set("target_collection", "レク")
    click_item(qtbot, window.bookmarks.view, window.bookmarks.model.find("レク", ""))
    dialogs.expect(press(QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(window.bookmarks.delete_button, LEFT)
    assert dialogs.kinds() == ["question"]
    assert names(store) == [DEFAULT_COLLECTION]
    assert "レク" in window.notice.text() and window.notice.undo_button.isVisible()
    assert DEFAULT_COLLECTION in window.bookmark_button.text()  # the target is gone
    ctrl_z(qtbot, window)
    assert names(store) == [DEFAULT_COLLECTION, "レク"]
    assert marks(store, "レク") == ["1-1-1", "1-1-2", "1-1-3"]  # in their order
    assert "元に戻しました" in window.notice.text()
    window.open_location("1-1-9")
    assert "レク" in window.bookmark_button.text()  # and it is the target again


def test_an_empty_collection_goes_without_asking_and_the_button_undoes(window, qtbot, dialogs):
    store = window.ctx.store
    store.create_collection("空")
    window.store_changed()
    window.show_tab(1)
    click_item(qtbot, window.bookmarks.view, window.bookmarks.model.find("空", ""))
    qtbot.mouseClick(window.bookmarks.delete_button, LEFT)
    assert dialogs.kinds() == [] and names(store) == [DEFAULT_COLLECTION]
    qtbot.mouseClick(window.notice.undo_button, LEFT)  # 「元に戻す」 in the status bar
    assert names(store) == [DEFAULT_COLLECTION, "空"]
    assert not window.notice.undo_button.isVisible()


def test_removing_a_bookmark_by_star_or_button_is_undone(window, qtbot):
    store = seed(window)
    window.open_location("1-1-2")
    window.set_target_collection("レク")
    qtbot.mouseClick(window.bookmark_button, LEFT, pos=QPoint(6, 6))  # ★ → off
    assert marks(store, "レク") == ["1-1-1", "1-1-3"]
    ctrl_z(qtbot, window)
    assert marks(store, "レク") == ["1-1-1", "1-1-2", "1-1-3"]  # back in its place
    assert window.bookmark_button.isChecked()
    click_item(qtbot, window.bookmarks.view, window.bookmarks.model.find("レク", "1-1-3"))
    qtbot.mouseClick(window.bookmarks.delete_button, LEFT)
    assert marks(store, "レク") == ["1-1-1", "1-1-2"]
    ctrl_z(qtbot, window)
    assert marks(store, "レク") == ["1-1-1", "1-1-2", "1-1-3"]


def test_moves_are_undone_buttons_and_drag(window, qtbot):
    store = seed(window)
    seed(window, "別", ("2-1",))
    panel = window.bookmarks
    click_item(qtbot, panel.view, panel.model.find("レク", "1-1-1"))
    qtbot.mouseClick(panel.down_button, LEFT)
    assert marks(store, "レク") == ["1-1-2", "1-1-1", "1-1-3"]
    ctrl_z(qtbot, window)
    assert marks(store, "レク") == ["1-1-1", "1-1-2", "1-1-3"]
    # drag 1-1-3 onto the collection 「別」
    drop(panel.view, panel.model.find("レク", "1-1-3"), panel.model.find("別", ""))
    assert marks(store, "レク") == ["1-1-1", "1-1-2"] and marks(store, "別") == ["2-1", "1-1-3"]
    ctrl_z(qtbot, window)
    assert marks(store, "レク") == ["1-1-1", "1-1-2", "1-1-3"] and marks(store, "別") == ["2-1"]


def drop(view, source_index, target_index) -> None:
    """A drag of one row onto another, entered where QAbstractItemView.dropEvent enters the
    model. (A real mouse drag needs a platform drag loop, which the offscreen platform the
    suite runs on does not have: QDrag.exec returns at once there.)"""
    model = view.model()
    data = model.mimeData([source_index])
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, 0, target_index)
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, target_index)


def test_rename_is_undone(window, qtbot, dialogs):
    store = seed(window)
    click_item(qtbot, window.bookmarks.view, window.bookmarks.model.find("レク", ""))
    dialogs.expect(type_and_accept("局長レク"))
    qtbot.mouseClick(window.bookmarks.rename_button, LEFT)
    assert names(store) == [DEFAULT_COLLECTION, "局長レク"]
    ctrl_z(qtbot, window)
    assert names(store) == [DEFAULT_COLLECTION, "レク"]


def test_clearing_a_note_is_undone(window, qtbot):
    window.open_location("1-1-7")
    window.editor.edit.setFocus()
    qtbot.keyClicks(window.editor.edit, "keep me")
    assert window.editor.autosave.flush()
    window.commands.clear_note.trigger()  # 編集 → メモを空にする
    assert window.editor.edit.toPlainText() == ""
    with UserStore.open() as other:
        assert other.get_note("1-1-7").text == ""
    ctrl_z(qtbot, window)
    assert window.editor.edit.toPlainText() == "keep me"
    with UserStore.open() as other:
        assert other.get_note("1-1-7").text == "keep me"


def test_ctrl_z_in_the_note_undoes_typing_not_the_store(window, qtbot):
    store = seed(window)
    click_item(qtbot, window.bookmarks.view, window.bookmarks.model.find("レク", "1-1-1"))
    qtbot.mouseClick(window.bookmarks.delete_button, LEFT)
    window.open_location("1-1-9")
    window.editor.edit.setFocus()
    qtbot.keyClicks(window.editor.edit, "abc")
    qtbot.keyClick(window.editor.edit, Qt.Key.Key_Z, CTRL)
    assert window.editor.edit.toPlainText() == ""  # the editor's own undo
    assert marks(store, "レク") == ["1-1-2", "1-1-3"]  # the bookmark is still gone


def test_context_menu_remove_and_undo(window, qtbot, dialogs):
    store = seed(window)
    view = window.bookmarks.view
    idx = window.bookmarks.model.find("レク", "1-1-2")
    dialogs.expect(choose("ブックマークを外す"))
    right_click(qtbot, view, idx)
    dialogs.settle(qtbot)
    assert marks(store, "レク") == ["1-1-1", "1-1-3"]
    ctrl_z(qtbot, window)
    assert marks(store, "レク") == ["1-1-1", "1-1-2", "1-1-3"]


def test_undo_after_the_cli_took_the_name_loses_nothing(window, qtbot, dialogs):
    store = seed(window)
    click_item(qtbot, window.bookmarks.view, window.bookmarks.model.find("レク", ""))
    dialogs.expect(press(QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(window.bookmarks.delete_button, LEFT)
    with UserStore.open() as other:  # meanwhile, the CLI makes a new 「レク」
        other.create_collection("レク")
    ctrl_z(qtbot, window)
    assert names(store) == [DEFAULT_COLLECTION, "レク", "レク（復元）"]
    assert marks(store, "レク（復元）") == ["1-1-1", "1-1-2", "1-1-3"]
    assert not dialogs.errors()


SHIFT = Qt.KeyboardModifier.ShiftModifier


def redo_keys(qtbot, win, key=Qt.Key.Key_Z, mods=CTRL | SHIFT):
    window_keys(qtbot, win, key, mods)


def test_redo_makes_an_undone_change_again_until_a_new_change(window, qtbot, dialogs):
    """Ctrl+Shift+Z and Ctrl+Y (編集 → やり直す) after Ctrl+Z: the collection is deleted
    again, brought back again, and a new change forgets what was undone."""
    store = seed(window)
    redo = window.commands.redo
    assert not redo.isEnabled() and redo.text() == "やり直す"
    click_item(qtbot, window.bookmarks.view, window.bookmarks.model.find("レク", ""))
    dialogs.expect(press(QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(window.bookmarks.delete_button, LEFT)
    ctrl_z(qtbot, window)
    assert names(store) == [DEFAULT_COLLECTION, "レク"]
    assert redo.isEnabled() and redo.text().startswith("やり直す: コレクション「レク」")
    redo_keys(qtbot, window)  # Ctrl+Shift+Z
    assert names(store) == [DEFAULT_COLLECTION]
    assert "やり直しました" in window.notice.text() and not redo.isEnabled()
    ctrl_z(qtbot, window)
    redo_keys(qtbot, window, Qt.Key.Key_Y, CTRL)  # Ctrl+Y
    assert names(store) == [DEFAULT_COLLECTION]
    ctrl_z(qtbot, window)
    assert marks(store, "レク") == ["1-1-1", "1-1-2", "1-1-3"]
    # a new change: nothing left to redo
    window.open_location("1-1-9")
    qtbot.mouseClick(window.bookmark_button, LEFT)  # ★ into the target collection
    assert not redo.isEnabled()
    redo_keys(qtbot, window, Qt.Key.Key_Y, CTRL)  # does nothing: the new bookmark stays
    assert names(store) == [DEFAULT_COLLECTION, "レク"] and "1-1-9" in marks(store)
    assert not dialogs.errors()


def test_highlight_changes_are_redone_as_they_were(window, qtbot):
    """A highlight made, recoloured and deleted: each undone and redone through the keys,
    the same uid back each time."""
    from tests.ui.annot_helpers import key_select

    window.open_location("1-1-28")
    view, store = window.view, window.ctx.store
    key_select(qtbot, view, 10, 30)
    qtbot.keyClick(view, Qt.Key.Key_H, CTRL | SHIFT)
    [h] = store.highlights("1-1-28")
    ctrl_z(qtbot, window)
    assert store.highlights("1-1-28") == []
    redo_keys(qtbot, window)
    assert store.get_highlight(h.uid) == h  # the same highlight, uid and times
    view.setFocus()
    view.place_caret(h.start + 1)
    qtbot.keyClick(view, Qt.Key.Key_3)  # 青
    ctrl_z(qtbot, window)
    assert store.get_highlight(h.uid).colour == "yellow"
    redo_keys(qtbot, window, Qt.Key.Key_Y, CTRL)
    assert store.get_highlight(h.uid).colour == "blue"
