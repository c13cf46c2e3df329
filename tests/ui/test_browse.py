"""目次 tree, reading view, back/forward, citation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.ui.models.toc_model import KEY_ROLE, LOCATION_ROLE
from desktop.ui.nav_history import PREFACE
from tests.ui.conftest import click_item, click_link, ime_commit


def labels(model, parent=None):
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    return [model.index(r, 0, parent) for r in range(model.rowCount(parent))]


def leaves(model, index):
    n = model.rowCount(index)
    if n == 0:
        return 1
    return sum(leaves(model, model.index(r, 0, index)) for r in range(n))


def test_tree_has_preface_chapters_pillars_and_counts(window, catalogue):
    m = window.toc_model
    top = labels(m)
    assert top[0].data(LOCATION_ROLE) == PREFACE and top[0].data() == "はじめに"
    ch1, ch2 = top[1], top[2]
    assert ch1.data().startswith("第1章 政策の５本柱")
    n1 = sum(1 for x in catalogue.measures if x.chapter == 1)
    n2 = sum(1 for x in catalogue.measures if x.chapter == 2)
    assert ch1.data().endswith(f"（{n1}）") and ch2.data().endswith(f"（{n2}）")
    pillars = labels(m, ch1)
    assert len(pillars) == 5
    for p in pillars:  # every group's label count is the number of measures under it
        assert p.data().endswith(f"（{leaves(m, p)}）")
    assert "～地方イノベーション創生構想～" in pillars[1].data()  # subtitle shown
    assert sum(leaves(m, p) for p in pillars) + leaves(m, ch2) == len(catalogue) == 344
    first = labels(m, pillars[0])[0]
    assert first.data(LOCATION_ROLE) == "1-1-1" and first.data().startswith("（1）")


def test_selecting_a_measure_in_the_tree_opens_it(window, catalogue, qtbot):
    idx = window.toc_model.index_of("1-2-3")
    window.tree.expand(idx.parent().parent())
    window.tree.expand(idx.parent())
    click_item(qtbot, window.tree, idx)  # one click, as in every list of the window
    assert window.location == "1-2-3"
    assert catalogue.require("1-2-3").title in window.view.toPlainText()


def test_type_ahead_finds_by_part_of_title(window, qtbot):
    window.show_tab(0)
    window.tree.setFocus()
    ime_commit(window.tree, "空き家")
    key = window.tree.currentIndex().data(KEY_ROLE)
    assert "空き家" in window.ctx.catalogue.require(key).title
    assert window.location == key


def test_reading_view_parts(window, catalogue, qtbot):
    window.open_location("1-1-4")  # has a footnote
    # related measures come right after the first paint (the index opens lazily)
    qtbot.waitUntil(lambda: window.view.toHtml().count('href="measure:') == 5)
    m = catalogue.require("1-1-4")
    html = window.view.toHtml()
    text = window.view.toPlainText()
    assert "第1章 政策の５本柱" in text and "（4）" in text  # breadcrumb
    assert 'href="fn:1"' in html and "注1" in text  # marker link and list
    assert m.footnotes[0].text in text
    assert "内閣府" in text and "内閣府男女共同参画局総務課" in text  # 担当
    assert "ページ: 1" in text
    assert "関連する施策" in text
    assert html.count('href="measure:') == 5


def test_breadcrumb_and_ministry_links(window, qtbot):
    window.open_location("1-1-28")
    click_link(qtbot, window.view, "nav:pillar:1:1")
    assert window.tree.currentIndex().data(KEY_ROLE) == "pillar:1:1"
    click_link(qtbot, window.view, "nav:chapter:1")
    assert window.tree.currentIndex().data(KEY_ROLE) == "chapter:1"
    click_link(qtbot, window.view, "ministry:")
    assert window.filters.ministry_name() == "文部科学省"
    assert window.left.currentWidget() is window.results
    ids = window.results.model.ids()
    assert ids and all("文部科学省" in window.ctx.catalogue.require(i).ministries for i in ids)
    qtbot.waitUntil(lambda: 'href="measure:' in window.view.toHtml())
    related = click_link(qtbot, window.view, "measure:")
    assert window.location == related.partition(":")[2]


def test_footnote_link_scrolls_to_the_footnote(window, qtbot):
    window.open_location("1-1-4")
    window.resize(700, 500)
    bar = window.view.verticalScrollBar()
    bar.setValue(0)
    click_link(qtbot, window.view, "fn:1")
    assert bar.value() > 0 or bar.maximum() == 0


def test_back_and_forward(window, qtbot):
    for mid in ("1-1-1", "1-3-2", "2-5"):
        window.open_location(mid)
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.location == "1-3-2"
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.location == "1-1-1"
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.location == "1-3-2"
    # the mouse's forward button, pressed over the reading view (through the native window,
    # where a real press arrives)
    from PySide6.QtTest import QTest

    pos = window.view.viewport().mapTo(window, window.view.viewport().rect().center())
    QTest.mousePress(
        window.windowHandle(), Qt.MouseButton.ForwardButton, Qt.KeyboardModifier.NoModifier, pos
    )
    assert window.location == "2-5"
    assert not window.commands.forward.isEnabled()
    window.open_location("1-1-1")  # a new visit drops the forward entries
    qtbot.mouseClick(window.back_button, Qt.MouseButton.LeftButton)
    assert window.location == "2-5"
    qtbot.mouseClick(window.forward_button, Qt.MouseButton.LeftButton)
    assert window.location == "1-1-1"


def test_citation(window, qtbot):
    window.open_location("1-1-28")
    expected = (
        "「地方創生2.0 施策集」第1章 1．(28) 専門高校を拠点とした地方創生支援・地域人材の育成"
        "（高校の特色化・魅力化を含む） (担当: 文部科学省初等中等教育局参事官（高等学校担当）)"
    )
    assert window.citation_text() == expected
    qtbot.keyClick(
        window,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert QApplication.clipboard().text() == expected
    window.open_location("2-1")
    assert window.citation_text().startswith("「地方創生2.0 施策集」第2章 (1) ")


def test_about_text(window):
    """The About box says what `shisaku --version` says (one function), plus the folder."""
    from html import escape

    from desktop.about import about_text

    text = window.about_text()
    meta = window.ctx.catalogue.meta
    assert meta["source_sha256"] in text
    for line in about_text().split("\n"):
        assert escape(line) in text
    assert str(window.ctx.store.path.parent) in text


def test_zoom_keys(window, qtbot):
    base = window.view.font().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom == 2 and window.view.font().pointSizeF() == base + 2
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom == 1
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom == 0 and window.view.font().pointSizeF() == base
