"""The reading view: one measure (or the preface) as HTML in a QTextBrowser.

Links are dispatched here instead of being followed: breadcrumb → tree, footnote → scroll
to the list (and a tooltip on hover), ministry → filter search, related → open measure.
"""

from __future__ import annotations

from urllib.parse import unquote

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtGui import QCursor, QPalette
from PySide6.QtWidgets import QTextBrowser, QToolTip

from desktop.ui.measure_html import Colors, measure_html, preface_html


class MeasureView(QTextBrowser):
    open_location = Signal(str)  # measure id
    show_in_tree = Signal(str)  # toc key: chapter:N / pillar:C:P
    filter_ministry = Signal(str)

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
        self.zoom = 0
        self._base_size = self.font().pointSizeF()

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

    def _render(self) -> None:
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
            )
        elif self._preface is not None:
            html = preface_html(self._preface, self.tr("はじめに"))
        else:
            html = ""
        self.setHtml(html)
        self.verticalScrollBar().setValue(0)

    def set_zoom(self, zoom: int) -> None:
        self.zoom = zoom
        f = self.font()
        f.setPointSizeF(max(6.0, self._base_size + zoom))
        self.setFont(f)
        self.document().setDefaultFont(f)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light/dark switch: new mark colours
            self._render()

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
