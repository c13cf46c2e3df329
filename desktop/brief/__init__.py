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
from typing import TYPE_CHECKING

from desktop.brief.errors import EmptyBrief, UnknownFormat
from desktop.brief.formats import FORMATS, Format, get, keys, render

if TYPE_CHECKING:
    from desktop.brief.model import BriefOptions

# The document model and the writer load on first use: the window's menus read FORMATS
# before its first paint and need nothing else from here (PEP 562 module __getattr__).
_LATER = {
    "csv_cell": "desktop.brief.cells",
    "save": "desktop.brief.output",
    **{
        name: "desktop.brief.model"
        for name in (
            "ORPHAN_TEXT",
            "Brief",
            "BriefItem",
            "BriefOptions",
            "Highlight",
            "brief_items",
            "build_brief",
            "marked_body",
            "measure_brief",
        )
    },
}


def __getattr__(name: str):
    module = _LATER.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


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
    from desktop.brief.model import build_brief
    from desktop.brief.output import save

    get(fmt)  # an unknown format is refused before anything is read
    brief = build_brief(catalogue, store, collection, options, day)
    return save(out, render(brief, fmt), data_dir=store.path.parent, force=force)
