"""Parse the text extraction of the 施策集 PDF into records. Pure functions, no I/O.

The structure comes from the source itself, never from constants: the 目次 names the
chapters and pillars (and their pages), the headings number the measures （1）（2）… in
each section, the footnotes are numbered 1, 2, … and the 施策一覧 at the tail repeats
titles and bureaus. A source that contradicts itself (a 目次 pillar missing in the body, a
gap in the numbering, a 施策一覧 section that disagrees) is refused with a ParseError that
names the line; db.selfcheck then checks every measure read (see docs/architecture.md).

See db.layout for what the extraction looks like and how page furniture is undone.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, replace

from db.bureaus import parse_bureaus
from db.errors import ParseError
from db.frontmatter import (
    CHAPTER,
    HEADING,
    PILLAR,
    SUBTITLE,
    Toc,
    TocEntry,
    read_preface,
    read_summary,
    read_toc,
)
from db.layout import Layout, find_marker, layout
from db.model import Chapter, Document, Footnote, Line, Measure, Pillar, Printed
from db.summary import place_summary
from db.text import clean, join_lines, to_int, width
from db.version import PARSER_VERSION  # noqa: F401 (re-exported)

MARK = "\ue000"  # stands where a footnote marker stood until offsets are taken

# A line counts as filled to the margin at this share of the print width (the median width
# of a wrapped line); every wrapped line of this edition is (the narrowest is 92 %).
FILLED = 0.9


def parse(text: str) -> Document:
    if MARK in text:
        at = text.index(MARK)
        raise ParseError(text.count("\n", 0, at) + 1, "text without U+E000 (used by the parser)")
    raw = text.split("\n")
    toc = read_toc(raw)
    body_start = toc.end + 1
    tail = next((i for i in range(body_start, len(raw)) if "\t" in raw[i]), len(raw))
    lay = layout(raw, body_start, tail, first_page=_first_page(toc))
    doc = Document(preface=read_preface(raw, toc.start))
    drafts = Structure(toc, doc).read(lay.lines, tail)
    wrapped = [width(ln.text) for ln in lay.lines if not ln.ends_block]
    doc.print_width = float(statistics.median(wrapped)) if wrapped else 0.0
    _check_pages(doc, toc, lay)
    doc.measures, doc.printed = _measures(drafts, doc, lay)
    if not lay.pages_ok:
        doc.measures = [replace(m, page=None) for m in doc.measures]
        doc.pillars = [replace(p, page=None) for p in doc.pillars]
        doc.chapters = [replace(c, page=None) for c in doc.chapters]
    doc.summary = place_summary(read_summary(raw[tail:], tail), doc)
    return doc


def _first_page(toc: Toc) -> int:
    """The page before the body: one before the first page the 目次 names."""
    entries = [e for c in toc.chapters for e in [c, *toc.pillars.get(c.number, [])]]
    return next((e.page for e in entries if e.page is not None), 1) - 1


def _check_pages(doc: Document, toc: Toc, lay: Layout) -> None:
    """Pages counted in the body must agree with the 目次, else pages are dropped."""
    for p in doc.pillars:
        entry = next(e for e in toc.pillars[p.chapter] if e.number == p.number)
        if entry.page is not None and entry.page != p.page:
            lay.pages_ok = False
    for c in doc.chapters:
        ch = toc.chapter(c.number)  # never None: each chapter was opened from its 目次 entry
        if ch is not None and ch.page is not None and ch.page != c.page:
            lay.pages_ok = False


# ---------------------------------------------------------------- structure pass


@dataclass
class Draft:
    chapter: int
    pillar: int | None
    number: int
    lines: list[Line]


class Structure:
    """Reads chapters, pillars and measure headings in the order the 目次 promises."""

    def __init__(self, toc: Toc, doc: Document):
        self.toc, self.doc = toc, doc
        self.chapter: TocEntry | None = None
        self.pillar: int | None = None
        self.expect = 1  # the next measure number in the current section
        self.drafts: list[Draft] = []

    def read(self, lines: list[Line], tail: int) -> list[Draft]:
        k = 0
        while k < len(lines):
            start = k == 0 or lines[k - 1].ends_block
            k = self._step(lines, k) if start else self._body(lines[k], k)
        self._close(Line(END, tail, None, False), chapter_ends=True)
        return self.drafts

    def _step(self, lines: list[Line], k: int) -> int:
        ln = lines[k]
        nxt = self._next_chapter()
        m = CHAPTER.match(ln.text)
        if m and nxt is not None and to_int(m.group(1)) == nxt.number:
            return self._open_chapter(lines, k, nxt)
        m = PILLAR.match(ln.text)
        pillars = self._pillars()
        if m and pillars and to_int(m.group(1)) == (self.pillar or 0) + 1 <= len(pillars):
            return self._open_pillar(lines, k, pillars[self.pillar or 0])
        m = HEADING.match(ln.text)
        if m and self.chapter is not None and (self.pillar or not pillars):
            if to_int(m.group(1)) != self.expect:
                raise ParseError(ln.no, self._expected(), ln.text)
            self.drafts.append(Draft(self.chapter.number, self.pillar, self.expect, [ln]))
            self.expect += 1
            return k + 1
        return self._body(ln, k)

    def _body(self, ln: Line, k: int) -> int:
        if self.chapter is None:
            raise ParseError(ln.no, "a chapter, pillar or measure heading", ln.text)
        if self.expect == 1:
            raise ParseError(ln.no, f"measure （1） of {self._where()}", ln.text)
        self.drafts[-1].lines.append(ln)
        return k + 1

    def _open_chapter(self, lines: list[Line], k: int, entry: TocEntry) -> int:
        if self.chapter is not None:
            self._close(lines[k], chapter_ends=True)
        page = lines[k].page
        k, title = _heading_text(lines, k, _match(CHAPTER, lines[k].text).group(2))
        if title != entry.title:
            raise ParseError(lines[k - 1].no, f"第{entry.number}章 「{entry.title}」 (目次)", title)
        self.chapter, self.pillar, self.expect = entry, None, 1
        self.doc.chapters.append(Chapter(entry.number, title, page))
        return k

    def _open_pillar(self, lines: list[Line], k: int, entry: TocEntry) -> int:
        assert self.chapter is not None  # pillars are read inside a chapter only (_pillars)
        if self.pillar is not None:
            self._close(lines[k], chapter_ends=False)
        page = lines[k].page
        k, title = _heading_text(lines, k, _match(PILLAR, lines[k].text).group(2))
        sub = None
        if k < len(lines) and SUBTITLE.match(lines[k].text):
            k, sub = _heading_text(lines, k, lines[k].text)
        if (title, sub) != (entry.title, entry.subtitle):
            want = entry.title + (f" {entry.subtitle}" if entry.subtitle else "")
            got = title + (f" {sub}" if sub else "")
            raise ParseError(lines[k - 1].no, f"pillar {entry.number} 「{want}」 (目次)", got)
        self.pillar, self.expect = entry.number, 1
        self.doc.pillars.append(Pillar(self.chapter.number, entry.number, title, sub, page))
        return k

    def _close(self, ln: Line, chapter_ends: bool) -> None:
        """A section ends at ln: it must hold measures, and a chapter all its 目次 pillars."""
        if self.chapter is None:
            first = self.toc.chapters[0]
            raise ParseError(ln.no, f"第{first.number}章 「{first.title}」 (目次)", ln.text)
        pillars, done = self._pillars(), self.pillar or 0
        if done < len(pillars) and (chapter_ends or self.pillar is None):
            raise ParseError(ln.no, self._expected(), ln.text)
        if self.expect == 1:
            raise ParseError(ln.no, f"measure （1） of {self._where()}", ln.text)
        nc = self._next_chapter()
        if ln.text == END and nc is not None:
            want = f"measure （{self.expect}） of {self._where()} or 第{nc.number}章 「{nc.title}」 (目次)"
            raise ParseError(ln.no, want, ln.text)

    def _expected(self) -> str:
        """What may come next: the next measure, or the next pillar the 目次 promises."""
        pillars, done = self._pillars(), self.pillar or 0
        nxt = (
            f"pillar {pillars[done].number} 「{pillars[done].title}」 (目次)"
            if done < len(pillars)
            else ""
        )
        if self.pillar is None and nxt:
            return nxt
        want = f"measure （{self.expect}） of {self._where()}"
        return f"{want} or {nxt}" if nxt else want

    def _next_chapter(self) -> TocEntry | None:
        chapters = self.toc.chapters
        i = 0 if self.chapter is None else chapters.index(self.chapter) + 1
        return chapters[i] if i < len(chapters) else None

    def _pillars(self) -> list[TocEntry]:
        return self.toc.pillars.get(self.chapter.number, []) if self.chapter else []

    def _where(self) -> str:
        if self.pillar is not None:
            return f"pillar {self.pillar}"
        assert self.chapter is not None  # callers are inside a chapter (_body, _close check)
        return f"第{self.chapter.number}章".translate(_FULLWIDTH)


def _match(rx: re.Pattern[str], text: str) -> re.Match[str]:
    """rx's match of a line the caller already knows to match (the heading it dispatched on)."""
    m = rx.match(text)
    assert m is not None, text
    return m


END = "<end of source>"
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _heading_text(lines: list[Line], k: int, first: str) -> tuple[int, str]:
    """A heading's text, with its wrapped lines: (index after it, cleaned text)."""
    parts = [first]
    while not lines[k].ends_block and k + 1 < len(lines):
        k += 1
        parts.append(lines[k].text)
    return k + 1, clean(join_lines(parts))


# ---------------------------------------------------------------- measures


def _measures(drafts: list[Draft], doc: Document, lay: Layout):
    chapters = {c.number: c.title for c in doc.chapters}
    pillars: dict[tuple[int, int | None], Pillar] = {(p.chapter, p.number): p for p in doc.pillars}
    with_pillars = {p.chapter for p in doc.pillars}
    parsed = [_split(d, doc.print_width) for d in drafts]
    bodies = [_raw_body(body) for _, body, _ in parsed]
    marks = _place_markers(bodies, lay)
    out: list[Measure] = []
    printed: dict[str, Printed] = {}
    for idx, (d, (title_lines, body_lines, bureau_lines)) in enumerate(
        zip(drafts, parsed, strict=True)
    ):
        bureau_text = clean(join_lines([x.text for x in bureau_lines]))
        bureaus, ministries = parse_bureaus(bureau_text, bureau_lines[0].no)
        body, footnotes = _lift_markers(bodies[idx], marks.get(idx, []), lay)
        first = _match(HEADING, title_lines[0].text).group(2)
        title = clean(join_lines([first] + [x.text for x in title_lines[1:]]))
        mid = f"{d.chapter}-{d.pillar}-{d.number}" if d.chapter in with_pillars else None
        mid = mid or f"{d.chapter}-{d.number}"
        p = pillars.get((d.chapter, d.pillar))
        out.append(
            Measure(
                id=mid,
                seq=len(out),
                chapter=d.chapter,
                chapter_title=chapters[d.chapter],
                pillar=d.pillar,
                pillar_title=p.title if p else None,
                number=d.number,
                title=title,
                body=body,
                footnotes=footnotes,
                bureaus=bureaus,
                ministries=ministries,
                page=d.lines[0].page,
                line=d.lines[0].no,
                pillar_subtitle=p.subtitle if p else None,
            )
        )
        printed[mid] = Printed(tuple(title_lines), tuple(body_lines), tuple(bureau_lines))
    return out, printed


def filled(ln: Line, print_width: float) -> bool:
    """The printed line reaches the right margin (a wrap, not the end of a block)."""
    return width(ln.text) >= FILLED * print_width


def _split(d: Draft, print_width: float):
    """A measure's lines → (title lines, body lines, bureau lines)."""
    lines = d.lines
    parts = [_match(HEADING, lines[0].text).group(2)]
    k = 0
    while k + 1 < len(lines) and _title_goes_on(lines, k, parts, print_width):
        k += 1
        parts.append(lines[k].text)
    rest = lines[k + 1 :]
    # bureaus: the last block, from a line starting with （ to the end
    j = len(rest) - 1
    while j >= 0 and not (rest[j].text.startswith("（") and (j == 0 or rest[j - 1].ends_block)):
        j -= 1
    if j < 0 or not rest[-1].text.endswith("）"):
        raise ParseError(
            lines[-1].no, f"the bureau list （…） closing measure （{d.number}）", lines[-1].text
        )
    return lines[: k + 1], rest[:j], rest[j:]


def _title_goes_on(lines: list[Line], k: int, parts: list[str], print_width: float) -> bool:
    """Does the title continue on line k+1?

    Yes if line k wrapped (no trailing space) or a （ is still open (2-4). Also if line k
    is filled to the margin and ends in a space and line k+1 is a short line that ends a
    block without ending a sentence, with more lines after it: the PDF wrapped the title
    at a space (1-1-58 「…連携した地域 」「課題解決 」, 1-1-62). A body never starts that
    way: its first block ends with 。.
    """
    cur, nxt = lines[k], lines[k + 1]
    if not cur.ends_block or _open_paren(parts):
        return True
    return (
        filled(cur, print_width)
        and nxt.ends_block
        and not filled(nxt, print_width)
        and not nxt.text.endswith("。")
        and not nxt.text.startswith("（")
        and k + 2 < len(lines)
    )


def _open_paren(parts: list[str]) -> bool:
    text = "".join(parts)
    return text.count("（") > text.count("）")


def _raw_body(lines: list[Line]) -> str:
    """Body lines joined; paragraphs separated by newlines; spaces not yet cleaned."""
    paras, cur = [], []
    for ln in lines:
        # keep a printed trailing space: between Latin words (`Ｐ with`) it is real text,
        # elsewhere drop_artifact_spaces removes it
        cur.append(ln.text + " " if ln.ends_block else ln.text)
        if ln.ends_block and ln.text.endswith("。"):
            paras.append(join_lines(cur))
            cur = []
    if cur:
        paras.append(join_lines(cur))
    return "\n".join(paras)


def _place_markers(bodies: list[str], lay: Layout) -> dict[int, list[tuple[int, int]]]:
    """Footnote markers in document order, each after the one before: body index → [(pos, n)]."""
    marks: dict[int, list[tuple[int, int]]] = {}
    di, pos = 0, 0
    for n in range(1, len(lay.footnotes) + 1):
        _, footnote_line = lay.footnotes[n]
        while di < len(bodies):
            at = find_marker(bodies[di], n, pos)
            if at is not None:
                marks.setdefault(di, []).append((at, n))
                pos = at + len(str(n))
                break
            di, pos = di + 1, 0
        else:
            raise ParseError(footnote_line, f"a marker for footnote {n} in the text")
    return marks


def _lift_markers(text: str, marks: list[tuple[int, int]], lay: Layout):
    """Remove the marker digits from a raw body: (clean body, footnotes with offsets)."""
    for at, n in sorted(marks, reverse=True):
        text = text[:at] + MARK + text[at + len(str(n)) :]
    marked = "\n".join(clean(p) for p in text.split("\n"))
    numbers = [n for _, n in sorted(marks)]
    first, *rest = marked.split(MARK)
    body, footnotes = [first], []
    offset = len(first)
    for n, piece in zip(numbers, rest, strict=True):
        footnotes.append(Footnote(n, lay.footnotes[n][0], offset))
        body.append(piece)
        offset += len(piece)
    return "".join(body), tuple(footnotes)
