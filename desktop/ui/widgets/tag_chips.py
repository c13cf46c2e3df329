"""The user's tags as small chips at the right of a 目次 or result row (issue 12).

Chips are outlined in the palette's Highlight colour over a faint tint of it, with the
Text colour for the letters, so they read on Base in light and dark schemes alike; on a
selected row they are outlined in HighlightedText. A row shows at most MAX_CHIPS, then
「+N」. Nothing is laid out ahead: a row without tags costs one dict lookup. A click on a
chip searches its tag (the delegates' `tag_clicked`).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette

MAX_CHIPS = 3
GAP = 4
PAD_X = 5


def chip_font(font: QFont) -> QFont:
    small = QFont(font)
    size = font.pointSizeF()
    if size > 0:
        small.setPointSizeF(max(6.0, size * 0.85))
    return small


def labels(tags: list[str]) -> list[str]:
    shown = list(tags[:MAX_CHIPS])
    if len(tags) > MAX_CHIPS:
        shown.append(f"+{len(tags) - MAX_CHIPS}")
    return shown


def chips_width(font: QFont, tags: list[str], limit: float) -> float:
    """The room the chips take (at most `limit`: the row keeps some of its text)."""
    if not tags:
        return 0.0
    fm = QFontMetrics(chip_font(font))
    width = sum(fm.horizontalAdvance(t) + 2 * PAD_X + GAP for t in labels(tags))
    return min(width, max(0.0, limit))


def chip_colours(palette: QPalette, selected: bool) -> tuple[QColor, QColor, QColor]:
    """(border, fill, text): the fill is Highlight at 18% over Base (opaque, so its contrast
    with the text can be checked); on a selected row, outlined letters on the selection."""
    accent = palette.color(QPalette.ColorRole.Highlight)
    if selected:
        on = palette.color(QPalette.ColorRole.HighlightedText)
        return on, accent, on
    base = palette.color(QPalette.ColorRole.Base)
    fill = QColor.fromRgbF(
        accent.redF() * 0.18 + base.redF() * 0.82,
        accent.greenF() * 0.18 + base.greenF() * 0.82,
        accent.blueF() * 0.18 + base.blueF() * 0.82,
    )
    return accent, fill, palette.color(QPalette.ColorRole.Text)


def chip_rects(font: QFont, rect: QRectF, tags: list[str]) -> list[tuple[str, QRectF]]:
    """Where each chip goes, right-aligned in `rect` (its height is one line), the first
    tag leftmost; those that do not fit are left out. Painting and clicking share it."""
    fm = QFontMetrics(chip_font(font))
    h = min(rect.height(), fm.height() + 2)
    top = rect.top() + (rect.height() - h) / 2
    shown = labels(tags)
    widths = [fm.horizontalAdvance(t) + 2 * PAD_X for t in shown]
    x = rect.right()
    placed = []
    for label, w in reversed(list(zip(shown, widths, strict=True))):
        if x - w < rect.left():
            break
        x -= w
        placed.append((label, QRectF(x, top, w, h)))
        x -= GAP
    return placed


def chip_at(font: QFont, rect: QRectF, tags: list[str], pos) -> str | None:
    """The tag whose chip is at `pos` (the 「+N」 chip is no tag: None)."""
    for label, r in chip_rects(font, rect, tags):
        if r.contains(pos):
            return None if label not in tags else label
    return None


def paint_chips(painter, rect: QRectF, tags: list[str], palette: QPalette, selected: bool) -> None:
    """Draw the chips (chip_rects) in `rect`."""
    if not tags:
        return
    font = chip_font(painter.font())
    placed = chip_rects(painter.font(), rect, tags)
    border, fill, text = chip_colours(palette, selected)
    painter.save()
    painter.setFont(font)
    for label, r in placed:
        h = r.height()
        painter.setPen(border)
        painter.setBrush(Qt.BrushStyle.NoBrush if selected else fill)
        painter.drawRoundedRect(r, h / 2, h / 2)
        painter.setPen(text)
        painter.drawText(r, Qt.AlignmentFlag.AlignCenter, label)
    painter.restore()
