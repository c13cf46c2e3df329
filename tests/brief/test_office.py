"""Word and Excel briefs: their structure read back with python-docx and openpyxl, and the
files opened and rendered by LibreOffice (converted to PDF headless, text checked with
pdftotext). Without LibreOffice these fail under CI and skip locally, saying what to install."""

from __future__ import annotations

import zipfile
from dataclasses import replace

import pytest

from desktop.brief import BriefOptions, build_brief, render, write_brief
from tests.brief.conftest import (
    DAY,
    NAME,
    NOTE,
    PLAIN_NOTE,
    flat,
    pdftotext,
    soffice_pdf,
    without_page_numbers,
)


@pytest.fixture
def docx_file(meeting, catalogue, tmp_path):
    return write_brief(catalogue, meeting, NAME, "docx", tmp_path / "brief.docx", DAY)


@pytest.fixture
def xlsx_file(meeting, catalogue, tmp_path):
    return write_brief(catalogue, meeting, NAME, "xlsx", tmp_path / "brief.xlsx", DAY)


# --- Word ----------------------------------------------------------------------------------


def test_docx_has_real_headings_a_word_table_and_japanese_fonts(docx_file, brief):
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Mm

    doc = Document(str(docx_file))
    styles = [(p.style.name, p.text) for p in doc.paragraphs if p.text]
    assert styles[0] == ("Title", NAME)
    assert ("Heading 1", "一覧") in styles
    headings = [t for s, t in styles if s == "Heading 1" and t != "一覧"]
    assert headings == [f"{it.position}. {it.title}" for it in brief.items]
    assert ("Heading 2", "メモ") in styles
    first_measure = next(p for p in doc.paragraphs if p.text == headings[0])
    assert first_measure.paragraph_format.page_break_before  # the 一覧 has page 1

    (table,) = doc.tables
    assert [c.text for c in table.rows[0].cells] == [c.label for c in brief.overview_columns()]
    assert [r.cells[1].text for r in table.rows[1:]] == [it.title for it in brief.items]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeats on each page

    sec = doc.sections[0]
    assert abs(sec.page_width - Mm(210)) < Mm(1) and abs(sec.page_height - Mm(297)) < Mm(1)
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        fonts = doc.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")), name
        assert fonts.get(qn("w:eastAsiaTheme")) is None, name  # a theme font would win
    footer = doc.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    assert doc.core_properties.title == NAME


def test_docx_is_editable(docx_file, tmp_path):
    """An ordinary document: no protection; python-docx can change and save it."""
    from docx import Document

    with zipfile.ZipFile(docx_file) as z:
        settings = z.read("word/settings.xml").decode("utf-8")
    assert "documentProtection" not in settings and "writeProtection" not in settings
    doc = Document(str(docx_file))
    doc.add_paragraph("局長コメント: 了解")
    doc.save(str(tmp_path / "edited.docx"))
    assert "局長コメント: 了解" in [
        p.text for p in Document(str(tmp_path / "edited.docx")).paragraphs
    ]


def test_docx_renders_in_libreoffice(docx_file, brief, catalogue, tmp_path):
    pdf = soffice_pdf(docx_file, tmp_path)
    text = pdftotext(pdf)
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) >= 2
    assert flat(NAME) in flat(pages[0]) and "一覧" in pages[0]
    got = flat(without_page_numbers(text))
    for it in brief.items:
        m = catalogue.require(it.measure_id)
        for part in (f"ID:{m.id}", m.title, it.body_marked, f"p.{m.page}"):
            assert flat(part) in got, part
    assert flat(PLAIN_NOTE) in got
    assert "1/" in flat(pages[0])  # the page number field was filled in


def test_docx_holds_a_note_with_control_characters(store, catalogue, tmp_path):
    store.create_collection("c")
    store.add_bookmark("1-1-1", catalogue.require("1-1-1").title, "c")
    store.set_note("1-1-1", catalogue.require("1-1-1").title, "前\x01後\x0b")
    out = write_brief(catalogue, store, "c", "docx", tmp_path / "c.docx", DAY)
    from docx import Document

    assert "前\ufffd後\ufffd" in [p.text for p in Document(str(out)).paragraphs]


# --- Excel ---------------------------------------------------------------------------------


def test_xlsx_is_one_row_per_measure_frozen_filtered_wrapped(xlsx_file, brief):
    from openpyxl import load_workbook

    ws = load_workbook(xlsx_file).active
    header = [c.value for c in ws[1]]
    assert header == [c.label for c in brief.table_columns()]
    assert header[:5] == ["順番", "ID", "章", "柱", "施策名"] and "出典ページ" in header
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in rows] == [it.measure_id for it in brief.items]
    assert [r[0] for r in rows] == [1, 2, 3, 4, 5, 6]
    page = header.index("出典ページ")
    assert all(isinstance(r[page], int) for r in rows)
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}{len(rows) + 1}"
    body = ws.cell(2, header.index("本文") + 1)
    assert body.alignment.wrap_text and ws.column_dimensions[body.column_letter].width >= 40
    assert ws.row_dimensions[2].height > 15  # grown for the wrapped text


def test_xlsx_keeps_formula_like_cells_text(xlsx_file):
    """The CSV's guard: a note starting with = is stored as text (quote prefix), never as a
    formula, and shows exactly what the user typed."""
    from openpyxl import load_workbook

    ws = load_workbook(xlsx_file).active
    header = [c.value for c in ws[1]]
    note = ws.cell(5, header.index("メモ") + 1)  # 1-2-5, the 4th measure
    assert note.value == NOTE and note.data_type == "s" and note.quotePrefix
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
    with zipfile.ZipFile(xlsx_file) as z:
        assert "<f>" not in z.read("xl/worksheets/sheet1.xml").decode("utf-8")


def test_xlsx_renders_in_libreoffice(xlsx_file, brief, tmp_path):
    text = pdftotext(soffice_pdf(xlsx_file, tmp_path))
    got = flat(text)
    for it in brief.items:
        assert it.measure_id in text and flat(it.title)[:12] in got
    assert 'HYPERLINK("http://x")' in text  # shown as typed, not evaluated


def test_xlsx_without_notes_or_bodies(meeting, catalogue):
    from io import BytesIO

    from openpyxl import load_workbook

    brief = build_brief(catalogue, meeting, NAME, BriefOptions(notes=False, bodies=False), DAY)
    ws = load_workbook(BytesIO(render(brief, "xlsx"))).active
    header = [c.value for c in ws[1]]
    assert "メモ" not in header and "本文" not in header and "脚注" not in header
    assert "局長に確認" not in str([[c.value for c in r] for r in ws.iter_rows()])


def test_tags_reach_word_and_excel(brief):
    from io import BytesIO

    from docx import Document
    from openpyxl import load_workbook

    brief.items[0] = replace(brief.items[0], tags=["重点"])
    table = Document(BytesIO(render(brief, "docx"))).tables[0]
    assert table.rows[0].cells[-1].text == "タグ" and table.rows[1].cells[-1].text == "重点"
    ws = load_workbook(BytesIO(render(brief, "xlsx"))).active
    assert ws.cell(1, ws.max_column).value == "タグ" and ws.cell(2, ws.max_column).value == "重点"
