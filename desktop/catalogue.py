"""Read-only queries over the built catalogue. Qt-free; returns plain records."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from pathlib import Path

from db.model import Bureau, Chapter, Footnote, Measure, Pillar
from desktop import paths
from desktop.errors import UnknownMeasure

__all__ = ["Catalogue", "Chapter", "Footnote", "Measure", "Bureau", "Pillar"]


class Catalogue:
    """The whole catalogue, loaded once (344 measures, well under 1 MB)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        uri = self.path.resolve().as_uri() + "?mode=ro"
        con = sqlite3.connect(uri, uri=True)
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
        bureaus: dict[str, list[Bureau]] = {}
        for mid, name, ministry in con.execute(
            "select mo.measure_id, o.name, o.ministry from measure_bureaus mo "
            "join bureaus o on o.id = mo.bureau_id "
            "order by mo.measure_id, mo.position"
        ):
            bureaus.setdefault(mid, []).append(Bureau(name, ministry))
        titles = {c.number: c.title for c in self.chapters}
        ptitles = {(p.chapter, p.number): p.title for p in self.pillars}
        subtitles = {(p.chapter, p.number): p.subtitle for p in self.pillars}
        self.measures: list[Measure] = []
        for row in con.execute(
            "select id, seq, chapter, pillar, number, title, body, ministries, page, line "
            "from measures order by seq"
        ):
            mid, seq, ch, pl, num, title, body, mins, page, line = row
            self.measures.append(
                Measure(
                    id=mid,
                    seq=seq,
                    chapter=ch,
                    chapter_title=titles[ch],
                    pillar=pl,
                    pillar_title=ptitles.get((ch, pl)) if pl is not None else None,
                    number=num,
                    title=title,
                    body=body,
                    footnotes=tuple(notes.get(mid, ())),
                    bureaus=tuple(bureaus.get(mid, ())),
                    ministries=tuple(json.loads(mins)),
                    page=page,
                    line=line,
                    pillar_subtitle=subtitles.get((ch, pl)),
                )
            )
        self._by_id = {m.id: m for m in self.measures}

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
        c = Counter(x for m in self.measures for x in m.ministries)
        return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))

    def label(self, m: Measure) -> str:
        """Short Japanese location label, e.g. 第1章 1．(28) or 第2章 (3)."""
        if m.pillar is None:
            return f"第{m.chapter}章 ({m.number})"
        return f"第{m.chapter}章 {m.pillar}．({m.number})"
