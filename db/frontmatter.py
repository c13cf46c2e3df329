"""The parts of the source around the measures: the preface, the 目次 and the 施策一覧.

- The preface (はじめに) is everything before the line 「目次」.
- The 目次 lists each chapter and pillar with its page after dotted leaders; a pillar's
  subtitle (～…～) or the wrapped rest of its title may stand on the next line, with the
  leaders. It ends with the last leader line before the first measure heading.
- The 施策一覧 is the tail, every line with a tab: `（N）title` then `（bureaus）`, with
  pillar and chapter headings between. The extraction's copy starts inside pillar 1 and
  stops inside 第２章, so it is evidence for the measures it lists, not for the counts of
  its first and last sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from db.errors import ParseError
from db.model import Line
from db.text import clean, join_lines, to_int

HEADING = re.compile(r"^（([０-９0-9]+)）(.*)$")
PILLAR = re.compile(r"^([０-９0-9]+)[．.]\s*(.+)$")
CHAPTER = re.compile(r"^第([０-９0-9]+)章\s*(.+)$")
SUBTITLE = re.compile(r"^～.*～$")
_LEADERS = re.compile(r"\s*\.{3,}\s*(\d+)\s*$")


@dataclass
class TocEntry:
    kind: str  # "chapter" or "pillar"
    number: int
    title: str
    line: int
    subtitle: str | None = None
    page: int | None = None


@dataclass
class Toc:
    start: int  # 0-based index of the line 「目次」
    end: int  # 0-based index of its last line
    chapters: list[TocEntry] = field(default_factory=list)
    pillars: dict[int, list[TocEntry]] = field(default_factory=dict)  # chapter → pillars

    def chapter(self, number: int) -> TocEntry | None:
        return next((c for c in self.chapters if c.number == number), None)


def read_toc(raw: list[str]) -> Toc:
    start = next((i for i, s in enumerate(raw) if s.strip() == "目次"), None)
    if start is None:
        raise ParseError(len(raw), "目次")
    first = next((i for i in range(start, len(raw)) if HEADING.match(raw[i].strip())), len(raw))
    leaders = [i for i in range(start, first) if _LEADERS.search(raw[i])]
    if not leaders:
        raise ParseError(start + 1, "目次 entries with page numbers")
    toc = Toc(start, leaders[-1])
    entry: TocEntry | None = None
    for i in range(start + 1, toc.end + 1):
        entry = _toc_line(toc, raw[i], i + 1, entry)
    if not toc.chapters:
        raise ParseError(start + 1, "第１章 in the 目次")
    return toc


def _toc_line(toc: Toc, s: str, no: int, entry: TocEntry | None) -> TocEntry | None:
    """Read one 目次 line into toc; returns the entry later lines may continue."""
    m = _LEADERS.search(s)
    page = int(m.group(1)) if m else None
    t = clean(s[: m.start()] if m else s)
    if not t:
        return entry
    if c := CHAPTER.match(t):
        entry = TocEntry("chapter", to_int(c.group(1)), clean(c.group(2)), no, page=page)
        toc.chapters.append(entry)
    elif (p := PILLAR.match(t)) and toc.chapters:
        entry = TocEntry("pillar", to_int(p.group(1)), clean(p.group(2)), no, page=page)
        toc.pillars.setdefault(toc.chapters[-1].number, []).append(entry)
    elif entry is not None and entry.page is None:  # the entry goes on: subtitle or wrap
        if SUBTITLE.match(t):
            entry.subtitle = t
        else:
            entry.title = clean(join_lines([entry.title, t]))
        entry.page = page
    else:
        raise ParseError(no, "a chapter or pillar entry of the 目次", t)
    return entry


def read_preface(raw: list[str], toc_start: int) -> str:
    lines = [
        Line(s.strip(" "), i + 1, None, s.endswith(" "))
        for i, s in enumerate(raw[:toc_start])
        if s.strip()
    ]
    return paragraphs(lines)


def paragraphs(lines: list[Line]) -> str:
    """Join lines into paragraphs; a paragraph ends at a line that ends a sentence."""
    paras, cur = [], []
    for ln in lines:
        cur.append(ln.text)
        if ln.ends_block and ln.text.endswith("。"):
            paras.append(clean(join_lines(cur)))
            cur = []
    if cur:
        paras.append(clean(join_lines(cur)))
    return "\n".join(p for p in paras if p)


@dataclass
class SummaryHeading:
    """A chapter or pillar heading inside the 施策一覧, for the cross-check."""

    kind: str  # "chapter" or "pillar"
    number: int
    title: str
    line: int
    subtitle: str | None = None


@dataclass
class SummaryItem:
    """A （N）title line of the 施策一覧 with the bureau list printed under it."""

    number: int
    title: str
    bureaus: str
    line: int


def read_summary(tail: list[str], offset: int) -> list[SummaryHeading | SummaryItem]:
    """The 施策一覧 as printed: headings and items in order (placed by place_summary)."""
    out: list[SummaryHeading | SummaryItem] = []
    pending = None
    for i, s in enumerate(tail):
        t, no = s.strip(), offset + i + 1
        if not t:
            continue
        if pending is not None:
            out.append(SummaryItem(pending[0], pending[1], clean(t), pending[2]))
            pending = None
        elif h := HEADING.match(t):
            pending = (to_int(h.group(1)), clean(h.group(2)), no)
        elif c := CHAPTER.match(t):
            out.append(SummaryHeading("chapter", to_int(c.group(1)), clean(c.group(2)), no))
        elif p := PILLAR.match(t):
            out.append(SummaryHeading("pillar", to_int(p.group(1)), clean(p.group(2)), no))
        elif SUBTITLE.match(t) and out and isinstance(out[-1], SummaryHeading):
            out[-1].subtitle = t
        else:
            raise ParseError(no, "a （N） title in the 施策一覧", t)
    if pending is not None:
        raise ParseError(pending[2], "the bureau list after the 施策一覧 title", pending[1])
    return out
