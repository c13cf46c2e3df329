"""How a highlight looks in the reading view: a tint behind the text and an underline in a
deeper shade of the same colour, in light and dark schemes.

The tint leaves the text colour alone, so it is chosen to keep the palette's own text
readable on it (WCAG AA, contrast 4.5:1 or more, checked by a test); the underline tells a
highlight from a search match (an amber mark, SEARCH_MARK) and from the next highlight.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.userdata.highlights import COLOUR_LABELS, DEFAULT_COLOUR
from desktop.userdata.schema import COLOURS

__all__ = [
    "COLOURS",
    "COLOUR_LABELS",
    "DEFAULT_COLOUR",
    "Swatch",
    "contrast",
    "search_mark",
    "swatch",
]


@dataclass(frozen=True)
class Swatch:
    background: str
    underline: str


LIGHT = {
    "yellow": Swatch("#fff1a1", "#c99a00"),
    "green": Swatch("#cdeecb", "#2e9e44"),
    "blue": Swatch("#d2e4ff", "#2f6fd6"),
    "pink": Swatch("#ffd6e5", "#d4407a"),
}
DARK = {
    "yellow": Swatch("#5b4b00", "#e6c441"),
    "green": Swatch("#1d4a2a", "#5ccb7a"),
    "blue": Swatch("#1d3b66", "#72a9ff"),
    "pink": Swatch("#5c1f3c", "#ff7fab"),
}


def swatch(colour: str, dark: bool) -> Swatch:
    table = DARK if dark else LIGHT
    return table.get(colour, table[DEFAULT_COLOUR])


# A search match (in the reader and the result rows): amber, not yellow, so that it shows
# inside a yellow highlight too (the old #ffe066 on the yellow tint #fff1a1 was lost).
SEARCH_MARK = {False: ("#ffbf40", "#000000"), True: ("#b0440a", "#ffffff")}  # (bg, text)


def search_mark(dark: bool) -> tuple[str, str]:
    """(background, text) of a search match in the light or dark scheme."""
    return SEARCH_MARK[bool(dark)]


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
