"""Word brief (python-docx, imported only here): real heading styles (Title, Heading 1), the
一覧 as a Word table whose header repeats on each page, A4, `n / N` page numbers, and the
system's Japanese font set for East Asian text (w:eastAsia) so Word does not fall back to a
Chinese or Latin face. An ordinary, editable document: no protection, no text boxes.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

from desktop import APP_TITLE, fonts
from desktop.brief.cells import xml_text
from desktop.brief.model import Brief, BriefItem

TEXT_WIDTH_MM = 170  # A4 (210 mm) less 20 mm margins
GREY = (0x44, 0x44, 0x44)


def render(brief: Brief) -> bytes:
    from docx import Document

    doc = Document()
    family = fonts.document_family()
    setup(doc, brief, family)
    cover(doc, brief)
    if brief.options.bodies:  # without bodies: the 一覧 alone
        for i, it in enumerate(brief.items):
            section(doc, brief, it, first=i == 0 and brief.with_overview)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- page, styles, fonts -----------------------------------------------------------------


def setup(doc, brief: Brief, family: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin = sec.right_margin = Mm(20)
    sec.top_margin = sec.bottom_margin = Mm(18)
    set_default_font(doc, family)
    for name in ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Footer"):
        set_style_font(doc.styles[name], family)
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.styles["Title"].font.size = Pt(22)
    doc.styles["Heading 1"].font.size = Pt(14)
    doc.styles["Heading 2"].font.size = Pt(11.5)
    footer = sec.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_field(footer, "PAGE")
    footer.add_run(" / ")
    add_field(footer, "NUMPAGES")
    props = doc.core_properties
    props.title = xml_text(brief.name)
    props.subject = brief.source_title
    props.author = props.last_modified_by = APP_TITLE
    props.comments = ""
    props.created = props.modified = datetime.now(UTC).replace(microsecond=0)
    props.revision = 1


def set_fonts(rpr, family: str) -> None:
    """Name the font for every script and drop the theme fonts (they would win)."""
    from docx.oxml.ns import qn

    fonts_el = rpr.find(qn("w:rFonts"))
    if fonts_el is None:
        fonts_el = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts_el)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts_el.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts_el.set(qn(f"w:{attr}"), family)


def set_style_font(style, family: str) -> None:
    set_fonts(style.element.get_or_add_rPr(), family)


def set_default_font(doc, family: str) -> None:
    """docDefaults: the font and the Japanese language every style starts from."""
    from docx.oxml.ns import qn

    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, family)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "ja-JP")


def add_field(paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES): Word and LibreOffice fill in the number."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run_with(tag: str, **attrs):
        run = paragraph.add_run()
        el = OxmlElement(tag)
        for k, v in attrs.items():
            el.set(qn(k), v)
        run._r.append(el)
        return el

    run_with("w:fldChar", **{"w:fldCharType": "begin"})
    instr = run_with("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {code} "
    run_with("w:fldChar", **{"w:fldCharType": "separate"})
    paragraph.add_run("1")
    run_with("w:fldChar", **{"w:fldCharType": "end"})


# --- content -----------------------------------------------------------------------------


def cover(doc, brief: Brief) -> None:
    doc.add_paragraph(xml_text(brief.name), style="Title")
    doc.add_paragraph(brief.subtitle(), style="Subtitle")
    if brief.with_overview:
        doc.add_heading("一覧", level=1)
        overview_table(doc, brief)


def overview_table(doc, brief: Brief) -> None:
    from docx.shared import Mm, Pt

    cols = brief.overview_columns()
    table = doc.add_table(rows=1, cols=len(cols))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    share = sum(c.width for c in cols)
    widths = [Mm(TEXT_WIDTH_MM * c.width / share) for c in cols]
    for column, w in zip(table.columns, widths, strict=True):
        column.width = w  # the grid: LibreOffice lays the table out from it
    header = table.rows[0]
    repeat_header(header)
    for cell, col, w in zip(header.cells, cols, widths, strict=True):
        cell.width = w
        run = cell.paragraphs[0].add_run(col.label)
        run.bold = True
        run.font.size = Pt(9)
        shade(cell, "E6E6E6")
    for values in brief.overview_rows():
        row = table.add_row()
        for cell, value, w in zip(row.cells, values, widths, strict=True):
            cell.width = w
            cell.paragraphs[0].add_run(xml_text(value)).font.size = Pt(9)


def repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(el)


def shade(cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement("w:shd")
    el.set(qn("w:val"), "clear")
    el.set(qn("w:color"), "auto")
    el.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(el)


def section(doc, brief: Brief, it: BriefItem, first: bool) -> None:
    heading = doc.add_heading(xml_text(f"{it.position}. {it.title}"), level=1)
    heading.paragraph_format.page_break_before = first  # the measures start after the 一覧
    if it.orphan:
        small(doc, f"ID: {it.measure_id}")
        lines(doc, it.body)
    else:
        ref = it.source_ref(brief.source_title)
        small(doc, f"ID: {it.measure_id}（{it.label}）　{ref}")
        small(doc, f"章・柱: {it.where()}\n府省庁: {it.ministries_text()}")
        lines(doc, it.body_marked)
        if it.footnotes:
            small(doc, it.footnotes_text())
        labelled(doc, "担当", it.bureaus_text())
    if it.note:
        labelled(doc, "メモ", it.note)
    if it.highlights:
        labelled(
            doc, "ハイライト", "\n\n".join(h.line().replace(" — ", "\n— ") for h in it.highlights)
        )


def lines(doc, text: str):
    """One paragraph; python-docx turns the text's line breaks into <w:br/>."""
    p = doc.add_paragraph()
    p.add_run(xml_text(text))
    return p


def small(doc, text: str) -> None:
    from docx.shared import Pt, RGBColor

    p = lines(doc, text)
    for run in p.runs:
        run.font.size = Pt(9)
        run.font.color.rgb = RGBColor(*GREY)


def labelled(doc, label: str, text: str) -> None:
    from docx.shared import Mm

    doc.add_heading(label, level=2)
    p = lines(doc, text)
    p.paragraph_format.left_indent = Mm(4)
