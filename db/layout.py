"""The layout pass: undo page furniture and lift footnote blocks out of the text.

What the extraction looks like, and what we undo:
- Every printed line is followed by a blank line; a line that ends a paragraph, a title
  or a bureau list carries a trailing space, a wrapped line does not.
- A new PDF page starts with a line that begins with one space; some pages begin with a
  line holding only the printed page number instead (after a blank line).
- Footnote blocks sit at the bottom of a page, directly after a line holding only spaces,
  in the middle of whatever sentence the page cut: `N text` lines (a few are `N` alone,
  with the text on the next line, which then begins with a space). They are numbered
  1, 2, 3 … through the document; a gap is refused, never skipped.
- Footnote markers stand in the text as plain digits (`機構 1に`, `方針 20256」`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from db.errors import ParseError
from db.model import Line
from db.text import clean, join_lines


@dataclass
class Layout:
    lines: list[Line] = field(default_factory=list)
    footnotes: dict[int, tuple[str, int]] = field(default_factory=dict)  # n → (text, line)
    pages_ok: bool = True


_NUM = re.compile(r"^(\d+)(?: (.*)|)$")
_PAGE_NUMBER = re.compile(r"^(\d+) $")


def layout(raw: list[str], start: int, end: int, first_page: int) -> Layout:
    """Strip page furniture and footnote blocks from raw[start:end] (0-based indices).

    Pages are counted from page starts and checked against every printed page number;
    on any disagreement pages are dropped (never guessed).
    """
    out = Layout()
    page = first_page
    i = start
    next_footnote = 1
    while i < end:
        s = raw[i]
        if s == "":
            i += 1
            continue
        if s.strip() == "":  # bottom-of-page rule; footnotes follow directly, if any
            i += 1
            m = _NUM.match(raw[i]) if i < end else None
            if m:
                if int(m.group(1)) != next_footnote:
                    raise ParseError(i + 1, f"footnote {next_footnote} (numbered in order)", raw[i])
                i, next_footnote = _footnote_block(raw, i, end, next_footnote, out)
            continue
        m = _PAGE_NUMBER.match(s)
        if m and raw[i - 1] == "" and (i + 1 >= end or raw[i + 1] == ""):
            printed = int(m.group(1))
            if printed != page + 1 and not (printed == page and not out.lines):
                out.pages_ok = False
            page = printed
            i += 1
            continue
        if s.startswith(" "):  # a new page begins with this line
            page += 1
        text = s.strip(" ")
        out.lines.append(Line(text, i + 1, page, s.endswith(" ")))
        i += 1
    return out


def _footnote_block(raw, i, end, n, out: Layout):
    """Read footnotes n, n+1, … until the next page starts; return (index, next n)."""
    while i < end:
        m = _NUM.match(raw[i])
        if not m or int(m.group(1)) != n:
            break
        start_line = i + 1
        parts = []
        if m.group(2) is None:  # `N` alone: its text is on the next line, after a space
            i += 1
            parts.append(raw[i].strip())
        else:
            parts.append(m.group(2).strip())
        i += 1
        while i < end:
            s = raw[i]
            if s == "":
                i += 1
                continue
            if s.startswith(" ") or _starts_footnote(s, n + 1):
                break
            _refuse_gap(s, n, i)
            parts.append(s.strip())
            i += 1
        out.footnotes[n] = (clean(join_lines(parts)), start_line)
        n += 1
    return i, n


def _starts_footnote(s: str, n: int) -> bool:
    m = _NUM.match(s)
    return bool(m and int(m.group(1)) == n)


_GAP = re.compile(r"^(\d{1,3}) (\S)")


def _refuse_gap(s: str, n: int, i: int) -> None:
    """A line inside footnote n that starts like footnote n+2…n+9: footnote n+1 is missing.

    Text lines may start with a number too (`2025 年…`, `23 区`): those are a year, far
    from n, or followed by a unit.
    """
    m = _GAP.match(s)
    if m and n + 1 < int(m.group(1)) < n + 10 and m.group(2) not in UNITS:
        raise ParseError(i + 1, f"footnote {n + 1} (numbered in order)", s)


# ---------------------------------------------------------------- footnote markers

# What may follow a number that is body text, not a marker (`23 区内`, `12業種`).
UNITS = "年月日回号区億万兆円%％割人件か箇歳時社校業条項次期倍度分秒名者都道府県市町村"


def find_marker(text: str, n: int, start: int) -> int | None:
    """Position of footnote n's marker in text at or after start, or None.

    A marker is the number standing after a word, not part of a larger number (except one
    glued to a year: `方針 20256」`), not a heading number and not followed by a unit.
    """
    digits = str(n)
    for m in re.finditer(re.escape(digits), text[start:]):
        a = start + m.start()
        b = a + len(digits)
        if b < len(text) and (text[b].isdigit() or text[b] in ".．"):
            continue
        nxt = text[b:].lstrip(" ")[:1]
        if nxt and nxt in UNITS:
            continue
        j = a - 1
        while j >= 0 and text[j].isdigit():
            j -= 1
        run = text[j + 1 : a]  # digits glued before the marker
        if run and not (len(run) == 4 and run[:2] in ("19", "20")):
            continue
        before = text[j] if j >= 0 else ""
        if before in "（(.．第" or (before == " " and j > 0 and text[j - 1] in ".．第"):
            continue
        return a
    return None
