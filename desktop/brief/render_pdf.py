"""PDF and print: one QTextDocument made from the Brief, painted page by page with `n / N`
page numbers on any paged device — a QPdfWriter for the file, a QPrinter for printing and
the print preview — so the PDF and the printout are the same document.

Needs only QtGui (no widgets). The CLI has no Qt application, so one offscreen
QGuiApplication is made when needed (Qt's text layout needs a font database).
"""

from __future__ import annotations

import html
import os

from desktop import APP_TITLE, qtfonts
from desktop.brief.model import GONE_TEXT, Brief, BriefItem
from desktop.display import headless

DPI = 300
MARGINS_MM = (18, 16, 18, 16)  # left, top, right, bottom
FOOTER_INCH = 0.35  # room for the page number
_app = None  # the QGuiApplication made here, kept alive for later briefs in this process

CSS = """
h1 { font-size: 20pt; margin-bottom: 4pt; }
p.sub { font-size: 10.5pt; color: #333; margin-bottom: 10pt; }
table.overview { border-collapse: collapse; }
table.overview th { background-color: #e6e6e6; font-size: 9pt; font-weight: bold; }
table.overview td { font-size: 9pt; }
h2 { font-size: 13pt; margin-top: 14pt; margin-bottom: 3pt; }
p { margin-top: 2pt; margin-bottom: 4pt; line-height: 140%; }
p.meta { color: #444; font-size: 9pt; }
p.fn { font-size: 8.5pt; color: #333; }
p.bureaus { font-size: 9pt; margin-top: 4pt; }
p.note { white-space: pre-wrap; background-color: #f3f3f3; margin-top: 6pt; }
p.hl-label { margin-top: 6pt; margin-bottom: 2pt; }
p.hl { margin-left: 8pt; }
"""
# light tints of the four highlight colours, readable in black and white print too
TINTS = {"yellow": "#fff3b0", "green": "#d6f5d6", "blue": "#d6e8ff", "pink": "#ffdcec"}


def gui_app():
    global _app
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        if headless():
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = _app = QGuiApplication(["shisaku"])
    return app


# --- the document ----------------------------------------------------------------------


def esc(text: str) -> str:
    return html.escape(text).replace("\n", "<br/>")


def cover_html(brief: Brief) -> str:
    cols = brief.overview_columns()
    share = sum(c.width for c in cols)  # the shown columns fill the line (タグ may be left out)
    head = "".join(
        f"<th width='{c.width / share * 100:.1f}%' align='left'>{esc(c.label)}</th>" for c in cols
    )
    rows = "".join(
        "<tr>" + "".join(f"<td>{esc(v)}</td>" for v in row) + "</tr>"
        for row in brief.overview_rows()
    )
    title = f"<h1>{esc(brief.name)}</h1><p class='sub'>{esc(brief.subtitle())}</p>"
    if not brief.with_overview:
        return title
    return (
        title + "<table class='overview' width='100%' border='1' cellspacing='0' cellpadding='4'>"
        f"<thead><tr>{head}</tr></thead>{rows}</table>"
    )


def section_html(brief: Brief, it: BriefItem, first: bool) -> str:
    brk = " style='page-break-before: always'" if first else ""
    parts = [f"<h2{brk}>{it.position}. {esc(it.title)}</h2>"]
    if it.orphan:
        parts.append(f"<p class='meta'>ID: {esc(it.measure_id)}</p><p><i>{esc(it.body)}</i></p>")
    else:
        ref = it.source_ref(brief.source_title)
        parts.append(
            f"<p class='meta'>ID: {esc(it.measure_id)}（{esc(it.label)}）　{esc(ref)}<br/>"
            f"章・柱: {esc(it.where())}<br/>府省庁: {esc(it.ministries_text())}</p>"
        )
        parts.append(f"<p>{esc(it.body_marked)}</p>")
        if it.footnotes:
            parts.append(f"<p class='fn'>{esc(it.footnotes_text())}</p>")
        parts.append(f"<p class='bureaus'><b>担当</b>　{esc(it.bureaus_text())}</p>")
    if it.note:  # the label in the same paragraph: it cannot be left alone at a page end
        parts.append(f"<p class='note'><b>メモ</b><br/>{esc(it.note)}</p>")
    if it.highlights:
        parts.append("<p class='hl-label'><b>ハイライト</b></p>")
    for h in it.highlights:
        comment = f"<br/>— {esc(h.comment)}" if h.comment else ""
        gone = esc(GONE_TEXT) if h.orphan else ""
        tint = TINTS.get(h.colour, TINTS["yellow"])
        parts.append(
            f"<p class='hl'><span style='background-color: {tint}'>「{esc(h.text)}」</span>"
            f"{gone}{comment}</p>"
        )
    return "\n".join(parts)


def document_html(brief: Brief) -> str:
    """The whole brief as the HTML subset QTextDocument lays out."""
    body = [cover_html(brief)]
    if brief.options.bodies:  # without bodies: the 一覧 alone
        # the measures start on a page of their own after the 一覧
        first = brief.with_overview
        body += [section_html(brief, it, first and i == 0) for i, it in enumerate(brief.items)]
    return "<html><body>" + "\n".join(body) + "</body></html>"


def qt_document(brief: Brief, device=None):
    """The brief as a QTextDocument (laid out for `device` when given)."""
    gui_app()
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    if device is not None:
        doc.documentLayout().setPaintDevice(device)  # lay out in the device's resolution
    doc.setDefaultFont(qtfonts.document_font(10))
    doc.setDefaultStyleSheet(CSS)
    doc.setHtml(document_html(brief))
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, brief.name)
    return doc


# --- pages -----------------------------------------------------------------------------


def setup_page(device) -> None:
    """A4 with the brief's margins and the PDF's resolution, so a printer lays the brief out
    exactly as the PDF (text stays vector at any resolution; the print dialog may still
    change paper and margins)."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize

    device.setResolution(DPI)
    device.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    device.setPageMargins(QMarginsF(*MARGINS_MM), QPageLayout.Unit.Millimeter)


def paint(brief: Brief, device) -> int:
    """Lay the brief out on `device` (QPdfWriter or QPrinter) and paint every page; returns
    the number of pages."""
    return paint_document(qt_document(brief, device), device)


def paint_document(doc, device) -> int:
    from PySide6.QtCore import QRectF, QSizeF
    from PySide6.QtGui import QPainter

    dpi = device.resolution()
    area = device.pageLayout().paintRectPixels(dpi)
    width, height = area.width(), area.height()
    body_h = height - dpi * FOOTER_INCH
    doc.setPageSize(QSizeF(width, body_h))
    for _ in range(3):  # a split can move later text; three passes settle any brief
        if not split_at_page_breaks(doc, body_h):
            break
    pages = laid_out_pages(doc)
    painter = QPainter()
    if not painter.begin(device):
        raise RuntimeError("the page device could not start a page")
    try:
        for i in range(pages):
            if i:
                device.newPage()
            painter.save()
            painter.translate(0, -i * body_h)
            doc.drawContents(painter, QRectF(0, i * body_h, width, body_h))
            painter.restore()
            page_number(painter, i + 1, pages, width, height, dpi)
    finally:
        painter.end()
    return pages


def laid_out_pages(doc) -> int:
    """The page count once the whole document is laid out. Qt lays out an edited document
    lazily, and pageCount() alone can report only the part laid out so far."""
    doc.documentLayout().blockBoundingRect(doc.lastBlock())  # lays out up to the last block
    return doc.pageCount()


def split_at_page_breaks(doc, page_height: float) -> int:
    """Split every paragraph that runs over a page break into two at the break.

    Qt draws a page as the whole document clipped to the page, and QTextLayout::draw also
    draws the last line *above* the clip of a paragraph that straddles it (clipped away,
    but still in the PDF): copied text would repeat that line at the top of the next page.
    Paragraphs that never cross a page have no such line. The continuation gets no top
    margin, so nothing moves. Returns how many paragraphs were split.
    """
    from PySide6.QtGui import QTextBlockFormat, QTextCursor

    laid_out_pages(doc)  # every block has its lines
    layout = doc.documentLayout()
    cuts = []
    block = doc.begin()
    while block.isValid():
        lines = block.layout()
        if lines.lineCount() < 2:  # one line never runs over a page break
            block = block.next()
            continue
        top = layout.blockBoundingRect(block).top()
        pages = [int((top + lines.lineAt(i).y()) // page_height) for i in range(lines.lineCount())]
        for i in range(1, len(pages)):
            if pages[i] != pages[i - 1]:
                cuts.append((block.position() + lines.lineAt(i).textStart(), block.blockFormat()))
        block = block.next()
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()  # one relayout for all the cuts
    for position, fmt in reversed(cuts):
        rest = QTextBlockFormat(fmt)
        rest.setTopMargin(0)
        rest.setTextIndent(0)
        cursor.setPosition(position)
        if doc.characterAt(position - 1) == "\u2028":  # a <br/>: the new block replaces it
            cursor.deletePreviousChar()
        cursor.insertBlock(rest)
    cursor.endEditBlock()
    return len(cuts)


def page_number(painter, page: int, total: int, width: float, height: float, dpi: int) -> None:
    from PySide6.QtCore import QRectF, Qt

    painter.setFont(qtfonts.document_font(9))
    painter.drawText(
        QRectF(0, height - dpi * 0.25, width, dpi * 0.25),
        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
        f"{page} / {total}",
    )


def render(brief: Brief) -> bytes:
    gui_app()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QPdfWriter

    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buf)
    setup_page(writer)
    writer.setTitle(f"{brief.name} — {APP_TITLE}")
    writer.setCreator(APP_TITLE)
    doc = qt_document(brief, writer)
    paint_document(doc, writer)
    buf.close()
    return text_layer(bytes(data.data()), doc)


def text_layer(pdf: bytes, doc) -> bytes:
    """Give copied text the characters that were drawn (see pdf_text)."""
    from PySide6.QtGui import QRawFont

    from desktop.brief.pdf_text import repair

    raw = QRawFont.fromFont(doc.defaultFont())

    def glyph(c: str) -> int:
        found = raw.glyphIndexesForString(c)
        return found[0] if found else 0

    return repair(pdf, doc.toPlainText() + "0123456789 /", glyph)
