"""What a user walkthrough under Xvfb found after the batch's merges, each through the
user's path: a renamed tag the タグ list had chosen, a tag added from the メモ tab while a
search is kept, the search box's × leaving marks in the reader, the shortcut list reading
the undo entry's live text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextBrowser, QToolButton

from tests.ui.conftest import choose_in_combo, search
from tests.ui.dialogs import type_and_accept
from tests.ui.test_tags_ui import manager_rename, tag, type_tags

LEFT = Qt.MouseButton.LeftButton


def test_renaming_the_chosen_tag_keeps_the_filter_on_it(window, qtbot, dialogs):
    for mid in ("1-1-1", "1-1-2"):
        tag(window, mid, "要確認")
    qtbot.waitUntil(lambda: window.ctx.searcher_open, timeout=5000)  # opened after the paint
    window.refresh_annotations()
    combo = window.filters.tag
    choose_in_combo(qtbot, combo, combo.findData("要確認"))
    assert window.results.model.ids() == ["1-1-1", "1-1-2"]
    after: list = []
    dialogs.expect(manager_rename("要確認", after), type_and_accept("要検討"))
    window.commands.tag_manager.trigger()
    dialogs.settle(qtbot)
    assert window.filters.tag_name() == "要検討"
    assert window.results.model.ids() == ["1-1-1", "1-1-2"]
    assert not dialogs.errors()


def test_tagging_from_the_notes_tab_stays_on_the_notes_tab(window, qtbot, dialogs):
    search(qtbot, window, "リニア")
    mid = window.results.model.ids()[0]
    window.open_location(mid)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # メモ tab
    assert window.left.currentWidget() is window.browse
    dialogs.expect(type_tags("要確認"))
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    dialogs.settle(qtbot)
    assert window.ctx.store.tags_of(mid) == ["要確認"]
    assert window.left.currentWidget() is window.browse and window.tabs.currentIndex() == 2
    assert window.resume_button.isVisible()  # the kept search is one click away
    assert not dialogs.errors()


def test_the_boxs_clear_button_takes_the_marks_out_of_the_reader(window, qtbot):
    search(qtbot, window, "専門高校")
    window.open_location(window.results.model.ids()[0])
    assert window.view.query
    [clear] = [b for b in window.search_box.findChildren(QToolButton) if b.isVisible()]
    qtbot.mouseClick(clear, LEFT)
    qtbot.waitUntil(lambda: window.query == "" and window.view.query == "", timeout=5000)


def test_the_shortcut_list_names_undo_not_what_it_would_undo_now(window, qtbot, dialogs):
    window.open_location("1-1-1")
    dialogs.expect(type_tags("予算"))  # an undoable change: 元に戻す now names it
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    dialogs.settle(qtbot)
    assert window.commands.undo.text().startswith("元に戻す: ")
    seen: list[str] = []

    def read_and_close(dlg) -> None:
        seen.extend(b.toPlainText() for b in dlg.findChildren(QTextBrowser))
        dlg.reject()

    dialogs.expect(read_and_close)
    window.commands.help_keys.trigger()
    dialogs.settle(qtbot)
    [text] = seen
    assert "元に戻す" in text and "予算" not in text
    assert not dialogs.errors()
