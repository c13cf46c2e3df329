"""Recent measures (履歴) and back/forward bringing back the list, the query, the filters
and where one had scrolled to."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.ui.nav_history import NavHistory, Place, remember_recent
from tests.ui.conftest import choose_in_combo, click_item, reopen, search
from tests.ui.dialogs import choose

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def test_remember_recent_newest_first_each_once():
    r = []
    for mid in ("1-1-1", "2-3", "preface", "1-1-1"):
        r = remember_recent(r, mid)
    assert r == ["1-1-1", "2-3"]


def test_history_keeps_the_search_it_was_opened_from():
    h = NavHistory()
    h.visit(Place("1-1-1", query="空き家", results_scroll=0))
    h.leave(Place("1-1-1", query="空港", results_scroll=50, reader_scroll=80))
    assert h.place.query == "空き家" and h.place.reader_scroll == 80
    assert h.place.results_scroll == 0  # another search's scroll is not this list's
    h.visit(Place("2-1"))
    assert h.back().location == "1-1-1" and h.forward().location == "2-1"


def test_ctrl_h_lists_recent_measures_and_opens_one(window, qtbot, dialogs, catalogue):
    for mid in ("1-1-1", "1-3-2", "2-5"):
        window.open_location(mid)
    label = f"{catalogue.label(catalogue.require('1-3-2'))}　{catalogue.require('1-3-2').title}"
    entries = []
    dialogs.expect(lambda m: entries.append([a.text() for a in m.actions()]) or choose(label)(m))
    qtbot.keyClick(window, Qt.Key.Key_H, CTRL)
    dialogs.settle(qtbot)
    assert [e.split("　")[0] for e in entries[0]][:3] == [
        catalogue.label(catalogue.require(m)) for m in ("2-5", "1-3-2", "1-1-1")
    ]
    assert window.location == "1-3-2"


def test_recent_measures_survive_a_restart(window, open_window):
    for mid in ("1-1-1", "2-5"):
        window.open_location(mid)
    win2 = reopen(window, open_window)
    assert win2.recent_locations()[:2] == ["2-5", "1-1-1"]
    win2.fill_recent_menu()  # 移動 → 最近見た施策, as the menu fills itself when shown
    assert (
        win2.commands.recent_menu.actions()[0]
        .text()
        .endswith(win2.ctx.catalogue.require("2-5").title)
    )


def test_back_restores_scroll_of_reader_and_list(window, qtbot):
    window.resize(760, 500)
    search(qtbot, window, "地域")
    lst = window.results.list
    lst.verticalScrollBar().setValue(lst.verticalScrollBar().maximum() // 2)
    list_scroll = lst.verticalScrollBar().value()
    assert list_scroll > 0
    row = lst.indexAt(lst.viewport().rect().center())
    click_item(qtbot, lst, row)
    first = window.location
    bar = window.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    reader_scroll = bar.value()
    assert reader_scroll > 0
    choose_in_combo(qtbot, window.filters.pillar, window.filters.place_index("pillar", 2))
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)  # opens another measure
    assert window.location != first
    qtbot.keyClick(window, Qt.Key.Key_Left, ALT)
    assert window.location == first
    assert window.filters.place() is None  # the filters as they were
    assert window.search_box.text() == "地域"
    assert bar.value() == reader_scroll
    assert lst.verticalScrollBar().value() == list_scroll
    qtbot.keyClick(window, Qt.Key.Key_Right, ALT)
    assert window.filters.place() == ("pillar", 2)
