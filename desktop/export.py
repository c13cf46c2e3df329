"""Whole-catalogue export: JSONL, CSV (UTF-8 with BOM for Excel), Markdown."""

from __future__ import annotations

import csv
import io
import json

from desktop.catalogue import Catalogue, Measure

FORMATS = ("jsonl", "csv", "md")
CSV_COLUMNS = ["id", "chapter", "chapter_title", "pillar", "pillar_title", "number", "title",
               "body", "footnotes", "organisations", "ministries", "page"]


def safe_cell(value: object) -> str:
    """Neutralise spreadsheet formulas: a cell starting with = + - @ gets a leading '."""
    s = "" if value is None else str(value)
    if s[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + s
    return s


def to_jsonl(measures: list[Measure]) -> str:
    return "".join(json.dumps(m.to_json(), ensure_ascii=False) + "\n" for m in measures)


def to_csv(measures: list[Measure]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for m in measures:
        d = m.to_json()
        d["footnotes"] = "\n".join(f"[{f.number}] {f.text}" for f in m.footnotes)
        d["organisations"] = "、".join(o.name for o in m.organisations)
        d["ministries"] = "、".join(m.ministries)
        w.writerow([safe_cell(d[c]) for c in CSV_COLUMNS])
    return "\ufeff" + buf.getvalue()


def to_markdown(cat: Catalogue, measures: list[Measure]) -> str:
    out = [f"# {cat.meta.get('source_title', '地方創生2.0 施策集')}", ""]
    section = None
    for m in measures:
        key = (m.chapter, m.pillar)
        if key != section:
            section = key
            out += [f"## 第{m.chapter}章 {m.chapter_title}", ""] if m.pillar in (None, 1) \
                and (m.pillar is None or m.number == 1) else []
            if m.pillar is not None:
                out += [f"### {m.pillar}．{m.pillar_title}", ""]
        out += measure_markdown(m, level=4)
    return "\n".join(out)


def measure_markdown(m: Measure, level: int = 4, note: str | None = None) -> list[str]:
    h = "#" * level
    lines = [f"{h} （{m.number}）{m.title}", "", f"ID: `{m.id}`" +
             (f" ・ p.{m.page}" if m.page else ""), "", m.body, ""]
    if m.footnotes:
        lines += [f"[^{f.number}]: {f.text}" for f in m.footnotes] + [""]
    lines += ["担当: " + "、".join(o.name for o in m.organisations) +
              f"（{'・'.join(m.ministries)}）", ""]
    if note:
        lines += ["メモ:", "", *("> " + x for x in note.splitlines()), ""]
    return lines


def render(cat: Catalogue, fmt: str) -> str:
    if fmt == "jsonl":
        return to_jsonl(cat.measures)
    if fmt == "csv":
        return to_csv(cat.measures)
    if fmt == "md":
        return to_markdown(cat, cat.measures)
    raise ValueError(fmt)
