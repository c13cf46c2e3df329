"""CSV brief for Excel: UTF-8 with BOM, CRLF, the original columns first, formula-like cells
kept as text."""

from __future__ import annotations

import csv
import io

import pytest

from desktop.brief import csv_cell, render
from tests.brief.conftest import IDS, NOTE


def rows_of(brief):
    raw = render(brief, "csv")
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_csv_is_excel_safe(brief, catalogue):
    rows = rows_of(brief)
    assert rows[0] == [
        "順番", "ID", "章", "柱", "施策名", "府省庁", "担当部局", "本文", "脚注", "メモ", "状態",
        "出典ページ",
    ]  # fmt: skip
    assert [r[1] for r in rows[1:]] == list(IDS)
    m = catalogue.require("1-2-5")
    note_row = rows[4]
    assert note_row[9] == "'" + NOTE  # formula neutralised, text otherwise intact
    assert note_row[4] == m.title and note_row[7].startswith(m.body[:10])
    assert note_row[11] == str(m.page)
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell


@pytest.mark.parametrize(
    "value,expected",
    [
        ("=1+1", "'=1+1"),
        ("+81 3", "'+81 3"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=x", "'\t=x"),
        ("施策 = 1", "施策 = 1"),
        ("", ""),
        (3, "3"),
    ],
)
def test_csv_cell(value, expected):
    assert csv_cell(value) == expected
