"""Build the read-only catalogue (SQLite) and search index from the source text.

parse → self-check → write catalogue + index into a fresh folder → switch the generation
(db.generation). A failed build (bad source, failed self-check, full disk, killed) leaves
the previous catalogue and index in use, untouched.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from db import generation, paths
from db.errors import ParseError, UserError
from db.model import Document
from db.parse import parse
from db.selfcheck import SelfCheckError, verify

# The start-up check lives in db.stale (it must not import the parser); re-exported here.
from db.stale import (  # noqa: F401
    PARSER_VERSION,
    SHAPING,
    built_from,
    built_meta,
    ensure_built,
    index_version,
    is_stale,
    parser_fingerprint,
    read_meta,
    verified_meta,
)


class BuildError(UserError):
    """The source cannot be built; the message names the line and what was expected."""


@dataclass
class BuildResult:
    out: Path
    measures: int
    footnotes: int
    seconds: float
    sha256: str
    generation: str = ""
    variants: str = ""  # where the variant spellings came from (one line for the user)


def read_source(source: Path) -> tuple[str, str]:
    try:
        data = Path(source).read_bytes()
    except OSError as e:
        raise BuildError(f"cannot read source {source}: {e.strerror}") from e
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise BuildError(f"{source}: line {line}: expected UTF-8 text") from e
    return text, hashlib.sha256(data).hexdigest()


def read_document(source: Path) -> tuple[Document, str]:
    """Parse and self-check the source: (document, sha256), or BuildError."""
    text, sha = read_source(source)
    try:
        doc = parse(text)
        verify(doc)
    except ParseError as e:
        raise BuildError(f"原文の構造が読めません (cannot parse the source) {source}: {e}") from e
    except SelfCheckError as e:
        raise BuildError(f"{source}: {e}") from e
    return doc, sha


def build(source: Path | None = None, out: Path | None = None) -> BuildResult:
    """Parse `source` and (re)build catalogue + index as a new generation in `out`."""
    t0 = time.perf_counter()
    source = Path(source or paths.source_path()).resolve()
    out = Path(out or paths.build_dir())
    doc, sha = read_document(source)
    details: dict = {}
    try:
        gen = write_generation(doc, out, sha, source, timings=details)
    except (OSError, sqlite3.Error) as e:
        raise BuildError(f"cannot write the catalogue in {out}: {e}") from e
    return BuildResult(
        out,
        len(doc.measures),
        sum(len(m.footnotes) for m in doc.measures),
        time.perf_counter() - t0,
        sha,
        gen,
        details["variants"].note,
    )


def write_generation(
    doc: Document,
    out: Path,
    sha: str,
    source: Path,
    meta: dict[str, str] | None = None,
    timings: dict[str, Any] | None = None,
) -> str:
    """Write `doc` as a new generation in `out` and switch to it; the generation's name.

    The one write path of every build (`bench scale` builds its N× catalogue through it
    too). `meta`: extra rows for the catalogue's meta table; `timings` receives the
    seconds spent on the catalogue, the index and the variant table, and under
    "variants" what db.variants wrote (its origin and a line for the user)."""
    from db.index import build_index
    from db.variants import measure_texts, write_for_build

    out.mkdir(parents=True, exist_ok=True)
    with generation.lock(out):
        gen_id = generation.new_id()
        tmp = out / f"{generation.BUILD_PREFIX}{gen_id}"
        tmp.mkdir()
        try:
            t0 = time.perf_counter()
            write_catalogue(doc, tmp / "catalogue.sqlite", sha, source, gen_id, meta)
            t1 = time.perf_counter()
            build_index(doc.measures, tmp / "index")
            t2 = time.perf_counter()
            # the search's variant spellings and words, beside the index they belong to
            written = write_for_build(measure_texts(doc.measures), tmp / "index", sha)
            if timings is not None:
                timings.update(
                    catalogue_s=t1 - t0,
                    index_s=t2 - t1,
                    variants_s=time.perf_counter() - t2,
                    variants=written,
                )
            generation.stamp_index(tmp / "index", gen_id)
            name = generation.publish(tmp, out, gen_id)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        replaced = paths.current_generation(out)
        generation.switch(out, name)
        generation.cleanup(out, keep={name, replaced or name})
    return name


def write_catalogue(
    doc: Document,
    path: Path,
    sha: str,
    source: Path,
    gen_id: str = "",
    extra: dict[str, str] | None = None,
) -> None:
    import sqlite_utils  # only when building: keeps start-up's staleness check light

    if path.exists():
        path.unlink()
    con = sqlite3.connect(path)
    db = sqlite_utils.Database(con)
    db.table("meta").insert_all(
        [
            {"key": "source_sha256", "value": sha},
            {"key": "source_name", "value": source.name},
            {"key": "source_path", "value": str(source)},
            {"key": "source_title", "value": "地方創生2.0 施策集"},
            {"key": "parser_version", "value": PARSER_VERSION},
            {"key": "parser_fingerprint", "value": parser_fingerprint()},
            {"key": "index_version", "value": index_version()},
            {"key": "generation", "value": gen_id},
            {"key": "built_at", "value": datetime.now(UTC).isoformat(timespec="seconds")},
            {"key": "preface", "value": doc.preface},
            *({"key": k, "value": v} for k, v in (extra or {}).items()),
        ],
        pk="key",
    )
    db.table("chapters").insert_all(
        [{"number": c.number, "title": c.title, "page": c.page} for c in doc.chapters],
        pk="number",
        columns={"page": int},
    )
    db.table("pillars").insert_all(
        [
            {
                "chapter": p.chapter,
                "number": p.number,
                "title": p.title,
                "subtitle": p.subtitle,
                "page": p.page,
            }
            for p in doc.pillars
        ],
        pk=("chapter", "number"),
        columns={"subtitle": str, "page": int},
    )
    db.table("measures").insert_all(
        [
            {
                "id": m.id,
                "seq": m.seq,
                "chapter": m.chapter,
                "pillar": m.pillar,
                "number": m.number,
                "title": m.title,
                "body": m.body,
                "ministries": json.dumps(m.ministries, ensure_ascii=False),
                "page": m.page,
                "line": m.line,
            }
            for m in doc.measures
        ],
        pk="id",
        columns={"pillar": int, "page": int},
        foreign_keys=[("chapter", "chapters", "number")],
    )
    # created first: an edition without footnotes still has the (empty) table
    db.table("footnotes").create(
        {"number": int, "measure_id": str, "text": str, "offset": int},
        pk="number",
        foreign_keys=[("measure_id", "measures", "id")],
    )
    db.table("footnotes").insert_all(
        {"number": f.number, "measure_id": m.id, "text": f.text, "offset": f.offset}
        for m in doc.measures
        for f in m.footnotes
    )
    bureau_ids: dict[tuple[str, str], int] = {}
    links = []
    for m in doc.measures:
        for pos, b in enumerate(m.bureaus):
            bid = bureau_ids.setdefault((b.name, b.ministry), len(bureau_ids) + 1)
            links.append({"measure_id": m.id, "bureau_id": bid, "position": pos})
    db.table("bureaus").insert_all(
        [{"id": i, "name": n, "ministry": mi} for (n, mi), i in bureau_ids.items()], pk="id"
    )
    db.table("measure_bureaus").insert_all(
        links,
        pk=("measure_id", "position"),
        foreign_keys=[("measure_id", "measures", "id"), ("bureau_id", "bureaus", "id")],
    )
    db.table("measures").create_index(["seq"], unique=True)
    # the 目次's groups and their sizes without reading the table (Catalogue.groups)
    db.table("measures").create_index(["chapter", "pillar", "seq"])
    db.table("measure_bureaus").create_index(["bureau_id"])
    con.commit()
    con.execute("vacuum")
    con.close()
