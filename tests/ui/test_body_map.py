"""Body offsets (the store's: code points, no footnote markers) ↔ reading-view positions
(markers inserted, UTF-16): exact both ways, across a marker, a line break and characters
outside the BMP, in the pure map and in the real QTextDocument."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor

from db.model import Footnote, Measure
from desktop.ui.annotate.body_map import BodyMap, utf16_len
from desktop.ui.annotate.colours import COLOURS, contrast, search_mark, swatch
from desktop.ui.measure_html import marker_text
from tests.ui.annot_helpers import background_at, char_format, doc_pos, key_select

BODY = "𠮷野家の𩸽を食べる。地域の\nＡＩ活用と半角AIを進める。"
NOTES = (Footnote(1, "脚注一", 5), Footnote(12, "脚注二", 16))


def measure(body=BODY, footnotes=NOTES) -> Measure:
    return Measure(
        id="9-9", seq=0, chapter=9, chapter_title="試験", pillar=None, pillar_title=None,
        number=9, title="試験の施策", body=body, footnotes=footnotes,
    )  # fmt: skip


def test_the_map_skips_markers_and_counts_utf16():
    bm = BodyMap(BODY, NOTES, marker_text)
    assert bm.shown.replace("注1", "", 1).replace("注12", "", 1) == BODY.replace("\n", "\u2028")
    assert bm.length == utf16_len(bm.shown)
    assert bm.to_view(0, 1) == (0, 2)  # 𠮷 is two UTF-16 units
    s, e = bm.to_view(4, 6)  # 𩸽 and を: the marker 注1 sits before を (offset 5)
    assert (s, e) == (utf16_len("𠮷野家の"), utf16_len("𠮷野家の𩸽注1を"))
    for a in range(len(BODY)):  # every span maps there and back exactly
        for b in range(a + 1, len(BODY) + 1):
            assert bm.to_body(*bm.to_view(a, b)) == (a, b)


def test_a_span_that_is_only_a_marker_is_no_body():
    bm = BodyMap(BODY, NOTES, marker_text)
    at = bm.start[5] - len("注1")
    assert bm.to_body(at, bm.start[5]) is None
    assert bm.to_body(at, bm.start[5] + 1) == (5, 6)  # a marker and を: just を
    assert bm.offset_at(at) == 5 and bm.offset_at(bm.start[5]) == 5


def test_a_marker_at_the_end_and_an_empty_body():
    bm = BodyMap("本文", (Footnote(3, "x", 2),), marker_text)
    assert bm.shown == "本文注3" and bm.to_view(0, 2) == (0, 2)
    assert bm.to_body(2, 4) is None
    assert BodyMap("").to_body(0, 1) is None


def test_the_real_view_shows_every_measure_as_mapped(catalogue, qtbot):
    """The paragraph is found and equals the map for all 344 measures (footnotes or not)."""
    from desktop.ui.widgets.measure_view import MeasureView

    view = MeasureView()
    qtbot.addWidget(view)
    for m in catalogue.measures:
        view.show_measure(m)
        assert view.body_map is not None, m.id
        block = view.document().findBlock(view.body_base)
        assert block.text() == view.body_map.shown, m.id


def test_keyboard_selection_across_astral_characters_and_a_marker(qtbot):
    from desktop.ui.widgets.measure_view import MeasureView

    view = MeasureView()
    qtbot.addWidget(view)
    view.resize(500, 400)
    view.show()
    qtbot.waitExposed(view)
    stored = []
    view.highlight_source = lambda mid: stored
    view.show_measure(measure())
    key_select(qtbot, view, 0, 7)  # 𠮷野家の𩸽を食 (注1 between 𩸽 and を)
    assert view.selected_body_span() == (0, 7)
    cur = view.textCursor()
    assert cur.selectedText() == "𠮷野家の𩸽注1を食"
    key_select(qtbot, view, 12, 17)  # across the line break and the marker 注12
    assert view.selected_body_span() == (12, 17)
    assert BODY[12:17] == "の\nＡＩ活"


def test_highlights_are_drawn_on_exactly_their_characters(qtbot):
    from desktop.ui.widgets.measure_view import MeasureView
    from desktop.userdata.records import Highlight

    view = MeasureView()
    qtbot.addWidget(view)
    m = measure()
    hl = Highlight("a" * 32, m.id, m.title, 3, 8, BODY[3:8], "", "", "blue", "", "", "", "", False)
    view.highlight_source = lambda mid: [hl]
    view.show_measure(m)
    blue = swatch("blue", view.dark()).background
    inside = [doc_pos(view, i) for i in range(3, 8)]
    outside = [doc_pos(view, 2), doc_pos(view, 8)]
    assert all(background_at(view, p) == blue for p in inside)
    assert not any(background_at(view, p) == blue for p in outside)
    marker = doc_pos(view, 5) - 1  # the last character of 注1, inside the passage
    fmt = char_format(view, marker)  # underlined on, its link colour on no tint
    assert fmt.isAnchor() and background_at(view, marker) != blue
    assert fmt.underlineColor().name() == swatch("blue", view.dark()).underline
    c = QTextCursor(view.document())
    c.setPosition(inside[0])
    c.setPosition(doc_pos(view, 8, end=False), QTextCursor.MoveMode.KeepAnchor)
    assert c.selectedText().replace("注1", "") == BODY[3:8]


@pytest.mark.parametrize("dark", [False, True])
def test_highlight_tints_keep_the_text_readable(dark):
    """WCAG AA (4.5:1) between the scheme's text colours and every tint."""
    texts = ("#ffffff", "#eeeeec", "#dddddd") if dark else ("#000000", "#2e3436", "#333333")
    for k in COLOURS:
        for text in texts:
            assert contrast(text, swatch(k, dark).background) >= 4.5, (k, text)
    assert len({swatch(k, dark).background for k in COLOURS}) == 4


def _lab(hex_colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of a #rrggbb colour, for colour differences as the eye sees them."""
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    xyz = (
        (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
    )
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


@pytest.mark.parametrize("dark", [False, True])
def test_a_search_match_shows_inside_every_highlight(dark):
    """A match inside a highlight keeps its own background (MeasureView._merge): it must
    differ clearly from every tint (CIE76 ΔE ≥ 30; the old yellow mark was 22.7 from the
    yellow tint, 20.1 in the dark scheme, and could not be told from it) and keep its text
    readable."""
    bg, fg = search_mark(dark)
    assert contrast(fg, bg) >= 4.5
    for k in COLOURS:
        a, b = _lab(bg), _lab(swatch(k, dark).background)
        delta = sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5
        assert delta >= 30, (k, round(delta, 1))
