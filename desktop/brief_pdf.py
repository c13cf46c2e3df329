"""PDF brief: QTextDocument laid out on A4 pages of a QPdfWriter, with a title page and page
numbers. Needs only QtGui (no widgets); makes an offscreen QGuiApplication when the CLI has
none, because Qt's text layout needs the font database of a running application.
"""

from __future__ import annotations

import html
import os
from datetime import date

from desktop import APP_TITLE
from desktop.brief import ORPHAN_TEXT, BriefItem, bureaus_text, today_label
from desktop.display import headless

FONT_CANDIDATES = (
    "Noto Sans CJK JP",
    "Noto Serif CJK JP",
    "Source Han Sans JP",
    "Yu Gothic",
    "Meiryo",
    "Hiragino Sans",
    "MS Gothic",
    "IPAexGothic",
    "IPAGothic",
)
DPI = 300
_app = None  # keep the QGuiApplication we made alive for later briefs in this process


def gui_app():
    global _app
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        if headless():
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = _app = QGuiApplication(["shisaku"])
    return app


def japanese_family() -> str:
    from PySide6.QtGui import QFontDatabase

    families = set(QFontDatabase.families())
    for name in FONT_CANDIDATES:
        if name in families:
            return name
    return ""  # Qt falls back to a font that has the glyphs, if any


def item_html(it: BriefItem) -> str:
    e = html.escape
    parts = [f"<h2>{it.position}. {e(it.title)}</h2>"]
    if it.orphan:
        parts.append(f"<p>ID: {e(it.measure_id)}</p><p><i>{e(ORPHAN_TEXT)}</i></p>")
    else:
        where = " › ".join(x for x in (it.chapter, it.pillar) if x)
        parts.append(
            f"<p class='meta'>ID: {e(it.measure_id)}（{e(it.location)}）<br/>"
            f"章・柱: {e(where)}<br/>府省庁: {e('、'.join(it.ministries))}<br/>"
            f"担当: {e(bureaus_text(it))}</p>"
        )
        parts.append(f"<p>{e(it.body_marked)}</p>")
        if it.footnotes:
            parts.append(
                "<p class='fn'>" + "<br/>".join(f"注{n}: {e(t)}" for n, t in it.footnotes) + "</p>"
            )
    if it.note:
        parts.append(f"<p class='note-h'><b>メモ</b></p><p class='note'>{e(it.note)}</p>")
    return "\n".join(parts)


def brief_html(items: list[BriefItem], heading: str | None = None) -> str:
    """The brief's body as HTML (what the PDF lays out and printing prints)."""
    top = f"<h1>{html.escape(heading)}</h1>\n" if heading else ""
    return "<html><body>" + top + "\n".join(item_html(it) for it in items) + "</body></html>"


CSS = """
h2 { font-size: 13pt; margin-top: 14pt; margin-bottom: 4pt; }
p { margin-top: 2pt; margin-bottom: 4pt; line-height: 140%; }
p.meta { color: #444; font-size: 9pt; }
p.fn { font-size: 8.5pt; color: #333; }
p.note-h { margin-top: 6pt; }
p.note { white-space: pre-wrap; background-color: #f3f3f3; }
"""


def render_pdf(name: str, items: list[BriefItem], day: date | None = None) -> bytes:
    gui_app()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF
    from PySide6.QtGui import (
        QFont,
        QPageLayout,
        QPageSize,
        QPainter,
        QPdfWriter,
        QTextDocument,
    )

    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buf)
    writer.setResolution(DPI)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(18, 16, 18, 16), QPageLayout.Unit.Millimeter)
    writer.setTitle(f"{name} — {APP_TITLE}")
    writer.setCreator(APP_TITLE)

    family = japanese_family()
    font = QFont(family, 10) if family else QFont()
    font.setPointSizeF(10)
    area = writer.pageLayout().paintRectPixels(DPI)
    width, height = area.width(), area.height()
    footer = DPI * 0.35  # a third of an inch for the page number
    body_h = height - footer

    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)  # lay out in the PDF's resolution
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet(CSS)
    doc.setHtml(brief_html(items))
    doc.setPageSize(QSizeF(width, body_h))
    pages = doc.pageCount() if items else 0
    total = pages + 1

    painter = QPainter()
    if not painter.begin(writer):
        raise RuntimeError("QPdfWriter could not start a page")
    try:
        title_page(painter, font, name, len(items), width, height, day)
        number(painter, font, 1, total, width, height)
        for i in range(pages):
            writer.newPage()
            painter.save()
            painter.translate(0, -i * body_h)
            doc.drawContents(painter, QRectF(0, i * body_h, width, body_h))
            painter.restore()
            number(painter, font, i + 2, total, width, height)
    finally:
        painter.end()
    buf.close()
    return bytes(data.data())


def title_page(
    painter, font, name: str, count: int, width: float, height: float, day: date | None
) -> None:
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QFont

    big = QFont(font)
    big.setPointSizeF(24)
    big.setBold(True)
    small = QFont(font)
    small.setPointSizeF(12)
    flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
    painter.setFont(small)
    painter.drawText(
        QRectF(0, height * 0.25, width, height * 0.06), flags, f"{APP_TITLE} — 地方創生2.0 施策集"
    )
    painter.setFont(big)
    painter.drawText(QRectF(0, height * 0.33, width, height * 0.2), flags, name)
    painter.setFont(small)
    painter.drawText(
        QRectF(0, height * 0.55, width, height * 0.1),
        flags,
        f"{today_label(day)}\n{count} 件の施策",
    )


def number(painter, font, page: int, total: int, width: float, height: float) -> None:
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QFont

    f = QFont(font)
    f.setPointSizeF(9)
    painter.setFont(f)
    painter.drawText(
        QRectF(0, height - DPI * 0.25, width, DPI * 0.25),
        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
        f"{page} / {total}",
    )
