"""The eight problems of issue 11, each through the user's path (mouse, keys, dialogs
answered by the test). Every test here failed on the window before the fix."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QMessageBox

from desktop.ui.models.results_model import ID_ROLE
from desktop.ui.models.toc_model import KEY_ROLE
from desktop.userdata import DEFAULT_COLLECTION, UserStore
from tests.ui.conftest import button, click_item, click_link, reopen, search
from tests.ui.dialogs import choose, press, type_and_accept

ROOT = Path(__file__).resolve().parents[2]
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
LEFT = Qt.MouseButton.LeftButton


def collection_row(panel, name):
    return panel.model.find(name, "")


# 1. ブックマーク panel: 「新規」 and 「削除」 ------------------------------------------------------


def test_new_button_creates_a_collection(window, qtbot, dialogs):
    window.show_tab(1)
    dialogs.expect(type_and_accept("勉強会"))
    qtbot.mouseClick(button(window.bookmarks, "新規"), LEFT)
    assert [c.name for c in window.ctx.store.collections()] == [DEFAULT_COLLECTION, "勉強会"]
    assert dialogs.kinds() == ["input"] and not dialogs.errors()


def test_delete_button_asks_before_deleting_a_non_empty_collection(window, qtbot, dialogs):
    store = window.ctx.store
    store.create_collection("レク")
    store.add_bookmark("1-1-1", "x", "レク")
    window.bookmarks.reload()
    window.show_tab(1)
    click_item(qtbot, window.bookmarks.view, collection_row(window.bookmarks, "レク"))
    dialogs.expect(press(QMessageBox.StandardButton.No))
    qtbot.mouseClick(button(window.bookmarks, "削除"), LEFT)
    assert dialogs.kinds() == ["question"] and "1 件" in dialogs.shown[0].text
    assert [b.measure_id for b in store.bookmarks("レク")] == ["1-1-1"]  # "No" kept it
    dialogs.expect(press(QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(button(window.bookmarks, "削除"), LEFT)
    assert [c.name for c in store.collections()] == [DEFAULT_COLLECTION]
    assert not dialogs.errors()


# 2. the first window fits the screen ----------------------------------------------------------


def test_first_window_fits_the_screen(window):
    available = window.screen().availableGeometry()
    assert available.contains(window.frameGeometry())


def test_a_window_saved_on_a_bigger_screen_fits_this_one(window, open_window):
    window.resize(1700, 1100)  # as on a big monitor; this screen is smaller
    win2 = reopen(window, open_window)
    assert win2.screen().availableGeometry().contains(win2.frameGeometry())


# 3. the ★ button names its collection, is checkable and its menu opens from the keyboard ---


def test_star_names_the_target_and_a_new_collection_becomes_it(window, qtbot, dialogs):
    store = window.ctx.store
    window.open_location("1-1-5")
    star = window.bookmark_button
    assert star.isCheckable() and not star.isChecked()
    assert DEFAULT_COLLECTION in star.text()
    star.setFocus()
    dialogs.expect(choose("新しいコレクションに追加…"), type_and_accept("12/3 局長レク"))
    qtbot.keyClick(star, Qt.Key.Key_Down, ALT)  # the ☆▾ menu, from the keyboard
    assert dialogs.kinds() == ["menu", "input"], dialogs.shown
    assert store.collections_of("1-1-5") == ["12/3 局長レク"]
    assert "12/3 局長レク" in star.text() and star.isChecked()
    window.open_location("1-1-6")
    assert "12/3 局長レク" in star.text() and not star.isChecked()
    qtbot.keyClick(window, Qt.Key.Key_D, CTRL)  # Ctrl+D adds to the collection it names
    assert store.collections_of("1-1-6") == ["12/3 局長レク"] and star.isChecked()
    assert not dialogs.errors()


def test_a_collection_made_in_the_panel_becomes_the_target(window, qtbot, dialogs):
    window.open_location("2-1")
    window.show_tab(1)
    dialogs.expect(type_and_accept("勉強会"))
    qtbot.mouseClick(button(window.bookmarks, "新規"), LEFT)
    assert "勉強会" in window.bookmark_button.text()


# 4. navigating keeps the search; the list, the reader and the tree agree ----------------------


def selected_ids(win):
    return [i.data(ID_ROLE) for i in win.results.list.selectionModel().selectedIndexes()]


def test_the_selected_result_is_the_open_measure(window, qtbot):
    window.open_location("2-3")
    search(qtbot, window, "空き家")
    assert selected_ids(window) in ([], [window.location])
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    first = window.results.model.ids()[0]
    assert window.location == first and selected_ids(window) == [first]


def test_breadcrumb_keeps_the_query_and_filters(window, qtbot):
    window.filters.pillar.setCurrentIndex(window.filters.place_index("pillar", 3))
    search(qtbot, window, "空き家")
    assert window.results.model.ids()
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    opened = window.location
    click_link(qtbot, window.view, "nav:pillar:")
    assert window.tree.currentIndex().data(KEY_ROLE).startswith("pillar:")
    assert window.search_box.text() == "空き家"
    assert window.filters.place() == ("pillar", 3)
    qtbot.keyClick(window, Qt.Key.Key_Left, ALT)  # 戻る: back to the results
    assert window.location == opened
    assert window.left.currentWidget() is window.results
    assert window.results.model.ids() and selected_ids(window) == [opened]


def test_back_restores_query_filters_and_list(window, qtbot):
    search(qtbot, window, "デジタル")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    first = window.location
    ids = window.results.model.ids()
    assert first == ids[1]
    search(qtbot, window, "空港")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.location != first
    qtbot.keyClick(window, Qt.Key.Key_Left, ALT)
    assert window.location == first
    assert window.search_box.text() == "デジタル"
    assert window.results.model.ids() == ids
    assert window.left.currentWidget() is window.results
    assert selected_ids(window) == [first]


def test_ministry_link_the_list_shows_the_open_measure_selected(window, qtbot):
    window.open_location("1-1-28")
    click_link(qtbot, window.view, "ministry:")
    assert window.filters.ministry_name() is not None
    assert window.left.currentWidget() is window.results
    assert selected_ids(window) == ["1-1-28"]


def test_after_back_the_tree_follows(window, qtbot):
    window.show_tab(0)
    for key in ("1-1-1", "1-1-2"):
        idx = window.toc_model.index_of(key)
        window.tree.expand(idx.parent())
        window.tree.expand(idx.parent().parent())
        click_item(qtbot, window.tree, idx)
    assert window.location == "1-1-2"
    qtbot.waitUntil(lambda: 'href="measure:' in window.view.toHtml())
    click_link(qtbot, window.view, "measure:")  # a related measure, from the reader
    related = window.location
    assert related != "1-1-2"
    qtbot.keyClick(window, Qt.Key.Key_Left, ALT)
    assert window.location == "1-1-2"
    assert window.tree.currentIndex().data(KEY_ROLE) == "1-1-2"
    assert [i.data(KEY_ROLE) for i in window.tree.selectionModel().selectedIndexes()] == ["1-1-2"]


# 5. one app per user: a second launch hands over; notes changed underneath are noticed ------


def test_a_second_launch_hands_the_id_to_the_running_window(window, qtbot):
    from desktop.ui import single_instance

    server = single_instance.serve(window, os.environ["SHISAKU_DATA_DIR"])
    assert server is not None
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "desktop", "open", "1-4-2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=60000)
    _out, err = proc.communicate()
    assert proc.returncode == 0, err
    assert window.location == "1-4-2"
    server.close()


def test_a_note_changed_underneath_is_noticed_and_both_texts_offered(window, qtbot, dialogs):
    window.open_location("1-1-10")
    window.editor.edit.setFocus()
    qtbot.keyClicks(window.editor.edit, "mine")
    assert window.editor.autosave.flush()
    with UserStore.open() as other:  # the CLI, or another copy of the app
        other.set_note("1-1-10", "x", "theirs")
    qtbot.keyClicks(window.editor.edit, " more")
    dialogs.expect(lambda dlg: both_then(dlg, "mine more", "theirs"))
    qtbot.waitUntil(lambda: bool(dialogs.shown), timeout=5000)
    qtbot.waitUntil(lambda: not window.editor.autosave.dirty, timeout=5000)
    with UserStore.open() as other:
        text = other.get_note("1-1-10").text
        history = [v.text for v in other.note_history("1-1-10")]
    assert "mine more" in text and "theirs" in text  # "both" keeps both texts
    assert window.editor.edit.toPlainText() == text
    assert "theirs" in history  # and their version stays in the history


def both_then(dlg, mine: str, theirs: str) -> None:
    from PySide6.QtWidgets import QPlainTextEdit

    texts = [e.toPlainText() for e in dlg.findChildren(QPlainTextEdit)]
    assert mine in texts and theirs in texts, texts
    press("両方を残す")(dlg)


# 6. 柱 counts after clearing; 柱N badges in dark mode; zoom everywhere; one click opens ----


def test_pillar_counts_come_back_after_clearing(window, qtbot, catalogue):
    search(qtbot, window, "ＲＡＩＤＡ")  # only in 第2章: every pillar has 0
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    n1 = sum(1 for m in catalogue.measures if m.pillar == 1)
    combo = window.filters.pillar
    assert combo.itemText(window.filters.place_index("pillar", 1)).endswith(f"（{n1}）")


def test_pillar_counts_before_any_search(window, qtbot, catalogue):
    n1 = sum(1 for m in catalogue.measures if m.pillar == 1)
    combo = window.filters.pillar
    qtbot.waitUntil(
        lambda: combo.itemText(window.filters.place_index("pillar", 1)).endswith(f"（{n1}）")
    )
    assert window.filters.ministry.count() > 10  # every ministry, with its count


def badge_pixels(win):
    """Colours inside the first row's 柱N badge."""
    lst = win.results.list
    rect = lst.visualRect(win.results.model.index(0))
    image = lst.viewport().grab(rect).toImage()
    fm = lst.fontMetrics()
    w = fm.horizontalAdvance("柱1") + 10
    colours = set()
    for x in range(8, 6 + w - 2):
        for y in range(5, 5 + fm.height() - 2):
            colours.add(image.pixelColor(x, y).lightness())
    return colours


def test_badges_are_readable_in_dark_mode(window, qtbot):
    dark = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Mid, "#3a3a3a"),
        (QPalette.ColorRole.Highlight, "#2f65ca"),
    ):
        dark.setColor(role, QColor(colour))
    window.results.list.setPalette(dark)
    search(qtbot, window, "移住")
    window.results.list.clearSelection()
    window.results.list.setCurrentIndex(window.results.model.index(5))
    lightness = badge_pixels(window)
    assert max(lightness) - min(lightness) > 100  # text stands out from its badge


def test_zoom_applies_to_every_pane(window, qtbot):
    panes = {
        "tree": window.tree,
        "results": window.results.list,
        "bookmarks": window.bookmarks.view,
        "notes": window.notes.list,
        "search": window.search_box,
        "reader": window.view,
        "note": window.editor.edit,
    }
    before = {k: w.font().pointSizeF() for k, w in panes.items()}
    qtbot.keyClick(window, Qt.Key.Key_Equal, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_Equal, CTRL)
    grown = {k: w.font().pointSizeF() - before[k] for k, w in panes.items()}
    assert grown == dict.fromkeys(panes, 2.0)


def test_one_click_opens_a_bookmark_as_in_the_tree(window, qtbot):
    store = window.ctx.store
    store.add_bookmark("1-2-3", "x")
    window.bookmarks.reload()
    window.open_location("2-1")
    window.show_tab(1)
    click_item(
        qtbot, window.bookmarks.view, window.bookmarks.model.find(DEFAULT_COLLECTION, "1-2-3")
    )
    assert window.location == "1-2-3"


# 7. local time, not UTC ---------------------------------------------------------------------


@pytest.fixture
def far_timezone(monkeypatch):
    """A time zone whose date differs from UTC's right now (UTC+14 or UTC−12)."""
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is POSIX")
    hour = datetime.now(UTC).hour
    monkeypatch.setenv("TZ", "Etc/GMT-14" if hour >= 12 else "Etc/GMT+12")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_notes_tab_and_history_show_local_dates(window, qtbot, dialogs, far_timezone):
    window.open_location("1-1-1")
    window.editor.edit.setPlainText("一つ目")
    assert window.editor.autosave.flush()
    window.ctx.store.set_note("1-1-1", "x", "二つ目")  # "一つ目" goes to the history
    window.notes.reload()
    note = window.ctx.store.get_note("1-1-1")
    utc_day = note.updated[:10]
    local_day = datetime.fromisoformat(note.updated).astimezone().strftime("%Y-%m-%d")
    assert utc_day != local_day
    shown = window.notes.list.item(0).text()
    assert local_day in shown and utc_day not in shown
    window.open_location("1-1-1")
    texts = []
    dialogs.expect(lambda dlg: texts.append(dlg.list.item(0).text()) or dlg.reject())
    qtbot.mouseClick(window.editor.history_button, LEFT)
    assert texts and local_day in texts[0] and utc_day not in texts[0]


# 8. accessible names -------------------------------------------------------------------------


def test_the_main_widgets_have_accessible_names(window):
    from PySide6.QtGui import QAccessible

    for w in (
        window.search_box,
        window.results.list,
        window.tree,
        window.bookmarks.view,
        window.notes.list,
        window.view,
        window.editor.edit,
    ):
        iface = QAccessible.queryAccessibleInterface(w)
        assert iface.text(QAccessible.Text.Name), type(w).__name__


def test_the_star_state_is_accessible_not_only_a_glyph(window, qtbot):
    from PySide6.QtGui import QAccessible

    window.open_location("1-1-5")
    qtbot.keyClick(window, Qt.Key.Key_D, CTRL)
    iface = QAccessible.queryAccessibleInterface(window.bookmark_button)
    assert iface.state().checkable and iface.state().checked
