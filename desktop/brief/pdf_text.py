"""Repair the text layer of a PDF that Qt wrote, so text copied out of it is the text drawn.

Qt's PDF writer gives each embedded glyph the *lowest* BMP code point that the font maps to
that glyph (QFontSubset::getReverseMap). CJK fonts share one glyph between an ideograph and
its radical or compatibility twin, so 方 comes back as the Kangxi radical ⽅ (U+2F45), 長
as ⻑ (U+2ED1), ・ as ‧ (U+2027), ～ as 〜 (U+301C): it looks right, but search and copy fail.

We know what was drawn. For each code point in a ToUnicode map that the drawn text does not
contain, the character of the drawn text that the font draws with the same glyph is the
right one. Each `<XXXX>` is replaced by another four-digit `<XXXX>`, so the file keeps its
length and its cross-reference offsets stay valid.
"""

from __future__ import annotations

import re
from collections.abc import Callable

TO_UNICODE = re.compile(rb"/ToUnicode (\d+) 0 R")
ARRAY = re.compile(rb"\[([^\]]*)\]")
SINGLE = re.compile(rb"^<([0-9A-Fa-f]{4})> <\1> <([0-9A-Fa-f]{4})>$", re.M)
HEX4 = re.compile(rb"<([0-9A-Fa-f]{4})>")


def equivalents(drawn: str, glyph: Callable[[str], int]) -> Callable[[int], int]:
    """A function: wrong code point → the drawn character with the same glyph (or itself).
    `glyph(c)` is the font's glyph index for c (0: the font lacks it)."""
    chars = {c for c in set(drawn) if ord(c) < 0x10000 and not c.isspace()}
    by_glyph: dict[int, list[str]] = {}
    for c in chars:
        g = glyph(c)
        if g:
            by_glyph.setdefault(g, []).append(c)

    def right(cp: int) -> int:
        c = chr(cp)
        if cp == 0 or c in chars:
            return cp
        same = by_glyph.get(glyph(c), [])
        return ord(same[0]) if len(same) == 1 else cp

    return right


def repair(pdf: bytes, drawn: str, glyph: Callable[[str], int]) -> bytes:
    """The PDF with every ToUnicode map corrected against the drawn text."""
    right = equivalents(drawn, glyph)

    def token(m: re.Match) -> bytes:
        return b"<%04X>" % right(int(m.group(1), 16))

    def array(m: re.Match) -> bytes:
        return b"[" + HEX4.sub(token, m.group(1)) + b"]"

    def single(m: re.Match) -> bytes:
        return b"<%s> <%s> <%04X>" % (m.group(1), m.group(1), right(int(m.group(2), 16)))

    out = bytearray(pdf)
    for num in set(TO_UNICODE.findall(pdf)):
        span = stream_span(pdf, num)
        if span is None:
            continue
        start, end = span
        old = pdf[start:end]
        new = SINGLE.sub(single, ARRAY.sub(array, old))
        if len(new) == len(old):  # always, by construction; never shift the xref
            out[start:end] = new
    return bytes(out)


def stream_span(pdf: bytes, num: bytes) -> tuple[int, int] | None:
    """Where object `num`'s stream data is, if it is an uncompressed ToUnicode map."""
    m = re.search(rb"\n" + num + rb" 0 obj\s*<<([^>]*)>>\s*stream\r?\n", pdf)
    if m is None or b"/Filter" in m.group(1):
        return None
    end = pdf.find(b"endstream", m.end())
    if end < 0 or b"begincmap" not in pdf[m.end() : end]:
        return None
    return m.end(), end
