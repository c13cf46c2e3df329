"""Where a measure's body is in the reading view, both ways, exactly.

The store's offsets are Python string indices into `Measure.body` (code points, no
footnote markers). The reading view shows the body as one paragraph with each footnote's
marker (「注1」) inserted at its offset and every line break as U+2028 (a `<br>`), and a
QTextDocument counts positions in UTF-16 units (a character outside the BMP takes two).
BodyMap converts between the two without Qt, so it is tested on its own; the view finds
where the paragraph starts and checks that it shows exactly `shown`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable

LINE_SEPARATOR = "\u2028"  # what Qt's HTML import makes of <br>


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class BodyMap:
    """`start[i]`/`end[i]`: the UTF-16 position (from the paragraph's start) where body
    character i begins and ends in the view. A marker at offset k sits between body[k-1]
    and body[k] (measure_html.marked puts it there)."""

    def __init__(self, body: str, footnotes: Iterable = (), marker: Callable = lambda f: ""):
        at: dict[int, str] = {}
        for f in footnotes:
            k = max(0, min(f.offset, len(body)))
            at[k] = at.get(k, "") + marker(f)
        self.body = body
        self.start: list[int] = []
        self.end: list[int] = []
        pieces: list[str] = []
        pos = 0
        for i, ch in enumerate(body):
            if i in at:
                pieces.append(at[i])
                pos += utf16_len(at[i])
            self.start.append(pos)
            shown = LINE_SEPARATOR if ch == "\n" else ch
            pieces.append(shown)
            pos += utf16_len(shown)
            self.end.append(pos)
        if len(body) in at:
            pieces.append(at[len(body)])
            pos += utf16_len(at[len(body)])
        self.shown = "".join(pieces)  # the paragraph's text as the view holds it
        self.length = pos  # in UTF-16 units

    def to_view(self, start: int, end: int) -> tuple[int, int]:
        """Body offsets [start, end) → view positions (relative to the paragraph)."""
        if not 0 <= start < end <= len(self.body):
            raise ValueError(f"span {start}..{end} outside a body of {len(self.body)}")
        return self.start[start], self.end[end - 1]

    def to_body(self, start: int, end: int) -> tuple[int, int] | None:
        """View positions [start, end) (relative to the paragraph, clamped to it) → the body
        characters wholly or partly inside; None when the span holds no body character
        (only a marker, or outside the paragraph)."""
        start, end = max(0, start), min(self.length, end)
        if start >= end:
            return None
        first = bisect_right(self.end, start)  # the first character ending after start
        last = bisect_left(self.start, end)  # characters starting before end
        return (first, last) if first < last else None

    def offset_at(self, pos: int) -> int:
        """The body offset of a caret at view position `pos` (between two characters): the
        number of body characters that begin before it."""
        return bisect_left(self.start, max(0, min(self.length, pos)))
