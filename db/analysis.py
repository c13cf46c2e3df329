"""Text normalisation and the index terms, shared by the index and the search.

Normalisation (index text, queries, notes and the test ground truth all use it):
NFKC, casefold, drop format characters, and drop whitespace unless it separates two
word characters (so ＡＩ = AI = ai, 地方創生 2.0 = 地方創生２．０ = 地方創生2.0). Each
normalised character remembers the span of original characters it came from, so a match
found in normalised text can be marked on the printed characters.

Units: a maximal run of word characters (Latin letters, digits, other alphabets) is one
unit; every other non-space character (kanji, kana, punctuation) is one unit. The index
holds every unit (unigram) and every pair of adjacent units (bigram) at the unit's
position (see `terms`), so any contiguous run of units is found exactly: one unit by its
unigram, two or more as a phrase of bigrams. That makes Japanese match as a substring and
Latin words match as whole words (`ai` finds 生成ＡＩ but not ＲＡＩＤＡ).

Double quotation marks: every one of them (“ ” „ ‟ ＂ 〝 〞 〟 « » …) reads as " — in the
text here and in the query language (desktop.search.query), from the one table
DOUBLE_QUOTES, so a query copied from the text finds it and quotes typed with any of them
make a phrase.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

# A word character: alphanumeric below the CJK blocks (Latin, digits, Greek, Cyrillic, ...).
# Kanji and kana are alphanumeric to Python but form units of one character each.
WORD_CLASS = r"[^\W_\u2e80-\U0010ffff]"
UNIT_RE = re.compile(WORD_CLASS + r"+|[^ ]")

# Joins fields that must not match across each other (footnotes of one measure).
SEPARATOR = "\x1e"

_DROP = {"Cf", "Cs", "Mn", "Me", "Mc"}  # left over after NFKC: invisible or unpaired


def is_word_char(ch: str) -> bool:
    """Same set as WORD_CLASS (regex \\w is isalnum() plus "_"), without the regex call."""
    return ch < "\u2e80" and ch.isalnum()


def _extends(ch: str) -> bool:
    """A character that belongs to the previous one (combining marks, variation selectors)."""
    if ch in "\uff9e\uff9f":  # half-width (semi-)voiced sound marks compose under NFKC
        return True
    return unicodedata.category(ch) in ("Mn", "Mc", "Me")


# Every double quotation mark of Unicode (the characters named QUOTATION MARK with DOUBLE
# in the name, and the plain and full-width ones) reads as ". Single quotes and 「」 are
# text. The query language tokenises with the same table (desktop/search/query.py).
DOUBLE_QUOTE_CHARS = (
    '"\uff02'  # " ＂
    "\u201c\u201d\u201e\u201f"  # “ ” „ ‟
    "\u00ab\u00bb\u2e42"  # « » ⹂
    "\u301d\u301e\u301f"  # 〝 〞 〟
    "\u275d\u275e\u2760\U0001f676\U0001f677\U0001f678"  # ❝ ❞ ❠ and their sans-serif forms
)
DOUBLE_QUOTES = str.maketrans(dict.fromkeys(DOUBLE_QUOTE_CHARS, '"'))


def _normalize_piece(piece: str) -> str:
    s = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", piece).casefold())
    s = s.translate(DOUBLE_QUOTES)
    out = []
    for ch in s:
        if ch.isspace() or unicodedata.category(ch) == "Cc":
            out.append(" ")
        elif unicodedata.category(ch) not in _DROP:
            out.append(ch)
    return "".join(out)


# char -> (normalised text, extends previous char); filled lazily, the alphabet is small
_CACHE: dict[str, tuple[str, bool]] = {}


def _info(ch: str) -> tuple[str, bool]:
    got = _CACHE.get(ch)
    if got is None:
        got = (_normalize_piece(ch), _extends(ch))
        if len(_CACHE) < 100_000:
            _CACHE[ch] = got
    return got


@dataclass(frozen=True)
class Normalized:
    """Normalised text; char i came from original[starts[i]:ends[i]]."""

    text: str
    starts: Sequence[int]  # a tuple, or a range where the map is the identity
    ends: Sequence[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original span of normalised text[start:end] (end > start)."""
        return self.starts[start], self.ends[end - 1]


# Characters known to become exactly one visible character on their own (no space,
# nothing dropped, nothing joining the previous character), and the translate table of
# what they become (every one of them is in it: a character missing from the table would
# cost an exception in str.translate). Filled lazily like _CACHE.
_SIMPLE: set[str] = set()
_SIMPLE_TABLE: dict[int, str] = {}


def _all_simple(chars: set[str]) -> bool:
    if chars <= _SIMPLE:
        return True
    for ch in chars - _SIMPLE:
        piece, extends = _info(ch)
        if extends or len(piece) != 1 or piece == " " or len(_SIMPLE) >= 100_000:
            return False
        _SIMPLE.add(ch)
        _SIMPLE_TABLE[ord(ch)] = piece
    return True


def normalize_map(text: str) -> Normalized:
    # Fast path, the usual case for the 施策集's text: every character maps to one
    # character, so the offsets are the identity (same result as the loop below).
    if _all_simple(set(text)):
        n = len(text)
        # ranges: the identity map costs no memory (indexing works as on the tuples)
        return Normalized(text.translate(_SIMPLE_TABLE), range(n), range(1, n + 1))
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    space_at = -1  # original index of pending whitespace, -1 if none
    i, n = 0, len(text)
    while i < n:
        piece, _ = _info(text[i])
        j = i + 1
        if j < n and _info(text[j])[1]:
            while j < n and _info(text[j])[1]:
                j += 1
            piece = _normalize_piece(text[i:j])
        for ch in piece:
            if ch == " ":
                if space_at < 0:
                    space_at = i
                continue
            if space_at >= 0:
                if out and is_word_char(out[-1]) and is_word_char(ch):
                    out.append(" ")
                    starts.append(space_at)
                    # a space inside this piece (" \u0345" → " ι") spans up to its end
                    ends.append(i if i > space_at else j)
                space_at = -1
            out.append(ch)
            starts.append(i)
            ends.append(j)
        i = j
    return Normalized("".join(out), tuple(starts), tuple(ends))


def normalize(text: str) -> str:
    return normalize_map(text).text


def units(norm: str) -> list[str]:
    """Units of already-normalised text."""
    return UNIT_RE.findall(norm)


def unit_spans(norm: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in UNIT_RE.finditer(norm)]


def bigram(a: str, b: str) -> str:
    """Term for two adjacent units; a space only between two words, so terms never collide
    with unigrams (a word unigram has no space, any other unigram is one character)."""
    if is_word_char(a[-1]) and is_word_char(b[0]):
        return a + " " + b
    return a + b


def trigram(a: str, b: str, c: str) -> str:
    """Term for three adjacent units (spaced like bigrams: between two words only)."""
    return bigram(bigram(a, b), c)


def query_terms(us: list[str]) -> list[str]:
    """Index terms whose consecutive positions spell the units `us`: one unigram, or
    the bigrams to match as a phrase."""
    if len(us) == 1:
        return list(us)
    return [bigram(a, b) for a, b in zip(us, us[1:], strict=False)]


def terms(value: str) -> Iterator[tuple[str, int]]:
    """(term, position) for the unigram and the bigram at each unit of `value`.

    Parts of the value separated by SEPARATOR are analysed apart, with a position gap, so a
    phrase never spans two footnotes.
    """
    pos = 0
    for part in value.split(SEPARATOR):
        us = units(normalize(part))
        for k, u in enumerate(us):
            yield u, pos + k
            if k + 1 < len(us):
                yield bigram(u, us[k + 1]), pos + k
        pos += len(us) + 2
