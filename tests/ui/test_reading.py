"""Reading a measure: find in it (Ctrl+F), the reading column (about 40 全角 a line,
adjustable), Japanese line pitch, and zoom."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo

from desktop.ui.widgets.find_bar import find_spans
from desktop.ui.widgets.measure_view import japanese_line_px
from tests.ui.conftest import ime_commit, reopen

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_find_spans_ignore_width_and_case():
    text = "ＡＩを活用した地域ＤＸ。AI と dx。"
    assert len(find_spans(text, "ai")) == 2
    assert len(find_spans(text, "ＤＸ")) == 2
    s, e = find_spans(text, "地域")[0]
    assert text[s:e] == "地域"
    assert find_spans(text, "") == []


def test_ctrl_f_finds_counts_and_steps(window, qtbot, catalogue):
    window.open_location("1-1-28")
    body = window.view.document().toPlainText()
    expected = body.count("専門高校")
    assert expected >= 3
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    bar = window.reader.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    ime_commit(bar.field, "専門高校")
    assert bar.count.text() == f"1 / {expected} 件"
    assert len(window.view.extraSelections()) == expected  # every match marked
    first = window.view.textCursor().position()
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)  # next
    assert bar.count.text() == f"2 / {expected} 件"
    assert window.view.textCursor().position() > first
    qtbot.keyClick(window, Qt.Key.Key_F3)  # next, from anywhere
    assert bar.count.text() == f"3 / {expected} 件"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, SHIFT)  # previous
    assert bar.count.text() == f"2 / {expected} 件"
    qtbot.keyClick(window, Qt.Key.Key_G, CTRL)  # next (the browsers' key)
    assert bar.count.text() == f"3 / {expected} 件"
    qtbot.keyClick(window, Qt.Key.Key_G, CTRL | SHIFT)  # previous
    qtbot.keyClick(window, Qt.Key.Key_F3, SHIFT)  # previous
    assert bar.count.text() == f"1 / {expected} 件"
    qtbot.mouseClick(bar.next_button, Qt.MouseButton.LeftButton)
    assert bar.count.text() == f"2 / {expected} 件"
    qtbot.mouseClick(bar.prev_button, Qt.MouseButton.LeftButton)
    assert bar.count.text() == f"1 / {expected} 件"
    qtbot.mouseClick(bar.prev_button, Qt.MouseButton.LeftButton)  # wraps around
    assert bar.count.text() == f"{expected} / {expected} 件"
    window.open_location("1-1-27")  # another measure: searched again, the bar stays
    n = window.view.document().toPlainText().count("専門高校")
    assert bar.isVisible()
    assert bar.count.text() == (f"1 / {n} 件" if n else "見つかりません")
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and window.view.extraSelections() == []
    assert window.view.hasFocus()


def test_find_says_when_nothing_matches(window, qtbot):
    window.open_location("1-1-1")
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    ime_commit(window.reader.find_bar.field, "存在しない語ｘｙｚ")
    assert window.reader.find_bar.count.text() == "見つかりません"
    qtbot.mouseClick(window.reader.find_bar.close_button, Qt.MouseButton.LeftButton)
    assert not window.reader.find_bar.isVisible()


def longest_line(view) -> int:
    """Characters on the longest laid-out line of the body paragraph (all 全角 here)."""
    doc = view.document()
    block = doc.findBlock(doc.toPlainText().index(view.measure.body[:20]))
    layout = block.layout()
    return max(layout.lineAt(i).textLength() for i in range(layout.lineCount()))


def test_reading_column_is_about_40_zenkaku_and_adjustable(window, qtbot):
    window.resize(1600, 700)  # wide enough for a long line
    window.splitter.setSizes([300, 1300])
    window.open_location("1-1-28")
    qtbot.wait(50)
    assert 36 <= longest_line(window.view) <= 40
    # 表示 → 行の長さ → 1行 30 字
    action = next(a for a in window.commands.reading_width.actions() if a.data() == 30)
    action.trigger()
    assert 26 <= longest_line(window.view) <= 30 and action.isChecked()
    full = next(a for a in window.commands.reading_width.actions() if a.data() == 0)
    full.trigger()
    assert longest_line(window.view) > 60  # the whole width


def test_reading_width_is_remembered(window, open_window):
    next(a for a in window.commands.reading_width.actions() if a.data() == 35).trigger()
    win2 = reopen(window, open_window)
    assert win2.view.reading_chars == 35
    assert next(a for a in win2.commands.reading_width.actions() if a.data() == 35).isChecked()


def test_line_pitch_follows_japanese_practice(window):
    window.open_location("1-1-28")
    doc = window.view.document()
    block = doc.findBlock(doc.toPlainText().index("専門高校を拠点とした地方創生の取組"))
    layout = block.layout()
    assert layout.lineCount() >= 3
    pitch = layout.lineAt(1).y() - layout.lineAt(0).y()
    em = QFontInfo(window.view.font()).pixelSize()
    assert 1.6 <= pitch / em <= 1.95, (pitch, em, japanese_line_px(window.view.font()))
