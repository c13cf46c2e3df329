"""Meeting brief of a collection: Markdown, CSV (Excel-safe) or PDF, written atomically.

Measures come in the user's order with id, 章・柱, title, 府省庁 and 担当部局, body (with
footnote marks), footnotes and the user's note. A bookmark whose measure is no longer in the
catalogue (orphan) is still listed with the title it had, so nothing silently disappears.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from desktop.errors import UserError
from desktop.outfile import write_out

FORMATS = ("md", "csv", "pdf")
ORPHAN_TEXT = "（この施策は現在の施策集にありません。保存時の施策名を表示しています）"


@dataclass
class BriefItem:
    position: int  # 1-based
    measure_id: str
    title: str
    chapter: str = ""  # 第1章 title
    pillar: str = ""  # 1．title, empty in 第2章
    location: str = ""  # 第1章 1．(28)
    ministries: list[str] = field(default_factory=list)
    bureaus: list[tuple[str, list[str]]] = field(default_factory=list)  # (ministry, [bureau])
    body: str = ""
    body_marked: str = ""  # body with （注n） where the footnote markers stood
    footnotes: list[tuple[int, str]] = field(default_factory=list)
    note: str = ""
    orphan: bool = False


def marked_body(m, mark: str = "（注{n}）") -> str:
    """The body with `mark` (formatted with the footnote number) where each marker stood."""
    out, last = [], 0
    for f in sorted(m.footnotes, key=lambda f: f.offset):
        out.append(m.body[last : f.offset])
        out.append(mark.format(n=f.number))
        last = f.offset
    out.append(m.body[last:])
    return "".join(out)


def group_bureaus(m) -> list[tuple[str, list[str]]]:
    groups: dict[str, list[str]] = {}
    for o in m.bureaus:
        groups.setdefault(o.ministry, []).append(o.name)
    return list(groups.items())


def brief_items(catalogue, store, collection: str) -> list[BriefItem]:
    notes = store.notes_map()
    items = []
    for b in store.bookmarks(collection):  # raises UnknownCollection
        m = None if b.orphan else catalogue.get(b.measure_id)
        if m is None:
            items.append(
                BriefItem(
                    position=b.position + 1,
                    measure_id=b.measure_id,
                    title=b.title,
                    body=ORPHAN_TEXT,
                    body_marked=ORPHAN_TEXT,
                    orphan=True,
                )
            )
            continue
        pillar = f"{m.pillar}．{m.pillar_title}" if m.pillar is not None else ""
        items.append(
            BriefItem(
                position=b.position + 1,
                measure_id=m.id,
                title=m.title,
                chapter=f"第{m.chapter}章 {m.chapter_title}",
                pillar=pillar,
                location=catalogue.label(m),
                ministries=list(m.ministries),
                bureaus=group_bureaus(m),
                body=m.body,
                body_marked=marked_body(m),
                footnotes=[(f.number, f.text) for f in m.footnotes],
                note=notes.get(m.id, ""),
            )
        )
    return items


def today_label(day: date | None = None) -> str:
    d = day or date.today()
    return f"{d.year}年{d.month}月{d.day}日"


def bureaus_text(item: BriefItem) -> str:
    return "／".join(f"{ministry}（{'、'.join(names)}）" for ministry, names in item.bureaus)


# --- Markdown ------------------------------------------------------------------------------


def md_escape_note(text: str) -> str:
    """A note is plain text: keep raw HTML and '>' from being interpreted by a renderer."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_markdown(name: str, items: list[BriefItem], day: date | None = None) -> str:
    out = [
        f"# {name}",
        "",
        f"施策ナビ — 地方創生2.0 施策集　{today_label(day)}　{len(items)} 件",
        "",
    ]
    for it in items:
        out += [f"## {it.position}. {it.title}", ""]
        if it.orphan:
            out += [f"- ID: {it.measure_id}", "", f"*{ORPHAN_TEXT}*", ""]
        else:
            where = " › ".join(x for x in (it.chapter, it.pillar) if x)
            out += [
                f"- ID: {it.measure_id}（{it.location}）",
                f"- 章・柱: {where}",
                f"- 府省庁: {'、'.join(it.ministries)}",
                f"- 担当: {bureaus_text(it)}",
                "",
                it.body_marked,
                "",
            ]
            if it.footnotes:
                out += [f"- 注{n}: {text}" for n, text in it.footnotes] + [""]
        if it.note:
            out += ["**メモ**", ""]
            out += [("> " + line) if line else ">" for line in md_escape_note(it.note).split("\n")]
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# --- CSV -----------------------------------------------------------------------------------

CSV_HEADER = [
    "順番",
    "ID",
    "章",
    "柱",
    "施策名",
    "府省庁",
    "担当部局",
    "本文",
    "脚注",
    "メモ",
    "状態",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """Excel runs a cell starting with = + - @ as a formula: a leading ' keeps it text."""
    s = "" if value is None else str(value)
    return "'" + s if s.startswith(FORMULA_START) else s


def render_csv(items: list[BriefItem]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_HEADER)
    for it in items:
        w.writerow(
            [
                csv_cell(v)
                for v in (
                    it.position,
                    it.measure_id,
                    it.chapter,
                    it.pillar,
                    it.title,
                    "、".join(it.ministries),
                    bureaus_text(it),
                    it.body_marked,
                    "\n".join(f"注{n}: {t}" for n, t in it.footnotes),
                    it.note,
                    "孤立" if it.orphan else "",
                )
            ]
        )
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


# --- entry point ---------------------------------------------------------------------------


def render(name: str, items: list[BriefItem], fmt: str, day: date | None = None) -> bytes:
    if fmt == "md":
        return render_markdown(name, items, day).encode("utf-8")
    if fmt == "csv":
        return render_csv(items)
    if fmt == "pdf":
        from desktop.brief_pdf import render_pdf  # Qt only when a PDF is asked for

        return render_pdf(name, items, day)
    raise UserError(f"未対応の形式です: {fmt} ({', '.join(FORMATS)})")


def write_brief(
    catalogue,
    store,
    collection: str,
    fmt: str,
    out: str | Path,
    day: date | None = None,
    *,
    force: bool = False,
) -> Path | None:
    if fmt not in FORMATS:
        raise UserError(f"未対応の形式です: {fmt} ({', '.join(FORMATS)})")
    items = brief_items(catalogue, store, collection)
    # 0600: a brief carries the user's private notes; never into the data folder (outfile)
    data = render(collection, items, fmt, day)
    return write_out(out, data, data_dir=store.path.parent, force=force, mode=0o600)
