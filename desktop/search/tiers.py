"""Tier 2 of search (issue 10, decision 0003): variant spellings and near matches.

The exact tier is the query as typed (searcher.py). Under it:

- **variant**: each unquoted word may also be any other spelling of the same word under
  the variant table built with the catalogue (db/variants.py: 子供 = 子ども = こども,
  受け入れ = 受入れ = 受入, ローカルゼブラ = ローカル・ゼブラ). The measures that match only
  through another spelling form this tier, ranked by the same rules as the exact one.
- **near**: when the exact and variant tiers together are rare (fewer than RARE measures
  before filters), a query of plain words (no OR, no "phrase") is cut into pieces with the
  catalogue's words (the build's word list, SudachiPy's short units: 外国人材受入れ → 外国
  / 人材 / 受入れ; where the list has nothing, the longest strings the catalogue has), and
  measures that hold pieces covering at least half of the query's content characters
  (kanji, katakana, Latin, digits; hiragana are glue) are near matches, ranked by coverage,
  then proximity (the pieces' length over the shortest stretch of the measure holding one
  of each, from the index's positions), then whether the title holds every piece.

Nothing here reads a measure's text: sets, counts and positions come from the index.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from db.analysis import unit_spans
from db.index import FIELDS
from db.variants import alternatives, read_table_and_words
from desktop.search.index_reader import IndexReader
from desktop.search.matching import LeafMatch, phrase_starts
from desktop.search.near import shortest_window
from desktop.search.query import Leaf, ParsedQuery, make_leaf

RARE = 3  # fewer exact + variant measures than this (before filters) bring near matches in
MIN_COVERAGE = 0.5  # a near match covers at least half of the query's content characters
MAX_PIECE = 16  # units in one piece
MAX_EVENTS = 64  # occurrences of one spelling in one field looked at for proximity
MAX_UNITS = 32  # longer queries (a pasted paragraph) get no near matches: not a compound
HIRAGANA = re.compile(r"[\u3041-\u309f]")


def content(ch: str) -> bool:
    """A character that carries meaning for coverage (not hiragana, spaces, punctuation)."""
    return ch.isalnum() and not HIRAGANA.fullmatch(ch)


def weight(text: str) -> int:
    return sum(map(content, text))


@dataclass(frozen=True)
class Vocabulary:
    """The variant table and the catalogue's words, written with the index (db/variants)."""

    table: dict[str, list[str]] = field(default_factory=dict)
    words: frozenset[str] = frozenset()

    @classmethod
    def load(cls, index_dir: Path) -> Vocabulary:
        """Never fails: without the file search simply has no variants (and near matches
        segment with the catalogue's strings only)."""
        table, words = read_table_and_words(index_dir)
        return cls(table, frozenset(words))


def variant_query(pq: ParsedQuery, table: dict[str, list[str]]) -> ParsedQuery | None:
    """`pq` with each unquoted word ORed with its other spellings; None if none has any.
    Excluded words and filters stay as typed."""
    groups: list[list[Leaf]] = []
    changed = False
    for group in pq.groups:
        alt = list(group)
        for leaf in group:
            if leaf.quoted:
                continue
            for spelling in alternatives(leaf.text, table):
                other = make_leaf(spelling)
                if other is not None and other not in alt:
                    alt.append(other)
                    changed = True
        groups.append(alt)
    if not changed:
        return None
    return ParsedQuery(
        groups=groups,
        excluded=list(pq.excluded),
        ministries=list(pq.ministries),
        pillars=list(pq.pillars),
        chapters=list(pq.chapters),
    )


@dataclass
class Piece:
    text: str  # normalised
    weight: int  # content characters
    spellings: list[Leaf]  # the piece, then its other spellings under the variant table
    word: bool  # one of the catalogue's words (else another string the catalogue has)


@dataclass(frozen=True)
class NearMatch:
    docnum: int
    score: float  # coverage + 0.01 × proximity + 0.001 × (title holds every piece)
    needles: tuple[str, ...]  # the spellings found in this measure (for the marks)


class Near:
    """Near matches from the index: `match` is the searcher's cached leaf lookup."""

    def __init__(
        self, reader: IndexReader, match: Callable[[Leaf], LeafMatch], vocabulary: Vocabulary
    ):
        self.reader = reader
        self.match = match
        self.vocabulary = vocabulary
        self._starts: dict[tuple[Leaf, str], list[int]] = {}

    # -- segmentation -------------------------------------------------------------------

    def segment(self, text: str) -> list[str]:
        """Pieces of normalised `text`: the fewest that leave the fewest content characters
        uncovered, preferring the catalogue's words (the word list, the variant table) to
        other strings of the catalogue."""
        return [p for p, _ in self._segment(text)]

    def _segment(self, text: str) -> list[tuple[str, bool]]:
        """(piece, whether it is one of the catalogue's words) for segment()."""
        spans = unit_spans(text)
        n = len(spans)
        if not n:
            return []
        piece = lambda i, j: text[spans[i][1] : spans[j - 1][2]]  # noqa: E731
        reach = [self._reach(piece, i, n) for i in range(n)]
        words, table = self.vocabulary.words, self.vocabulary.table
        # best[i] = (uncovered content chars, pieces not from the word list, pieces, list)
        best: list[tuple[int, int, int, list[tuple[str, bool]]]] = [(0, 0, 0, [])] * (n + 1)
        for i in range(n - 1, -1, -1):
            skip = best[i + 1]
            options = [(skip[0] + weight(spans[i][0]), skip[1], skip[2], skip[3])]
            for j in range(min(n, i + MAX_PIECE), i, -1):
                if not self._piece_ok(spans, i, j):
                    continue
                p = piece(i, j)
                word = p in words or p in table
                if word or j <= reach[i]:
                    r = best[j]
                    options.append((r[0], r[1] + (not word), r[2] + 1, [(p, word), *r[3]]))
            best[i] = min(options, key=lambda o: o[:3])
        return best[0][3]

    def _reach(self, piece, i: int, n: int) -> int:
        """The largest j such that units i..j of the text occur in the catalogue (every
        shorter prefix of an occurring string occurs too)."""
        j = i
        while j < min(n, i + MAX_PIECE):
            leaf = make_leaf(piece(i, j + 1))
            if leaf is None or not self.match(leaf).docs:
                break
            j += 1
        return j

    @staticmethod
    def _piece_ok(spans, i: int, j: int) -> bool:
        """A piece carries content; one character alone only between kana or the ends
        (お酒の → 酒), never a kanji cut out of a compound."""
        if j - i > 1 or len(spans[i][0]) > 1:
            return any(weight(u) for u, _, _ in spans[i:j])
        if not weight(spans[i][0]):
            return False
        before = i == 0 or not weight(spans[i - 1][0])
        after = i + 1 == len(spans) or not weight(spans[i + 1][0])
        return before and after

    def pieces(self, pq: ParsedQuery) -> tuple[list[Piece], int]:
        """The pieces of every word of a plain query, and its content characters."""
        out: list[Piece] = []
        total = 0
        for group in pq.groups:
            for leaf in group:
                total += weight(leaf.text)
                for p, word in self._segment(leaf.text):
                    spellings = [make_leaf(p)]
                    for s in self.vocabulary.table.get(p, ()):
                        if s != p:
                            spellings.append(make_leaf(s))
                    leaves = [s for s in spellings if s is not None]
                    out.append(Piece(p, weight(p), leaves, word))
        return out, total

    # -- matching and ranking -------------------------------------------------------------

    def find(self, pq: ParsedQuery, skip) -> list[NearMatch]:
        """Near matches of a plain query, best first, without the measures in `skip`."""
        if sum(len(leaf.units) for g in pq.groups for leaf in g) > MAX_UNITS:
            return []
        pieces, total = self.pieces(pq)
        if total < 2 or len(pieces) < 2:
            return []  # one piece is what the exact tier already looked for
        docs = [self._docs(p) for p in pieces]
        covered: Counter[int] = Counter()
        for p, found in zip(pieces, docs, strict=True):
            for d in found:
                covered[d] += p.weight
        least = MIN_COVERAGE * total
        out = []
        for d, w in covered.items():
            if w < least or d in skip:
                continue
            present = [k for k, found in enumerate(docs) if d in found]
            close, needles = self._proximity(d, [pieces[k] for k in present])
            titled = all(self._in_title(pieces[k], d) for k in present)
            out.append(NearMatch(d, round(w / total + 0.01 * close + 0.001 * titled, 4), needles))
        out.sort(key=lambda m: (-m.score, m.docnum))
        return out

    def docs(self, piece: Piece) -> set[int]:
        """Measures holding the piece in any of its spellings."""
        return self._docs(piece)

    def _docs(self, piece: Piece) -> set[int]:
        found: set[int] = set()
        for leaf in piece.spellings:
            found |= self.match(leaf).docs
        return found

    def _in_title(self, piece: Piece, d: int) -> bool:
        for leaf in piece.spellings:
            p = self.match(leaf).fields.get("title")
            if p is not None and _holds(p.docs, d):
                return True
        return False

    def _proximity(self, d: int, pieces: list[Piece]) -> tuple[float, tuple[str, ...]]:
        """(the pieces' length over the shortest stretch of measure d holding one
        occurrence of each, 1.0 when they stand together; the spellings found in d)."""
        shift = self.reader.shift
        mask = (1 << shift) - 1
        lengths = self.reader.lengths
        offset = {
            "title": 0,
            "body": lengths["title"][d] + 1,
            "footnotes": lengths["title"][d] + lengths["body"][d] + 2,
        }
        events: list[tuple[int, int, int]] = []
        needles: list[str] = []
        located = set()
        for k, piece in enumerate(pieces):
            for leaf in piece.spellings:
                if d not in self.match(leaf).docs:
                    continue
                needles.append(leaf.text)
                for f in FIELDS:
                    keys = self._field_starts(leaf, f)
                    lo = bisect_left(keys, d << shift)
                    hi = min(bisect_left(keys, (d + 1) << shift), lo + MAX_EVENTS)
                    for key in keys[lo:hi]:
                        start = offset[f] + (key & mask)
                        events.append((start, start + len(leaf.units), k))
                        located.add(k)
        if len(pieces) < 2:
            return 1.0, tuple(needles)
        if len(located) < len(pieces):
            return 0.0, tuple(needles)
        events.sort()
        best = shortest_window(events, len(pieces))
        length = sum(min(len(s.units) for s in p.spellings) for p in pieces)
        return (min(1.0, length / best) if best else 0.0), tuple(needles)

    def _field_starts(self, leaf: Leaf, f: str) -> list[int]:
        """Sorted start keys of a leaf in one field (cached for the query)."""
        got = self._starts.get((leaf, f))
        if got is None:
            if len(self._starts) > 4096:
                self._starts.clear()
            if len(leaf.units) == 1:
                by_field = self.reader.unit_positions(leaf.units[0])
                got = sorted(by_field.get(f, ()))
            else:
                got = sorted(phrase_starts(self.reader, leaf).get(f, ()))
            self._starts[(leaf, f)] = got
        return got

    def clear(self) -> None:
        self._starts.clear()


def _holds(docs, d: int) -> bool:
    i = bisect_left(docs, d)
    return i < len(docs) and docs[i] == d
