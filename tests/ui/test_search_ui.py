"""Search box → results → Enter opens the measure with highlights; IME; filters; empty."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.ui.annotate.colours import search_mark
from tests.ui.conftest import choose_in_combo, ime_commit, ime_preedit, search


def test_typing_shows_results_and_enter_opens_with_highlights(window, qtbot, catalogue):
    search(qtbot, window, "空き家")
    ids = window.results.model.ids()
    assert ids and all(
        "空き家" in (catalogue.require(i).title + catalogue.require(i).body) for i in ids
    )
    hit = window.results.model.hits[0]
    assert "<mark>空き家</mark>" in hit.title_marked + hit.snippet
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)  # the first row
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)  # the second
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.location == ids[1]
    html = window.view.toHtml()
    assert "空き家" in window.view.toPlainText()
    assert (
        f"background-color:{search_mark(False)[0]}" in html
    )  # the match is highlighted in the body
    # Esc clears the search, returns to the tree and drops the highlights
    window.search_box.setFocus()
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert window.search_box.text() == ""
    assert window.left.currentWidget() is window.browse
    assert f"background-color:{search_mark(False)[0]}" not in window.view.toHtml()
    assert window.location == ids[1]


def test_no_search_while_ime_composition_is_open(window, qtbot):
    window.search_box.setFocus()
    ime_preedit(window.search_box, "くうこう")
    assert window.search_box.composing
    assert not window.search_box.pending()  # nothing scheduled while composing
    qtbot.wait(400)  # longer than the debounce: still nothing searched
    assert window.left.currentWidget() is window.browse and window.query == ""
    ime_commit(window.search_box, "空港")
    assert not window.search_box.composing
    qtbot.waitUntil(lambda: window.query == "空港")
    assert window.results.model.rowCount() > 0


def test_note_hits_are_marked(window, qtbot):
    window.open_location("1-2-5")
    window.editor.edit.setPlainText("ゆずこしょうの件")
    assert window.editor.autosave.flush()
    search(qtbot, window, "ゆずこしょう")
    hits = window.results.model.hits
    assert [h.id for h in hits] == ["1-2-5"] and hits[0].note_hit


def test_pillar_and_ministry_filters_with_counts(window, qtbot, catalogue):
    search(qtbot, window, "デジタル")
    total = window.results.model.total
    facets = window.ctx.searcher.facets("デジタル")
    combo = window.filters.pillar
    i = window.filters.place_index("pillar", 4)
    assert combo.itemText(i).endswith(f"（{facets['pillar'][4]}）")
    choose_in_combo(qtbot, combo, i)
    ids = window.results.model.ids()
    assert len(ids) == facets["pillar"][4] < total
    assert all(catalogue.require(x).pillar == 4 for x in ids)
    m = window.filters.ministry
    j = m.findData("総務省")
    assert j > 0
    choose_in_combo(qtbot, m, j)
    ids = window.results.model.ids()
    assert ids and all(
        catalogue.require(x).pillar == 4 and "総務省" in catalogue.require(x).ministries
        for x in ids
    )
    # a chapter-2 entry is in the same list
    assert window.filters.place_index("chapter", 2) > 0


def test_empty_result_suggests_removing_the_filter(window, qtbot, catalogue):
    word = "ＲＡＩＤＡ"  # only in 第2章
    choose_in_combo(qtbot, window.filters.pillar, window.filters.place_index("pillar", 1))
    search(qtbot, window, word)
    assert window.results.model.rowCount() == 0
    assert window.results.empty.isVisible()
    assert "フィルタ" in window.results.empty.text()
    assert window.results.unfilter.isVisible()
    qtbot.mouseClick(window.results.unfilter, Qt.MouseButton.LeftButton)
    assert window.filters.place() is None
    assert window.results.model.rowCount() > 0
    assert not window.results.empty.isVisible()


def test_empty_result_without_filter(window, qtbot):
    search(qtbot, window, "存在しない語句ｘｙｚ")
    assert window.results.model.rowCount() == 0
    assert "ありません" in window.results.empty.text()
    assert not window.results.unfilter.isVisible()


def test_ctrl_k_and_ctrl_l_focus_the_search_box(window, qtbot):
    window.open_location("1-1-1")
    assert "Ctrl+K" in window.search_box.placeholderText()
    for key in (Qt.Key.Key_K, Qt.Key.Key_L):
        window.view.setFocus()
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.search_box.hasFocus()


def test_a_typed_character_is_searched_as_soon_as_the_window_is_idle(window, qtbot):
    """No fixed delay before a search (issue 16): one turn of the event loop after the key,
    the results are there; keys that arrived meanwhile are searched together, once."""
    from PySide6.QtWidgets import QApplication

    ran = []
    window.query_ran.connect(ran.append)
    window.search_box.setFocus()
    qtbot.keyClicks(window.search_box, "ai")  # two keys before the loop runs
    assert window.search_box.pending() and window.query == ""
    QApplication.processEvents()
    assert ran == ["ai"] and window.query == "ai"
    assert window.left.currentWidget() is window.results and window.results.model.rowCount()


def test_enter_on_a_typed_measure_number_opens_that_measure(window, qtbot):
    """Officials cite measures by number: 1-1-28 (or １－１－２８, 1ー1ー28 from an input
    method) and Enter opens 1-1-28, not the first fuzzy result (walkthrough: 1-1-2)."""
    window.search_box.setFocus()
    qtbot.keyClicks(window.search_box, "1-1-28")
    qtbot.waitUntil(lambda: window.query == "1-1-28", timeout=5000)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.location == "1-1-28"
    for typed in ("１－１－２８", "2ー3"):
        window.search_box.clear()
        ime_commit(window.search_box, typed)
        qtbot.waitUntil(lambda t=typed: window.query == t, timeout=5000)
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.location == "2-3"
    # a number the catalogue lacks: Enter opens the chosen result as before
    window.search_box.clear()
    qtbot.keyClicks(window.search_box, "9-9-99")
    qtbot.waitUntil(lambda: window.query == "9-9-99", timeout=5000)
    first = window.results.current_id()
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.location == (first or "2-3")
