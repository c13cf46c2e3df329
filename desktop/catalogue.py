"""Read-only queries over the built catalogue. Qt-free; returns plain records.

The outline and the headers of the measures (id, place, title) are loaded at open: what
the 目次, the filters and every list need, made with C-level map() so that a catalogue of
tens of thousands of measures opens quickly. The rest of a measure is filled in the first
time it is asked for: ministries and footnotes from what was loaded, bureaus and the body
from the catalogue, with those of the measures that follow it in document order; bodies
are most of a catalogue's size, so only the last few hundred are kept. Callers see
ordinary `Measure` records either way.
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


class Catalogue:
    """The whole catalogue: outline and headers loaded once, the rest on demand."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._bodies: OrderedDict[int, str] = OrderedDict()
        self._shared: dict[str, tuple[str, ...]] = {}  # one tuple per ministries list
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
        notes: dict[str, list[Footnote]] = {}
        for mid, num, text, off in con.execute(
            "select measure_id, number, text, offset from footnotes order by number"
        ):
            notes.setdefault(mid, []).append(Footnote(num, text, off))
        self._notes = {mid: tuple(x) for mid, x in notes.items()}
        rows = con.execute(
            "select id, seq, chapter, pillar, number, title from measures order by seq"
        ).fetchall()
        chapters = list(map(itemgetter(2), rows))
        titles = {c.number: c.title for c in self.chapters}
        ptitles = {(p.chapter, p.number): p.title for p in self.pillars}
        subtitles = {(p.chapter, p.number): p.subtitle for p in self.pillars}
        headers = list(map(dict, map(zip, repeat(_HEADER), rows)))
        for name, values in (
            ("chapter_title", map(titles.get, chapters)),
            (
                "pillar_title",
                map(ptitles.get, zip(chapters, map(itemgetter(3), rows), strict=True)),
            ),
            (
                "pillar_subtitle",
                map(subtitles.get, zip(chapters, map(itemgetter(3), rows), strict=True)),
            ),
        ):
            deque(map(dict.__setitem__, headers, repeat(name), values), maxlen=0)
        kind = type("Measure", (_StoredMeasure,), {"_catalogue": self, "__slots__": ()})
        self.measures: list[Measure] = list(map(object.__new__, repeat(kind, len(rows))))
        deque(map(object.__setattr__, self.measures, repeat("__dict__"), headers), maxlen=0)
        self._by_id = dict(zip(map(itemgetter(0), rows), self.measures, strict=True))
        self._by_seq = dict(zip(map(itemgetter(1), rows), range(len(rows)), strict=True))

    def _later(self, m: Measure, name: str):
        """Fill in field `name` of measure `m` (see _StoredMeasure)."""
        if name == "footnotes":
            m.__dict__["footnotes"] = self._notes.get(m.id, ())
            return m.__dict__["footnotes"]
        body = self._body(m.seq)
        return body if name == "body" else m.__dict__[name]

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
            i = self._by_seq[seq]
            wanted = [m.seq for m in self.measures[i : i + READ_AHEAD]]
            marks = ",".join("?" * len(wanted))
            con = self._connect()
            try:
                rows = con.execute(
                    f"select seq, id, body, ministries, page, line from measures "
                    f"where seq in ({marks})",
                    wanted,
                ).fetchall()
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
                d = self._by_id[mid].__dict__
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
        return self._by_id.get(measure_id)

    def require(self, measure_id: str) -> Measure:
        m = self._by_id.get(measure_id)
        if m is None:
            raise UnknownMeasure(measure_id)
        return m

    def __contains__(self, measure_id: str) -> bool:
        return measure_id in self._by_id

    def __len__(self) -> int:
        return len(self.measures)

    def in_pillar(self, chapter: int, pillar: int | None) -> list[Measure]:
        return [m for m in self.measures if m.chapter == chapter and m.pillar == pillar]

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
