"""Read-only queries over the built catalogue. Qt-free; returns plain records.

The outline (chapters, pillars, footnotes) is loaded at open. The headers of all the
measures (id, place, title: what every list needs) are loaded the first time `measures` is
read, made with C-level map(); until then `get()`, `in_pillar()`, `groups()` and `len()`
read just what they are asked for, so that the window paints before a catalogue of tens of
thousands of measures is in memory (the window reads `measures` right after its first
paint). A record handed out before the full load is the same object after it. The rest of
a measure is filled in the first time it is asked for: ministries and footnotes from what
was loaded, bureaus and the body from the catalogue, with those of the measures that follow
it in document order; bodies are most of a catalogue's size, so only the last few hundred
are kept. Callers see ordinary `Measure` records either way.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import Counter, OrderedDict, deque
from itertools import repeat
from operator import itemgetter
from pathlib import Path

from db.model import Bureau, Chapter, Footnote, Measure, Pillar
from desktop import paths
from desktop.errors import UnknownMeasure

__all__ = ["Catalogue", "Chapter", "Footnote", "Measure", "Bureau", "Pillar"]

# the headers read at open (the columns stored before the body, so SQLite reads little)
_HEADER = ("id", "seq", "chapter", "pillar", "number", "title")
_COLUMNS = ", ".join(_HEADER)
BODY_CACHE = 256  # bodies kept
READ_AHEAD = 64  # measures whose body and bureaus are read together


class _Later:
    """A field filled in when first read: a non-data descriptor, so the value, once in the
    instance's __dict__, is found before it (and a field's class default never is)."""

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return obj._catalogue._later(obj, self.name)


class _Place:
    """chapter_title, pillar_title, pillar_subtitle: from the outline when first read (not
    stored per measure at open: three fewer dict entries for each of 34,400 measures at
    100×). A non-data descriptor, like _Later."""

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj._catalogue._place_field(obj, self.name)
        obj.__dict__[self.name] = value
        return value


class _StoredMeasure(Measure):
    """A Measure of a Catalogue whose fields but the headers are filled in when first read.
    Each catalogue makes a subclass that knows it (`_catalogue`)."""

    _catalogue: Catalogue
    body = _Later()
    bureaus = _Later()
    ministries = _Later()
    footnotes = _Later()
    page = _Later()
    line = _Later()
    chapter_title = _Place()
    pillar_title = _Place()
    pillar_subtitle = _Place()


class Catalogue:
    """The whole catalogue: outline and headers loaded once, the rest on demand."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.RLock()
        self._bodies: OrderedDict[int, str] = OrderedDict()
        self._shared: dict[str, tuple[str, ...]] = {}  # one tuple per ministries list
        self._kind = type("Measure", (_StoredMeasure,), {"_catalogue": self, "__slots__": ()})
        self._all: list[Measure] | None = None  # every record, once `measures` is read
        self._by_id: dict[str, Measure] = {}  # every record made so far
        self._by_seq: dict[int, int] = {}
        self._count: int | None = None
        con = self._connect()
        try:
            self._load(con)
        finally:
            con.close()

    @classmethod
    def open(cls, base: Path | None = None, ensure: bool = True) -> Catalogue:
        """Open the catalogue in `base` (default build dir), building it first if stale."""
        if ensure:
            from db.stale import ensure_built

            ensure_built(base)
        return cls(paths.catalogue_path(base))

    def _connect(self) -> sqlite3.Connection:
        # a connection per read: the file is never held open between reads (a rebuild can
        # replace it, also on Windows)
        uri = self.path.resolve().as_uri() + "?mode=ro"
        return sqlite3.connect(uri, uri=True)

    def _load(self, con: sqlite3.Connection) -> None:
        self.meta = dict(con.execute("select key, value from meta"))
        self.preface = self.meta.get("preface", "")
        self.chapters = [
            Chapter(*r)
            for r in con.execute("select number, title, page from chapters order by number")
        ]
        self.pillars = [
            Pillar(*r)
            for r in con.execute(
                "select chapter, number, title, subtitle, page from pillars order by chapter, number"
            )
        ]
        footnotes: dict[str, list[Footnote]] = {}
        for mid, num, text, off in con.execute(
            "select measure_id, number, text, offset from footnotes order by number"
        ):
            footnotes.setdefault(mid, []).append(Footnote(num, text, off))
        self._footnotes = {mid: tuple(x) for mid, x in footnotes.items()}
        self._titles = {c.number: c.title for c in self.chapters}
        self._pillar_of: dict[tuple[int, int | None], Pillar] = {
            (p.chapter, p.number): p for p in self.pillars
        }

    @property
    def measures(self) -> list[Measure]:
        """Every measure in document order (the headers of all of them read on first use)."""
        if self._all is None:
            self._load_all()
            assert self._all is not None  # _load_all set it (or raised)
        return self._all

    def _load_all(self) -> None:
        with self._lock:
            if self._all is not None:
                return
            con = self._connect()
            try:
                rows = con.execute(f"select {_COLUMNS} from measures order by seq").fetchall()
            finally:
                con.close()
            headers = list(map(dict, map(zip, repeat(_HEADER), rows)))
            records: list[Measure] = list(map(object.__new__, repeat(self._kind, len(rows))))
            deque(map(object.__setattr__, records, repeat("__dict__"), headers), maxlen=0)
            ids = list(map(itemgetter(0), rows))
            if self._by_id:  # records handed out before: keep them (the same objects)
                made = self._by_id
                records = [made.get(i) or r for i, r in zip(ids, records, strict=True)]
            self._by_id = dict(zip(ids, records, strict=True))
            self._by_seq = dict(zip(map(itemgetter(1), rows), range(len(rows)), strict=True))
            self._count = len(records)
            self._all = records

    def _made(self, rows) -> list[Measure]:
        """Records of header rows, the ones already made reused (before the full load)."""
        out = []
        for row in rows:
            m = self._by_id.get(row[0])
            if m is None:
                m = object.__new__(self._kind)
                object.__setattr__(m, "__dict__", dict(zip(_HEADER, row, strict=True)))
                self._by_id[row[0]] = m
            out.append(m)
        return out

    def _headers(self, where: str, args: tuple) -> list[Measure]:
        with self._lock:
            con = self._connect()
            try:
                rows = con.execute(
                    f"select {_COLUMNS} from measures where {where} order by seq", args
                ).fetchall()
            finally:
                con.close()
            return self._made(rows)

    def groups(self) -> list[tuple[int, int | None, int]]:
        """(chapter, pillar or None, number of measures) of every pillar and every chapter's
        measures outside a pillar, in document order (by their first measure)."""
        if self._all is not None:
            counts: dict[tuple[int, int | None], int] = {}
            for m in self._all:
                key = (m.chapter, m.pillar)
                counts[key] = counts.get(key, 0) + 1
            return [(c, p, n) for (c, p), n in counts.items()]
        con = self._connect()
        try:
            rows = con.execute(
                "select chapter, pillar, count(*), min(seq) as first from measures "
                "group by chapter, pillar order by first"
            ).fetchall()
        finally:
            con.close()
        return [(c, p, n) for c, p, n, _first in rows]

    def _place_field(self, m: Measure, name: str):
        if name == "chapter_title":
            return self._titles.get(m.chapter)
        p = self._pillar_of.get((m.chapter, m.pillar))
        if p is None:
            return None
        return p.title if name == "pillar_title" else p.subtitle

    def _later(self, m: Measure, name: str):
        """Fill in field `name` of measure `m` (see _StoredMeasure)."""
        if name == "footnotes":
            m.__dict__["footnotes"] = self._footnotes.get(m.id, ())
            return m.__dict__["footnotes"]
        body = self._body(m.seq)
        if name == "body":
            return body
        if name not in m.__dict__:  # made after its neighbours' read: read its own
            self._read(m.seq)
        return m.__dict__[name]

    def _body(self, seq: int) -> str:
        with self._lock:
            body = self._bodies.get(seq)
            if body is not None:
                self._bodies.move_to_end(seq)
                return body
        return self._read(seq)

    def _read(self, seq: int) -> str:
        """Read the rest of the measure `seq` and of those that follow it: the bodies
        (kept for a while), bureaus, ministries, page and line (kept: they are small)."""
        with self._lock:
            con = self._connect()
            try:
                rows = con.execute(
                    "select seq, id, body, ministries, page, line from measures "
                    "where seq >= ? order by seq limit ?",
                    (seq, READ_AHEAD),
                ).fetchall()
                wanted = [r[0] for r in rows]
                marks = ",".join("?" * len(wanted))
                bureaus: dict[str, list[Bureau]] = {}
                for mid, name, ministry in con.execute(
                    "select mb.measure_id, b.name, b.ministry from measure_bureaus mb "
                    "join bureaus b on b.id = mb.bureau_id join measures m on m.id = mb.measure_id "
                    f"where m.seq in ({marks}) order by mb.measure_id, mb.position",
                    wanted,
                ):
                    bureaus.setdefault(mid, []).append(Bureau(name, ministry))
            finally:
                con.close()
            for s, mid, text, mins, page, line in rows:
                self._bodies[s] = text
                self._bodies.move_to_end(s)
                names = self._shared.get(mins)
                if names is None:
                    names = self._shared[mins] = tuple(json.loads(mins))
                made = self._by_id.get(mid)
                if made is None:  # not made yet: _later reads it again when it is
                    continue
                d = made.__dict__
                for key, value in (
                    ("bureaus", tuple(bureaus.get(mid, ()))),
                    ("ministries", names),
                    ("page", page),
                    ("line", line),
                ):
                    d.setdefault(key, value)
            self._bodies.move_to_end(seq)
            body = self._bodies[seq]
            while len(self._bodies) > BODY_CACHE:
                self._bodies.popitem(last=False)
            return body

    @property
    def index_dir(self) -> Path:
        """The search index built in the same generation as this catalogue (db.generation):
        open the searcher from here to never mix two builds."""
        return self.path.parent / "index"

    def get(self, measure_id: str) -> Measure | None:
        m = self._by_id.get(measure_id)
        if m is not None or self._all is not None or not isinstance(measure_id, str):
            return m
        found = self._headers("id = ?", (measure_id,))
        return found[0] if found else None

    def require(self, measure_id: str) -> Measure:
        m = self.get(measure_id)
        if m is None:
            raise UnknownMeasure(measure_id)
        return m

    def __contains__(self, measure_id: str) -> bool:
        return self.get(measure_id) is not None

    def __len__(self) -> int:
        if self._count is None:
            con = self._connect()
            try:
                self._count = con.execute("select count(*) from measures").fetchone()[0]
            finally:
                con.close()
        return self._count

    def in_chapter(self, chapter: int) -> list[Measure]:
        if self._all is not None:
            return [m for m in self._all if m.chapter == chapter]
        return self._headers("chapter = ?", (chapter,))

    def in_pillar(self, chapter: int, pillar: int | None) -> list[Measure]:
        if self._all is not None:
            return [m for m in self._all if m.chapter == chapter and m.pillar == pillar]
        return self._headers("chapter = ? and pillar is ?", (chapter, pillar))

    def ministries(self) -> list[tuple[str, int]]:
        """Every 府省庁 with the number of measures it is responsible for, by count."""
        con = self._connect()
        try:
            lists = Counter(raw for (raw,) in con.execute("select ministries from measures"))
        finally:
            con.close()
        c: Counter[str] = Counter()
        for raw, n in lists.items():
            for name in json.loads(raw):
                c[name] += n
        return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))

    def label(self, m: Measure) -> str:
        """Short Japanese location label, e.g. 第1章 1．(28) or 第2章 (3)."""
        if m.pillar is None:
            return f"第{m.chapter}章 ({m.number})"
        return f"第{m.chapter}章 {m.pillar}．({m.number})"
