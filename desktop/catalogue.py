"""Read-only queries over the built catalogue. Qt-free; returns plain records.

Everything but the bodies is loaded at open (the outline, titles, footnotes, bureaus: what
the 目次, the filters and every list need). A measure's body is read from the catalogue
the first time it is asked for (`m.body`), with the bodies that follow it in document
order, and the last few hundred are kept: bodies are most of a catalogue's size, and at
100× the 施策集 holding them all would cost tens of MB for text nobody is reading.
Callers see ordinary `Measure` records either way.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import Counter, OrderedDict
from pathlib import Path

from db.model import Bureau, Chapter, Footnote, Measure, Pillar
from desktop import paths
from desktop.errors import UnknownMeasure

__all__ = ["Catalogue", "Chapter", "Footnote", "Measure", "Bureau", "Pillar"]

_HEADER = (
    "id",
    "seq",
    "chapter",
    "chapter_title",
    "pillar",
    "pillar_title",
    "number",
    "title",
    "ministries",
    "page",
    "line",
)
BODY_CACHE = 256  # bodies kept
READ_AHEAD = 64  # bodies read together (the ones that follow in document order)


class _StoredMeasure(Measure):
    """A Measure whose body is read from its catalogue when first asked for. (Only the
    body is missing from the instance; __getattr__ runs only for missing attributes.)"""

    def __getattr__(self, name: str):
        if name == "body":
            return self.__dict__["_catalogue"]._body(self.seq)
        raise AttributeError(name)


class Catalogue:
    """The whole catalogue, outline and records loaded once, bodies on demand."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._bodies: OrderedDict[int, str] = OrderedDict()
        con = self._connect()
        try:
            self._load(con)
        finally:
            con.close()

    @classmethod
    def open(cls, base: Path | None = None, ensure: bool = True) -> Catalogue:
        """Open the catalogue in `base` (default build dir), building it first if stale."""
        if ensure:
            from db.build import ensure_built

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
        bureaus = self._load_bureaus(con)
        shared: dict[str, tuple[str, ...]] = {}  # one tuple per distinct ministries list
        new, set_dict = object.__new__, object.__setattr__
        self.measures: list[Measure] = []
        for row in con.execute(
            "select m.id, m.seq, m.chapter, c.title, m.pillar, p.title, m.number, m.title, "
            "m.ministries, m.page, m.line from measures m "
            "join chapters c on c.number = m.chapter "
            "left join pillars p on p.chapter = m.chapter and p.number = m.pillar "
            "order by m.seq"
        ):
            d = dict(zip(_HEADER, row, strict=True))
            mins = d["ministries"]
            if mins not in shared:
                shared[mins] = tuple(json.loads(mins))
            d["ministries"] = shared[mins]
            d["footnotes"] = tuple(notes.get(d["id"], ()))
            d["bureaus"] = bureaus.get(d["id"], ())
            d["_catalogue"] = self
            m = new(_StoredMeasure)
            set_dict(m, "__dict__", d)  # every field but the body (see _StoredMeasure)
            self.measures.append(m)
        self._by_id = {m.id: m for m in self.measures}
        self._by_seq = {m.seq: i for i, m in enumerate(self.measures)}

    @staticmethod
    def _load_bureaus(con: sqlite3.Connection) -> dict[str, tuple[Bureau, ...]]:
        rows = con.execute("select id, name, ministry from bureaus")
        one = {i: Bureau(name, ministry) for i, name, ministry in rows}
        lists: dict[str, list[Bureau]] = {}
        for mid, bid in con.execute(
            "select measure_id, bureau_id from measure_bureaus order by measure_id, position"
        ):
            lists.setdefault(mid, []).append(one[bid])
        return {mid: tuple(x) for mid, x in lists.items()}

    def _body(self, seq: int) -> str:
        with self._lock:
            body = self._bodies.get(seq)
            if body is not None:
                self._bodies.move_to_end(seq)
                return body
            i = self._by_seq[seq]
            wanted = [m.seq for m in self.measures[i : i + READ_AHEAD]]
            con = self._connect()
            try:
                marks = ",".join("?" * len(wanted))
                rows = con.execute(f"select seq, body from measures where seq in ({marks})", wanted)
                for s, text in rows:
                    self._bodies[s] = text
                    self._bodies.move_to_end(s)
            finally:
                con.close()
            self._bodies.move_to_end(seq)
            while len(self._bodies) > BODY_CACHE:
                self._bodies.popitem(last=False)
            return self._bodies[seq]

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
        c = Counter(x for m in self.measures for x in m.ministries)
        return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))

    def label(self, m: Measure) -> str:
        """Short Japanese location label, e.g. 第1章 1．(28) or 第2章 (3)."""
        if m.pillar is None:
            return f"第{m.chapter}章 ({m.number})"
        return f"第{m.chapter}章 {m.pillar}．({m.number})"
