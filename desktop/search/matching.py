"""Exact matching of one leaf (a word or phrase of the query) from the index.

A leaf of one unit is one unigram's postings; of two units, one bigram's. A leaf of three
or more units is a phrase of bigrams: the measures that hold all its bigrams in one field
are found from the postings, then the phrase's start positions are the positions of its
rarest bigram that the other bigrams follow at the right distance, found by set
arithmetic on packed positions (docnum << shift | unit position). No text is read.

Counts follow the rule the ranking has always used: every occurrence for a leaf that begins
or ends with a Latin word (whole words never overlap), else occurrences that do not overlap,
taken from the left (Python's str.count), which differs only for a leaf that repeats
itself (とと in ととと is one).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from itertools import repeat
from operator import rshift, sub

from db.analysis import is_word_char, query_terms
from db.index import FIELDS, PHRASE_ROOM
from desktop.search.index_reader import IndexReader, Posting
from desktop.search.query import Leaf


@dataclass(frozen=True)
class LeafMatch:
    fields: dict[str, Posting]  # per field where the leaf occurs: measures and counts
    docs: frozenset[int]  # measures where it occurs in any field

    def in_field(self, field: str) -> frozenset[int] | set[int]:
        p = self.fields.get(field)
        return set(p.docs) if p is not None else frozenset()

    @property
    def weight(self) -> int:
        """Roughly how much memory it holds (for bounded caches)."""
        return len(self.docs) + sum(len(p.docs) for p in self.fields.values())


EMPTY = LeafMatch({}, frozenset())


def match_leaf(reader: IndexReader, leaf: Leaf) -> LeafMatch:
    us = leaf.units
    greedy = counts_apart(leaf)
    if len(us) == 1 or (len(us) == 2 and not greedy):
        fields = reader.postings(query_terms(list(us))[0])
    else:
        fields = _phrase(reader, leaf, greedy)
    if not fields:
        return EMPTY
    docs: set[int] = set()
    for p in fields.values():
        docs.update(p.docs)
    return LeafMatch(fields, frozenset(docs))


def counts_apart(leaf: Leaf) -> bool:
    """True if overlapping occurrences must not be counted twice: the leaf neither begins
    nor ends with a Latin word and a proper prefix of it is also its suffix."""
    t, us = leaf.text, leaf.units
    if is_word_char(t[0]) or is_word_char(t[-1]):
        return False
    return any(us[:i] == us[-i:] for i in range(1, len(us)))


def _phrase(reader: IndexReader, leaf: Leaf, greedy: bool) -> dict[str, Posting]:
    bigrams = query_terms(list(leaf.units))
    postings = {t: reader.postings(t) for t in set(bigrams)}
    out = {}
    for field in FIELDS:
        per_term = [postings[t].get(field) for t in bigrams]
        if any(p is None for p in per_term):
            continue
        docs = set(min(per_term, key=lambda p: len(p.docs)).docs)
        for p in per_term:
            docs.intersection_update(p.docs)
        if not docs:
            continue
        starts = _starts(reader, bigrams, field, [len(p.docs) for p in per_term])
        if len(bigrams) >= PHRASE_ROOM:  # longer than the keys' room: drop what spilled over
            mask = (1 << reader.shift) - 1
            starts = {s for s in starts if (s & mask) + len(bigrams) <= mask}
        if starts:
            counts = _apart(starts, len(leaf.units), reader.shift) if greedy else None
            if counts is None:
                counts = Counter(map(rshift, starts, repeat(reader.shift)))
            found = sorted(counts)
            out[field] = Posting(found, [counts[d] for d in found])
    return out


def _starts(reader: IndexReader, bigrams: list[str], field: str, dfs: list[int]) -> set[int]:
    """Keys where the whole phrase starts: bigram j must stand at start + j. (A start
    computed from an occurrence too near the beginning of a measure falls into the previous
    measure's unused high positions, where bigram 0 never stands, so it drops out.)"""
    order = sorted(range(len(bigrams)), key=lambda j: dfs[j])  # rarest first
    keys: dict[str, object] = {}

    def positions(term: str):
        if term not in keys:
            keys[term] = reader.positions(term, field)
        return keys[term]

    first = order[0]
    starts = set(map(sub, positions(bigrams[first]), repeat(first)))
    for j in order[1:]:
        have = positions(bigrams[j])
        if len(starts) * 20 < len(have):  # few candidates: look each one up
            starts = {s for s in starts if _holds(have, s + j)}
        else:
            starts.intersection_update(map(sub, have, repeat(j)))
        if not starts:
            break
    return starts


def _holds(sorted_keys, key: int) -> bool:
    i = bisect_left(sorted_keys, key)
    return i < len(sorted_keys) and sorted_keys[i] == key


def _apart(starts: set[int], length: int, shift: int) -> Counter[int]:
    """Occurrences per measure that do not overlap, taken from the left."""
    counts: Counter[int] = Counter()
    doc, end = -1, 0
    for s in sorted(starts):
        d = s >> shift
        if d != doc:
            doc, end = d, 0
        if s >= end:
            counts[d] += 1
            end = s + length
    return counts
