"""The reading view: one measure (or the preface) as HTML in a QTextBrowser.

Links are dispatched here instead of being followed: breadcrumb → tree, footnote → scroll
to the list (and a tooltip on hover), ministry → filter search, related → open measure.

Reading width follows Japanese practice: a column of about 40 全角 characters (adjustable,
0 = the whole width), centred, so the eye does not travel across a 1920-pixel line. The
font is inherited from the window, so zoom reaches the reader like every other pane.
"""

from __future__ import annotations

from urllib.parse import unquote

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtGui import QCursor, QFontInfo, QPalette, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QToolTip

from desktop.ui.a11y import describe
from desktop.ui.measure_html import (
    LINE_PITCH_EM,
    NOTE_PITCH_EM,
    Colors,
    line_height,
    measure_html,
    preface_html,
)

READING_CHARS = 40  # default column width in 全角 characters
FULL_WIDTH = "国"  # the advance of one 全角 character


def japanese_line_px(font) -> float:
    """The height of one line of Japanese in `font` as laid out, fallback fonts included
    (a Latin UI font such as DejaVu Sans draws kanji from Noto Sans CJK, whose lines are
    taller than the metrics of the font asked for)."""
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setDefaultFont(font)
    doc.setPlainText("国あア")
    return doc.documentLayout().documentSize().height()


class MeasureView(QTextBrowser):
    open_location = Signal(str)  # measure id
    show_in_tree = Signal(str)  # toc key: chapter:N / pillar:C:P
    filter_ministry = Signal(str)
    rendered = Signal()  # new content (find-in-page searches it again)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._clicked)
        self.highlighted.connect(self._hovered)
        self.measure = None
        self.query = ""
        self.related = ()
        self._preface = None
        self.reading_chars = READING_CHARS
        self._heights: tuple[str, tuple[str, str]] = ("", ("175%", "160%"))
        describe(
            self,
            self.tr("本文"),
            self.tr(
                "開いている施策の本文・脚注・担当・関連する施策。リンクは Tab で移動し Enter で開く"
            ),
        )

    def colors(self) -> Colors:
        pal = self.palette()
        dark = pal.color(QPalette.ColorRole.Base).lightness() < 128
        return Colors(
            mark_bg="#8a6d00" if dark else "#ffe066",
            mark_fg="#ffffff" if dark else "#000000",
            muted=pal.color(QPalette.ColorRole.PlaceholderText).name(),
            link=pal.color(QPalette.ColorRole.Link).name(),
        )

    def show_measure(self, m, query: str = "", related=()) -> None:
        self.measure, self.query, self.related, self._preface = m, query, tuple(related), None
        self._render()

    def show_preface(self, text: str) -> None:
        self.measure, self._preface = None, text
        self._render()

    def heights(self) -> tuple[str, str]:
        """Body and footnote line-height for this font (Japanese line pitch)."""
        font = self.font()
        key = font.key()
        if self._heights[0] != key:
            em = QFontInfo(font).pixelSize() or self.fontMetrics().height()
            spacing = japanese_line_px(font)
            self._heights = (
                key,
                (line_height(LINE_PITCH_EM, em, spacing), line_height(NOTE_PITCH_EM, em, spacing)),
            )
        return self._heights[1]

    def _render(self) -> None:
        heights = self.heights()
        if self.measure is not None:
            html = measure_html(
                self.measure,
                query=self.query,
                related=self.related,
                colors=self.colors(),
                labels={
                    "bureaus": self.tr("担当"),
                    "page": self.tr("ページ"),
                    "related": self.tr("関連する施策"),
                    "notes": self.tr("注"),
                },
                heights=heights,
            )
        elif self._preface is not None:
            html = preface_html(self._preface, self.tr("はじめに"), heights[0])
        else:
            html = ""
        self.document().setDefaultFont(self.font())
        self.setHtml(html)
        self._apply_width()
        self.verticalScrollBar().setValue(0)
        self.rendered.emit()

    def set_reading_chars(self, chars: int) -> None:
        """Column width in 全角 characters; 0 = the whole width of the view."""
        self.reading_chars = max(0, int(chars))
        self._apply_width()

    def column_width(self) -> int:
        """Pixels of the text column (the view's width when that is narrower)."""
        doc = self.document()
        full = self.viewport().width() - 2 * int(doc.documentMargin())
        if not self.reading_chars:
            return full
        want = self.fontMetrics().horizontalAdvance(FULL_WIDTH * self.reading_chars)
        return max(1, min(full, want))

    def _apply_width(self) -> None:
        """Centre the column with the root frame's side margins (the page keeps its
        background, unlike viewport margins)."""
        doc = self.document()
        spare = self.viewport().width() - 2 * int(doc.documentMargin()) - self.column_width()
        side = max(0, spare // 2)
        root = doc.rootFrame()
        fmt = root.frameFormat()
        if fmt.leftMargin() != side or fmt.rightMargin() != side:
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            root.setFrameFormat(fmt)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._apply_width()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        kind = event.type()
        if kind == QEvent.Type.PaletteChange:  # light/dark switch: new mark colours
            self._keep_scroll(self._render)
        elif kind == QEvent.Type.FontChange:  # zoom: the column follows the font size
            self._keep_scroll(self._render)

    def _keep_scroll(self, fn) -> None:
        bar = self.verticalScrollBar()
        share = bar.value() / bar.maximum() if bar.maximum() else 0.0
        fn()
        bar.setValue(round(share * bar.maximum()))

    def _clicked(self, url: QUrl) -> None:
        link = url.toString()
        scheme, _, rest = link.partition(":")
        if scheme == "measure":
            self.open_location.emit(rest)
        elif scheme == "nav":
            self.show_in_tree.emit(rest)
        elif scheme == "ministry":
            self.filter_ministry.emit(unquote(rest))
        elif scheme == "fn":
            self.scrollToAnchor(f"fn{rest}")

    def footnote_text(self, number: int) -> str:
        for f in self.measure.footnotes if self.measure else ():
            if f.number == number:
                return f.text
        return ""

    def _hovered(self, url: QUrl) -> None:
        link = url.toString()
        if link.startswith("fn:"):
            try:
                text = self.footnote_text(int(link[3:]))
            except ValueError:
                text = ""
            if text:
                QToolTip.showText(QCursor.pos(), text, self)
                return
        QToolTip.hideText()
