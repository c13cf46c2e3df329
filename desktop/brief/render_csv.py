"""CSV brief for Excel: UTF-8 with BOM, CRLF, one row per measure, formula-like cells kept
as text."""

from __future__ import annotations

import csv
import io

from desktop.brief.cells import csv_cell
from desktop.brief.model import Brief


def render(brief: Brief) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([c.label for c in brief.table_columns()])
    for row in brief.table_rows():
        w.writerow([csv_cell(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
