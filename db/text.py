"""Text clean-up for the PDF extraction: joining wrapped lines, dropping artifact spaces.

Pure functions on strings, shared by the layout pass, the parser and the self-check.
"""

from __future__ import annotations

import re
import unicodedata


def is_latin(ch: str) -> bool:
    """ASCII, or a full-width letter or digit (`Ｄ to Ｐ with Ｎ` keeps its spaces)."""
    if ch.isascii():
        return ch != " "
    return "\uff10" <= ch <= "\uff19" or "\uff21" <= ch <= "\uff3a" or "\uff41" <= ch <= "\uff5a"


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines: nothing between Japanese, a space between Latin words."""
    out = ""
    for ln in lines:
        # full-width letters wrap like Japanese; only ASCII words had a space at the break
        if (
            out
            and ln
            and out[-1].isascii()
            and out[-1].isalnum()
            and ln[0].isascii()
            and ln[0].isalnum()
        ):
            out += " "
        out += ln
    return out


_SPACES = re.compile(r"[ \t]+")


def drop_artifact_spaces(text: str) -> str:
    """Remove PDF spaces unless both neighbours are Latin (`Beyond 5G` keeps its space)."""

    def repl(m: re.Match) -> str:
        s, e = m.start(), m.end()
        before = text[s - 1] if s > 0 else ""
        after = text[e] if e < len(text) else ""
        if before and after and is_latin(before) and is_latin(after):
            return " "
        return ""

    return _SPACES.sub(repl, text)


def clean(text: str) -> str:
    return drop_artifact_spaces(text).strip()


# Half-width on the printed page: ASCII and half-width katakana. Everything else a Japanese
# font sets full-width, including what Unicode calls ambiguous (×, ○, “ ”).
_NARROW = re.compile(r"[\x00-\x7f\uff61-\uff9f]")


def width(text: str) -> int:
    """Printed width in half-width cells: full-width characters count 2.

    The layout rules compare a line with the print width (is it filled to the margin?).
    """
    return 2 * len(text) - len(_NARROW.findall(text))


def to_int(digits: str) -> int:
    """`１２` or `12` → 12."""
    return int(unicodedata.normalize("NFKC", digits))
