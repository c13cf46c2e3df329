"""The one registry of brief formats. The CLI's --format choices, the window's export menus
and file-dialog filters, the README check and the tests all read this list: adding a format
is one entry here plus its renderer module (`render(brief) -> bytes`).

Renderers are imported only when a brief is written, so python-docx, openpyxl and Qt's PDF
code never load at start-up.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from desktop.brief.errors import UnknownFormat


@dataclass(frozen=True)
class Format:
    key: str  # the --format value and the file suffix
    name: str  # what the menus call it
    filter: str  # the save dialog's filter
    renderer: str  # module with render(brief) -> bytes
    help: str  # one line for the CLI


FORMATS: dict[str, Format] = {
    f.key: f
    for f in (
        Format("pdf", "PDF", "PDF (*.pdf)", "desktop.brief.render_pdf", "A4, fonts embedded"),
        Format(
            "docx",
            "Word",
            "Word (*.docx)",
            "desktop.brief.render_docx",
            "editable Word document",
        ),
        Format(
            "xlsx",
            "Excel",
            "Excel (*.xlsx)",
            "desktop.brief.render_xlsx",
            "one row per measure",
        ),
        Format("csv", "CSV（Excel）", "CSV (*.csv)", "desktop.brief.render_csv", "UTF-8 with BOM"),
        Format("md", "Markdown", "Markdown (*.md)", "desktop.brief.render_md", "plain text"),
    )
}


def keys() -> list[str]:
    return list(FORMATS)


def get(key: str) -> Format:
    try:
        return FORMATS[key]
    except KeyError:
        raise UnknownFormat(key, keys()) from None


def render(brief, key: str) -> bytes:
    """The brief as the bytes of a `key` file."""
    module = importlib.import_module(get(key).renderer)
    return module.render(brief)
