"""Build the full-text index of the measures (called by db.build): one SQLite file.

Terms are db.analysis's units (unigrams) and pairs of adjacent units (bigrams), per field
(title, body, footnotes). For each term of each field the index holds packed arrays, read
by the searcher with one `array.frombytes` each instead of decoding postings one by one:

- postings(field, term): `docs` (document numbers, ascending) and `tfs` (how often the
  term occurs in each), so matching, document frequencies and BM25 come from the index;
- trigrams(field, term): `keys`, docnum << shift | unit position, ascending, of every
  three adjacent units, so a phrase of three or more units is found, confirmed and counted
  by set arithmetic on the positions of a few trigrams that cover it (no text is read);
- positions(field, term), bigrams: the same keys (for two-unit phrases that repeat
  themselves, and for near matches by proximity);
- impacts(term, tier), for common terms (see impact_min_df): the first IMPACT_TOP
  measures in the searcher's own ranking of a query of that one term — title tier first
  (tier 1: the term is in the title), then by BM25F score rounded to 4 places, then
  document order — with those scores. For a one-term query the term's document frequency,
  and so its idf and every score, is known here already, so the list is the ranking
  itself; the searcher reads its top instead of scoring every measure that has the word.

`docs` holds what the searcher needs per measure: place and ministries for filters and
facets, the lengths in units for BM25, and the printed texts for the snippets of the hits
shown (read on demand, never all at once).

Document numbers follow document order (seq), so ties in ranking sort by docnum.
Arrays are little-endian unsigned 32-bit (positions: 64-bit if ever needed, see meta;
counts: 8 or 16 bits when they fit, told by the blob's length).
"""

from __future__ import annotations

import json
import math
import sqlite3
import sys
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain, repeat
from operator import add, lshift
from pathlib import Path

from db.analysis import SEPARATOR, bigram, normalize, units
from db.model import Measure
from db.version import INDEX_VERSION

VERSION_FILE = "shisaku-index.json"
INDEX_FILE = "search.sqlite"
FIELDS = ("title", "body", "footnotes")  # field numbers are positions in this tuple
GAP = 2  # positions skipped between footnotes, so no phrase spans two
# Room above the longest field in the position keys: a phrase of fewer units than this,
# checked at start + j, never reaches into the next measure's keys.
PHRASE_ROOM = 1024

# BM25F as the searcher ranks (desktop/search/ranking.py uses these very numbers)
TEXT_FIELDS = {"title": 6.0, "body": 1.0, "footnotes": 0.5}  # field weights
FIELD_B = {"title": 0.3, "body": 0.75, "footnotes": 0.75}  # length normalisation
K1 = 1.2
IMPACT_TOP = 256  # measures per impact list and tier (the window shows 200 hits)


def impact_min_df(n: int) -> int:
    """Terms in at least this many of `n` measures get impact lists."""
    return max(32, n // 16)


SCHEMA = """
create table meta (key text primary key, value text not null);
create table docs (
    docnum integer primary key,  -- document order
    id text not null unique,
    seq integer not null,
    chapter integer not null,
    pillar integer,  -- null in 第2章
    ministries text not null,  -- comma-joined 府省庁
    title text not null,
    body text not null,
    footnotes text not null,  -- footnote texts joined by U+001E
    footnote_numbers text not null,  -- JSON list
    units_title integer not null,
    units_body integer not null,
    units_footnotes integer not null
);
create table postings (
    term text not null, field integer not null, df integer not null,
    docs blob not null, tfs blob not null, primary key (term, field)
);
create table positions (
    term text not null, field integer not null, keys blob not null,
    primary key (term, field)
);
create table trigrams (
    term text not null, field integer not null, keys blob not null,
    primary key (term, field)
);
create table impacts (
    term text not null, tier integer not null, size integer not null,
    docs blob not null, scores blob not null,  -- scores: float64, descending
    primary key (term, tier)
);
"""


def uint_array(typecode: str = "I") -> array:
    """An array of unsigned ints of 4 bytes ("I") or 8 ("Q") on every platform."""
    a = array(typecode)
    if typecode == "I" and a.itemsize != 4:
        a = array("L")
    return a


def pack(a: array) -> bytes:
    if sys.byteorder == "big":
        a = array(a.typecode, a)
        a.byteswap()
    return a.tobytes()


def pack_counts(a: array) -> bytes:
    """Counts in the fewest bytes that hold them (1, 2 or 4 each)."""
    top = max(a, default=0)
    return pack(array("B", a) if top < 256 else array("H", a) if top < 65536 else a)


def unpack_counts(data: bytes, n: int) -> array:
    size = len(data) // n if n else 4
    return unpack(data, {1: "B", 2: "H"}.get(size, "I"))


def unpack(data: bytes, typecode: str = "I") -> array:
    a = uint_array(typecode)
    a.frombytes(data)
    if sys.byteorder == "big":
        a.byteswap()
    return a


class _Postings:
    """Postings of one field while building: per term the docs, counts and (bigrams,
    trigrams) the positions, in packed arrays (a 100× catalogue fits in memory this way)."""

    def __init__(self) -> None:
        self.docs: dict[str, array] = {}
        self.tfs: dict[str, array] = {}
        self.positions: dict[str, array] = {}
        self.trigram_docs: dict[str, array] = {}  # one docnum per occurrence
        self.trigram_positions: dict[str, array] = {}
        self.max_position = 0

    def add(self, docnum: int, parts: list[str]) -> int:
        """Index one measure's field (its parts apart); returns its length in units."""
        counts: Counter[str] = Counter()
        places: dict[str, list[int]] = {}
        pos = length = 0
        for part in parts:
            us = units(normalize(part))
            counts.update(us)
            pairs = [bigram(a, b) for a, b in zip(us, us[1:], strict=False)]
            for k, term in enumerate(pairs):
                places.setdefault(term, []).append(pos + k)
            for k, (ab, c) in enumerate(zip(pairs, us[2:], strict=False)):
                term = bigram(ab, c)
                if term not in self.trigram_docs:
                    self.trigram_docs[term], self.trigram_positions[term] = (
                        uint_array(),
                        uint_array(),
                    )
                self.trigram_docs[term].append(docnum)
                self.trigram_positions[term].append(pos + k)
            length += len(us)
            pos += len(us) + GAP
        for term, where in places.items():
            counts[term] = len(where)
            self.positions.setdefault(term, uint_array()).extend(where)
            self.max_position = max(self.max_position, where[-1])
        for term, n in counts.items():
            if term not in self.docs:
                self.docs[term], self.tfs[term] = uint_array(), uint_array()
            self.docs[term].append(docnum)
            self.tfs[term].append(n)
        return length

    def keys(self, term: str, shift: int, typecode: str) -> array:
        """Positions of a bigram as docnum << shift | position, ascending."""
        docs = chain.from_iterable(map(repeat, self.docs[term], self.tfs[term]))
        return _keys(docs, self.positions[term], shift, typecode)

    def trigram_keys(self, term: str, shift: int, typecode: str) -> array:
        return _keys(self.trigram_docs[term], self.trigram_positions[term], shift, typecode)


def _keys(docs, positions, shift: int, typecode: str) -> array:
    out = uint_array(typecode)
    out.extend(map(add, map(lshift, docs, repeat(shift)), positions))
    return out


def build_index(measures: Iterable[Measure], out_dir: Path) -> None:
    """Write a fresh index of `measures` into the new, empty folder `out_dir`."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / INDEX_FILE
    if path.exists():
        path.unlink()
    con = sqlite3.connect(path)
    try:
        con.executescript("pragma journal_mode = off; pragma synchronous = off;" + SCHEMA)
        fields = [_Postings() for _ in FIELDS]
        rows = []
        for docnum, m in enumerate(sorted(measures, key=lambda m: m.seq)):
            texts = [[m.title], [m.body], [f.text for f in m.footnotes]]
            lengths = [p.add(docnum, t) for p, t in zip(fields, texts, strict=True)]
            rows.append(_doc_row(docnum, m, lengths))
        con.executemany(f"insert into docs values ({','.join('?' * 13)})", rows)
        _write_postings(con, fields, len(rows))
        _write_impacts(con, fields, [r[-3:] for r in rows])
        con.commit()
    finally:
        con.close()
    (out_dir / VERSION_FILE).write_text(
        json.dumps({"index_version": INDEX_VERSION}) + "\n", encoding="utf-8"
    )


def _doc_row(docnum: int, m: Measure, lengths: list[int]) -> tuple:
    return (
        docnum,
        m.id,
        m.seq,
        m.chapter,
        m.pillar,
        ",".join(m.ministries),
        m.title,
        m.body,
        SEPARATOR.join(f.text for f in m.footnotes),
        json.dumps([f.number for f in m.footnotes]),
        *lengths,
    )


def _write_postings(con: sqlite3.Connection, fields: list[_Postings], n: int) -> None:
    top = max((p.max_position for p in fields), default=0)
    shift = (top + 1 + PHRASE_ROOM).bit_length()
    typecode = "I" if (n << shift) < 2**32 else "Q"
    con.executemany(
        "insert into meta values (?, ?)",
        [("doc_count", str(n)), ("position_shift", str(shift)), ("position_type", typecode)],
    )
    for number, p in enumerate(fields):
        con.executemany(
            "insert into postings values (?, ?, ?, ?, ?)",
            (
                (term, number, len(docs), pack(docs), pack_counts(p.tfs[term]))
                for term, docs in p.docs.items()
            ),
        )
        con.executemany(
            "insert into positions values (?, ?, ?)",
            ((term, number, pack(p.keys(term, shift, typecode))) for term in p.positions),
        )
        con.executemany(
            "insert into trigrams values (?, ?, ?)",
            (
                (term, number, pack(p.trigram_keys(term, shift, typecode)))
                for term in p.trigram_docs
            ),
        )


def length_norms(lengths: Mapping[str, Sequence[int]]) -> dict[str, array]:
    """K1 * (1 - b + b * length / average length) per field and measure, from the lengths
    in units (the searcher's BM25F uses these very numbers)."""
    out = {}
    for f, b in FIELD_B.items():
        column = lengths[f]
        n = len(column)
        avg = (sum(column) / n or 1.0) if n else 1.0
        out[f] = array("d", (K1 * (1 - b + b * length / avg) for length in column))
    return out


def _write_impacts(con: sqlite3.Connection, fields: list[_Postings], rows) -> None:
    norms = length_norms({f: [r[i] for r in rows] for i, f in enumerate(FIELDS)})
    n = len(rows)
    least = impact_min_df(n)
    per_field: dict[str, int] = {}
    for p in fields:
        for term, docs in p.docs.items():
            per_field[term] = per_field.get(term, 0) + len(docs)
    for term, total in per_field.items():
        if total < least:  # (a sum over fields: a cheap upper bound of the measures)
            continue
        found = [
            (f, p.docs[term], p.tfs[term])
            for f, p in zip(FIELDS, fields, strict=True)
            if term in p.docs
        ]
        df = len(set().union(*(docs for _, docs, _ in found)))
        if df < least:
            continue
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
        scores: dict[int, float] = {}
        for f, docs, tfs in found:  # title, body, footnotes: the searcher's order of sums
            c, norm = TEXT_FIELDS[f] * idf, norms[f]
            for d, tf in zip(docs, tfs, strict=True):
                scores[d] = scores.get(d, 0.0) + c * tf * (K1 + 1) / (tf + norm[d])
        titled = set(fields[0].docs.get(term, ()))
        for tier in (1, 0):
            ranked = sorted(
                (-round(s, 4), d) for d, s in scores.items() if (d in titled) == bool(tier)
            )
            if ranked:
                top = ranked[:IMPACT_TOP]
                docs = uint_array()
                docs.extend(d for _, d in top)
                con.execute(
                    "insert into impacts values (?, ?, ?, ?, ?)",
                    (term, tier, len(ranked), pack(docs), pack(array("d", (-s for s, _ in top)))),
                )


def index_version(index_dir: Path) -> int | None:
    """Version of the index in `index_dir`, None if missing or unreadable."""
    try:
        text = (Path(index_dir) / VERSION_FILE).read_text(encoding="utf-8")
        return int(json.loads(text)["index_version"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
