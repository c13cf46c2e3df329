"""Place the 施策一覧's entries in the document's sections and check its structure.

The 施策一覧 prints pillar and chapter headings and, under them, each measure's （N）
title and bureau list. The extraction's copy starts inside a section and may stop inside
one, so: entries before its first heading belong to the section before that heading; every
section it prints after its first must start at （1）; numbers run on without a gap; every
section it closes (by printing the next heading) must end where the body's section ends.
The headings must carry the body's titles. Titles and bureaus of each entry are compared
by db.selfcheck, which names the measure.
"""

from __future__ import annotations

from collections import Counter

from db.errors import ParseError
from db.frontmatter import SummaryHeading, SummaryItem
from db.model import Document, SummaryEntry

Section = tuple[int, int | None]  # (chapter, pillar or None)


def place_summary(items: list[SummaryHeading | SummaryItem], doc: Document) -> list[SummaryEntry]:
    sections = list(dict.fromkeys((m.chapter, m.pillar) for m in doc.measures))
    counts = Counter((m.chapter, m.pillar) for m in doc.measures)
    placed: list[tuple[Section, SummaryItem]] = []
    before: list[SummaryItem] = []  # entries before the first heading
    first: Section | None = None  # the section the first heading opens
    chapter: int | None = None
    current: Section | None = None
    for it in items:
        if isinstance(it, SummaryHeading):
            current, chapter = _heading(it, chapter, doc, sections)
            first = first or current or _first_of(chapter, sections)
        elif chapter is None:
            before.append(it)
        elif current is None:
            raise ParseError(
                it.line, f"a pillar heading of 第{chapter}章 in the 施策一覧", it.title
            )
        else:
            placed.append((current, it))
    if before:
        at = sections.index(first) if first else len(sections)
        if at == 0:
            raise ParseError(before[0].line, "a heading before the first 施策一覧 entry")
        placed = [(sections[at - 1], it) for it in before] + placed
    _check_runs(placed, sections, counts)
    return [SummaryEntry(c, p, it.number, it.title, it.bureaus, it.line) for (c, p), it in placed]


def _first_of(chapter: int | None, sections: list[Section]) -> Section | None:
    return next((s for s in sections if s[0] == chapter), None)


def _heading(h: SummaryHeading, chapter, doc: Document, sections) -> tuple[Section | None, int]:
    """The section a heading opens (None: a chapter whose pillars follow) and its chapter."""
    if h.kind == "chapter":
        c = next((c for c in doc.chapters if c.number == h.number), None)
        if c is None or c.title != h.title:
            want = (
                f"第{h.number}章 「{c.title}」"
                if c
                else f"a chapter of the body (not 第{h.number}章)"
            )
            raise ParseError(h.line, want, h.title)
        return ((h.number, None) if (h.number, None) in sections else None), h.number
    cands = [p for p in doc.pillars if p.number == h.number and chapter in (None, p.chapter)]
    if not cands:
        raise ParseError(h.line, f"a pillar of the body (not pillar {h.number})", h.title)
    p = cands[0]
    if (p.title, p.subtitle) != (h.title, h.subtitle):
        want = p.title + (f" {p.subtitle}" if p.subtitle else "")
        raise ParseError(h.line, f"pillar {p.number} 「{want}」", h.title)
    return (p.chapter, p.number), p.chapter


def _label(sec: Section) -> str:
    return f"pillar {sec[1]}" if sec[1] is not None else f"第{sec[0]}章"


def _check_runs(placed, sections: list[Section], counts: Counter) -> None:
    runs: list[tuple[Section, list[SummaryItem]]] = []
    for sec, it in placed:
        if runs and runs[-1][0] == sec:
            runs[-1][1].append(it)
        else:
            runs.append((sec, [it]))
    for i, (sec, its) in enumerate(runs):
        label = _label(sec)
        if i and sections.index(sec) != sections.index(runs[i - 1][0]) + 1:
            raise ParseError(
                its[0].line,
                f"{_label(sections[sections.index(runs[i - 1][0]) + 1])} next in the 施策一覧",
                its[0].title,
            )
        if i and its[0].number != 1:
            raise ParseError(its[0].line, f"（1） of {label} in the 施策一覧", its[0].title)
        for a, b in zip(its, its[1:], strict=False):
            if b.number != a.number + 1:
                raise ParseError(b.line, f"（{a.number + 1}） of {label} in the 施策一覧", b.title)
        for it in its:
            if it.number > counts[sec]:
                want = f"a measure of {label} (the body has {counts[sec]})"
                raise ParseError(it.line, want, f"（{it.number}）{it.title}")
        if i < len(runs) - 1 and its[-1].number != counts[sec]:
            want = (
                f"（{its[-1].number + 1}） of {label} in the 施策一覧 (the body has {counts[sec]})"
            )
            raise ParseError(its[-1].line, want, its[-1].title)
