"""Meeting brief: Markdown, CSV (BOM, formula-safe) and PDF (A4, Japanese font, numbered).

PDF tests take pytest-qt's `qapp` so that this process's one Qt application is a QApplication
(the brief would otherwise make a QGuiApplication, which later widget tests cannot use).
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import unicodedata
import zlib
from datetime import date

import pytest

from desktop.brief import ORPHAN_TEXT, brief_items, csv_cell, write_brief
from desktop.userdata import UserStore
from tests.userdata.helpers import edited_catalogue

NAME = "12/3 局長レク"
DAY = date(2025, 12, 3)
NOTE = '=HYPERLINK("http://x")\n<script>alert(1)</script>\n局長に確認 😀'


@pytest.fixture
def setup(tmp_path, catalogue):
    store = UserStore.open(tmp_path / "ud")
    with_fn = next(m for m in catalogue.measures if m.footnotes and len(m.bureaus) > 1)
    chosen = [catalogue.require("2-3"), with_fn, catalogue.require("1-1-1")]
    store.create_collection(NAME)
    for m in chosen:
        store.add_bookmark(m.id, m.title, NAME)
    store.set_note(with_fn.id, with_fn.title, NOTE)
    yield store, chosen
    store.close()


def test_items_follow_the_users_order(setup, catalogue):
    store, chosen = setup
    store.move_bookmark(chosen[2].id, NAME, 0)
    items = brief_items(catalogue, store, NAME)
    assert [i.measure_id for i in items] == [chosen[2].id, chosen[0].id, chosen[1].id]
    assert [i.position for i in items] == [1, 2, 3]


def test_markdown_has_every_part(setup, catalogue, tmp_path):
    store, (ch2, fn, first) = setup
    out = write_brief(catalogue, store, NAME, "md", tmp_path / "b.md", DAY)
    md = out.read_text(encoding="utf-8")
    assert md.startswith(f"# {NAME}\n") and "2025年12月3日" in md and "3 件" in md
    assert md.index(ch2.title) < md.index(fn.title) < md.index(first.title)
    assert f"- ID: {fn.id}（{catalogue.label(fn)}）" in md
    assert fn.chapter_title in md and fn.pillar_title in md
    for o in fn.bureaus:
        assert o.name in md and o.ministry in md
    for f in fn.footnotes:
        assert f"- 注{f.number}: {f.text}" in md and f"（注{f.number}）" in md
    assert fn.body[:30] in md.replace(f"（注{fn.footnotes[0].number}）", "")
    # the note is quoted and its HTML cannot run in a Markdown viewer
    assert "> &lt;script&gt;alert(1)&lt;/script&gt;" in md and "<script>" not in md


def test_csv_is_excel_safe(setup, catalogue, tmp_path):
    store, (ch2, fn, first) = setup
    out = write_brief(catalogue, store, NAME, "csv", tmp_path / "b.csv", DAY)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:5] == ["順番", "ID", "章", "柱", "施策名"]
    assert [r[1] for r in rows[1:]] == [ch2.id, fn.id, first.id]
    note_row = rows[2]
    assert note_row[9] == "'" + NOTE  # formula neutralised, text otherwise intact
    assert note_row[4] == fn.title and note_row[7].startswith(fn.body[:10])
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


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


def test_pdf_is_a4_japanese_with_title_page(qapp, setup, catalogue, tmp_path):
    store, (ch2, fn, first) = setup
    out = write_brief(catalogue, store, NAME, "pdf", tmp_path / "b.pdf", DAY)
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert pdf_pages(data) >= 2
    assert re.search(
        rb"/MediaBox\s*\[\s*0\s+0\s+595(\.\d+)?\s+841\.\d+|/MediaBox\s*\[\s*0\s+0"
        rb"\s+595(\.\d+)?\s+842",
        data,
    )
    fonts = set(re.findall(rb"/BaseFont\s*/(?:[A-Z]{6}\+)?([A-Za-z0-9\-]+)", data))
    assert any(b"CJK" in f for f in fonts), fonts
    title = re.search(rb"/Title\s*<([0-9A-Fa-f]+)>", data) or re.search(
        rb"/Title\s*\((.*?)\)", data
    )
    assert title is not None
    if shutil.which("pdftotext"):  # text check where poppler is installed
        text = subprocess.run(
            ["pdftotext", "-layout", str(out), "-"], capture_output=True, check=True
        ).stdout.decode("utf-8")
        pages = [loose(p) for p in text.split("\f")]
        total = pdf_pages(data)
        assert found(NAME, pages[0]) and found("2025年12月3日", pages[0])
        for i, page in enumerate(pages[:total], 1):
            assert f"{i}/{total}" in page
        assert found(fn.title, "".join(pages)) and found("局長に確認", "".join(pages))


def loose(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def found(expected: str, extracted: str) -> bool:
    """pdftotext may map a kanji glyph back to a look-alike radical (長 → ⻑): allow that."""
    pattern = "".join(
        f"[{re.escape(c)}\u2e80-\u2fdf]"
        if unicodedata.name(c, "").startswith("CJK UNIFIED")
        else re.escape(c)
        for c in loose(expected)
    )
    return re.search(pattern, extracted) is not None


def test_pdf_pages_grow_with_content(qapp, tmp_path, catalogue):
    with UserStore.open(tmp_path / "ud") as store:
        store.create_collection("全部")
        for m in catalogue.measures[:40]:
            store.add_bookmark(m.id, m.title, "全部")
        store.create_collection("空")
        big = write_brief(catalogue, store, "全部", "pdf", tmp_path / "big.pdf").read_bytes()
        empty = write_brief(catalogue, store, "空", "pdf", tmp_path / "e.pdf").read_bytes()
    assert pdf_pages(empty) == 1  # title page only
    assert pdf_pages(big) > 10
    # streams are compressed: make sure some content really is drawn on the pages
    streams = re.findall(rb"stream\r?\n(.*?)endstream", big, re.S)
    drawn = 0
    for s in streams:
        try:
            drawn += len(zlib.decompress(s))
        except zlib.error:
            pass
    assert drawn > 50_000


def test_orphan_bookmark_still_in_the_brief(setup, catalogue, built_dir, tmp_path):
    store, (ch2, fn, first) = setup
    new = edited_catalogue(built_dir, tmp_path / "ed", {}, delete=(ch2.id,))
    store.relink(new)
    md = write_brief(new, store, NAME, "md", tmp_path / "b.md", DAY).read_text(encoding="utf-8")
    assert ch2.title in md and ORPHAN_TEXT in md


def test_brief_replaces_existing_file_whole(setup, catalogue, tmp_path):
    store, _ = setup
    out = tmp_path / "b.csv"
    out.write_text("old content")
    write_brief(catalogue, store, NAME, "csv", out, DAY)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
