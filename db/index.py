"""Build the Whoosh full-text index of the measures (called by db.build).

Text fields use db.analysis.UnitAnalyzer (substring-exact units, see there). Boosts are
applied at query time, not with field_boost: Whoosh multiplies field_boost into the term
frequency, which BM25's saturation then mostly cancels.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from whoosh import fields, index

from db.analysis import SEPARATOR, UnitAnalyzer, normalize, units
from db.model import Measure
from db.version import INDEX_VERSION  # noqa: F401  (re-exported for the searcher)

VERSION_FILE = "shisaku-index.json"


def schema() -> fields.Schema:
    text = dict(analyzer=UnitAnalyzer(), phrase=True, stored=True)
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        seq=fields.NUMERIC(int, stored=True, sortable=True),
        chapter=fields.ID(stored=True),
        pillar=fields.ID(stored=True),  # "" in 第2章
        ministry=fields.KEYWORD(stored=True, commas=True, scorable=False),
        title=fields.TEXT(**text),
        body=fields.TEXT(**text),
        footnotes=fields.TEXT(**text),  # texts joined by SEPARATOR, analysed apart
        footnote_numbers=fields.STORED(),
        # normalised texts and their lengths in units, for exact phrase checks and BM25F
        norm=fields.STORED(),
        lengths=fields.STORED(),
    )


def build_index(measures: Iterable[Measure], out_dir: Path) -> None:
    """Write a fresh index of `measures` into the new, empty folder `out_dir`."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    ix = index.create_in(str(out_dir), schema())
    writer = ix.writer()
    try:
        for m in measures:
            footnote_texts = [normalize(f.text) for f in m.footnotes]
            norm = {
                "title": normalize(m.title),
                "body": normalize(m.body),
                "footnotes": SEPARATOR.join(footnote_texts),
            }
            lengths = {
                "title": len(units(norm["title"])),
                "body": len(units(norm["body"])),
                "footnotes": sum(len(units(x)) for x in footnote_texts),
            }
            writer.add_document(
                id=m.id,
                seq=m.seq,
                chapter=str(m.chapter),
                pillar="" if m.pillar is None else str(m.pillar),
                ministry=",".join(m.ministries),
                title=m.title,
                body=m.body,
                footnotes=SEPARATOR.join(f.text for f in m.footnotes),
                footnote_numbers=[f.number for f in m.footnotes],
                norm=norm,
                lengths=lengths,
            )
    except BaseException:
        writer.cancel()
        raise
    writer.commit(optimize=True)
    ix.close()
    (out_dir / VERSION_FILE).write_text(json.dumps({"index_version": INDEX_VERSION}) + "\n")


def index_version(index_dir: Path) -> int | None:
    """Version of the index in `index_dir`, None if missing or unreadable."""
    try:
        return int(json.loads((Path(index_dir) / VERSION_FILE).read_text())["index_version"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
