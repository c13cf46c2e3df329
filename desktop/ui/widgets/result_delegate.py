"""Draws one search hit: pillar badge, marked title, marked snippet (two lines), note mark;
and the separator rows that head the tiers (「完全一致 N 件」/「近い結果 M 件」, issue 10).

Hit rows have one fixed height and separator rows another (sizeHint reads no text), so the
list lays out without measuring any hit; only visible rows are painted, which keeps
keystroke → painted fast. A hit found only in the user's note shows the note, labelled
「メモ」 and in italics, never as if it were the 施策集's text; one found only in a highlight
comment shows that comment, labelled 「コメントに一致」, the same way. The user's tags are
chips at the right of the title line (`tags`: {measure id: [tag, …]}, one read of the store
per refresh; a row without tags costs one dict lookup).
"""

from __future__ import annotations

import html as htmllib
import re
from collections import OrderedDict

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetrics,
    QPalette,
    QTextCharFormat,
    QTextDocument,
    QTextLayout,
)
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.ui.annotate.colours import search_mark
from desktop.ui.models.results_model import BADGE_ROLE, HIT_ROLE, SEPARATOR_ROLE
from desktop.ui.widgets.tag_chips import chip_at, chips_width, paint_chips

PAD = 6

# The marked text is the searcher's small HTML (escaped text, <mark>, and the <b>/<i>/<span
# style="color"> this delegate wraps it in). It is drawn with one QTextLayout per text (laid
# out once and kept for repaints) instead of a QTextDocument parsing HTML on every paint
# (decision 0006). Any other markup falls back to QTextDocument.
LAYOUTS_KEPT = 96  # laid-out texts kept for repaints (a screenful of rows is ~30)
_TAG = re.compile(r"<(/?)([a-z]+)(?:\s[^>]*)?>")
_MARK_CSS = re.compile(r"background-color:\s*([^;]+);\s*color:\s*([^;}]+)")


def plain_runs(markup: str) -> tuple[str, list[tuple[int, int, str]]] | None:
    """(text, [(start, length, "mark" | "b" | "i")]) of the searcher's marked HTML; None
    when it holds any other tag than mark, b, i and span (then the caller uses
    QTextDocument)."""
    text: list[str] = []
    runs: list[tuple[int, int, str]] = []
    open_at: dict[str, list[int]] = {"mark": [], "b": [], "i": []}
    pos = n = 0
    for m in _TAG.finditer(markup):
        piece = htmllib.unescape(markup[pos : m.start()])
        text.append(piece)
        n += len(piece)
        pos = m.end()
        closing, tag = m.group(1) == "/", m.group(2)
        if tag == "span":
            continue
        if tag not in open_at:
            return None
        if not closing:
            open_at[tag].append(n)
        elif open_at[tag]:
            start = open_at[tag].pop()
            if n > start:
                runs.append((start, n - start, tag))
    piece = htmllib.unescape(markup[pos:])
    text.append(piece)
    n += len(piece)
    for tag, starts in open_at.items():  # unclosed: to the end
        runs += [(s, n - s, tag) for s in starts if n > s]
    return "".join(text), runs


def _mark_colors(css: str) -> tuple[QColor, QColor]:
    m = _MARK_CSS.search(css)
    if m is None:
        bg, fg = search_mark(False)
        return QColor(bg), QColor(fg)
    return QColor(m.group(1).strip()), QColor(m.group(2).strip())


def mix(a: QColor, b: QColor, share_a: float) -> QColor:
    t = max(0.0, min(1.0, share_a))
    return QColor.fromRgbF(
        a.redF() * t + b.redF() * (1 - t),
        a.greenF() * t + b.greenF() * (1 - t),
        a.blueF() * t + b.blueF() * (1 - t),
    )


def badge_colors(palette: QPalette) -> tuple[QColor, QColor]:
    """(background, text) of the 柱N badge: text-coloured chip with page-coloured letters,
    so it reads in light and dark schemes alike (Mid on Base vanished in dark mode)."""
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    return mix(text, base, 0.62), base


def mark_style(palette: QPalette) -> str:
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    bg, fg = search_mark(dark)
    return f"mark {{ background-color: {bg}; color: {fg}; }}"


def whole_chars_width(line, width: float) -> float:
    """The x of the last character boundary at or before `width` on a laid-out line."""
    pos = line.xToCursor(width)
    x = line.cursorToX(pos)[0]
    while x > width and pos > 0:
        pos -= 1
        x = line.cursorToX(pos)[0]
    return max(0.0, min(x, width))


def ellipsis_width(opt) -> float:
    return opt.fontMetrics.horizontalAdvance("…") + 2


def draw_ellipsis(painter, opt, color: str, rect: QRectF, x: float) -> None:
    """「…」 after the text of a line cut at `x` (from the line's left)."""
    painter.save()
    painter.setPen(QColor(color))
    painter.drawText(
        QRectF(rect.left() + x, rect.top(), ellipsis_width(opt), rect.height()),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
        "…",
    )
    painter.restore()


class ResultDelegate(QStyledItemDelegate):
    tag_clicked = Signal(str)  # a tag chip was clicked: search that tag

    def __init__(
        self, parent=None, note_label: str = "メモ", comment_label: str = "コメントに一致"
    ):
        super().__init__(parent)
        self.note_label = note_label
        self.comment_label = comment_label
        self.tags: dict[str, list[str]] = {}
        self._layouts: OrderedDict[tuple, tuple[QTextLayout, float]] = OrderedDict()

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        fm = option.fontMetrics
        if index.data(SEPARATOR_ROLE):
            return QSize(200, fm.lineSpacing() + PAD * 2)
        return QSize(200, fm.lineSpacing() * 3 + PAD * 3)

    def paint(self, painter, option: QStyleOptionViewItem, index) -> None:
        heading = index.data(SEPARATOR_ROLE)
        if heading:
            paint_separator(painter, option, heading)
            return
        hit = index.data(HIT_ROLE)
        if hit is None:
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)

        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        pal = opt.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        fm = opt.fontMetrics
        r = opt.rect.adjusted(PAD, PAD // 2, -PAD, -PAD // 2)
        painter.save()
        painter.setClipRect(opt.rect)

        # badge
        label = index.data(BADGE_ROLE) or ""
        bw = fm.horizontalAdvance(label) + 10
        badge = QRectF(r.left(), r.top() + 2, bw, fm.height())
        badge_bg, badge_fg = badge_colors(pal)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(badge_bg)
        painter.drawRoundedRect(badge, 4, 4)
        painter.setPen(badge_fg)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, label)

        x, right, nrect, chips = self._title_line(opt, hit, label)
        mine = user_label(hit, self.note_label, self.comment_label)
        if mine:  # a small mark that the user's text matched (filled: only there)
            accent = pal.color(QPalette.ColorRole.Highlight)
            painter.setPen(accent)
            painter.setBrush(accent if hit.note_only else Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(nrect, 4, 4)
            if hit.note_only:
                painter.setPen(pal.color(QPalette.ColorRole.HighlightedText))
            painter.drawText(nrect, Qt.AlignmentFlag.AlignCenter, mine)
        if chips is not None:
            paint_chips(painter, chips, self.tags[hit.id], pal, selected)

        css = mark_style(pal)
        color = pal.color(text_role).name()
        self._html(
            painter,
            opt,
            f"<b>{hit.title_marked}</b>",
            css,
            color,
            QRectF(x, r.top(), right - x, fm.lineSpacing() + 4),
            single_line=True,
        )
        snippet = snippet_html(hit, self.note_label, self.comment_label)
        top = r.top() + fm.lineSpacing() + PAD // 2
        self._html(
            painter, opt, snippet, css, color, QRectF(r.left(), top, r.width(), r.bottom() - top)
        )
        painter.restore()

    def _title_line(self, opt, hit, badge: str):
        """The title line's geometry, for painting and for clicks: (title's left, title's
        right, the 「メモ」 mark's rect or None, the tag chips' rect or None)."""
        fm = opt.fontMetrics
        r = opt.rect.adjusted(PAD, PAD // 2, -PAD, -PAD // 2)
        x = r.left() + fm.horizontalAdvance(badge) + 10 + 6
        right = r.right()
        nrect = None
        mine = user_label(hit, self.note_label, self.comment_label)
        if mine:
            nw = fm.horizontalAdvance(mine) + 10
            nrect = QRectF(right - nw, r.top() + 2, nw, fm.height())
            right -= nw + 6
        chips = None
        tags = self.tags.get(hit.id) if self.tags else None
        if tags:
            cw = chips_width(opt.font, tags, (right - x) / 2)
            chips = QRectF(right - cw, r.top(), cw, fm.height() + 4)
            right -= cw + 4
        return x, right, nrect, chips

    def editorEvent(self, event, model, option, index) -> bool:
        """A click on a tag chip searches its tag (the row's menu offers the same)."""
        hit = index.data(HIT_ROLE)
        if (
            hit is not None
            and self.tags.get(hit.id)
            and event.type() == QEvent.Type.MouseButtonRelease
            and event.button() == Qt.MouseButton.LeftButton
        ):
            opt = QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            _x, _right, _mine, chips = self._title_line(opt, hit, index.data(BADGE_ROLE) or "")
            name = chip_at(opt.font, chips, self.tags[hit.id], event.position()) if chips else None
            if name is not None:
                self.tag_clicked.emit(name)
                return True
        return super().editorEvent(event, model, option, index)

    def _html(
        self, painter, opt, html: str, css: str, color: str, rect: QRectF, single_line: bool = False
    ) -> None:
        laid = self._layout(opt.font, html, css, color, rect.width(), rect.height(), single_line)
        if laid is None:
            self._html_document(painter, opt, html, css, color, rect, single_line)
            return
        layout, natural = laid
        width = rect.width()
        if single_line and natural > width:  # too long: cut and show an ellipsis
            width -= ellipsis_width(opt)
            if layout.lineCount():  # cut between characters, never through one
                width = whole_chars_width(layout.lineAt(0), width)
            draw_ellipsis(painter, opt, color, rect, width)
        painter.save()
        painter.setClipRect(
            QRectF(rect.left(), rect.top(), width, rect.height()), Qt.ClipOperation.IntersectClip
        )
        painter.setPen(QColor(color))
        layout.draw(painter, rect.topLeft())
        painter.restore()

    def _layout(
        self, font, html: str, css: str, color: str, width: float, height: float, single: bool
    ) -> tuple[QTextLayout, float] | None:
        """The text laid out (lines that fit the height, as QTextDocument wrapped them) and
        its natural one-line width; kept for repaints. None: markup we do not draw here."""
        key = (html, font.key(), css, color, round(width), round(height), single)
        hit = self._layouts.get(key)
        if hit is not None:
            self._layouts.move_to_end(key)
            return hit
        parsed = plain_runs(f'<span style="color:{color}">{html}</span>')
        if parsed is None:
            return None
        text, runs = parsed
        mark_bg, mark_fg = _mark_colors(css)
        formats = []
        for start, length, tag in runs:
            fr = QTextLayout.FormatRange()
            fr.start, fr.length = start, length
            fmt = QTextCharFormat()
            if tag == "b":
                fmt.setFontWeight(QFont.Weight.Bold)
            elif tag == "i":
                fmt.setFontItalic(True)
            else:
                fmt.setBackground(mark_bg)
                fmt.setForeground(mark_fg)
            fr.format = fmt
            formats.append(fr)
        layout = QTextLayout(text, font)
        layout.setFormats(formats)
        layout.setCacheEnabled(True)
        layout.beginLayout()
        y, natural = 0.0, 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            if single:
                line.setNumColumns(len(text))  # one line, however long
            else:
                line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            natural = max(natural, line.naturalTextWidth())
            y += line.height()
            if single or y >= height:
                break
        layout.endLayout()
        self._layouts[key] = (layout, natural)
        if len(self._layouts) > LAYOUTS_KEPT:
            self._layouts.popitem(last=False)
        return layout, natural

    def _html_document(
        self, painter, opt, html: str, css: str, color: str, rect: QRectF, single_line: bool = False
    ) -> None:
        doc = QTextDocument()
        doc.setDefaultFont(opt.font)
        doc.setDocumentMargin(0)
        doc.setDefaultStyleSheet(css)
        doc.setHtml(f'<span style="color:{color}">{html}</span>')
        if single_line:
            doc.setTextWidth(-1)
        else:
            doc.setTextWidth(rect.width())
        width = rect.width()
        if single_line and doc.idealWidth() > width:  # too long: cut and show an ellipsis
            width -= ellipsis_width(opt)
            draw_ellipsis(painter, opt, color, rect, width)
        painter.save()
        painter.translate(rect.topLeft())
        clip = QRectF(0, 0, width, rect.height())
        painter.setClipRect(clip, Qt.ClipOperation.IntersectClip)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.clip = clip
        doc.documentLayout().draw(painter, ctx)
        painter.restore()


def user_label(hit, note_label: str, comment_label: str) -> str:
    """The mark of a row whose match is (also) in the user's own text: the note's, else a
    highlight comment's; "" for neither."""
    if hit.note_hit:
        return note_label
    return comment_label if getattr(hit, "comment_hit", False) else ""


def snippet_html(hit, note_label: str, comment_label: str = "コメントに一致") -> str:
    """The second part of a row: the snippet of the text, or the user's note or highlight
    comment — labelled and in italics — when only that matched (or the text's snippet shows
    no match)."""
    only = getattr(hit, "note_only", False) or "<mark>" not in hit.snippet
    if hit.note_hit and only:
        return f"<i>［{note_label}］{hit.note_snippet}</i>"
    if getattr(hit, "comment_hit", False) and only:
        return f"<i>［{comment_label}］{hit.comment_snippet}</i>"
    return hit.snippet


def paint_separator(painter, option: QStyleOptionViewItem, heading: str) -> None:
    """A tier's heading: bold text on a faint band, a rule under it."""
    pal = option.palette
    r = option.rect
    painter.save()
    active = QPalette.ColorGroup.Active  # the row is disabled (never selected), not its text
    text = pal.color(active, QPalette.ColorRole.Text)
    base = pal.color(active, QPalette.ColorRole.Base)
    painter.fillRect(r, mix(text, base, 0.08))
    painter.setPen(mix(text, base, 0.45))
    painter.drawLine(r.left(), r.bottom(), r.right(), r.bottom())
    font = option.font
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(text)
    room = r.adjusted(PAD, 0, -PAD, 0)
    painter.drawText(
        room,
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        separator_text(font, heading, room.width()),
    )
    painter.restore()


def separator_text(font: QFont, heading: str, width: int) -> str:
    """The heading as it fits: a narrow list (a large zoom) cuts it with 「…」, never in the
    middle of a character."""
    return QFontMetrics(font).elidedText(heading, Qt.TextElideMode.ElideRight, width)
