"""Meeting brief of a collection: one document model (model.Brief) rendered to every
format in the registry (formats.FORMATS), written atomically.

    brief = build_brief(catalogue, store, "12/3 局長レク", BriefOptions(notes=False))
    data = render(brief, "docx")          # bytes; or write_brief(..., fmt, out)

Print and the PDF paint the same document (render_pdf.paint on a QPrinter or QPdfWriter).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from desktop.brief.cells import csv_cell
from desktop.brief.errors import EmptyBrief, UnknownFormat
from desktop.brief.formats import FORMATS, Format, get, keys, render
from desktop.brief.model import (
    ORPHAN_TEXT,
    Brief,
    BriefItem,
    BriefOptions,
    Highlight,
    brief_items,
    build_brief,
    marked_body,
    measure_brief,
)
from desktop.brief.output import save

__all__ = [
    "FORMATS",
    "ORPHAN_TEXT",
    "Brief",
    "BriefItem",
    "BriefOptions",
    "EmptyBrief",
    "Format",
    "Highlight",
    "UnknownFormat",
    "brief_items",
    "build_brief",
    "csv_cell",
    "get",
    "keys",
    "marked_body",
    "measure_brief",
    "render",
    "write_brief",
]


def write_brief(
    catalogue,
    store,
    collection: str,
    fmt: str,
    out: str | os.PathLike,
    day: date | None = None,
    options: BriefOptions | None = None,
    *,
    force: bool = False,
) -> Path | None:
    """Build, render and write a brief; nothing is written on any error. None: written to
    standard output (`out` is "-")."""
    get(fmt)  # an unknown format is refused before anything is read
    brief = build_brief(catalogue, store, collection, options, day)
    return save(out, render(brief, fmt), data_dir=store.path.parent, force=force)
