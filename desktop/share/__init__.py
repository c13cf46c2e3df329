"""Share one collection with colleagues: a small versioned `.shisaku` file (JSON inside),
exported and imported without Qt. The import's preview is a plain object.

    path, n = write_share(store, "12/3 局長レク", "lek.shisaku", with_notes=True)  # + highlights, tags
    shared = read_share("lek.shisaku")            # BadShareFile on anything hostile
    preview = preview_import(store, catalogue, shared)   # what would change; changes nothing
    report = apply_import(store, catalogue, shared)
"""

from __future__ import annotations

import os
from pathlib import Path

from desktop.brief.output import save
from desktop.share.fileformat import (
    SUFFIX,
    BadShareFile,
    SharedCollection,
    SharedHighlight,
    SharedItem,
    decode,
    encode,
    read_share,
)
from desktop.share.merge import ImportPreview, ImportReport, apply_import, preview_import

__all__ = [
    "SUFFIX",
    "BadShareFile",
    "ImportPreview",
    "ImportReport",
    "SharedCollection",
    "SharedHighlight",
    "SharedItem",
    "apply_import",
    "decode",
    "encode",
    "export_collection",
    "preview_import",
    "read_share",
    "write_share",
]


def export_collection(store, name: str, with_notes: bool = False, catalogue=None):
    """The collection as a SharedCollection (orphans keep the title they had). with_notes:
    the user's notes, and the highlights and tags of the measures, go too (all three are
    private; the default shares none)."""
    bookmarks = store.bookmarks(name)  # raises UnknownCollection
    notes = store.notes_map() if with_notes else {}
    items = []
    for b in bookmarks:
        if not with_notes:
            items.append(SharedItem(b.measure_id, b.title))
            continue
        placed = [] if b.orphan else store.highlights(b.measure_id, include_orphans=False)
        highlights = tuple(
            SharedHighlight(h.uid, h.start, h.end, h.exact, h.prefix, h.suffix, h.colour, h.comment)
            for h in placed
        )
        tags = () if b.orphan else tuple(store.tags_of(b.measure_id))
        items.append(SharedItem(b.measure_id, b.title, notes.get(b.measure_id), highlights, tags))
    meta = catalogue.meta if catalogue is not None else {}
    return SharedCollection(
        name=name,
        items=items,
        source_title=meta.get("source_title", ""),
        source_sha256=meta.get("source_sha256", ""),
    )


def write_share(
    store,
    name: str,
    out: str | os.PathLike,
    with_notes: bool = False,
    catalogue=None,
    *,
    force: bool = False,
) -> tuple[Path | None, int]:
    shared = export_collection(store, name, with_notes, catalogue)
    data = encode(shared)
    return save(out, data, data_dir=store.path.parent, force=force), len(shared.items)
