"""The Japanese QFont for the PDF/print brief and the window (QtGui only, no widgets).

Text-layer safety: Qt's PDF writer maps each embedded glyph back to a character through the
font's cmap (QFontSubset's reverse map). A glyph that only shaping reaches has no cmap entry
and is written with no character, so copying text out of the PDF loses it. Noto Sans CJK JP
has such glyphs: its `locl` feature swaps the digits of a Latin-script run ("ID: 1-1-28",
"p.12") for alternates, and `liga` makes "fi"/"ffi" one glyph — pdftotext read
「ID: 1-1-28」 as 「ID: - -」. Those features are turned off in the fonts made here; the
glyphs look the same (the JP face's default forms are the Japanese ones).
"""

from __future__ import annotations

from desktop import fonts

# substitutions whose output glyphs have no cmap entry in CJK fonts
UNMAPPED_FEATURES = ("locl", "liga", "clig", "dlig", "calt", "hlig")


def installed_families() -> list[str]:
    from PySide6.QtGui import QFontDatabase

    return list(QFontDatabase.families())


def japanese_family(kind: str = "document") -> str | None:
    """The installed Japanese font for this system, or None."""
    return fonts.pick(installed_families(), kind)


def text_layer_safe(font):
    """The font with the shaping features that break the PDF's text layer turned off."""
    from PySide6.QtGui import QFont

    for tag in UNMAPPED_FEATURES:
        font.setFeature(QFont.Tag(tag), 0)
    return font


def document_font(point_size: float = 10.0):
    """The brief's font: the system's Japanese font (Qt's fallback when none is installed)."""
    from PySide6.QtGui import QFont

    family = japanese_family("document")
    font = QFont(family) if family else QFont()
    font.setPointSizeF(point_size)
    return text_layer_safe(font)


def missing_font_warning() -> str | None:
    """What to tell the user when no Japanese font is installed (the PDF is still made)."""
    if japanese_family("document"):
        return None
    return (
        "日本語フォントが見つからないため、代替フォントで作成しました。漢字が中国語の字形や"
        "□で表示されることがあります (no Japanese font installed; Qt's fallback font was used)"
    )


def apply_ui_font(app) -> str | None:
    """Give the window a Japanese font behind its own: Latin text keeps the system font and
    Japanese text uses Yu Gothic UI / Hiragino / Noto CJK instead of whatever Qt falls back
    to (on a non-Japanese Windows, Chinese forms of the kanji). Returns the family used."""
    family = japanese_family("ui")
    if family is None:
        return None
    font = app.font()
    own = font.family()
    font.setFamilies([own, family] if own and own != family else [family])
    app.setFont(font)
    return family
