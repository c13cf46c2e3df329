"""Whole-catalogue export: JSONL, CSV (UTF-8 with BOM for Excel), Markdown."""

from __future__ import annotations

import csv
import io
import json

from desktop.brief import csv_cell, marked_body
from desktop.catalogue import Catalogue, Measure

FORMATS = ("jsonl", "csv", "md")
CSV_COLUMNS = [
    "id",
    "chapter",
    "chapter_title",
    "pillar",
    "pillar_title",
    "number",
    "title",
    "body",
    "footnotes",
    "organisations",
    "ministries",
    "page",
]


def to_jsonl(measures: list[Measure]) -> str:
    return "".join(json.dumps(m.to_json(), ensure_ascii=False) + "\n" for m in measures)


def to_csv(measures: list[Measure]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for m in measures:
        d = m.to_json()
        d["footnotes"] = "\n".join(f"[{f.number}] {f.text}" for f in m.footnotes)
        d["organisations"] = "、".join(o.name for o in m.bureaus)
        d["ministries"] = "、".join(m.ministries)
        w.writerow([csv_cell(d[c]) for c in CSV_COLUMNS])
    return "\ufeff" + buf.getvalue()


def to_markdown(cat: Catalogue, measures: list[Measure]) -> str:
    """The document as printed: the preface, then chapters, pillars (with their subtitle
    line) and measures."""
    out = [f"# {cat.meta.get('source_title', '地方創生2.0 施策集')}", ""]
    if cat.preface:
        out += ["## はじめに", ""]
        for para in cat.preface.split("\n"):
            out += [para, ""]
    chapter = pillar = None
    for m in measures:
        if m.chapter != chapter:
            chapter, pillar = m.chapter, None
            out += [f"## 第{m.chapter}章 {m.chapter_title}", ""]
        if m.pillar is not None and m.pillar != pillar:
            pillar = m.pillar
            out += [f"### {m.pillar}．{m.pillar_title}", ""]
            if m.pillar_subtitle:
                out += [m.pillar_subtitle, ""]
        out += measure_markdown(m, level=4)
    return "\n".join(out)


def measure_markdown(m: Measure, level: int = 4) -> list[str]:
    h = "#" * level
    lines = [
        f"{h} （{m.number}）{m.title}",
        "",
        f"ID: `{m.id}`" + (f" ・ p.{m.page}" if m.page else ""),
        "",
        marked_body(m, "[^{n}]"),
        "",
    ]
    if m.footnotes:
        lines += [f"[^{f.number}]: {f.text}" for f in m.footnotes] + [""]
    lines += [
        "担当: " + "、".join(o.name for o in m.bureaus) + f"（{'・'.join(m.ministries)}）",
        "",
    ]
    return lines


def render(cat: Catalogue, fmt: str) -> str:
    if fmt == "jsonl":
        return to_jsonl(cat.measures)
    if fmt == "csv":
        return to_csv(cat.measures)
    if fmt == "md":
        return to_markdown(cat, cat.measures)
    raise ValueError(fmt)
