"""The reading view: one measure (or the preface) as HTML in a QTextBrowser.

Links are dispatched here instead of being followed: breadcrumb → tree, footnote → scroll
to the list (and a tooltip on hover), ministry → filter search, related → open measure.

Reading width follows Japanese practice: a column of about 40 全角 characters (adjustable,
0 = the whole width), centred, so the eye does not travel across a 1920-pixel line. The
font is inherited from the window, so zoom reaches the reader like every other pane.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QCursor,
    QFontInfo,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QMenu, QTextBrowser, QToolTip

from desktop.ui.a11y import describe
from desktop.ui.annotate.body_map import BodyMap
from desktop.ui.annotate.colours import COLOUR_LABELS, search_mark, swatch
from desktop.ui.measure_html import (
    LINE_PITCH_EM,
    NOTE_PITCH_EM,
    Colors,
    line_height,
    marker_text,
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
    restyled = Signal()  # the same text drawn again (highlights changed): keep find's place

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
        # highlights: the window gives where they come from and what the right-click adds
        self.highlight_source: Callable[[str], list] | None = None
        # who adds to the right-click menu (annotations, print and cite): each gets the menu
        # and the body offset under the mouse
        self.menu_extenders: list[Callable[[QMenu, int | None], None]] = []
        self.highlights: list = []  # the open measure's, as drawn
        self.body_map: BodyMap | None = None
        self.body_base: int | None = None  # document position of the body's first character
        # the keyboard selects text too (Shift+arrows): highlighting without a mouse
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        describe(
            self,
            self.tr("本文"),
            self.tr(
                "開いている施策の本文・脚注・担当・関連する施策。リンクは Tab で移動し Enter で開く。"
                "Shift+矢印で文を選び Ctrl+Shift+H または 1〜4 でハイライト"
            ),
        )

    def dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Base).lightness() < 128

    def colors(self) -> Colors:
        pal = self.palette()
        dark = self.dark()
        mark_bg, mark_fg = search_mark(dark)
        return Colors(
            mark_bg=mark_bg,
            mark_fg=mark_fg,
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
        self._draw()
        self.verticalScrollBar().setValue(0)
        self.rendered.emit()

    def _draw(self) -> None:
        """The document from the measure (or preface), its highlights, the column."""
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
                    "footnotes": self.tr("注"),
                },
                heights=heights,
            )
        elif self._preface is not None:
            html = preface_html(self._preface, self.tr("はじめに"), heights[0])
        else:
            html = ""
        self.document().setDefaultFont(self.font())
        self.setHtml(html)
        self._locate_body()
        self._draw_highlights()
        self._apply_width()

    # -- highlights ---------------------------------------------------------------------------

    def _locate_body(self) -> None:
        """Find the body's paragraph and check that it shows the body exactly (it always
        should; if not, highlights are not drawn rather than drawn on the wrong words)."""
        self.body_map = self.body_base = None
        m = self.measure
        if m is None or not m.body:
            return
        bm = BodyMap(m.body, m.footnotes, marker_text)
        block = self.document().begin()
        while block.isValid():
            if block.text() == bm.shown:
                self.body_map, self.body_base = bm, block.position()
                return
            block = block.next()

    def _draw_highlights(self) -> None:
        m = self.measure
        self.highlights = []
        if m is None or self.body_map is None or self.highlight_source is None:
            return
        body = m.body
        self.highlights = [
            h
            for h in self.highlight_source(m.id)
            if not h.orphan
            and 0 <= h.start < h.end <= len(body)
            and body[h.start : h.end] == h.exact
        ]
        dark = self.dark()
        mark_bg = QColor(self.colors().mark_bg)
        for h in self.highlights:
            sw = swatch(h.colour, dark)
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(sw.background))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(QColor(sw.underline))
            s, e = self.body_map.to_view(h.start, h.end)
            self._merge(self.body_base + s, self.body_base + e, fmt, mark_bg)

    def _merge(self, start: int, end: int, fmt: QTextCharFormat, keep: QColor) -> None:
        """Apply `fmt` over [start, end), fragment by fragment: a search match and a
        footnote marker inside keep their own background (they get only the underline; a
        link's colour on a tint is hard to read in the dark scheme)."""
        doc = self.document()
        block = doc.findBlock(start)
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            a, b = max(start, frag.position()), min(end, frag.position() + frag.length())
            if a < b:
                f = QTextCharFormat(fmt)
                old = frag.charFormat()
                if old.isAnchor() or old.background().color() == keep:
                    f.clearBackground()
                cur = QTextCursor(doc)
                cur.setPosition(a)
                cur.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
                cur.mergeCharFormat(f)
            it += 1

    def set_related(self, related) -> None:
        """The related measures, filled in after the first paint: drawn like a highlight
        change, so a selection the user began meanwhile is kept."""
        self.related = tuple(related)
        self.refresh_highlights()

    def refresh_highlights(self) -> None:
        """Draw the highlights again (one added, recoloured, deleted): the same place in the
        text, the same scroll, the caret and selection where they were."""
        if self.measure is None:
            return
        cur = self.textCursor()
        anchor, pos = cur.anchor(), cur.position()
        value = self.verticalScrollBar().value()
        self._draw()
        cur = QTextCursor(self.document())
        end = self.document().characterCount() - 1
        cur.setPosition(min(anchor, end))
        cur.setPosition(min(pos, end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cur)
        self.verticalScrollBar().setValue(value)
        self.restyled.emit()

    def body_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Document positions [start, end) → body offsets, or None outside the body."""
        if self.body_map is None:
            return None
        return self.body_map.to_body(start - self.body_base, end - self.body_base)

    def selected_body_span(self) -> tuple[int, int] | None:
        """The selection, as body offsets (the part of it in the body; markers skipped)."""
        cur = self.textCursor()
        if not cur.hasSelection():
            return None
        return self.body_span(cur.selectionStart(), cur.selectionEnd())

    def caret_offset(self) -> int | None:
        """The caret's body offset; None when it is not in the body paragraph."""
        if self.body_map is None:
            return None
        rel = self.textCursor().position() - self.body_base
        if not 0 <= rel <= self.body_map.length:
            return None
        return self.body_map.offset_at(rel)

    def highlight_at(self, offset: int | None):
        """The highlight covering body offset `offset` (the character after it; at a
        highlight's end, the one that ends there)."""
        if offset is None:
            return None
        inside = [h for h in self.highlights if h.start <= offset < h.end]
        if inside:
            return min(inside, key=lambda h: h.end - h.start)  # the innermost
        return next((h for h in self.highlights if h.end == offset), None)

    def current_highlight(self):
        """The highlight the caret is in (after a click on it, or moved there by keys)."""
        return self.highlight_at(self.caret_offset())

    def offset_at_point(self, point: QPoint) -> int | None:
        """The body offset of the character under a viewport point; None off the body."""
        if self.body_map is None:
            return None
        at = QPointF(
            point.x() + self.horizontalScrollBar().value(),
            point.y() + self.verticalScrollBar().value(),
        )
        pos = self.document().documentLayout().hitTest(at, Qt.HitTestAccuracy.ExactHit)
        if pos < 0:
            return None
        rel = pos - self.body_base
        if not 0 <= rel < self.body_map.length:
            return None
        return self.body_map.offset_at(rel)

    def select_body_span(self, start: int, end: int) -> bool:
        """Select body[start:end] and scroll it into view (opening a highlight from the
        メモ tab). False if the body is not shown or the span is not in it."""
        if self.body_map is None or not 0 <= start < end <= len(self.body_map.body):
            return False
        s, e = self.body_map.to_view(start, end)
        cur = QTextCursor(self.document())
        cur.setPosition(self.body_base + e)
        self.setTextCursor(cur)
        self.ensureCursorVisible()
        cur.setPosition(self.body_base + s, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cur)
        self.ensureCursorVisible()
        return True

    def place_caret(self, offset: int) -> None:
        """The caret just after body character offset-1 (a new highlight's end: 1–4 and
        Delete then act on it)."""
        if self.body_map is None:
            return
        n = len(self.body_map.body)
        offset = max(0, min(n, offset))
        rel = self.body_map.end[offset - 1] if offset else (self.body_map.start[0] if n else 0)
        cur = QTextCursor(self.document())
        cur.setPosition(self.body_base + rel)
        self.setTextCursor(cur)

    def highlight_tip(self, h) -> str:
        colour = COLOUR_LABELS.get(h.colour, h.colour)
        head = self.tr("ハイライト（{0}）").format(colour)
        return f"{head}\n{h.comment}" if h.comment else head

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            h = self._highlight_under(event.pos())
            if h is not None:
                QToolTip.showText(event.globalPos(), self.highlight_tip(h), self.viewport())
                return True
        return super().viewportEvent(event)

    def _highlight_under(self, point: QPoint):
        offset = self.offset_at_point(point)
        if offset is None:
            return None
        inside = [h for h in self.highlights if h.start <= offset < h.end]
        return min(inside, key=lambda h: h.end - h.start) if inside else None

    def contextMenuEvent(self, event) -> None:
        doc_point = event.pos() + QPoint(
            self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        )
        menu = self.createStandardContextMenu(doc_point)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if self.measure is not None:
            offset = self.offset_at_point(event.pos())
            for extend in self.menu_extenders:
                extend(menu, offset)
        menu.exec(event.globalPos())

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
