"""The result rows are drawn from the searcher's marked HTML without a QTextDocument: the
same pixels as the QTextDocument drawing they replace (issue 16)."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QListView, QStyleOptionViewItem

from desktop.ui.widgets.result_delegate import ResultDelegate, mark_style, plain_runs

SAMPLES = [
    (
        "<b>文化庁と<mark>観光</mark>庁の連携等による文化<mark>観光</mark>の振興を図る長い施策名</b>",
        True,
    ),
    (
        "…本文化」を体験できる世界レベルの<mark>観光</mark>拠点を形成する &amp; <mark>ＡＩ</mark>の活用 "
        "&lt;例&gt; ほか、地域の文化を主軸とする取組を推進する。" * 2,
        False,
    ),
    ("<b>印なしの題名</b>", True),
    ("<i>［メモ］ゆず<mark>こしょう</mark>の件</i>", False),  # a hit found only in a note
]


def test_plain_runs_reads_the_searchers_markup():
    text, runs = plain_runs("<b>a<mark>&amp;b</mark>c</b>")
    assert text == "a&bc"
    assert sorted(runs) == [(0, 4, "b"), (1, 2, "mark")]
    assert plain_runs("a<i>b</i>") == ("ab", [(1, 1, "i")])
    assert plain_runs("a<u>b</u>") is None  # anything else: drawn by QTextDocument


def _draw(delegate, list_view, html, single, fast: bool) -> QImage:
    img = QImage(420, 60, QImage.Format.Format_ARGB32)
    img.fill(QColor("white"))
    opt = QStyleOptionViewItem()
    opt.initFrom(list_view)
    opt.font = list_view.font()
    opt.fontMetrics = list_view.fontMetrics()
    css = mark_style(opt.palette)
    color = opt.palette.color(QPalette.ColorRole.Text).name()
    p = QPainter(img)
    rect = QRectF(4, 4, 400, 50)
    if fast:
        delegate._html(p, opt, html, css, color, rect, single_line=single)
    else:
        delegate._html_document(p, opt, html, css, color, rect, single_line=single)
    p.end()
    return img


def test_rows_look_exactly_as_with_qtextdocument(qapp):
    view = QListView()
    delegate = ResultDelegate(view)
    for html, single in SAMPLES:
        fast = _draw(delegate, view, html, single, True)
        slow = _draw(delegate, view, html, single, False)
        assert fast == slow, html[:20]
        assert _draw(delegate, view, html, single, True) == fast  # again, from the kept layout


def test_a_cut_title_ends_between_characters(qapp):
    """A title too long for its row is cut at a character boundary before the 「…」, never
    through a glyph (a sliver of Ａ before the ellipsis)."""
    from PySide6.QtGui import QFont, QTextLayout

    from desktop.ui.widgets.result_delegate import whole_chars_width

    layout = QTextLayout("地方公共団体におけるデータとＡＩ活用の推進", QFont())
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(10_000)
    layout.endLayout()
    bounds = [line.cursorToX(i)[0] for i in range(len(layout.text()) + 1)]
    for width in (0.5, bounds[3] - 0.5, bounds[3], bounds[3] + 0.5, bounds[15] - 1, 9999.0):
        x = whole_chars_width(line, width)
        assert x <= width and x in bounds
        assert not any(x < b <= width for b in bounds)  # the last boundary that fits
