"""Related measures: the measure's most telling terms, then BM25 over the index.

The terms: every unigram and bigram of the title and body worth comparing (two-kanji or
katakana bigrams, Latin words), the title's counted three times, weighted tf/(tf+1.2) ×
idf and the top RELATED_TERMS kept. The score of another measure: for each of those terms
in its title (boost 2 × weight) and body (weight), BM25 with B 0.75, K1 1.2, the field's
idf log(N / (df + 1)) + 1 and its length in terms (unigrams and bigrams), rounded up to
one of 256 logarithmic steps. That is the formula and the statistics of the Whoosh index
this replaced (its BM25F and its one-byte field lengths), so every measure's related list
is the same as before (checked on all 344).
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections import Counter, deque
from itertools import compress, repeat
from operator import add, ge, mul, neg, truediv

from db.analysis import SEPARATOR, terms
from desktop.search.index_reader import IndexReader, Texts

RELATED_TERMS = 30
B = 0.75
K1 = 1.2
FIELD_BOOST = {"title": 2.0, "body": 1.0}


# Lengths as the Whoosh index kept them (one byte each): rounded up to one of 256 steps.
LENGTH_STEPS = [int(round((pow(1.033, k) - 1) * 27)) for k in range(256)]


def stepped(length: int) -> int:
    if length >= LENGTH_STEPS[-1]:
        return LENGTH_STEPS[-1]
    return LENGTH_STEPS[bisect_left(LENGTH_STEPS, length)]


def term_norms(reader: IndexReader) -> dict[str, array]:
    """K1 * (1 - B + B * terms / average terms) per measure, for title and body."""
    out = {}
    n = len(reader)
    for f in FIELD_BOOST:
        counts = [2 * u - 1 if u else 0 for u in reader.lengths[f]]  # unigrams + bigrams
        avg = (sum(counts) / n or 1.0) if n else 1.0
        out[f] = array("d", (K1 * ((1 - B) + B * stepped(c) / avg) for c in counts))
    return out


def content_term(t: str) -> bool:
    """Terms worth comparing for related measures: two-kanji/katakana bigrams and
    Latin words, not hiragana grammar (する, ため) or punctuation."""
    if " " in t:
        return False
    if len(t) == 2 and all(c.isalpha() and ord(c) >= 0x2E80 for c in t):
        return not all("\u3040" <= c <= "\u309f" for c in t)
    return len(t) >= 2 and t.isalnum() and not t.isdigit() and ord(t[0]) < 0x2E80


def top_terms(reader: IndexReader, texts: Texts) -> list[tuple[str, float]]:
    weights: Counter[str] = Counter()
    for t, _ in terms(texts.title + SEPARATOR + texts.body):
        if content_term(t):
            weights[t] += 1
    for t, _ in terms(texts.title):  # the title says what the measure is about
        if content_term(t):
            weights[t] += 2
    n = len(reader)
    dfs = reader.doc_frequencies(list(weights), "body")
    scored = {
        t: (tf / (tf + 1.2)) * (math.log(n / (dfs.get(t, 0) + 1)) + 1) for t, tf in weights.items()
    }
    return sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[:RELATED_TERMS]


def related(
    reader: IndexReader, norms: dict[str, array], docnum: int, texts: Texts, count: int
) -> list[tuple[int, float]]:
    """(docnum, score) of the `count` measures most like `docnum`, best first."""
    top = top_terms(reader, texts)
    if not top or count < 1:
        return []
    n = len(reader)
    scores = [0.0] * n  # summed in place by C-level gather, add and scatter
    touched: set[int] = set()
    for t, w in top:
        postings = reader.postings(t)
        for f, boost in FIELD_BOOST.items():
            p = postings.get(f)
            if p is None:
                continue
            idf = math.log(n / (len(p.docs) + 1)) + 1
            # idf * ((tf * (K1 + 1)) / (tf + norm)) * boost, as Whoosh computed it
            parts = map(
                truediv,
                map(mul, p.tfs, repeat(K1 + 1)),
                map(add, p.tfs, map(norms[f].__getitem__, p.docs)),
            )
            got = map(mul, map(mul, repeat(idf), parts), repeat(boost * w))
            summed = list(map(add, map(scores.__getitem__, p.docs), got))
            deque(map(scores.__setitem__, p.docs, summed), maxlen=0)
            touched.update(p.docs)
    touched.discard(docnum)
    found = sorted(touched)
    values = list(map(scores.__getitem__, found))
    if len(found) > count:  # keep those that can be in the top (ties included)
        cut = sorted(values, reverse=True)[count - 1]
        keep = list(map(ge, values, repeat(cut)))
        found, values = list(compress(found, keep)), list(compress(values, keep))
    best = sorted(zip(map(neg, values), found, strict=True))[:count]
    return [(d, -s) for s, d in best]
