"""Find query matches in original text and render marked, HTML-escaped snippets.

Matching runs on the normalised text (same rules as the index: substring, Latin words on
word boundaries) and maps back to the printed characters, so ＡＩ is marked in 生成ＡＩ.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from db.analysis import Normalized, is_word_char

SNIPPET_WIDTH = 80
LEAD = 16  # characters of context kept before the first match


def find_norm(norm: str, needle: str) -> list[int]:
    """Start offsets of `needle` in normalised `norm`, Latin words on word boundaries."""
    out: list[int] = []
    if not needle:
        return out
    word_start = is_word_char(needle[0])
    word_end = is_word_char(needle[-1])
    k = norm.find(needle)
    while k >= 0:
        e = k + len(needle)
        if not (word_start and k > 0 and is_word_char(norm[k - 1])) and not (
            word_end and e < len(norm) and is_word_char(norm[e])
        ):
            out.append(k)
        k = norm.find(needle, k + 1)
    return out


def contains(norm: str, needle: str) -> bool:
    return bool(find_norm(norm, needle))


def match_spans(nm: Normalized, needles: Iterable[str]) -> list[tuple[int, int]]:
    """Original-text spans of every match of every needle, overlapping/adjacent merged."""
    spans = []
    for needle in needles:
        for k in find_norm(nm.text, needle):
            spans.append(nm.span(k, k + len(needle)))
    return merge(spans)


def merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _clean(s: str) -> str:
    return html.escape(s.replace("\n", " ").replace("\r", " "), quote=False)


def mark(text: str, spans: list[tuple[int, int]], start: int = 0, end: int | None = None) -> str:
    """text[start:end] HTML-escaped, with spans (clipped to the window) in <mark>."""
    end = len(text) if end is None else end
    out = []
    pos = start
    for s, e in spans:
        s, e = max(s, start), min(e, end)
        if s >= e:
            continue
        out.append(_clean(text[pos:s]))
        out.append("<mark>" + _clean(text[s:e]) + "</mark>")
        pos = e
    out.append(_clean(text[pos:end]))
    return "".join(out)


def snippet(text: str, spans: list[tuple[int, int]], width: int = SNIPPET_WIDTH) -> str:
    """At most `width` characters of `text` from just before the densest group of matches
    (at most LEAD characters before its first match, so the match is always on the
    snippet's first line: a window pulled back to fill `width` at the end of a long text
    hid a late match below the lines a result row shows)."""
    n = len(text)
    if n <= width and (not spans or spans[0][0] <= LEAD):
        return mark(text, spans)
    start = 0
    if spans:
        best, j = -1, 0
        for i, (s, _) in enumerate(spans):  # two pointers: spans are sorted, disjoint
            lo = max(0, s - LEAD)
            j = max(j, i)
            while j < len(spans) and spans[j][1] <= lo + width:
                j += 1
            if j - i > best:
                best, start = j - i, lo
    end = min(n, start + width)
    return ("…" if start > 0 else "") + mark(text, spans, start, end) + ("…" if end < n else "")
