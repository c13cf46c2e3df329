"""Exact matching of one leaf (a word or phrase of the query) from the index.

A leaf of one unit is one unigram's postings; of two units, one bigram's. A leaf of three
or more units is a phrase covered by trigrams (at offsets 0, 3, 6, … and one ending with
its last unit): its start positions are the positions of its rarest trigram that the
others follow at the right distance, found by set arithmetic on packed positions (docnum
<< shift | unit position), and they give the measures and the counts. No text is read.

Counts follow the rule the ranking has always used: every occurrence for a leaf that begins
or ends with a Latin word (whole words never overlap), else occurrences that do not overlap,
taken from the left (Python's str.count), which differs only for a leaf that repeats
itself (とと in ととと is one).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import rshift, sub

from db.analysis import bigram, is_word_char, query_terms, trigram
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
    """Occurrences of a leaf of 3 or more units (or of 2 that repeat themselves)."""
    n = len(leaf.units)
    out = {}
    for field, starts in phrase_starts(reader, leaf).items():
        if starts:
            counts = _apart(starts, n, reader.shift) if greedy else None
            if counts is None:
                counts = Counter(map(rshift, starts, repeat(reader.shift)))
            found = sorted(counts)
            out[field] = Posting(found, [counts[d] for d in found])
    return out


def phrase_starts(reader: IndexReader, leaf: Leaf) -> dict[str, set[int]]:
    """Per field, the keys (docnum << shift | unit position) where a leaf of two or more
    units starts: its matches, and for near matches (tiers.py) where they stand."""
    us = list(leaf.units)
    n = len(us)
    if n < 2:
        return {}
    if n == 2:
        grams = [(0, bigram(us[0], us[1]))]
        keys = {grams[0][1]: reader.positions(grams[0][1])}
    else:  # trigrams at 0, 3, 6, … and one ending with the last unit
        offsets = list(range(0, n - 2, 3))
        if offsets[-1] != n - 3:
            offsets.append(n - 3)
        grams = [(o, trigram(us[o], us[o + 1], us[o + 2])) for o in offsets]
        keys = {t: reader.trigram_positions(t) for t in {t for _, t in grams}}
    out = {}
    for field in FIELDS:
        lists = [(o, a) for o, t in grams if (a := keys[t].get(field)) is not None]
        if len(lists) < len(grams):  # an n-gram absent from this field
            continue
        starts = _starts(lists)
        if n >= PHRASE_ROOM:  # longer than the keys' room: drop what spilled over
            mask = (1 << reader.shift) - 1
            starts = {s for s in starts if (s & mask) + n <= mask}
        out[field] = starts
    return out


def _starts(lists: Sequence[tuple[int, Sequence[int]]]) -> set[int]:
    """Keys where the whole phrase starts: the n-gram at offset o stands at start + o.
    (Consecutive positions exist only inside one title, body or footnote, so the phrase
    never spans two. A start computed from an occurrence near the beginning of a measure
    falls into the previous measure's unused high positions, where the n-gram at offset 0
    never stands, so it drops out.)"""
    lists = sorted(lists, key=lambda x: len(x[1]))  # rarest first
    first, keys = lists[0]
    starts = set(map(sub, keys, repeat(first)))
    for o, have in lists[1:]:
        if len(starts) * 20 < len(have):  # few candidates: look each one up
            starts = {s for s in starts if _holds(have, s + o)}
        else:
            starts.intersection_update(map(sub, have, repeat(o)))
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
