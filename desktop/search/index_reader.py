"""Read the index file (db/index.py): per-measure statistics at open, postings and
positions as packed arrays on demand, printed texts only for the measures asked for.

Not thread-safe by itself: the Searcher holds its lock around every call.
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from dataclasses import dataclass
from pathlib import Path

from db.analysis import SEPARATOR, is_word_char
from db.index import FIELDS, INDEX_FILE, unpack, unpack_counts

FIELD_NUMBER = {f: i for i, f in enumerate(FIELDS)}


@dataclass(frozen=True)
class Posting:
    """One term (or phrase) in one field: the measures, ascending, and the count in each."""

    docs: array | list[int]
    tfs: array | list[int]


@dataclass(frozen=True)
class Texts:
    """The printed texts of one measure (for snippets and related measures)."""

    title: str
    body: str
    footnotes: list[tuple[int, str]]  # (number, text)


class IndexReader:
    def __init__(self, index_dir: Path):
        path = Path(index_dir) / INDEX_FILE
        if not path.is_file():
            raise FileNotFoundError(path)
        uri = path.resolve().as_uri() + "?mode=ro"
        self._con = sqlite3.connect(uri, uri=True, check_same_thread=False)
        try:
            self._load()
        except BaseException:
            self._con.close()
            raise

    def _load(self) -> None:
        meta = dict(self._con.execute("select key, value from meta"))
        self.shift = int(meta["position_shift"])
        self.position_type = meta["position_type"]
        self.ids: list[str] = []
        self.chapter = array("b")
        self.pillar = array("b")  # 0: none (第2章)
        self.ministries: list[tuple[str, ...]] = []
        self.lengths = {f: array("I") for f in FIELDS}
        shared: dict[str, tuple[str, ...]] = {}  # one tuple per distinct list
        for row in self._con.execute(
            "select id, chapter, pillar, ministries, units_title, units_body, "
            "units_footnotes from docs order by docnum"
        ):
            mid, ch, pl, mins, *lengths = row
            self.ids.append(mid)
            self.chapter.append(ch)
            self.pillar.append(pl or 0)
            names = shared.get(mins)
            if names is None:
                names = shared[mins] = tuple(x for x in mins.split(",") if x)
            self.ministries.append(names)
            for f, n in zip(FIELDS, lengths, strict=True):
                self.lengths[f].append(n)
        self.by_id = {mid: n for n, mid in enumerate(self.ids)}

    def __len__(self) -> int:
        return len(self.ids)

    def close(self) -> None:
        self._con.close()

    def postings(self, term: str) -> dict[str, Posting]:
        """The term's postings in each field where it occurs."""
        return {
            FIELDS[field]: Posting(unpack(docs), unpack_counts(tfs, df))
            for field, df, docs, tfs in self._con.execute(
                "select field, df, docs, tfs from postings where term = ?", (term,)
            )
        }

    def doc_frequency(self, term: str, field: str | None = None) -> int:
        """Measures with the term (in `field`, or in any field counted per field)."""
        if field is None:
            row = self._con.execute(
                "select sum(df) from postings where term = ?", (term,)
            ).fetchone()
        else:
            row = self._con.execute(
                "select df from postings where term = ? and field = ?",
                (term, FIELD_NUMBER[field]),
            ).fetchone()
        return int(row[0] or 0) if row else 0

    def doc_frequencies(self, terms: list[str], field: str) -> dict[str, int]:
        """Measures with each term in `field` (terms not in the index left out)."""
        out: dict[str, int] = {}
        for start in range(0, len(terms), 500):  # under SQLite's variable limit
            chunk = terms[start : start + 500]
            marks = ",".join("?" * len(chunk))
            out.update(
                self._con.execute(
                    f"select term, df from postings where field = ? and term in ({marks})",
                    (FIELD_NUMBER[field], *chunk),
                )
            )
        return out

    def positions(self, term: str) -> dict[str, array]:
        """Where a bigram occurs, per field: docnum << shift | unit position, ascending."""
        return self._keys("positions", term)

    def _keys(self, table: str, term: str) -> dict[str, array]:
        return {
            FIELDS[field]: unpack(keys, self.position_type)
            for field, keys in self._con.execute(
                f"select field, keys from {table} where term = ?", (term,)
            )
        }

    def unit_positions(self, unit: str) -> dict[str, list[int]]:
        """Where one unit occurs, per field (keys as in positions()), from the bigrams that
        begin with it; an occurrence as the last unit of a field has none and is missed.
        For near matches of a lone character (お酒の → 酒), not for matching."""
        out: dict[str, list[int]] = {}
        n = len(unit)
        word = is_word_char(unit[-1])
        for term, field, keys in self._con.execute(
            "select term, field, keys from positions where term > ? and term < ?",
            (unit, unit + "\U0010ffff"),
        ):
            nxt = term[n : n + 1]
            if word and (nxt != " " and is_word_char(nxt)):
                continue  # another word that begins with these letters
            out.setdefault(FIELDS[field], []).extend(unpack(keys, self.position_type))
        return {f: sorted(v) for f, v in out.items()}

    def impacts(self, term: str) -> dict[int, tuple[int, array, array]]:
        """The term's impact lists (db/index.py) by tier: (tier size, the first measures
        in rank order, their scores); {} for a term too rare to have them."""
        return {
            tier: (size, unpack(docs), unpack(scores, "d"))
            for tier, size, docs, scores in self._con.execute(
                "select tier, size, docs, scores from impacts where term = ?", (term,)
            )
        }

    def trigram_positions(self, term: str) -> dict[str, array]:
        """Where a trigram occurs, per field: docnum << shift | unit position, ascending."""
        return self._keys("trigrams", term)

    def texts(self, docnums: list[int]) -> dict[int, Texts]:
        out = {}
        for start in range(0, len(docnums), 500):  # under SQLite's variable limit
            chunk = docnums[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for num, title, body, notes, numbers in self._con.execute(
                "select docnum, title, body, footnotes, footnote_numbers from docs "
                f"where docnum in ({marks})",
                chunk,
            ):
                texts = notes.split(SEPARATOR) if notes else []
                out[num] = Texts(title, body, list(zip(json.loads(numbers), texts, strict=False)))
        return out
