"""Parse the text extraction of the 施策集 PDF into records. Pure functions, no I/O.

What the extraction looks like, and what we undo:
- Every printed line is followed by a blank line; a line that ends a paragraph, a title
  or a bureau list carries a trailing space, a wrapped line does not.
- A new PDF page starts with a line that begins with one space; some pages begin with a
  line holding only the printed page number instead.
- Footnote blocks sit at the bottom of a page, after a line holding one space, in the
  middle of whatever sentence the page cut: `N text` lines (a few are `N` alone, with the
  text on the next line, which then begins with a space).
- Footnote markers stand in the text as plain digits (`機構 1に`, `方針 20256」`).
- Spaces around digits and Latin text are PDF artifacts between Japanese characters.
- The tail (lines with tabs) is the 施策一覧: titles and bureaus from pillar 1 (93) on.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from db.model import Bureau, Chapter, Document, Footnote, Measure, Pillar

PARSER_VERSION = "2"

# Measures per pillar in 第1章, and in 第2章: the document's own structure.
EXPECTED_PILLAR_COUNTS = (129, 100, 33, 57, 11)
EXPECTED_CHAPTER2_COUNT = 14
EXPECTED_FOOTNOTES = 39

MARK = "\ue000"  # stands where a footnote marker stood until offsets are taken


class ParseError(ValueError):
    """The source is not what we expect; names the 1-based line and what was expected."""

    def __init__(self, line: int, expected: str, found: str = ""):
        self.line = line
        self.expected = expected
        self.found = found
        msg = f"line {line}: expected {expected}"
        if found:
            msg += f", found {found[:40]!r}"
        super().__init__(msg)


# ---------------------------------------------------------------- ministries

# 府省庁 that stand as themselves.
MINISTRIES = (
    "内閣官房",
    "内閣府",
    "デジタル庁",
    "復興庁",
    "総務省",
    "法務省",
    "外務省",
    "財務省",
    "文部科学省",
    "厚生労働省",
    "農林水産省",
    "経済産業省",
    "国土交通省",
    "環境省",
    "防衛省",
    "警察庁",
    "金融庁",
    "消費者庁",
    "こども家庭庁",
    "個人情報保護委員会",
    "公正取引委員会",
    "カジノ管理委員会",
)
# 外局 that roll up to their 省.
AGENCIES = {
    "観光庁": "国土交通省",
    "気象庁": "国土交通省",
    "海上保安庁": "国土交通省",
    "運輸安全委員会": "国土交通省",
    "国税庁": "財務省",
    "文化庁": "文部科学省",
    "スポーツ庁": "文部科学省",
    "林野庁": "農林水産省",
    "水産庁": "農林水産省",
    "中小企業庁": "経済産業省",
    "資源エネルギー庁": "経済産業省",
    "特許庁": "経済産業省",
    "消防庁": "総務省",
    "公害等調整委員会": "総務省",
    "出入国在留管理庁": "法務省",
    "公安調査庁": "法務省",
    "防衛装備庁": "防衛省",
    "原子力規制委員会": "環境省",
}
_ORG_PREFIXES = sorted(
    [(m, m) for m in MINISTRIES] + list(AGENCIES.items()), key=lambda kv: -len(kv[0])
)


def ministry_of(name: str) -> str | None:
    """The 府省庁 a bureau name starts with, rolled up from an 外局; None if it omits it."""
    for prefix, ministry in _ORG_PREFIXES:
        if name.startswith(prefix):
            return ministry
    return None


def split_bureaus(text: str) -> list[str]:
    """Split a bureau list on 、 but not inside parentheses."""
    parts, depth, cur = [], 0, []
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        if ch == "、" and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return [p.strip() for p in parts if p.strip()]


def parse_bureaus(text: str, line: int) -> tuple[tuple[Bureau, ...], tuple[str, ...]]:
    """`（A、B、C）` → bureaus with inherited / rolled-up ministries."""
    if not (text.startswith("（") and text.endswith("）")):
        raise ParseError(line, "a bureau list in （…）", text)
    orgs, current = [], None
    for name in split_bureaus(text[1:-1]):
        current = ministry_of(name) or current
        if current is None:
            raise ParseError(line, "a bureau list starting with a 府省庁", name)
        orgs.append(Bureau(name, current))
    return tuple(orgs), tuple(sorted({o.ministry for o in orgs}))


# ---------------------------------------------------------------- text clean-up


def _is_latin(ch: str) -> bool:
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
        if before and after and _is_latin(before) and _is_latin(after):
            return " "
        return ""

    return _SPACES.sub(repl, text)


def clean(text: str) -> str:
    return drop_artifact_spaces(text).strip()


# ---------------------------------------------------------------- layout pass


@dataclass
class Line:
    text: str  # without the page-start space and without trailing spaces
    no: int  # 1-based line number in the source
    page: int | None
    ends_block: bool  # the printed line carried a trailing space


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
    next_note = 1
    while i < end:
        s = raw[i]
        if s == "":
            i += 1
            continue
        if s.strip() == "":  # bottom-of-page rule; footnotes may follow
            i += 1
            m = _NUM.match(raw[i]) if i < end else None
            if m and int(m.group(1)) == next_note:
                i, next_note = _footnote_block(raw, i, end, next_note, out)
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
            if s.startswith(" ") or _starts_note(s, n + 1):
                break
            parts.append(s.strip())
            i += 1
        out.footnotes[n] = (clean(join_lines(parts)), start_line)
        n += 1
    return i, n


def _starts_note(s: str, n: int) -> bool:
    m = _NUM.match(s)
    return bool(m and int(m.group(1)) == n)


# ---------------------------------------------------------------- footnote markers

# What may follow a number that is body text, not a marker (`23 区内`, `12業種`).
_UNITS = "年月日回号区億万兆円%％割人件か箇歳時社校業条項次期倍度分秒名者都道府県市町村"


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
        if nxt and nxt in _UNITS:
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


# ---------------------------------------------------------------- structure pass

_HEADING = re.compile(r"^（([０-９0-9]+)）(.*)$")
_PILLAR = re.compile(r"^([１-５])[．.]\s*(.+)$")
_CHAPTER = re.compile(r"^第([１２])章\s*(.+)$")


def _int(s: str) -> int:
    return int(unicodedata.normalize("NFKC", s))


@dataclass
class _Draft:
    chapter: int
    pillar: int | None
    number: int
    lines: list[Line]


def parse(text: str) -> Document:
    raw = text.split("\n")
    toc = _find(raw, 0, lambda s: s.strip() == "目次", "目次")
    preface = _paragraphs(
        [
            Line(s.strip(" "), i + 1, None, s.endswith(" "))
            for i, s in enumerate(raw[:toc])
            if s.strip()
        ]
    )
    toc_pages = _toc_pages(raw, toc)
    toc_end = _find(
        raw, toc + 1, lambda s: s.strip().startswith("第２章") and "..." in s, "第２章 in the 目次"
    )
    body_start = toc_end + 1
    tail = next((i for i in range(body_start, len(raw)) if "\t" in raw[i]), len(raw))
    lay = layout(raw, body_start, tail, first_page=toc_pages.get((1, 1), 1) - 1)

    doc = Document(preface=preface)
    drafts: list[_Draft] = []
    chapter, pillar, expect = 0, None, 1
    lines = lay.lines
    k = 0
    while k < len(lines):
        ln = lines[k]
        m = _CHAPTER.match(ln.text)
        if m and _int(m.group(1)) == chapter + 1:
            _check_count(chapter, pillar, expect, ln)
            if chapter == 1 and pillar != len(EXPECTED_PILLAR_COUNTS):
                raise ParseError(ln.no, f"pillar {(pillar or 0) + 1} before 第２章", ln.text)
            chapter, pillar, expect = _int(m.group(1)), None, 1
            doc.chapters.append(Chapter(chapter, clean(m.group(2)), ln.page))
            k += 1
            continue
        m = _PILLAR.match(ln.text)
        if m and chapter == 1 and _int(m.group(1)) == (pillar or 0) + 1:
            _check_count(chapter, pillar, expect, ln)
            pillar, expect = _int(m.group(1)), 1
            sub = None
            if k + 1 < len(lines) and lines[k + 1].text.startswith("～"):
                sub = clean(lines[k + 1].text)
                k += 1
            doc.pillars.append(Pillar(1, pillar, clean(m.group(2)), sub, ln.page))
            k += 1
            continue
        m = _HEADING.match(ln.text)
        if m and chapter and _int(m.group(1)) == expect and (chapter == 2 or pillar):
            drafts.append(_Draft(chapter, pillar, expect, [ln]))
            expect += 1
            k += 1
            continue
        if not drafts:
            raise ParseError(ln.no, "a chapter, pillar or measure heading", ln.text)
        drafts[-1].lines.append(ln)
        k += 1
    end = Line("<end of source>", tail, None, False)
    _check_count(chapter, pillar, expect, end)
    if chapter != 2:
        raise ParseError(end.no, "第２章", end.text)

    if not lay.pages_ok:
        toc_pages = {}
    for p in doc.pillars:
        if toc_pages and toc_pages.get((1, p.number)) != p.page:
            lay.pages_ok = False
    doc.measures = _measures(drafts, doc, lay)
    if not lay.pages_ok:
        doc.measures = [_replace_page(m) for m in doc.measures]
        doc.pillars = [Pillar(p.chapter, p.number, p.title, p.subtitle, None) for p in doc.pillars]
        doc.chapters = [Chapter(c.number, c.title, None) for c in doc.chapters]
    doc.summary = parse_summary(raw[tail:], tail)
    return doc


def _replace_page(m: Measure) -> Measure:
    from dataclasses import replace

    return replace(m, page=None)


def _check_count(chapter: int, pillar: int | None, expect: int, ln: Line) -> None:
    """At a section change, the section before must have had all its measures."""
    if chapter == 0:
        return
    if chapter == 1:
        if pillar is None:  # 第１章 heading → first pillar: nothing to count yet
            return
        want, where = EXPECTED_PILLAR_COUNTS[pillar - 1], f"pillar {pillar}"
    else:
        want, where = EXPECTED_CHAPTER2_COUNT, "第２章"
    if expect - 1 != want:
        raise ParseError(ln.no, f"measure （{expect}） of {where} ({want} measures)", ln.text)


def _find(raw, start, pred, what) -> int:
    for i in range(start, len(raw)):
        if pred(raw[i]):
            return i
    raise ParseError(len(raw), what)


def _toc_pages(raw: list[str], toc: int) -> dict[tuple[int, int], int]:
    """(chapter, pillar) → page from the 目次's dotted leaders; (2, 0) is 第２章."""
    pages, pillar = {}, 0
    for s in raw[toc : toc + 40]:
        m = re.search(r"\.{3,}\s*(\d+)\s*$", s)
        t = s.strip()
        if _PILLAR.match(t):
            pillar = _int(t[0])
        if m:
            if t.startswith("第２章"):
                pages[(2, 0)] = int(m.group(1))
                break
            pages[(1, pillar)] = int(m.group(1))
    return pages


def _paragraphs(lines: list[Line]) -> str:
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


def _measures(drafts: list[_Draft], doc: Document, lay: Layout) -> list[Measure]:
    chapters = {c.number: c.title for c in doc.chapters}
    pillars = {p.number: p.title for p in doc.pillars}
    out: list[Measure] = []
    parsed = []
    for d in drafts:
        # title: heading line plus wrapped lines until one ends the block
        k = 0
        title_parts = [_HEADING.match(d.lines[0].text).group(2)]
        while (not d.lines[k].ends_block or _open_paren(title_parts)) and k + 1 < len(d.lines):
            k += 1
            title_parts.append(d.lines[k].text)
        rest = d.lines[k + 1 :]
        # bureaus: the last block, from a line starting with （ to the end
        j = len(rest) - 1
        while j >= 0 and not (rest[j].text.startswith("（") and (j == 0 or rest[j - 1].ends_block)):
            j -= 1
        if j < 0 or not rest[-1].text.endswith("）"):
            raise ParseError(
                d.lines[-1].no,
                f"the bureau list （…） closing measure （{d.number}）",
                d.lines[-1].text,
            )
        org_text = clean(join_lines([x.text for x in rest[j:]]))
        orgs, ministries = parse_bureaus(org_text, rest[j].no)
        parsed.append((d, clean(join_lines(title_parts)), rest[:j], orgs, ministries))

    # footnote markers, in document order, each after the one before
    bodies = [_raw_body(lines) for _, _, lines, _, _ in parsed]
    marks: dict[int, list[tuple[int, int]]] = {}  # draft index → [(pos, n)]
    di, pos = 0, 0
    for n in range(1, len(lay.footnotes) + 1):
        _, note_line = lay.footnotes[n]
        while di < len(bodies):
            at = find_marker(bodies[di], n, pos)
            if at is not None:
                marks.setdefault(di, []).append((at, n))
                pos = at + len(str(n))
                break
            di, pos = di + 1, 0
        else:
            raise ParseError(note_line, f"a marker for footnote {n} in the text")
    if len(lay.footnotes) != EXPECTED_FOOTNOTES:
        raise ParseError(
            drafts[-1].lines[-1].no, f"{EXPECTED_FOOTNOTES} footnotes", f"{len(lay.footnotes)}"
        )

    for idx, (d, title, _, orgs, ministries) in enumerate(parsed):
        text = bodies[idx]
        for at, n in sorted(marks.get(idx, []), reverse=True):
            text = text[:at] + MARK + text[at + len(str(n)) :]
        body_marked = "\n".join(clean(p) for p in text.split("\n"))
        notes, body = [], []
        numbers = [n for _, n in sorted(marks.get(idx, []))]
        for ch in body_marked:
            if ch == MARK:
                n = numbers[len(notes)]
                notes.append(Footnote(n, lay.footnotes[n][0], len(body)))
            else:
                body.append(ch)
        mid = f"1-{d.pillar}-{d.number}" if d.chapter == 1 else f"2-{d.number}"
        out.append(
            Measure(
                id=mid,
                seq=len(out),
                chapter=d.chapter,
                chapter_title=chapters[d.chapter],
                pillar=d.pillar,
                pillar_title=pillars.get(d.pillar) if d.pillar else None,
                number=d.number,
                title=title,
                body="".join(body),
                footnotes=tuple(notes),
                bureaus=orgs,
                ministries=ministries,
                page=d.lines[0].page,
                line=d.lines[0].no,
            )
        )
    return out


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


# ---------------------------------------------------------------- 施策一覧 (tail)


def parse_summary(tail: list[str], offset: int) -> list[tuple[int, int, str, str]]:
    """The 施策一覧: (pillar or 0 for 第２章, number, title, bureaus) in order."""
    out, pillar, title, num = [], 1, None, 0
    for i, s in enumerate(tail):
        t = s.strip()
        if not t:
            continue
        if t.startswith("第２章"):
            pillar = 0
            continue
        m = _PILLAR.match(t)
        if m:
            pillar = _int(m.group(1))
            continue
        if t.startswith("～"):
            continue
        m = _HEADING.match(t)
        if m and title is None:
            num, title = _int(m.group(1)), m.group(2)
            continue
        if title is None:
            raise ParseError(offset + i + 1, "a （N） title in the 施策一覧", t)
        out.append((pillar, num, title, t))
        title = None
    return out
