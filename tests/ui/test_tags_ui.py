"""Tags in the window (issue 12): Ctrl+T and the タグ… button with completion of the tags
already used, chips in the reader's header, the bookmark and result lists' menus, the tag
manager's rename and merge; each change undone by Ctrl+Z."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox

from desktop.ui.annotate.dialogs import TagDialog, TagManager
from desktop.ui.models.results_model import ID_ROLE
from tests.ui.conftest import ctrl_z, ime_commit, right_click, search
from tests.ui.dialogs import choose, press, type_and_accept

CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton


def tag(win, mid: str, name: str) -> None:
    win.ctx.store.add_tag(mid, win.ctx.catalogue.require(mid).title, name)


def enter(field) -> None:
    """Enter, then the event loop runs (as between two key presses of a user)."""
    QTest.keyClick(field, Qt.Key.Key_Return)
    QApplication.processEvents()


def type_tags(*names: str):
    """The tag dialog: type each name (Japanese through the input method), Enter; then
    Enter on the empty field closes it."""

    def answer(dlg) -> None:
        assert isinstance(dlg, TagDialog), type(dlg).__name__
        field = dlg.field
        for name in names:
            field.setFocus()
            ime_commit(field, name)
            dlg.completer.popup().hide()
            enter(field)
        enter(field)

    return answer


def complete_from(letter: str, seen: list):
    """The tag dialog: type one letter, pick the first suggestion with ↓ Enter (which adds
    it), Enter on the empty field to close."""

    def answer(dlg) -> None:
        field = dlg.field
        field.setFocus()
        ime_commit(field, letter)
        popup = dlg.completer.popup()
        seen.extend(popup.model().index(r, 0).data() for r in range(popup.model().rowCount()))
        assert popup.isVisible()
        QTest.keyClick(popup, Qt.Key.Key_Down)
        enter(popup)
        assert field.text() == "" and dlg.list.count() == 1
        enter(field)

    return answer


def test_ctrl_t_completes_existing_tags_and_the_chips_follow(window, qtbot, dialogs):
    tag(window, "2-3", "要確認")
    tag(window, "2-3", "予算")
    tag(window, "2-4", "予算")
    window.open_location("1-1-28")
    bar = window.reader.annot_bar
    assert bar.names == [] and bar.isVisible()
    seen: list = []
    dialogs.expect(complete_from("確", seen))
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL)
    dialogs.settle(qtbot)
    assert seen == ["要確認"]  # contains 確; the most used first
    assert window.ctx.store.tags_of("1-1-28") == ["要確認"]
    assert bar.names == ["要確認"]
    # the タグ… button: two at once, 、-separated; one new
    dialogs.expect(type_tags("予算、局長関心"))
    qtbot.mouseClick(bar.tag_button, LEFT)
    dialogs.settle(qtbot)
    assert bar.names == ["要確認", "予算", "局長関心"]
    assert [c.accessibleName() for c in bar.chips][0] == "タグ: 要確認"
    # a chip's menu takes its tag off; Ctrl+Z puts it back
    dialogs.expect(choose("タグ「予算」を外す"))
    qtbot.mouseClick(bar.chips[1], LEFT)
    dialogs.settle(qtbot)
    assert bar.names == ["要確認", "局長関心"]
    ctrl_z(qtbot, window)
    assert set(bar.names) == {"要確認", "予算", "局長関心"}
    assert not dialogs.errors()


def test_removing_a_tag_in_the_dialog_and_an_empty_tag_refused(window, qtbot, dialogs):
    tag(window, "1-1-5", "要確認")
    window.open_location("1-1-5")

    def remove_then_bad(dlg) -> None:
        dlg.list.setFocus()
        dlg.list.setCurrentRow(0)
        QTest.keyClick(dlg.list, Qt.Key.Key_Delete)
        assert dlg.list.count() == 0
        dlg.field.setFocus()
        ime_commit(dlg.field, "\u0007")  # a control character
        enter(dlg.field)  # → the message box

    dialogs.expect(remove_then_bad, press(QMessageBox.StandardButton.Ok), press("閉じる"))
    window.commands.edit_tags.trigger()
    dialogs.settle(qtbot)
    assert window.ctx.store.tags_of("1-1-5") == []
    warning = [s for s in dialogs.shown if s.kind == "warning"]
    assert warning and "制御文字" in warning[0].text  # Japanese, from the store
    ctrl_z(qtbot, window)
    assert window.ctx.store.tags_of("1-1-5") == ["要確認"]


def test_bookmark_and_result_menus_tag_their_measure(window, qtbot, dialogs):
    store = window.ctx.store
    store.add_bookmark("1-1-1", window.ctx.catalogue.require("1-1-1").title)
    window.store_changed()
    window.show_tab(1)
    view, model = window.bookmarks.view, window.bookmarks.model
    view.expandAll()
    dialogs.expect(choose("タグ…"), type_tags("予算"))
    right_click(qtbot, view, model.find("ブックマーク", "1-1-1"))
    dialogs.settle(qtbot)
    assert store.tags_of("1-1-1") == ["予算"]
    search(qtbot, window, "空き家")
    lst = window.results.list
    first = window.results.model.ids()[0]
    dialogs.expect(choose("タグ…"), type_tags("要確認"))
    right_click(qtbot, lst, window.results.model.index(0))
    dialogs.settle(qtbot)
    assert store.tags_of(first) == ["要確認"]
    assert not dialogs.errors()


def manager_rename(row_name: str, answers: list):
    """The tag manager: select the tag's row with the keyboard, click 名前の変更…, (the
    following dialogs are answered by `answers`), then 閉じる."""

    def answer(dlg) -> None:
        assert isinstance(dlg, TagManager)
        dlg.list.setFocus()
        for _ in range(dlg.list.count()):
            if dlg.selected() == row_name:
                break
            QTest.keyClick(dlg.list, Qt.Key.Key_Down)
        assert dlg.selected() == row_name
        QTest.mouseClick(dlg.rename_button, LEFT)
        answers.append([dlg.list.item(i).text() for i in range(dlg.list.count())])
        QTest.keyClick(dlg.list, Qt.Key.Key_Escape)

    return answer


def test_tag_manager_merges_and_renames_with_undo(window, qtbot, dialogs):
    store = window.ctx.store
    for mid in ("1-1-1", "1-1-2"):
        tag(window, mid, "要確認")
    for mid in ("1-1-2", "1-1-3"):
        tag(window, mid, "確認")
    window.open_location("1-1-3")
    after: list = []
    dialogs.expect(
        manager_rename("確認", after),
        type_and_accept("要確認"),
        press(QMessageBox.StandardButton.Yes),  # 統合しますか？
    )
    window.commands.tag_manager.trigger()
    dialogs.settle(qtbot)
    assert [s.kind for s in dialogs.shown] == ["TagManager", "input", "question"]
    assert "統合" in dialogs.shown[-1].text
    assert store.measures_with_tag("要確認") == ["1-1-1", "1-1-2", "1-1-3"]
    assert store.measures_with_tag("確認") == []
    assert after[-1] == ["要確認　3 件"]
    assert window.reader.annot_bar.names == ["要確認"]  # the open measure's chip
    ctrl_z(qtbot, window)  # the merge undone: both tags as they were
    assert sorted(store.measures_with_tag("要確認")) == ["1-1-1", "1-1-2"]
    assert sorted(store.measures_with_tag("確認")) == ["1-1-2", "1-1-3"]
    # a plain rename, undone
    dialogs.expect(manager_rename("確認", after), type_and_accept("要調整"))
    window.commands.tag_manager.trigger()
    dialogs.settle(qtbot)
    assert sorted(store.measures_with_tag("要調整")) == ["1-1-2", "1-1-3"]
    ctrl_z(qtbot, window)
    assert sorted(store.measures_with_tag("確認")) == ["1-1-2", "1-1-3"]
    assert not dialogs.errors()


def test_tag_manager_deletes_after_asking_and_undo_brings_it_back(window, qtbot, dialogs):
    store = window.ctx.store
    for mid in ("2-1", "2-2"):
        tag(window, mid, "予算")

    def delete(dlg) -> None:
        dlg.list.setCurrentRow(0)
        QTest.mouseClick(dlg.delete_button, LEFT)
        QTest.keyClick(dlg.list, Qt.Key.Key_Escape)

    dialogs.expect(delete, press(QMessageBox.StandardButton.Yes))
    window.commands.tag_manager.trigger()
    dialogs.settle(qtbot)
    assert "2 件の施策から外しますか" in dialogs.shown[1].text
    assert store.tags() == []
    ctrl_z(qtbot, window)
    assert sorted(store.measures_with_tag("予算")) == ["2-1", "2-2"]


def test_the_tag_manager_says_when_there_are_none(window, qtbot, dialogs):
    seen = []

    def look(dlg) -> None:
        seen.append((dlg.empty.isVisible(), dlg.rename_button.isEnabled()))
        QTest.keyClick(dlg, Qt.Key.Key_Escape)

    dialogs.expect(look)
    window.commands.tag_manager.trigger()
    dialogs.settle(qtbot)
    assert seen == [(True, False)]
    assert QInputDialog not in [type(w) for w in window.findChildren(QLineEdit)]


def test_a_rows_tags_search_from_its_right_click_menu(window, qtbot, dialogs):
    """The chips in a result or 目次 row: right-click the row → 「タグ「X」の施策を検索」 sets
    the タグ list and shows the measures with that tag."""
    for mid in ("1-1-28", "2-3"):
        tag(window, mid, "要確認")
    tag(window, "1-1-28", "予算")
    window.refresh_annotations()
    # the 目次: open 1-1-28's row (the tree follows the reader) and right-click it
    window.open_location("1-1-28")
    tree = window.tree
    row = tree.currentIndex()
    dialogs.expect(choose("タグ「要確認」の施策を検索"))
    right_click(qtbot, tree, row)
    dialogs.settle(qtbot)
    assert window.filters.tag_name() == "要確認"
    assert window.results.model.ids() == ["1-1-28", "2-3"]
    # a result row: its other tag
    dialogs.expect(choose("タグ「予算」の施策を検索"))
    right_click(qtbot, window.results.list, window.results.model.index(0))
    dialogs.settle(qtbot)
    assert window.filters.tag_name() == "予算"
    assert window.results.model.ids() == ["1-1-28"]
    # a row without tags offers none (フィルタを解除 first: the タグ list stays set)
    qtbot.mouseClick(window.results.unfilter, Qt.MouseButton.LeftButton)
    assert window.filters.tag_name() is None
    search(qtbot, window, "空き家")
    model = window.results.model
    first = next(
        model.index(r) for r in range(model.rowCount()) if model.index(r).data(ID_ROLE)
    )  # the first hit (a tier's heading row may come before it)
    assert first.data(ID_ROLE) not in ("1-1-28", "2-3")
    shown = []
    dialogs.expect(lambda menu: (shown.extend(a.text() for a in menu.actions()), menu.close()))
    right_click(qtbot, window.results.list, first)
    dialogs.settle(qtbot)
    assert "開く" in shown and not any("の施策を検索" in t for t in shown)
    assert not dialogs.errors()


def test_the_tag_dialogs_buttons_by_mouse(window, qtbot, dialogs):
    """追加 adds what was typed and keeps the dialog open (also with nothing typed: the click
    must not be read as 「close if empty」); 外す removes the selected tag; 閉じる closes."""
    store = window.ctx.store
    window.open_location("1-1-3")
    seen: dict = {}

    def answer(dlg) -> None:
        assert isinstance(dlg, TagDialog)
        dlg.field.setFocus()
        ime_commit(dlg.field, "予算、要確認")
        dlg.completer.popup().hide()
        QTest.mouseClick(dlg.add_button, LEFT)
        seen["after_add"] = (store.tags_of("1-1-3"), dlg.isVisible(), dlg.field.text())
        QTest.mouseClick(dlg.add_button, LEFT)  # empty field: nothing happens
        seen["still_open"] = dlg.isVisible()
        dlg.list.setCurrentRow(0)
        QTest.mouseClick(dlg.remove_button, LEFT)
        seen["after_remove"] = store.tags_of("1-1-3")
        QTest.mouseClick(dlg.close_button, LEFT)
        seen["closed"] = not dlg.isVisible()

    dialogs.expect(answer)
    qtbot.mouseClick(window.reader.annot_bar.tag_button, LEFT)
    dialogs.settle(qtbot)
    assert seen["after_add"] == (["予算", "要確認"], True, "")
    assert seen["still_open"] and seen["closed"]
    assert len(seen["after_remove"]) == 1
    assert window.reader.annot_bar.names == seen["after_remove"]
    assert not dialogs.errors()
