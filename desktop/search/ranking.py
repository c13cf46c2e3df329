"""Ranking: the rules, and BM25F computed from the index's postings and statistics.

Order: measures whose title contains the whole query (every AND part) first, then those
where more adjacent words of the query stand together (地方創生 2.0 puts 地方創生2.0
first), then by BM25F score rounded to 4 places, then document order.

BM25F in the form Whoosh and Lucene use: per-field BM25 with exact counts, weighted and
summed (the title weight stays above what any body can reach, which pooled-tf BM25F would
not give); the parameters are db/index.py's.

A query of one common term is ranked by the index already: its impact lists hold the
first measures of exactly this order (db/index.py), so its top is read, skipping measures
that a NOT, a filter or nothing excludes, and nothing is scored. Any other query is scored
from the postings: each (leaf, field) contribution for all measures at once with C-level
map() over packed arrays, added into the scores column in the order a per-measure loop
would (leaf by leaf, title, body, footnotes; adding 0.0 changes nothing), so the floats are
the very same. With a limit, only the top is sorted, and when the title-first tier alone
fills the limit, nothing else is scored.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Callable, Collection, Set
from itertools import compress, repeat
from operator import add, and_, eq, ge, lt, mul, neg, not_, or_, sub, truediv

from db.analysis import query_terms
from db.index import FIELD_B, K1, TEXT_FIELDS, length_norms  # noqa: F401 (public here too)
from desktop.search.index_reader import IndexReader, Posting
from desktop.search.matching import LeafMatch, counts_apart
from desktop.search.query import Leaf, ParsedQuery


class Ranker:
    def __init__(self, reader: IndexReader, match: Callable[[Leaf], LeafMatch]):
        self.reader = reader
        self.n = len(reader)
        self.norms = length_norms(reader.lengths)
        self.match = match

    def rank(
        self,
        pq: ParsedQuery,
        docs: Set[int],
        limit: int | None,
        note_docs: Collection[int] = (),
    ) -> list[tuple[int, float]]:
        """(docnum, score) in rank order, the first `limit` (all if None). `docs` are the
        measures to rank, `note_docs` those of them that matched in the user's notes."""
        quick = self._from_impacts(pq, docs, limit, note_docs)
        if quick is not None:
            return quick
        title_first = self._title_first(pq) & docs if pq.groups else set()
        candidates = docs
        if limit is not None and len(title_first) >= limit:
            candidates = title_first  # the top is in this tier: score only it
        order = sorted(candidates)
        positive = pq.positive
        scored = positive + [x for x in pq.adjacent if x not in positive]
        scores = self._scores(scored, order)
        together = [0] * len(order)
        for leaf in pq.adjacent:
            together = list(map(add, together, map(self.match(leaf).docs.__contains__, order)))
        rounded = list(map(round, scores, repeat(4)))
        flags = list(map(not_, map(title_first.__contains__, order)))
        if limit is not None and limit < len(order):
            keep = _top_mask(flags, together, rounded, max(0, limit))
            order, flags = list(compress(order, keep)), list(compress(flags, keep))
            together, rounded = list(compress(together, keep)), list(compress(rounded, keep))
        keys = sorted(zip(flags, map(neg, together), map(neg, rounded), order, strict=True))
        if limit is not None:
            keys = keys[: max(0, limit)]
        return [(k[3], -k[2]) for k in keys]

    def _from_impacts(self, pq, docs, limit, note_docs) -> list[tuple[int, float]] | None:
        """The top of a one-term query from the term's impact lists; None when they do not
        answer it (another kind of query, no lists, or too few of their measures left)."""
        if limit is None or not 0 < limit <= len(docs) or pq.adjacent:
            return None
        if len(pq.groups) != 1 or len(pq.groups[0]) != 1:
            return None
        leaf = pq.groups[0][0]
        if len(leaf.units) > 2 or counts_apart(leaf):
            return None
        if any(d in docs and d not in self.match(leaf).docs for d in note_docs):
            return None  # a measure found only in a note ranks among them with score 0
        lists = self.reader.impacts(query_terms(list(leaf.units))[0])
        if not lists:
            return None
        out: list[tuple[int, float]] = []
        for tier in (1, 0):
            size, tdocs, scores = lists.get(tier, (0, (), ()))
            for d, s in zip(tdocs, scores, strict=True):
                if d in docs:
                    out.append((d, s))
                    if len(out) == limit:
                        return out
            if len(tdocs) < size:  # the list ends before the tier does
                return None
        return None  # fewer measures than the limit: docs said otherwise

    def _title_first(self, pq: ParsedQuery) -> set[int]:
        out: set[int] | None = None
        for group in pq.groups:
            alt: set[int] = set()
            for leaf in group:
                alt |= self.match(leaf).in_field("title")
            out = alt if out is None else out & alt
        return out or set()

    def _scores(self, leaves: list[Leaf], order: list[int]) -> list[float]:
        scores: list[float] | None = None
        for leaf in leaves:
            m = self.match(leaf)
            df = len(m.docs)
            idf = math.log(1 + (self.n - df + 0.5) / (df + 0.5))
            for f, weight in TEXT_FIELDS.items():
                p = m.fields.get(f)
                if p is None:
                    continue
                tfs = _aligned(p, order)
                # weight * idf * tf * (K1 + 1) / (tf + K1 * norm), in this order; 0.0 where
                # tf is 0, and adding 0.0 changes no sum
                tops = map(mul, map(mul, repeat(weight * idf), tfs), repeat(K1 + 1))
                bottoms = map(add, tfs, map(self.norms[f].__getitem__, order))
                got = map(truediv, tops, bottoms)
                scores = list(got) if scores is None else list(map(add, scores, got))
        return scores if scores is not None else [0.0] * len(order)


def _aligned(p: Posting, order: list[int]):
    """The posting's counts for the measures in `order` (0 where it does not occur)."""
    docs = p.docs
    if len(docs) == len(order) and docs[0] == order[0] and docs[-1] == order[-1]:
        if list(docs) == order:
            return p.tfs
    if len(order) * 16 < len(docs):  # a few measures of a long list: look each one up
        out = []
        for d in order:
            i = bisect_left(docs, d)
            out.append(p.tfs[i] if i < len(docs) and docs[i] == d else 0)
        return out
    return list(map(dict(zip(docs, p.tfs, strict=True)).get, order, repeat(0)))


def _top_mask(flags: list, together: list[int], rounded: list[float], limit: int) -> list:
    """Which measures can be in the first `limit` by (flag, -together, -rounded score,
    docnum): those of the tiers above the limit's tier, and in its tier those scoring at
    least the limit-th score there (ties kept: document order decides among them)."""
    if limit == 0:
        return [False] * len(flags)
    tiers = list(map(sub, map(mul, flags, repeat(1 << 20)), together))  # lower is better
    ordered = sorted(tiers)
    cut_tier = ordered[limit - 1]
    places = limit - bisect_left(ordered, cut_tier)  # left for the limit's tier
    same = list(map(eq, tiers, repeat(cut_tier)))
    cut = sorted(compress(rounded, same), reverse=True)[places - 1]
    return list(
        map(or_, map(lt, tiers, repeat(cut_tier)), map(and_, same, map(ge, rounded, repeat(cut))))
    )
