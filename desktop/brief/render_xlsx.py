"""Excel brief (openpyxl, imported only here): one row per measure with the CSV's columns,
the header frozen, wrapped text, column widths, an autofilter, A4 landscape when printed.

The formula guard is the CSV's (cells.formula_like): such a cell is stored as text with
Excel's quote prefix, so it shows exactly what was typed (no added ') and stays text when
someone edits it, instead of running as a formula.
"""

from __future__ import annotations

import io
import math
import unicodedata

from desktop import fonts
from desktop.brief.cells import formula_like, xml_text
from desktop.brief.model import Brief

SHEET = "一覧"
MAX_WIDTH = 60  # characters; longer text wraps
FONT_PT = 10
LINE_PT = 14  # one wrapped line at FONT_PT
MAX_ROW_PT = 409  # Excel's limit
FIT_WIDTH = 180  # characters that still print readably on one landscape A4


def render(brief: Brief) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)  # a new workbook's one sheet
    ws.title = SHEET
    family = fonts.document_family()
    cols = brief.table_columns()
    ws.append([c.label for c in cols])
    for cell in ws[1]:
        cell.font = Font(name=family, bold=True)
        cell.fill = PatternFill("solid", fgColor="E6E6E6")
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for values in brief.table_rows():
        ws.append([value_of(v) for v in values])
    body_font = Font(name=family, size=FONT_PT)
    wrap = Alignment(vertical="top", wrap_text=True)
    widths = [min(c.width, MAX_WIDTH) for c in cols]
    for r, row in enumerate(ws.iter_rows(min_row=2), start=2):
        for cell in row:
            guard(cell)
            cell.font = body_font
            cell.alignment = wrap
        # neither Excel nor LibreOffice grows a row for wrapped text when opening a file
        ws.row_dimensions[r].height = row_height(row, widths)
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    page_setup(ws, sum(widths))
    wb.properties.title = xml_text(brief.name)
    wb.properties.subject = brief.source_title
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def page_setup(ws, width: float) -> None:
    ws.print_title_rows = "1:1"  # the header on every printed page
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    # one page wide when it stays readable, else two (each row on two facing pages)
    ws.page_setup.fitToWidth = 1 if width <= FIT_WIDTH else 2
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True


WIDE = 1.7  # a full-width character at FONT_PT in Excel's units (Yu Gothic ~1.9, Noto ~1.5)


def text_width(text: str) -> float:
    """Width in Excel's character units, erring wide so that no wrapped line is cut off."""
    return sum(WIDE if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def row_height(row, widths: list[float]) -> float:
    lines = 1
    for cell, width in zip(row, widths, strict=True):
        if isinstance(cell.value, str):
            per_cell = sum(max(1, math.ceil(text_width(p) / width)) for p in cell.value.split("\n"))
            lines = max(lines, per_cell)
    return min(MAX_ROW_PT, lines * LINE_PT + 4)


def value_of(v):
    return xml_text(v) if isinstance(v, str) else v


def guard(cell) -> None:
    """Keep a formula-like value text (openpyxl would store '=…' as a formula)."""
    if formula_like(cell.value) or cell.data_type == "f":
        cell.data_type = "s"
        cell.quotePrefix = True
