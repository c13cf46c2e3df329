"""Which Japanese font to use on each system. Qt-free: the lists and the choice; the Qt side
(what is installed, the QFont) is desktop/qtfonts.py.

Each system's own fonts come first (Yu Gothic / Meiryo on Windows, Hiragino on macOS, Noto
CJK on Linux), then the others', so a machine with a font copied over still finds it.
Windows 10 and 11 ship Yu Gothic and MS Gothic in every language edition (Meiryo only with
the Japanese language features), so a Windows without any of them is rare: there the PDF is
still written with whatever font Qt falls back to, and the caller is told (see
qtfonts.missing_font_warning) that kanji may show in Chinese forms or as boxes.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

# Document fonts (PDF, print, docx, xlsx). Qt lists Windows fonts by their English names;
# the Japanese names are there for systems that list those.
DOCUMENT = {
    "win32": ("Yu Gothic", "游ゴシック", "Meiryo", "メイリオ", "BIZ UDGothic", "MS Gothic"),
    "darwin": (
        "Hiragino Sans",
        "ヒラギノ角ゴシック",
        "Hiragino Kaku Gothic ProN",
        "Hiragino Kaku Gothic Pro",
    ),
    "linux": (
        "Noto Sans CJK JP",
        "Noto Sans JP",
        "Source Han Sans JP",
        "Noto Serif CJK JP",
        "IPAexGothic",
        "IPAGothic",
        "TakaoGothic",
        "VL Gothic",
    ),
}

# Window fonts: the UI variants first on Windows (tighter line height, made for menus).
UI = {
    "win32": ("Yu Gothic UI", "Meiryo UI", "MS UI Gothic") + DOCUMENT["win32"],
    "darwin": DOCUMENT["darwin"],
    "linux": DOCUMENT["linux"],
}


def system(platform: str | None = None) -> str:
    p = platform or sys.platform
    if p.startswith("win") or p == "cygwin":
        return "win32"
    if p == "darwin":
        return "darwin"
    return "linux"


def candidates(kind: str = "document", platform: str | None = None) -> list[str]:
    """This system's fonts first, then every other system's (no duplicates)."""
    table = UI if kind == "ui" else DOCUMENT
    own = system(platform)
    order = list(table[own])
    for name, fonts in table.items():
        if name != own:
            order += [f for f in fonts if f not in order]
    return order


def pick(installed: Iterable[str], kind: str = "document", platform: str | None = None):
    """The first candidate that is installed, or None (no Japanese font on this machine)."""
    have = set(installed)
    return next((f for f in candidates(kind, platform) if f in have), None)


def document_family(platform: str | None = None) -> str:
    """The font a docx/xlsx names (it is not embedded: the reader's Word/Excel draws it).
    Named by system so the file looks right on the machine that wrote it; Word substitutes
    its default Japanese font on another."""
    return DOCUMENT[system(platform)][0]
