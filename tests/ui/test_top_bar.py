"""The search row keeps the filter lists' 「すべての…」 labels whole at every zoom a small
screen allows (issue 11: nothing cut off): in one row while it fits, in a second row when
the search box would have to give up too much (walkthrough: 1024 px at zoom +3 cut
「すべての府省庁」)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

CTRL = Qt.KeyboardModifier.ControlModifier


def label_room(combo) -> int:
    """Pixels left in the list's text field after its current label (< 0: cut)."""
    opt = QStyleOptionComboBox()
    combo.initStyleOption(opt)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, opt, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    return field.width() - combo.fontMetrics().horizontalAdvance(combo.currentText())


def lists(window):
    f = window.filters
    return (f.pillar, f.ministry, f.tag)


def settle(qtbot, window) -> None:
    qtbot.wait(50)  # the row is fitted once the lists have the new font


def zoom(qtbot, window, key) -> None:
    qtbot.keyClick(window, key, CTRL)
    settle(qtbot, window)


def test_labels_stay_whole_while_zooming_in_a_narrow_window(window, qtbot):
    window.resize(760, 560)  # the offscreen screen is 800 px wide
    settle(qtbot, window)
    rows = set()
    for _ in range(6):
        assert all(label_room(c) >= 0 for c in lists(window)), (
            window.zoom,
            [label_room(c) for c in lists(window)],
        )
        top = window.top_bar
        box_y = window.search_box.mapTo(window, window.search_box.rect().topLeft()).y()
        list_y = window.filters.mapTo(window, window.filters.rect().topLeft()).y()
        assert (list_y > box_y) == top.two_rows
        rows.add(top.two_rows)
        zoom(qtbot, window, Qt.Key.Key_Equal)  # Ctrl+= (Ctrl++), 文字を大きく
    assert rows == {False, True}  # both layouts were seen
    # back to the standard size: one row again
    zoom(qtbot, window, Qt.Key.Key_0)
    assert window.zoom == 0 and not window.top_bar.two_rows
    assert all(label_room(c) >= 0 for c in lists(window))


def test_a_narrower_window_moves_the_lists_to_a_second_row(window, qtbot):
    """Wide, one row; as narrow as the panes let the window be, two rows when one row cannot
    hold the lists' labels; the labels whole either way."""
    for _ in range(5):
        zoom(qtbot, window, Qt.Key.Key_Equal)
    assert window.zoom == 5
    seen = set()
    for width in (1600, 700, 1600):
        window.resize(width, 560)  # 700: as narrow as the panes let it be
        settle(qtbot, window)
        top = window.top_bar
        assert top.two_rows is (top.width() < top.one_row_width()), (width, window.width())
        assert all(label_room(c) >= 0 for c in lists(window))
        seen.add(top.two_rows)
    assert False in seen  # wide: one row


def test_the_readers_buttons_wrap_under_its_location_when_zoomed(window, qtbot):
    """★, 引用 and 印刷 move under the location line when the reader is too narrow for both,
    so a large zoom no longer makes the window wider than a small screen for them."""
    window.resize(1000, 560)
    settle(qtbot, window)
    header = window.reader.header
    assert not header.two_rows  # room for both: one row
    window.resize(760, 560)  # within the offscreen 800-pixel screen
    settle(qtbot, window)
    for _ in range(7):
        zoom(qtbot, window, Qt.Key.Key_Equal)
    settle(qtbot, window)
    assert header.two_rows
    # the reader may now be narrower than the header in one row
    assert window.reader.minimumSizeHint().width() < header.one_row_width()
    r = window.reader
    for b in (r.bookmark_button, r.cite_button, r.print_button):
        assert b.isVisible() and b.width() >= b.sizeHint().width()
    zoom(qtbot, window, Qt.Key.Key_0)
    window.resize(1000, 560)
    settle(qtbot, window)
    assert not header.two_rows


def test_the_lists_label_room_holds_when_the_font_grows_after_they_were_laid_out(window, qtbot):
    """A restart at a saved zoom lays the lists out in the start font and then zooms: their
    needed widths must still cover the labels (walkthrough: 「すべての府省庁」 cut after a
    restart at +5; QComboBox keeps its first minimum size through font changes)."""
    from PySide6.QtCore import QSize

    from desktop.ui.widgets.filter_bar import FilterBar

    bar = FilterBar(window.ctx.catalogue)
    qtbot.addWidget(bar)
    for c in (bar.pillar, bar.ministry, bar.tag):
        c.minimumSizeHint()  # laid out in the start font
    font = bar.font()
    font.setPointSizeF(font.pointSizeF() + 5)
    bar.setFont(font)
    qtbot.wait(10)
    for c, need in zip((bar.pillar, bar.ministry, bar.tag), bar.label_widths(), strict=True):
        opt = QStyleOptionComboBox()
        c.initStyleOption(opt)
        text = QSize(c.fontMetrics().horizontalAdvance(c.itemText(0)), c.fontMetrics().height())
        true = c.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, opt, text, c).width()
        assert need >= true, (c.itemText(0), need, true)


def test_the_bookmark_buttons_wrap_before_they_widen_the_window(window, qtbot):
    """The ブックマーク tab's ブリーフ… goes under 新規…↓ when the pane is too narrow (the
    walkthrough saw the window grow past a 1024-px screen from zoom +5 on that tab)."""
    window.resize(760, 560)
    qtbot.mouseClick(
        window.tabs.tabBar(),
        Qt.MouseButton.LeftButton,
        pos=window.tabs.tabBar().tabRect(1).center(),
    )
    for _ in range(7):
        zoom(qtbot, window, Qt.Key.Key_Equal)
    settle(qtbot, window)
    panel = window.bookmarks
    new, brief = panel.new_button, panel.export_button
    assert (
        brief.isVisible()
        and brief.mapTo(panel, brief.rect().topLeft()).y()
        > new.mapTo(panel, new.rect().topLeft()).y()
    )
    assert brief.width() >= brief.sizeHint().width()
