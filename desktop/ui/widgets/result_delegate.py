"""Draws one search hit: pillar badge, marked title, marked snippet (two lines), note mark;
and the separator rows that head the tiers (「完全一致 N 件」/「近い結果 M 件」, issue 10).

Hit rows have one fixed height and separator rows another (sizeHint reads no text), so the
list lays out without measuring any hit; only visible rows are painted, which keeps
keystroke → painted fast. A hit found only in the user's note shows the note, labelled
「メモ」 and in italics, never as if it were the 施策集's text.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.ui.models.results_model import BADGE_ROLE, HIT_ROLE, SEPARATOR_ROLE

PAD = 6


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
    bg, fg = ("#8a6d00", "#ffffff") if dark else ("#ffe066", "#000000")
    return f"mark {{ background-color: {bg}; color: {fg}; }}"


class ResultDelegate(QStyledItemDelegate):
    def __init__(self, parent=None, note_label: str = "メモ"):
        super().__init__(parent)
        self.note_label = note_label

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

        x = r.left() + bw + 6
        right = r.right()
        if hit.note_hit:  # a small mark that the user's note matched (filled: only there)
            nw = fm.horizontalAdvance(self.note_label) + 10
            nrect = QRectF(right - nw, r.top() + 2, nw, fm.height())
            accent = pal.color(QPalette.ColorRole.Highlight)
            painter.setPen(accent)
            painter.setBrush(accent if hit.note_only else Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(nrect, 4, 4)
            if hit.note_only:
                painter.setPen(pal.color(QPalette.ColorRole.HighlightedText))
            painter.drawText(nrect, Qt.AlignmentFlag.AlignCenter, self.note_label)
            right -= nw + 6

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
        snippet = snippet_html(hit, self.note_label)
        top = r.top() + fm.lineSpacing() + PAD // 2
        self._html(
            painter, opt, snippet, css, color, QRectF(r.left(), top, r.width(), r.bottom() - top)
        )
        painter.restore()

    def _html(
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
            dots = opt.fontMetrics.horizontalAdvance("…") + 2
            width -= dots
            painter.save()
            painter.setPen(QColor(color))
            painter.drawText(
                QRectF(rect.left() + width, rect.top(), dots, rect.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                "…",
            )
            painter.restore()
        painter.save()
        painter.translate(rect.topLeft())
        clip = QRectF(0, 0, width, rect.height())
        painter.setClipRect(clip, Qt.ClipOperation.IntersectClip)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.clip = clip
        doc.documentLayout().draw(painter, ctx)
        painter.restore()


def snippet_html(hit, note_label: str) -> str:
    """The second part of a row: the snippet of the text, or the user's note — labelled and
    in italics — when only the note matched (or the text's snippet shows no match)."""
    if hit.note_hit and (getattr(hit, "note_only", False) or "<mark>" not in hit.snippet):
        return f"<i>［{note_label}］{hit.note_snippet}</i>"
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
    painter.drawText(
        r.adjusted(PAD, 0, -PAD, 0),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        heading,
    )
    painter.restore()
