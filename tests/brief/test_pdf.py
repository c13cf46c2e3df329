"""PDF brief: A4, the font embedded, numbered pages, the 一覧 on the first page, and a text
layer that gives back every id, number and title exactly (pdftotext), for a 6-measure brief
and for the whole catalogue. Printing paints the same document on a QPrinter."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from itertools import pairwise

import pytest

from desktop.brief import build_brief, render, write_brief
from desktop.brief.pdf_text import repair
from desktop.userdata import UserStore
from tests.brief.conftest import (
    DAY,
    NAME,
    PLAIN_NOTE,
    flat,
    pdftotext,
    tool,
    without_page_numbers,
)
from tests.conftest import ROOT


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


@pytest.fixture
def pdf(qapp, meeting, catalogue, tmp_path):
    return write_brief(catalogue, meeting, NAME, "pdf", tmp_path / "b.pdf", DAY)


def test_pdf_text_gives_back_every_id_number_and_title(pdf, brief, catalogue):
    """Today's bug: 「ID: 1-1-28」 read back as 「ID: - -」 and 方 as the radical ⽅."""
    text = pdftotext(pdf)
    assert "ID: 1-1-28" in text and "ID: 1-1-100" in text and "ID: 2-3" in text
    got = flat(without_page_numbers(text))
    for it in brief.items:
        m = catalogue.require(it.measure_id)
        for expected in (
            f"ID:{m.id}",
            m.title,
            catalogue.label(m),
            f"地方創生2.0施策集p.{m.page}",
            it.body_marked,
            *(f"注{n}:{t}" for n, t in it.footnotes),
            *(b.name for b in m.bureaus),
        ):
            assert flat(expected) in got, expected
    assert flat(PLAIN_NOTE) in got  # digits, comma, "office", "fi" in a note
    assert "⽅" not in text and "‧" not in text  # no radical or look-alike stands in


def test_pdf_is_a4_embedded_numbered_with_the_overview_first(pdf, brief):
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert re.search(rb"/MediaBox\s*\[\s*0\s+0\s+595(\.\d+)?\s+84[12]", data)
    fonts = subprocess.run([tool("pdffonts"), str(pdf)], capture_output=True, text=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all(r[-5] == "yes" for r in rows), fonts  # every font embedded
    assert any("CJK" in r[0] for r in rows), fonts
    pages = pdftotext(pdf, layout=True).split("\f")
    total = pdf_pages(data)
    assert total >= 2
    for i, page in enumerate(pages[:total], 1):
        assert flat(page).endswith(f"{i}/{total}")
    first = flat(pdftotext(pdf).split("\f")[0])  # reading order: a cell's lines together
    assert flat(NAME) in first and "2025年12月3日" in first and "6件" in first
    for label in ("No.", "施策名", "担当府省庁", "出典ページ", "メモ"):
        assert label in first
    assert [t for t in (it.title for it in brief.items) if flat(t)[:12] not in first] == []
    assert "ID:" not in first  # the sections start on the next page


def test_without_bodies_the_overview_is_one_page(qapp, meeting, catalogue):
    from desktop.brief import BriefOptions

    brief = build_brief(catalogue, meeting, NAME, BriefOptions(bodies=False), DAY)
    assert pdf_pages(render(brief, "pdf")) == 1


def test_the_whole_catalogue_round_trips(qapp, tmp_path, catalogue):
    """All 344 measures: every title, body, footnote and bureau comes back exactly."""
    with UserStore.open(tmp_path / "ud") as store:
        store.create_collection("全部")
        for m in catalogue.measures:
            store.add_bookmark(m.id, m.title, "全部")
        brief = build_brief(catalogue, store, "全部", day=DAY)
    out = tmp_path / "all.pdf"
    out.write_bytes(render(brief, "pdf"))
    text = pdftotext(out)
    got = flat(without_page_numbers(text))
    pages = [[ln for ln in p.splitlines() if ln.strip()] for p in text.split("\f")]
    for page, following in pairwise(pages):  # no line repeated over a page break
        if len(page) > 1 and following:
            assert page[-2] != following[0], following[0]
    missing = []
    for it in brief.items:
        parts = [f"ID:{it.measure_id}", it.title, it.body_marked, it.bureaus_text()]
        parts += [f"注{n}:{t}" for n, t in it.footnotes]
        missing += [(it.measure_id, p[:30]) for p in parts if flat(p) not in got]
    assert missing == []


def test_print_paints_the_same_document(qapp, pdf, brief, tmp_path):
    """A QPrinter (here printing to a file) gets the same pages as the exported PDF."""
    from PySide6.QtPrintSupport import QPrinter

    from desktop.brief.render_pdf import paint, setup_page

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    setup_page(printer)
    pages = paint(brief, printer)
    printed = (tmp_path / "printed.pdf").read_bytes()
    assert pages == pdf_pages(printed) == pdf_pages(pdf.read_bytes())

    def ids_by_page(path):
        return [re.findall(r"ID: [0-9-]+", p) for p in pdftotext(path).split("\f")]

    assert ids_by_page(tmp_path / "printed.pdf") == ids_by_page(pdf)


def test_repair_maps_look_alikes_back_to_what_was_drawn():
    cmap = (
        b"%PDF-1.4\n1 0 obj\n<< /Length 99 >>\nstream\nbegincmap\n2 beginbfrange\n"
        b"<0001> <0003> [<2F45> <2027> <0031>]\n<0004> <0004> <2ED1>\nendbfrange\nendstream\n"
        b"endobj\n2 0 obj\n<< /Type /Font /ToUnicode 1 0 R >>\n"
    )
    glyphs = {"方": 7, "⽅": 7, "・": 8, "‧": 8, "1": 9, "長": 10, "⻑": 10}
    fixed = repair(cmap, "地方・1長", lambda c: glyphs.get(c, 0))
    assert len(fixed) == len(cmap)  # offsets in the xref stay valid
    assert b"[<65B9> <30FB> <0031>]" in fixed and b"<0004> <0004> <9577>" in fixed
    # a radical the user really typed stays a radical
    kept = repair(cmap, "地方⽅・1長", lambda c: glyphs.get(c, 0))
    assert b"[<2F45>" in kept


def test_the_brief_font_shapes_no_glyph_the_text_layer_cannot_name(qapp, catalogue):
    """Every glyph laid out for the catalogue's text is one the font's cmap reaches (a glyph
    only shaping reaches is written with no character: the bug behind 「ID: - -」)."""
    from PySide6.QtGui import QRawFont, QTextLayout

    from desktop.qtfonts import document_font

    font = document_font(10)
    raw = QRawFont.fromFont(font)
    texts = ["ID: 1-1-28 p.12 office fi ffl"] + [
        f"ID: {m.id} {m.title} {m.body}" for m in catalogue.measures[:60]
    ]
    for s in texts:
        layout = QTextLayout(s, font)
        layout.beginLayout()
        layout.createLine()
        layout.endLayout()
        reachable = set(raw.glyphIndexesForString(s))
        for run in layout.glyphRuns():
            if run.rawFont().familyName() == raw.familyName():
                assert set(run.glyphIndexes()) <= reachable, s[:30]


def test_without_a_japanese_font_the_pdf_is_written_with_a_warning(tmp_path):
    """Simulates a system with no Japanese font (fontconfig sees only DejaVu)."""
    dejavu = "/usr/share/fonts/truetype/dejavu"
    if not sys.platform.startswith("linux") or not os.path.isdir(dejavu):
        pytest.skip("needs fontconfig and the DejaVu fonts (Linux)")
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        f'<?xml version="1.0"?><fontconfig><dir>{dejavu}</dir>'
        f"<cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    env = dict(os.environ, FONTCONFIG_FILE=str(conf), SHISAKU_DATA_DIR=str(tmp_path / "ud"))
    env["QT_QPA_PLATFORM"] = "offscreen"

    def cli(*args):
        return subprocess.run(
            [sys.executable, "-m", "desktop", *args], cwd=ROOT, env=env, capture_output=True
        )

    assert cli("bookmark", "add", "1-1-28").returncode == 0
    out = tmp_path / "b.pdf"
    r = cli("brief", "--collection", "ブックマーク", "--format", "pdf", "--out", str(out))
    assert r.returncode == 0, r.stderr.decode("utf-8")
    assert "日本語フォントが見つからない" in r.stderr.decode("utf-8")
    assert out.read_bytes().startswith(b"%PDF-")
