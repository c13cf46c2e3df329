"""Tier-2 prototypes for issue 10: variant spellings and near matches, compared on the
judged query set (desktop/search/quality.py, docs/decisions/0003-near-matches-method.md).

Qt-free and independent of the engine's internals: the input is the normalised text of
each measure (db.analysis.normalize of title, body and footnotes) and the variant table
(db/variants.py). `TierTwo` has the Searcher's `search(query, limit=...)` so the quality
harness scores it like the exact engine. Results: the exact engine's hits first, then hits
of variant spellings, then near matches, each hit marked `match` = exact | variant | near.

Near-match methods (a query typed as one compound also finds measures that contain its
parts close together, ranked by how much of the query they cover, then how close, then
whether the title holds every piece):

- `ngram`  — per measure, cover the query left to right with its longest substrings
  (two or more characters, or a lone kanji between kana) found in that measure's text;
- `vocab`  — segment the query once with the catalogue's own vocabulary (the fewest
  pieces that each occur somewhere in the catalogue), then look for those pieces;
- `morph`  — segment the query with the catalogue's words as a morphological analyser
  (SudachiPy, split mode A) cut them at build time, then look for those pieces.

Coverage counts content characters only (kanji, katakana, Latin, digits): hiragana are
glue (の, を, okurigana), so 「空き家の活用方法」 is covered by 空き家 + 活用 + 方法.
Proximity is the total length of the pieces over the shortest window of the measure's
text that holds one occurrence of each (1.0 when they stand together).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass

from db.analysis import SEPARATOR, normalize
from db.variants import alternatives

METHODS = ("ngram", "vocab", "morph")
MIN_COVERAGE = 0.5
RARE = 3  # "rare": fewer exact + variant hits than this brings in near matches
HIRAGANA = re.compile(r"[\u3041-\u309f]")


@dataclass(frozen=True)
class NearHit:
    id: str
    score: float
    match: str  # "exact" | "variant" | "near"


@dataclass
class _Doc:
    id: str
    title: str
    text: str  # title, body and footnotes joined by SEPARATOR


def content(ch: str) -> bool:
    """Characters that carry meaning for coverage (not hiragana, spaces or punctuation)."""
    return ch.isalnum() and not HIRAGANA.fullmatch(ch)


def _alone(q: str, i: int) -> bool:
    """q[i] is one kanji/katakana standing alone between kana or the ends (お酒の)."""
    before = i == 0 or not content(q[i - 1])
    after = i + 1 == len(q) or not content(q[i + 1])
    return content(q[i]) and before and after


def _piece_ok(q: str, i: int, j: int) -> bool:
    if j - i == 1:
        return _alone(q, i)
    return any(content(c) for c in q[i:j])


class NearIndex:
    """Near matches over the normalised texts of the measures."""

    def __init__(
        self,
        docs: Iterable[tuple[str, str, Iterable[str]]],
        variants: Mapping[str, list[str]] | None = None,
        vocabulary: set[str] | None = None,
    ):
        """docs: (id, normalised title, [normalised body, footnotes...]) in document order;
        vocabulary: the catalogue's words for the `morph` method."""
        self.docs = [_Doc(i, t, SEPARATOR.join([t, *rest])) for i, t, rest in docs]
        self.corpus = SEPARATOR.join(d.text for d in self.docs)
        self.variants = dict(variants or {})
        self.vocabulary = vocabulary or set()
        self.bigrams: dict[str, set[int]] = {}
        for n, d in enumerate(self.docs):
            for a, b in zip(d.text, d.text[1:], strict=False):
                if SEPARATOR not in (a, b):
                    self.bigrams.setdefault(a + b, set()).add(n)

    # -- segmentation ----------------------------------------------------------------

    def segment(self, q: str, method: str) -> list[str]:
        """Pieces of the query for `vocab` / `morph` (fewest pieces that cover the most)."""
        n = len(q)
        # best[i] = (uncovered content chars, pieces not from the word list, pieces, list)
        best: list[tuple[int, int, int, list[str]]] = [(0, 0, 0, [])] * (n + 1)
        for i in range(n - 1, -1, -1):
            skip = best[i + 1]
            options = [(skip[0] + content(q[i]), skip[1], skip[2], skip[3])]
            for j in range(min(n, i + 16), i, -1):
                piece = q[i:j]
                if not _piece_ok(q, i, j):
                    continue
                # morph: the analyser's words; where it has none (100億円, a lone 酒),
                # a substring of the catalogue, as in vocab
                word = method == "morph" and self._in_vocabulary(piece)
                if word or self._in_corpus(piece):
                    r = best[j]
                    options.append((r[0], r[1] + (not word), r[2] + 1, [piece, *r[3]]))
            best[i] = min(options, key=lambda o: o[:3])
        return best[0][3]

    def _in_corpus(self, piece: str) -> bool:
        return piece in self.corpus

    def _in_vocabulary(self, piece: str) -> bool:
        return piece in self.vocabulary or piece in self.variants

    # -- scoring -------------------------------------------------------------------------

    def near(self, query: str, method: str, skip: Set[str] = frozenset()) -> list[NearHit]:
        """Near matches for normalised `query`, best first, without the ids in `skip`."""
        q = query.replace(" ", "")
        total = sum(map(content, q))
        if total < 2:
            return []
        forms = [q, *alternatives(q, self.variants)]
        if method == "ngram":
            return self._rank(self._candidates(forms), lambda d: self._greedy(forms, d), skip)
        pieces = self.segment(q, method)
        if len(pieces) < 2:
            return []  # one piece is what the exact search already looked for
        spellings = [[p, *[s for s in self.variants.get(p, []) if s != p]] for p in pieces]
        weights = [sum(map(content, p)) for p in pieces]

        def score(d: _Doc):
            got = [
                (w, [s for s in sp if s in d.text])
                for w, sp in zip(weights, spellings, strict=True)
            ]
            return (sum(w for w, s in got if s) / total, [s for _, s in got if s])

        return self._rank(self._candidates(sum(spellings, [])), score, skip)

    def _candidates(self, forms: list[str]) -> list[_Doc]:
        found: set[int] = set()
        for f in forms:
            for a, b in zip(f, f[1:], strict=False):
                if content(a) or content(b):
                    found |= self.bigrams.get(a + b, set())
            for i, ch in enumerate(f):
                if _alone(f, i):
                    found |= {n for n, d in enumerate(self.docs) if ch in d.text}
        return [self.docs[n] for n in sorted(found)]

    def _greedy(self, forms: list[str], d: _Doc) -> tuple[float, list[list[str]]]:
        """Best coverage of any spelling of the query by its longest substrings in d."""
        best: tuple[float, list[list[str]]] = (0.0, [])
        for q in forms:
            total = sum(map(content, q)) or 1
            covered, pieces, i = 0, [], 0
            while i < len(q):
                for j in range(len(q), i, -1):
                    if _piece_ok(q, i, j) and q[i:j] in d.text:
                        covered += sum(map(content, q[i:j]))
                        pieces.append([q[i:j]])
                        i = j
                        break
                else:
                    i += 1
            best = max(best, (covered / total, pieces), key=lambda b: b[0])
        return best

    def _rank(self, docs: list[_Doc], score, skip) -> list[NearHit]:
        out = []
        for d in docs:
            if d.id in skip:
                continue
            coverage, pieces = score(d)
            if coverage < MIN_COVERAGE or not pieces:
                continue
            close = proximity(d.text, pieces)
            in_title = all(any(s in d.title for s in p) for p in pieces)
            # coverage first, then proximity, then a title match: coverage moves in steps
            # of at least 1/16 (queries are cut at 16 characters a piece), so this sum
            # orders like the tuple
            out.append((coverage + 0.01 * close + 0.001 * in_title, d.id))
        out.sort(key=lambda x: -x[0])
        return [NearHit(i, round(s, 4), "near") for s, i in out]


def shortest_window(events: list[tuple[int, int, int]], need: int) -> int | None:
    """Length of the shortest stretch holding one event of each of `need` kinds (events
    (start, end, kind) sorted by start): from the first start to the furthest end inside it."""
    have: dict[int, int] = {}  # occurrences of each kind in the window
    best = None
    lo = 0
    for hi in range(len(events)):
        k = events[hi][2]
        have[k] = have.get(k, 0) + 1
        while len(have) == need:
            span = max(e for _, e, _ in events[lo : hi + 1]) - events[lo][0]
            best = span if best is None else min(best, span)
            k0 = events[lo][2]
            have[k0] -= 1
            if not have[k0]:
                del have[k0]
            lo += 1
    return best


def proximity(text: str, pieces: list[list[str]]) -> float:
    """Total piece length over the shortest window of `text` holding one occurrence of
    each piece (any of its spellings); 1.0 for one piece."""
    if len(pieces) < 2:
        return 1.0
    events = []
    for k, spellings in enumerate(pieces):
        for s in spellings:
            start = text.find(s)
            while start >= 0:
                events.append((start, start + len(s), k))
                start = text.find(s, start + 1)
    events.sort()
    best = shortest_window(events, len(pieces))
    if not best:
        return 0.0
    length = sum(min(len(s) for s in p) for p in pieces)
    return min(1.0, length / best)


class TierTwo:
    """Exact hits, then variant-spelling hits, then near matches: the Searcher's interface
    for the quality harness. `method` is "exact", "variants" or one of METHODS."""

    def __init__(self, exact, index: NearIndex, method: str, rare: int | None = RARE):
        """rare: near matches are added only when the exact and variant hits are fewer
        than this (None: always)."""
        if method not in ("exact", "variants", *METHODS):
            raise ValueError(f"unknown method {method!r}")
        self.exact, self.index, self.method, self.rare = exact, index, method, rare

    def search(self, query: str, *, limit: int | None = None, **filters) -> list[NearHit]:
        hits = [NearHit(h.id, h.score, "exact") for h in self.exact.search(query, limit=limit)]
        if self.method == "exact" or (limit is not None and len(hits) >= limit):
            return hits
        seen = {h.id for h in hits}
        q = normalize(query)
        if '"' in q:  # quoted phrases stay literal
            return hits
        for alt in alternatives(q, self.index.variants):
            for h in self.exact.search(alt, limit=limit):
                if h.id not in seen:
                    seen.add(h.id)
                    hits.append(NearHit(h.id, h.score, "variant"))
        if self.method != "variants" and (self.rare is None or len(hits) < self.rare):
            hits += self.index.near(q, self.method, seen)
        return hits if limit is None else hits[:limit]


def measure_texts(catalogue) -> list[tuple[str, str, list[str]]]:
    """(id, title, [body, footnotes...]) normalised, for NearIndex, from a Catalogue."""
    return [
        (m.id, normalize(m.title), [normalize(m.body), *(normalize(f.text) for f in m.footnotes)])
        for m in catalogue.measures
    ]
