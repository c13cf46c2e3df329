"""Markdown brief. Every piece of text is escaped for Markdown as well as HTML: a collection
name, an orphan's title or a note can carry `<script>`, `[x](javascript:…)`, `![](http://…)`
(an image a viewer would fetch), `#`, `|` or a list marker, and must show as typed, never
as markup.
"""

from __future__ import annotations

import re

from desktop.brief.model import GONE_TEXT, Brief, BriefItem

# ASCII characters that start inline markup in CommonMark/GFM: code, emphasis, links and
# images ([ ] ! covered by [ and ]), tables, strikethrough, headings, footnotes
INLINE_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")
# block markers that only count at the start of a line: lists, setext underlines, breaks
LINE_START = re.compile(r"^([-+=])")
ORDERED = re.compile(r"^(\d{1,9})([.)])")


def escape_inline(text: str) -> str:
    """Text inside a heading, list item or table cell: one line, no markup."""
    text = " ".join(text.splitlines())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return INLINE_SPECIAL.sub(r"\\\1", text)


def escape_line(line: str) -> str:
    """One line of a paragraph: inline escapes, plus whatever would open a block."""
    stripped = line.lstrip(" \t")
    lead = line[: len(line) - len(stripped)]
    # leading blanks as entities: four would make an indented code block
    lead = lead.replace(" ", "&#32;").replace("\t", "&#9;")
    s = escape_inline(stripped)
    s = LINE_START.sub(r"\\\1", s)
    s = ORDERED.sub(r"\1\\\2", s)
    return lead + s


def paragraph(text: str) -> list[str]:
    return [escape_line(line) for line in text.split("\n")]


def quote(text: str) -> list[str]:
    return [("> " + line) if line else ">" for line in paragraph(text)]


def overview(brief: Brief) -> list[str]:
    cols = brief.overview_columns()
    head = "| " + " | ".join(c.label for c in cols) + " |"
    rule = "| " + " | ".join("---:" if c.key == "position" else "---" for c in cols) + " |"
    rows = [
        "| " + " | ".join(escape_inline(v) for v in row) + " |" for row in brief.overview_rows()
    ]
    return ["## 一覧", "", head, rule, *rows, ""]


def section(brief: Brief, it: BriefItem) -> list[str]:
    e = escape_inline
    out = [f"## {it.position}. {e(it.title)}", ""]
    if it.orphan:
        out += [f"- ID: {e(it.measure_id)}", "", f"*{e(it.body_marked)}*", ""]
    else:
        out += [
            f"- ID: {e(it.measure_id)}（{e(it.label)}）",
            f"- 出典: {e(it.source_ref(brief.source_title))}",
            f"- 章・柱: {e(it.where())}",
            f"- 府省庁: {e(it.ministries_text())}",
            f"- 担当: {e(it.bureaus_text())}",
            "",
        ]
        out += paragraph(it.body_marked) + [""]
        if it.footnotes:
            out += [f"- 注{n}: {e(text)}" for n, text in it.footnotes] + [""]
    if it.note:
        out += ["**メモ**", "", *quote(it.note), ""]
    if it.highlights:
        out += ["**ハイライト**", ""]
    for h in it.highlights:
        out += quote(f"「{h.text}」" + (GONE_TEXT if h.orphan else ""))
        out += ([">", *quote(f"— {h.comment}")] if h.comment else []) + [""]
    return out


def render_text(brief: Brief) -> str:
    out = [f"# {escape_inline(brief.name)}", "", escape_line(brief.subtitle()), ""]
    if brief.with_overview:
        out += overview(brief)
    if brief.options.bodies:  # without bodies the brief is the 一覧 alone
        for it in brief.items:
            out += section(brief, it)
    return "\n".join(out).rstrip("\n") + "\n"


def render(brief: Brief) -> bytes:
    return render_text(brief).encode("utf-8")
