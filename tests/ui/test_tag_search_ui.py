"""The user's tags and highlight comments in the window's search (issue 12): `タグ:要確認`
typed in the box, the タグ list beside 柱 and 府省庁 (counts, keyboard, clearing), tag chips
drawn in the 目次 and result rows, a hit found only in a highlight comment marked as the
user's."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from desktop.ui.models.results_model import BADGE_ROLE, HIT_ROLE
from desktop.ui.widgets.result_delegate import snippet_html
from desktop.ui.widgets.tag_chips import chip_colours
from tests.ui.conftest import choose_in_combo, ime_commit, search
from tests.ui.test_tags_ui import type_tags

CTRL = Qt.KeyboardModifier.ControlModifier


def tag(win, mid: str, name: str) -> None:
    win.ctx.store.add_tag(mid, win.ctx.catalogue.require(mid).title, name)


def listed(win) -> list[str]:
    return win.results.model.ids()


def row_image(view, index):
    view.scrollTo(index)
    return view.viewport().grab(view.visualRect(index)).toImage()


def test_a_tag_typed_in_the_box_lists_its_measures_and_an_unknown_one_says_so(window, qtbot):
    for mid in ("2-3", "1-1-28"):
        tag(window, mid, "要確認")
    tag(window, "2-3", "予算")
    window.store_changed()  # as the CLI's change is noticed
    search(qtbot, window, "タグ:要確認")
    assert listed(window) == ["1-1-28", "2-3"]  # catalogue order
    search(qtbot, window, "タグ：要確認 タグ:予算")
    assert listed(window) == ["2-3"]
    search(qtbot, window, "専門高校 tag:要確認")
    assert listed(window) == ["1-1-28"]
    search(qtbot, window, "タグ:局長関心")
    assert listed(window) == []
    assert "タグ「局長関心」の付いた施策はありません" in window.results.count.text()
    assert window.results.empty.isVisible()
    assert window.results.suggest.text().endswith(
        "絞り込みを外してすべての施策を表示（344 件）</a>"
    )


def test_the_tag_list_counts_the_results_and_filters_by_keyboard(window, qtbot):
    for mid in ("2-3", "1-1-28"):
        tag(window, mid, "要確認")
    tag(window, "2-3", "予算")
    window.store_changed()
    combo = window.filters.tag
    assert combo.accessibleName() == "タグで絞り込む"
    qtbot.waitUntil(lambda: combo.count() == 3)  # counted once the window has painted
    items = [combo.itemText(i) for i in range(combo.count())]
    assert items == ["すべてのタグ", "要確認（2）", "予算（1）"]  # the whole catalogue at rest
    search(qtbot, window, "専門高校")
    assert [combo.itemText(i) for i in range(combo.count())] == ["すべてのタグ", "要確認（1）"]
    # Tab from the 府省庁 list reaches it; ↓ chooses
    window.filters.ministry.setFocus()
    qtbot.keyClick(window.filters.ministry, Qt.Key.Key_Tab)
    assert combo.hasFocus()
    window.search_box.setFocus()
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)  # no query: the whole catalogue
    qtbot.waitUntil(lambda: combo.count() == 3)
    choose_in_combo(qtbot, combo, combo.findData("予算"))
    qtbot.waitUntil(lambda: window.left.currentWidget() is window.results)
    assert listed(window) == ["2-3"] and window.filters.active()
    # a tag filter narrows the other lists' counts
    pillar = window.filters.pillar
    assert pillar.itemText(window.filters.place_index("chapter", 2)) == "第2章（1）"
    assert pillar.itemText(window.filters.place_index("pillar", 1)).endswith("（0）")
    # Esc in the box clears it with the other filters
    window.search_box.setFocus()
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert window.filters.tag_name() is None and combo.currentIndex() == 0
    assert window.left.currentWidget() is window.browse


def test_a_tag_added_with_ctrl_t_updates_the_search_the_list_and_the_chips(window, qtbot, dialogs):
    tag(window, "2-3", "要確認")
    window.store_changed()
    search(qtbot, window, "タグ:要確認")
    assert listed(window) == ["2-3"]
    window.open_location("1-1-28")
    dialogs.expect(type_tags("要確認"))
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL)
    dialogs.settle(qtbot)
    assert listed(window) == ["1-1-28", "2-3"]  # the search shown ran again
    assert window.filters.tag.itemText(1) == "要確認（2）"
    assert window.results.list.itemDelegate().tags["1-1-28"] == ["要確認"]
    assert window.tree.itemDelegate().tags["1-1-28"] == ["要確認"]
    # a screen reader hears the tags the chips show
    row = window.results.model.index(window.results.model.row_of("1-1-28"))
    assert row.data(Qt.ItemDataRole.AccessibleTextRole).endswith("（タグ: 要確認）")
    node = window.toc_model.index_of("1-1-28")
    assert node.data(Qt.ItemDataRole.AccessibleTextRole).endswith("（タグ: 要確認）")
    assert not dialogs.errors()


def test_chips_are_drawn_in_the_tree_and_result_rows(window, qtbot):
    tree, model = window.tree, window.toc_model
    tree.expandAll()
    idx = model.index_of("1-1-28")
    bare = row_image(tree, idx)
    tag(window, "1-1-28", "要確認")
    window.store_changed()
    qtbot.wait(10)
    tagged = row_image(tree, idx)
    assert tagged != bare  # the row now draws a chip
    w = tagged.width()
    # the chip sits at the right: that part changed, the row's start did not
    assert any(
        tagged.pixel(x, tagged.height() // 2) != bare.pixel(x, bare.height() // 2)
        for x in range(w * 2 // 3, w)
    )
    search(qtbot, window, "専門高校")
    lst = window.results.list
    row = window.results.model.index(window.results.model.row_of("1-1-28"))
    with_chip = row_image(lst, row)
    lst.itemDelegate().tags = {}
    lst.viewport().update()
    qtbot.wait(10)
    assert row_image(lst, row) != with_chip


def test_chip_colours_are_readable_in_light_and_dark_schemes():
    def contrast(a: QColor, b: QColor) -> float:
        def lum(c: QColor) -> float:
            def ch(v: float) -> float:
                return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

            return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())

        hi, lo = sorted((lum(a), lum(b)), reverse=True)
        return (hi + 0.05) / (lo + 0.05)

    light = QPalette()
    for role, colour in (("Base", "#ffffff"), ("Text", "#000000"), ("Highlight", "#308cc6")):
        light.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
    dark = QPalette()
    for role, colour in (("Base", "#1e1e1e"), ("Text", "#e0e0e0"), ("Highlight", "#2a82da")):
        dark.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
    for pal in (light, dark):
        _border, fill, text = chip_colours(pal, selected=False)
        assert contrast(fill, text) >= 4.5


def test_a_word_only_in_a_highlight_comment_is_marked_as_the_users(window, qtbot):
    m = window.ctx.catalogue.require("1-1-28")
    at = m.body.index("専門高校")
    window.ctx.store.add_highlight(m, at, at + 4, comment="ぴよぴよ案件として局長へ")
    window.store_changed()
    window.set_exact_only(True)
    search(qtbot, window, "ぴよぴよ案件")
    assert listed(window) == ["1-1-28"]
    idx = window.results.model.index(0)
    hit = idx.data(HIT_ROLE)
    assert hit.note_only and hit.comment_hit
    assert snippet_html(hit, "メモ").startswith("<i>［コメントに一致］<mark>ぴよぴよ案件</mark>")
    assert idx.data(Qt.ItemDataRole.AccessibleTextRole) == f"コメントに一致: {m.title}"
    # typed in the box as the user does, too
    window.search_box.setFocus()
    window.search_box.clear()
    ime_commit(window.search_box, "ぴよぴよ")
    qtbot.waitUntil(lambda: window.query == "ぴよぴよ")
    assert "1-1-28" in listed(window)


def test_back_and_forward_bring_the_tag_filter_back(window, qtbot):
    for mid in ("2-3", "1-1-28"):
        tag(window, mid, "要確認")
    window.store_changed()
    search(qtbot, window, "地域")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)  # opens the first hit
    first = window.location
    combo = window.filters.tag
    qtbot.waitUntil(lambda: combo.findData("要確認") > 0)
    choose_in_combo(qtbot, combo, combo.findData("要確認"))
    assert set(listed(window)) <= {"2-3", "1-1-28"}
    window.search_box.setFocus()
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)  # opens a tagged measure
    assert window.location in {"2-3", "1-1-28"} and window.location != first
    alt = Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(window, Qt.Key.Key_Left, alt)
    assert window.location == first and window.filters.tag_name() is None
    qtbot.keyClick(window, Qt.Key.Key_Right, alt)
    assert window.filters.tag_name() == "要確認"


def test_a_typed_tag_shows_in_the_tag_list_until_it_is_typed_away(window, qtbot):
    """タグ:NAME typed in the box chooses NAME in the タグ list too (walkthrough: the list
    said すべてのタグ while the results were filtered); erasing it from the box resets the
    list, but a tag chosen in the list itself stays."""
    for mid in ("2-3", "1-1-28"):
        tag(window, mid, "要確認")
    tag(window, "2-3", "予算")
    window.store_changed()
    combo = window.filters.tag
    search(qtbot, window, "専門高校 タグ:要確認")
    assert listed(window) == ["1-1-28"]
    assert combo.currentData() == "要確認" and combo.currentText().startswith("要確認（")
    search(qtbot, window, "専門高校 tag:ＹＯＳＡＮ")  # no such tag: the list is not changed
    assert combo.currentData() is None
    search(qtbot, window, "専門高校")  # the tag typed away: no tag filter any more
    assert combo.currentData() is None and len(listed(window)) > 1
    # chosen in the list: stays when a typed tag comes and goes
    choose_in_combo(qtbot, combo, combo.findData("要確認"))
    qtbot.waitUntil(lambda: listed(window) == ["1-1-28"])
    search(qtbot, window, "専門高校 タグ:要確認")
    search(qtbot, window, "専門高校")
    assert combo.currentData() == "要確認" and listed(window) == ["1-1-28"]


def chip_center(view, index, name: str):
    """Where the view draws the chip of tag `name` on this row (the delegate's geometry)."""
    from PySide6.QtCore import QRectF
    from PySide6.QtWidgets import QStyleOptionViewItem

    from desktop.ui.widgets.tag_chips import chip_rects

    view.scrollTo(index)
    opt = QStyleOptionViewItem()
    view.initViewItemOption(opt)
    opt.rect = view.visualRect(index)
    d = view.itemDelegate()
    from desktop.ui.widgets.toc_view import TocDelegate

    if isinstance(d, TocDelegate):  # a 目次 row
        o, r, width = d._layout(opt, index)
        area, tags, font = (
            QRectF(r.right() - width, r.top(), width, r.height()),
            d._row_tags(index),
            o.font,
        )
    else:
        hit = index.data(HIT_ROLE)
        d.initStyleOption(opt, index)
        area = d._title_line(opt, hit, index.data(BADGE_ROLE) or "")[3]
        tags, font = d.tags[hit.id], opt.font
    return (
        next(rect for label, rect in chip_rects(font, area, tags) if label == name)
        .center()
        .toPoint()
    )


def test_a_click_on_a_tag_chip_searches_that_tag(window, qtbot):
    """Clicking a chip in a 目次 row or a result row lists the tag's measures, as the
    row's menu 「タグ「X」の施策を検索」 does."""
    for mid in ("2-3", "1-1-28"):
        tag(window, mid, "要確認")
    tag(window, "2-3", "予算")
    window.store_changed()
    tree = window.tree
    index = window.toc_model.index_of("2-3")
    tree.expand(index.parent())
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=chip_center(tree, index, "予算")
    )
    qtbot.waitUntil(lambda: window.left.currentWidget() is window.results)
    assert window.filters.tag_name() == "予算" and listed(window) == ["2-3"]
    # from a result row: the other tag of the same measure
    lst = window.results.list
    row = lst.model().index(
        next(i for i in range(lst.model().rowCount()) if lst.model().index(i, 0).data(HIT_ROLE)), 0
    )
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=chip_center(lst, row, "要確認"))
    qtbot.waitUntil(lambda: window.filters.tag_name() == "要確認")
    assert listed(window) == ["1-1-28", "2-3"]
