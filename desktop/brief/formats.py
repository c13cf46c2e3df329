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
    description: str = ""  # one line for the window's brief dialog (Japanese)


FORMATS: dict[str, Format] = {
    f.key: f
    for f in (
        Format(
            "pdf",
            "PDF",
            "PDF (*.pdf)",
            "desktop.brief.render_pdf",
            "A4, fonts embedded",
            "A4、フォント埋め込み。印刷と同じ体裁",
        ),
        Format(
            "docx",
            "Word",
            "Word (*.docx)",
            "desktop.brief.render_docx",
            "editable Word document",
            "Word で編集できる文書（見出し・一覧表・ページ番号）",
        ),
        Format(
            "xlsx",
            "Excel",
            "Excel (*.xlsx)",
            "desktop.brief.render_xlsx",
            "one row per measure",
            "1 施策 1 行の表（見出し固定・フィルター付き）",
        ),
        Format(
            "csv",
            "CSV（Excel）",
            "CSV (*.csv)",
            "desktop.brief.render_csv",
            "UTF-8 with BOM",
            "表計算ソフトで開ける表（UTF-8）",
        ),
        Format(
            "md",
            "Markdown",
            "Markdown (*.md)",
            "desktop.brief.render_md",
            "plain text",
            "テキスト（見出し付き）",
        ),
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
