"""Where a highlighted passage is in a measure's body, after the body may have changed.

A highlight is stored the way the W3C Web Annotation model stores a text-quote selector:
the quoted text with a little context before and after (`TextQuote`), plus the offsets it
had. When the catalogue is rebuilt (a parser fix, a later edition), `place` finds the
passage again, trying in order:

1. the stored offsets, if the quote is still there and its context still fits;
2. the exact quote elsewhere in the body, the occurrence whose context fits best
   (nearest the old offset on a tie);
3. the quote compared as normalised text (db.analysis: width, case, spaces and line breaks
   ignored), when a parser fix or a new edition changed only how the text is written
   (２０２５ → 2025, a space the PDF put in);
4. a fuzzy match: the stretch of the body within a few edits of the quote (Sellers'
   approximate substring search), when the sentence was reworded a little.

`None` means the passage is gone: the caller keeps the highlight as an orphan. Pure
functions, no I/O; offsets are Python string indices into the body as the catalogue holds
it (the text the reading view shows).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from db.digest import sha256

CONTEXT = 32  # characters of prefix/suffix kept with a quote
MAX_ERROR_RATE = 0.25  # edits per quoted character a fuzzy match may need
MIN_FUZZY = 4  # shorter quotes are only found exactly
ALONE = 24  # a quote this long is found in another measure without its context


@dataclass(frozen=True)
class TextQuote:
    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class Placement:
    start: int
    end: int
    how: str  # "offset" | "quote" | "normalised" | "fuzzy"


HOWS = ("offset", "quote", "normalised", "fuzzy")


def text_hash(text: str) -> str:
    """A short fingerprint of a body: re-anchoring runs only when it changed."""
    return sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def occurrences(needle: str, text: str) -> list[tuple[int, int]]:
    """Every place `needle` occurs in `text`, compared as normalised text (全角/半角, case,
    spaces and the PDF's line breaks do not count), as (start, end) offsets into `text`.
    How a quote typed or copied from the PDF is found in a body."""
    from db.analysis import (
        normalize,
        normalize_map,
    )  # only when needed: keeps the store's import light

    want = normalize(needle)
    if not want:
        return []
    nm = normalize_map(text)
    out, i = [], nm.text.find(want)
    while i != -1:
        out.append(nm.span(i, i + len(want)))
        i = nm.text.find(want, i + 1)
    return out


def quote_at(text: str, start: int, end: int, context: int = CONTEXT) -> TextQuote:
    """The selector for text[start:end] (offsets are clamped to the text)."""
    start, end = max(0, start), min(len(text), end)
    return TextQuote(
        text[start:end], text[max(0, start - context) : start], text[end : end + context]
    )


def place(quote: TextQuote, start: int, text: str) -> Placement | None:
    """Where `quote` (last seen at `start`) is in `text` now, or None if it is gone."""
    if not quote.exact:
        return None
    n = len(quote.exact)
    if text[start : start + n] == quote.exact and _context_fits(quote, text, start, start + n):
        return Placement(start, start + n, "offset")
    best = _best_exact(quote, start, text)
    if best is not None:
        return Placement(best, best + n, "quote")
    span = _best_normalised(quote, start, text)
    if span is not None:
        return Placement(span[0], span[1], "normalised")
    found = _fuzzy(quote, start, text)
    if found is not None:
        return Placement(found[0], found[1], "fuzzy")
    return None


def find_elsewhere(quote: TextQuote, texts: Mapping[str, str]) -> tuple[str, Placement] | None:
    """The one text (by key) that holds the exact quote, for a passage whose measure moved.

    Ambiguous (several texts hold it), absent, or a short quote whose context is not there
    (a phrase like 「必要な措置を講ず」 recurs across measures: in 3,000 random passages of
    10–40 characters, 8 were in exactly one other body, none with their context): None, the
    caller keeps an orphan."""
    hits = [
        (key, t.find(quote.exact)) for key, t in texts.items() if quote.exact and quote.exact in t
    ]
    if len(hits) != 1:
        return None
    key, _ = hits[0]
    placed = place(quote, hits[0][1], texts[key])
    if placed is None:
        return None
    if (
        len(quote.exact) < ALONE
        and _context_score(quote, texts[key], placed.start, placed.end) < 0.5
    ):
        return None
    return key, placed


# ------------------------------------------------------------------------- scoring


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def _context_score(quote: TextQuote, text: str, start: int, end: int) -> float:
    """0..1: how much of the stored prefix and suffix still stand around [start, end)."""
    return _score(quote.prefix, quote.suffix, text, start, end)


def _score(prefix: str, suffix: str, text: str, start: int, end: int) -> float:
    want = len(prefix) + len(suffix)
    if want == 0:
        return 1.0
    got = _common_suffix(text[max(0, start - len(prefix)) : start], prefix)
    got += _common_prefix(text[end : end + len(suffix)], suffix)
    return got / want


def _context_fits(quote: TextQuote, text: str, start: int, end: int) -> bool:
    # a long quote carries its own evidence; a short one ("する") needs its neighbours
    return len(quote.exact) >= 12 or _context_score(quote, text, start, end) >= 0.5


def _best_exact(quote: TextQuote, old_start: int, text: str) -> int | None:
    n = len(quote.exact)
    found, i = [], text.find(quote.exact)
    while i != -1:
        found.append(i)
        i = text.find(quote.exact, i + 1)
    if not found:
        return None
    scored = [(_context_score(quote, text, i, i + n), -abs(i - old_start), i) for i in found]
    score, _, best = max(scored)
    if len(found) == 1 and _context_fits(quote, text, best, best + n):
        return best
    return best if score >= 0.5 else None


def _best_normalised(quote: TextQuote, old_start: int, text: str) -> tuple[int, int] | None:
    """The exact quote's normalised form in the normalised body, chosen as _best_exact does
    (context compared as normalised text too), mapped back to offsets of `text`."""
    from db.analysis import (
        normalize,
        normalize_map,
    )  # only when needed: keeps the store's import light

    want = normalize(quote.exact)
    if not want:
        return None
    nm = normalize_map(text)
    found, i = [], nm.text.find(want)
    while i != -1:
        found.append(i)
        i = nm.text.find(want, i + 1)
    if not found:
        return None
    prefix, suffix, n = normalize(quote.prefix), normalize(quote.suffix), len(want)
    scored = [
        (_score(prefix, suffix, nm.text, i, i + n), -abs(nm.starts[i] - old_start), i)
        for i in found
    ]
    score, _, best = max(scored)
    if score >= 0.5 or (len(found) == 1 and n >= 12):
        return nm.span(best, best + n)
    return None


# ------------------------------------------------------------------------- fuzzy


def _fuzzy(quote: TextQuote, old_start: int, text: str) -> tuple[int, int] | None:
    pattern = quote.exact
    m = len(pattern)
    if m < MIN_FUZZY:
        return None
    k = max(1, int(m * MAX_ERROR_RATE))
    ends = _sellers_ends(pattern, text, k)
    if not ends:
        return None
    best_err = min(e for _, e in ends)
    candidates = []
    for end, err in ends:
        if err != best_err:
            continue
        start = _start_for(quote, old_start, text, end, k)
        candidates.append(
            (_context_score(quote, text, start, end), -abs(start - old_start), start, end)
        )
    _, _, start, end = max(candidates)
    return start, end


def _sellers_ends(pattern: str, text: str, k: int) -> list[tuple[int, int]]:
    """(end, errors) of every local best match of `pattern` in `text` within k edits."""
    m = len(pattern)
    col = list(range(m + 1))  # free start anywhere in text: row 0 stays 0
    hits = []
    for j, ch in enumerate(text, 1):
        prev_diag, col[0] = col[0], 0
        for i in range(1, m + 1):
            cur = col[i]
            cost = 0 if pattern[i - 1] == ch else 1
            col[i] = min(cur + 1, col[i - 1] + 1, prev_diag + cost)
            prev_diag = cur
        if col[m] <= k:
            hits.append((j, col[m]))
    # a run of neighbouring ends is one match: keep every end with the run's fewest errors,
    # so the context decides between them. (Keeping only the first cut a reworded sentence
    # short: "取組の強化を行う。" → "取組を一層強化する。" costs 6 edits ending at "取組を"
    # and 6 ending at "。"; only the latter has the old suffix after it.)
    out: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    for end, err in hits:
        if run and end - run[-1][0] > k:
            out += _fewest(run)
            run = []
        run.append((end, err))
    return out + _fewest(run)


def _fewest(run: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if not run:
        return []
    least = min(err for _, err in run)
    return [(end, err) for end, err in run if err == least]


def _start_for(quote: TextQuote, old_start: int, text: str, end: int, k: int) -> int:
    """Start of the best match ending at `end`: the same search, reversed, in a window.

    Among starts with as few edits, the one whose stored prefix still stands before it
    wins, then the one nearest the old offset."""
    pattern = quote.exact
    lo = max(0, end - len(pattern) - k)
    window = text[lo:end][::-1]
    rev = pattern[::-1]
    m = len(rev)
    col = list(range(m + 1))
    best = (m + 1, 0, 0, 0)  # (errors, -prefix kept, distance from the old start, j)
    for j, ch in enumerate(window, 1):
        prev_diag, col[0] = col[0], j  # anchored at `end`: no free start
        for i in range(1, m + 1):
            cur = col[i]
            cost = 0 if rev[i - 1] == ch else 1
            col[i] = min(cur + 1, col[i - 1] + 1, prev_diag + cost)
            prev_diag = cur
        start = end - j
        kept = _common_suffix(text[max(0, start - len(quote.prefix)) : start], quote.prefix)
        best = min(best, (col[m], -kept, abs(start - old_start), j))
    return end - best[3]
