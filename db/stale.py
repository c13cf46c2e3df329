"""Is the built catalogue current? The check every start makes (desktop.catalogue), kept
apart from db.build so that it imports neither the parser nor the self-check: a current
catalogue opens without loading the code that builds one.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from db import generation, paths
from db.digest import sha256
from db.version import PARSER_VERSION

# The code that shapes the built data: editing any of it marks the catalogue stale.
SHAPING = (
    "parse.py",
    "layout.py",
    "frontmatter.py",
    "summary.py",
    "bureaus.py",
    "text.py",
    "selfcheck.py",
    "model.py",
    "build.py",
    "analysis.py",
    "index.py",
    "variants.py",
)


def parser_fingerprint() -> str:
    """Hash of the code that shapes the built data, so editing the parser marks it stale."""
    h = sha256(PARSER_VERSION.encode())
    here = Path(__file__).resolve().parent  # db/, beside the parser
    for name in SHAPING:
        try:
            h.update((here / name).read_bytes())
        except OSError:  # frozen: only bytecode ships; the bundled build is current
            h.update(b"-")
    return h.hexdigest()


def index_version() -> str:
    from db.version import INDEX_VERSION

    return str(INDEX_VERSION)


def read_meta(catalogue: Path) -> dict[str, str] | None:
    """The meta table of a catalogue file, None if missing or unreadable."""
    if not catalogue.exists():
        return None
    try:
        con = sqlite3.connect(catalogue.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            return dict(con.execute("select key, value from meta"))
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return None


def built_meta(base: Path | None = None) -> dict[str, str] | None:
    """The meta table of the catalogue in use, None if missing or unreadable."""
    return read_meta(paths.catalogue_path(base))


def built_from(meta: dict[str, str] | None) -> Path:
    """The source a catalogue was built from (`build --source` sticks), else the bundled one."""
    recorded = Path(meta["source_path"]) if meta and meta.get("source_path") else None
    try:
        if recorded is not None and recorded.is_file():
            return recorded
    except OSError:  # e.g. a folder this user may not read
        pass
    return paths.source_path()


def verified_meta(base: Path | None = None) -> dict[str, str] | None:
    """The meta of the generation in use if `current`, its catalogue and its index all name
    the same generation (checked at every open), else None."""
    name = paths.current_generation(base)
    if name is None:
        return None
    folder = (base or paths.build_dir()) / name
    meta = read_meta(folder / "catalogue.sqlite")
    gen_id = name.removeprefix("gen-")
    if meta is None or meta.get("generation") != gen_id:
        return None
    if generation.index_stamp(folder / "index") != gen_id:
        return None
    return meta


def is_stale(base: Path | None = None, source: Path | None = None) -> bool:
    """True if the catalogue is missing, out of step with its index, or was built from
    another source, parser or index version."""
    meta = verified_meta(base)
    if meta is None:
        return True
    if meta.get("parser_version") != PARSER_VERSION or meta.get("index_version") != index_version():
        return True
    if not paths.frozen() and meta.get("parser_fingerprint") != parser_fingerprint():
        return True
    src = Path(source) if source else built_from(meta)
    try:
        sha = sha256(src.read_bytes()).hexdigest()
    except OSError:
        return False  # no source to rebuild from (e.g. a frozen app): keep what we have
    return meta.get("source_sha256") != sha


def ensure_built(base: Path | None = None) -> None:
    """Build the catalogue if it is missing or stale (never in a frozen app); otherwise
    remove what killed builds left behind."""
    if paths.frozen() and base is None:
        return
    if is_stale(base):
        from db.build import build  # only when there is something to build

        build(source=built_from(built_meta(base)), out=base)
    else:
        generation.tidy(Path(base or paths.build_dir()))
