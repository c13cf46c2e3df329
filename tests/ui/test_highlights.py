"""Highlights in the window (issue 12), through the user's path: select with the mouse or
the keyboard in the real reading view, highlight from the right-click menu, the keys or
the find bar, recolour, comment, delete, undo; the comment as a tooltip; the メモ tab's
list, grouped and in reading order, orphans apart, each opening its passage."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip

from desktop.ui.annotate.colours import swatch
from desktop.userdata.records import Highlight
from tests.ui.annot_helpers import (
    CTRL,
    SHIFT,
    background_at,
    click_offset,
    doc_pos,
    drag_select,
    key_select,
    point_at,
    right_click_offset,
)
from tests.ui.conftest import click_item, ctrl_z, ime_commit
from tests.ui.dialogs import choose, press

H = Qt.Key.Key_H


def comment_answer(text: str):
    """The comment dialog: replace the text (through the input method), click 保存."""

    def answer(dlg) -> None:
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QPlainTextEdit

        field = dlg.findChild(QPlainTextEdit)
        field.setFocus()
        field.selectAll()
        QTest.keyClick(field, Qt.Key.Key_Delete)
        ime_commit(field, text)
        press("保存")(dlg)

    return answer


def tooltip_at(view, offset: int) -> str:
    QToolTip.hideText()
    pos = point_at(view, doc_pos(view, offset)) + QPoint(3, 0)
    vp = view.viewport()
    QApplication.sendEvent(vp, QHelpEvent(QEvent.Type.ToolTip, pos, vp.mapToGlobal(pos)))
    return QToolTip.text() if QToolTip.isVisible() else ""


def drawn(view, h) -> bool:
    colour = swatch(h.colour, view.dark()).background
    return all(background_at(view, doc_pos(view, i)) == colour for i in range(h.start, h.end))


def test_mouse_highlight_across_a_footnote_marker_comment_delete_undo(window, qtbot, dialogs):
    window.open_location("1-1-4")
    view, store = window.view, window.ctx.store
    body = view.measure.body
    f = view.measure.footnotes[0].offset
    drag_select(qtbot, view, f - 6, f + 5)
    assert view.selected_body_span() == (f - 6, f + 5)
    dialogs.expect(choose("ハイライト（緑）"))
    right_click_offset(view, f - 3)
    dialogs.settle(qtbot)
    [h] = store.highlights("1-1-4")
    assert (h.start, h.end, h.colour, h.exact) == (f - 6, f + 5, "green", body[f - 6 : f + 5])
    assert "注" not in h.exact
    assert drawn(view, h)
    assert background_at(view, doc_pos(view, f) - 1) != swatch("green", view.dark()).background
    assert tooltip_at(view, f - 4) == "ハイライト（緑）"
    assert window.reader.annot_bar.current.text().startswith("緑のハイライト")
    # right-click on it: コメントを編集…, answered in the dialog
    dialogs.expect(choose("コメントを編集…"), comment_answer("県と要調整"))
    right_click_offset(view, f + 2)
    dialogs.settle(qtbot)
    assert store.get_highlight(h.uid).comment == "県と要調整"
    assert tooltip_at(view, f - 4) == "ハイライト（緑）\n県と要調整"
    # delete from the menu, Ctrl+Z brings it back whole
    dialogs.expect(choose("ハイライトを削除"))
    right_click_offset(view, f - 5)
    dialogs.settle(qtbot)
    assert store.highlights("1-1-4") == []
    assert not any(
        background_at(view, doc_pos(view, i)) == swatch("green", view.dark()).background
        for i in range(h.start, h.end)
    )
    assert "削除しました" in window.notice.text() and window.notice.undo_button.isVisible()
    ctrl_z(qtbot, window)
    back = store.get_highlight(h.uid)
    assert (back.exact, back.comment, back.colour) == (h.exact, "県と要調整", "green")
    assert drawn(view, back)
    assert not dialogs.errors()


def test_keyboard_highlight_recolour_comment_delete_each_undone(window, qtbot, dialogs):
    window.open_location("1-1-28")
    view, store = window.view, window.ctx.store
    body = view.measure.body
    key_select(qtbot, view, 10, 30)
    qtbot.keyClick(view, H, CTRL | SHIFT)
    [h] = store.highlights("1-1-28")
    assert (h.exact, h.colour) == (body[10:30], "yellow") and drawn(view, h)
    assert view.current_highlight().uid == h.uid  # the caret stays on it
    qtbot.keyClick(view, Qt.Key.Key_2)  # 緑
    assert store.get_highlight(h.uid).colour == "green"
    assert drawn(view, store.get_highlight(h.uid))
    ctrl_z(qtbot, window)
    assert store.get_highlight(h.uid).colour == "yellow"
    view.setFocus()
    dialogs.expect(comment_answer("予算の論点"))
    qtbot.keyClick(view, Qt.Key.Key_M, CTRL | SHIFT)
    dialogs.settle(qtbot)
    assert store.get_highlight(h.uid).comment == "予算の論点"
    ctrl_z(qtbot, window)
    assert store.get_highlight(h.uid).comment == ""
    qtbot.keyClick(window, Qt.Key.Key_F8)  # 次のハイライト: selected, focus in the body
    assert view.hasFocus() and view.selected_body_span() == (10, 30)
    before = store.get_highlight(h.uid)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert store.highlights("1-1-28") == []
    ctrl_z(qtbot, window)
    assert store.get_highlight(h.uid) == before  # the same uid, times, place
    # Ctrl+Shift+H uses the colour used last; 4 highlights a new selection in 桃
    key_select(qtbot, view, 40, 44)
    qtbot.keyClick(view, Qt.Key.Key_4)
    assert {x.colour for x in store.highlights("1-1-28")} == {"yellow", "pink"}
    assert not dialogs.errors()


def test_digit_keys_only_act_in_the_reading_view(window, qtbot):
    """1–4 and Delete type in the note and the search box as they always did."""
    window.open_location("1-1-28")
    view = window.view
    key_select(qtbot, view, 5, 15)
    window.editor.edit.setFocus()
    qtbot.keyClicks(window.editor.edit, "1234")
    qtbot.keyClick(window.editor.edit, Qt.Key.Key_Delete)
    window.search_box.setFocus()
    qtbot.keyClicks(window.search_box, "2")
    qtbot.waitUntil(lambda: window.query == "2", timeout=5000)  # the search ran
    assert window.ctx.store.highlights() == []
    assert window.editor.edit.toPlainText() == "1234"
    assert window.search_box.text() == "2"


def test_a_selection_over_a_wrapped_line_and_full_width_letters(window, qtbot):
    window.open_location("1-1-23")
    view, body = window.view, window.view.measure.body
    at = body.index("ＡＩ")
    start, end = at - 30, at + 12
    drag_select(qtbot, view, start, end)
    c = view.textCursor()
    first, last = view.cursorRect(c), None
    c.setPosition(c.selectionStart())
    top = view.cursorRect(c).top()
    c.setPosition(view.textCursor().selectionEnd())
    last = view.cursorRect(c).top()
    assert last > top, first  # the selection runs over a wrapped line
    qtbot.keyClick(view, H, CTRL | SHIFT)
    [h] = window.ctx.store.highlights("1-1-23")
    assert h.exact == body[start:end] and "ＡＩ" in h.exact
    assert drawn(view, h)


def test_the_find_bars_match_can_be_highlighted(window, qtbot):
    """Ctrl+F, type the passage, Ctrl+Shift+H: no mouse, no arrow keys."""
    window.open_location("1-1-28")
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    ime_commit(window.reader.find_bar.field, "専門高校の魅力発信")
    qtbot.keyClick(window.reader.find_bar.field, H, CTRL | SHIFT)
    [h] = window.ctx.store.highlights("1-1-28")
    assert h.exact == "専門高校の魅力発信"
    assert window.reader.find_bar.count.text().startswith("1 / ")  # the bar kept its place


def test_nothing_selected_says_what_to_do(window, qtbot):
    window.open_location("1-1-28")
    click_offset(qtbot, window.view, 3)
    qtbot.keyClick(window.view, H, CTRL | SHIFT)
    assert "選んでください" in window.notice.text()
    assert window.ctx.store.highlights() == []


def seed(win):
    """Highlights on two measures and one orphan (its passage gone from this edition)."""
    store, cat = win.ctx.store, win.ctx.catalogue
    a, b = cat.require("2-3"), cat.require("1-1-28")
    made = [
        store.add_highlight(a, 5, 15, comment="局長に説明"),
        store.add_highlight(b, 40, 50, colour="blue"),
        store.add_highlight(b, 2, 9, colour="pink"),
    ]
    gone = Highlight(
        "f" * 32, "1-5-99", "消えた施策", 0, 4, "消えた文", "", "", "green", "残す",
        "2025-01-01T00:00:00+00:00", "2025-01-01T00:00:00+00:00", "", True,
    )  # fmt: skip
    made.append(store.restore_highlight(gone))
    win.store_changed()
    return made


def test_the_notes_tab_lists_highlights_by_measure_in_reading_order(window, qtbot, dialogs):
    two_three, later, first, orphan = seed(window)
    window.show_tab(2)
    tree = window.notes.highlights
    assert tree.isVisible()
    assert [h.uid for h in tree.rows()] == [first.uid, later.uid, two_three.uid, orphan.uid]
    tops = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert tops[0].startswith("第1章 1．(28)") and tops[1].startswith("第2章")
    assert tops[2] == "本文に見つからないハイライト（1）"
    # a click opens the measure with the passage selected and in view
    click_item(qtbot, tree, tree.indexFromItem(tree.item_of(two_three.uid)))
    view = window.view
    assert window.location == "2-3"
    assert view.selected_body_span() == (two_three.start, two_three.end)
    assert view.viewport().rect().contains(view.cursorRect())
    # the orphan: shown (kept), not opened
    dialogs.expect(press("閉じる"))
    click_item(qtbot, tree, tree.indexFromItem(tree.item_of(orphan.uid)))
    dialogs.settle(qtbot)
    assert dialogs.kinds()[-1] == "information" and "消えた文" in dialogs.shown[-1].text
    assert window.ctx.store.get_highlight(orphan.uid) is not None
    # its menu: ハイライトを削除, undone by Ctrl+Z
    from tests.ui.conftest import right_click

    dialogs.expect(choose("ハイライトを削除"))
    right_click(qtbot, tree, tree.indexFromItem(tree.item_of(later.uid)))
    dialogs.settle(qtbot)
    assert later.uid not in [h.uid for h in tree.rows()]
    ctrl_z(qtbot, window)
    assert later.uid in [h.uid for h in tree.rows()]
    assert not dialogs.errors()


def test_a_highlight_made_by_the_cli_appears_without_restarting(window, qtbot):
    from desktop.cli.main import main

    window.open_location("2-3")
    window.show_tab(2)
    assert main(["highlight", "add", "2-3", "プッシュ型で情報提供する", "--comment", "CLI"]) == 0
    qtbot.waitUntil(lambda: len(window.notes.highlights.rows()) == 1, timeout=5000)
    [h] = window.ctx.store.highlights("2-3")
    assert drawn(window.view, h)


def test_every_annotation_command_acts_where_it_applies(window, qtbot, dialogs):
    """Each entry of the 注釈 menu and each button of the reader's annotation row, in the
    state where it does something, and what it did."""
    from desktop.ui.annotate.dialogs import CommentDialog, TagDialog, TagManager

    window.open_location("1-1-28")
    view, store = window.view, window.ctx.store
    bar = window.reader.annot_bar
    spans = iter((i, i + 4) for i in range(20, 400, 6))

    def select() -> tuple[int, int]:
        span = next(spans)
        drag_select(qtbot, view, *span)
        return span

    def made(span, colour=None) -> bool:
        return any(
            (h.start, h.end) == span and (colour is None or h.colour == colour)
            for h in store.highlights("1-1-28")
        )

    def caret_in_new() -> str:
        span = select()
        qtbot.mouseClick(bar.highlight_button, Qt.MouseButton.LeftButton, pos=QPoint(6, 6))
        h = next(h for h in store.highlights("1-1-28") if (h.start, h.end) == span)
        click_offset(qtbot, view, span[0] + 1)
        assert view.current_highlight().uid == h.uid
        return h.uid

    done = []
    menu = [a for a in window.menus["annotate"].actions() if a.text() and not a.isSeparator()]
    for a in menu:
        name = a.objectName().removeprefix("action_")
        if (
            name == "highlight"
            or name.startswith("highlight_")
            and name[10:] in ("yellow", "green", "blue", "pink")
        ):
            span = select()
            a.trigger()
            assert made(span, None if name == "highlight" else name[10:]), name
        elif name == "highlight_comment":
            uid = caret_in_new()
            dialogs.expect(comment_answer("メニューから"))
            a.trigger()
            dialogs.settle(qtbot)
            assert store.get_highlight(uid).comment == "メニューから"
        elif name == "highlight_delete":
            uid = caret_in_new()
            a.trigger()
            assert store.get_highlight(uid) is None
        elif name in ("next_highlight", "previous_highlight"):
            click_offset(qtbot, view, 0)
            a.trigger()
            assert view.current_highlight() is not None and view.selected_body_span()
        elif name in ("edit_tags", "tag_manager"):
            dialogs.expect(lambda d: QTest.keyClick(d, Qt.Key.Key_Escape))
            a.trigger()
            dialogs.settle(qtbot)
            want = TagDialog if name == "edit_tags" else TagManager
            assert dialogs.shown[-1].widget_class == want.__name__
        else:
            raise AssertionError(f"an entry this test does not know: {name}")
        done.append(name)
    assert len(done) == 11
    # the row's buttons: ハイライト (covered above), コメント, タグ…
    caret_in_new()
    dialogs.expect(lambda d: QTest.keyClick(d, Qt.Key.Key_Escape))
    qtbot.mouseClick(bar.comment_button, Qt.MouseButton.LeftButton)
    dialogs.settle(qtbot)
    assert dialogs.shown[-1].widget_class == CommentDialog.__name__
    dialogs.expect(lambda d: QTest.keyClick(d, Qt.Key.Key_Escape))
    qtbot.mouseClick(bar.tag_button, Qt.MouseButton.LeftButton)
    dialogs.settle(qtbot)
    assert dialogs.shown[-1].widget_class == TagDialog.__name__
    assert not dialogs.errors()


def test_annotation_widgets_and_dialogs_have_names(window, qtbot, dialogs):
    from tests.ui.test_accessibility import unnamed

    seed(window)
    window.ctx.store.add_tag("2-3", window.ctx.catalogue.require("2-3").title, "要確認")
    window.open_location("2-3")
    window.show_tab(2)
    assert window.reader.annot_bar.chips and window.notes.highlights.isVisible()
    click_offset(qtbot, window.view, 6)  # in the highlight: the row names it
    assert window.reader.annot_bar.current.accessibleName().startswith("黄のハイライト")
    assert unnamed(window) == [], "\n".join(unnamed(window))
    missing = []

    def check(d) -> None:
        missing.extend(f"{type(d).__name__}: {m}" for m in unnamed(d))
        QTest.keyClick(d, Qt.Key.Key_Escape)

    dialogs.expect(check, check, check)
    window.commands.highlight_comment.trigger()
    window.commands.edit_tags.trigger()
    window.commands.tag_manager.trigger()
    dialogs.settle(qtbot)
    assert len(dialogs.shown) == 3 and missing == [], missing


def test_the_help_lists_the_new_keys(window):
    text = window.help.shortcuts_html()
    for key in ("Ctrl+Shift+H", "Ctrl+Shift+M", "Ctrl+T", "F8"):
        assert key in text, key
    assert "ハイライト（黄）" in text and "<b>1</b>" in text
