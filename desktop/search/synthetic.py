"""An N× catalogue for `shisaku bench scale`: the real measures plus N-1 varied copies.

Copy 0 of every measure is the real one, unchanged, so every query of the benchmarks means
at N× what it means at 1×. Copy k (k ≥ 1) keeps the measure's place (chapter, pillar,
bureaus, ministries) and varies its text lightly, so that the index's statistics grow as a
bigger 施策集 would: postings of common words get N times longer, rare words stay rare,
and the vocabulary grows a little.

- id and number: the number runs on after the group's real ones (第1章 柱1 has 129
  measures, so copy 1 of 1-1-28 is 1-1-157); seq is document order, copies after the
  real measures of their group.
- title: the real title with a place name in brackets (「…（北海道）」).
- body and footnotes: digits rotated by k (2025 → 2026 in copy 1), which keeps every
  footnote's offset, plus one sentence of another measure appended at the end.
- footnote numbers: made unique (they are the catalogue's primary key).

Built through the real build functions (db.build.write_catalogue, db.index.build_index).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from db.model import Document, Footnote, Measure

PLACES = (
    "北海道 青森 岩手 宮城 秋田 山形 福島 茨城 栃木 群馬 埼玉 千葉 東京 神奈川 新潟 富山 石川 "
    "福井 山梨 長野 岐阜 静岡 愛知 三重 滋賀 京都 大阪 兵庫 奈良 和歌山 鳥取 島根 岡山 広島 "
    "山口 徳島 香川 愛媛 高知 福岡 佐賀 長崎 熊本 大分 宮崎 鹿児島 沖縄"
).split()

_SENTENCE = re.compile(r"[^。]+。")
_DIGITS = "0123456789"
_WIDE_DIGITS = "０１２３４５６７８９"


def _rotate_digits(k: int) -> dict[int, str]:
    table = {}
    for digits in (_DIGITS, _WIDE_DIGITS):
        for i, d in enumerate(digits):
            table[ord(d)] = digits[(i + k) % 10]
    return table


def _sentences(measures: list[Measure]) -> list[str]:
    out = []
    for m in measures:
        out += _SENTENCE.findall(m.body) or [m.body]
    return [s for s in out if s]


def synthetic_document(doc: Document, factor: int) -> Document:
    """`doc` with `factor` copies of every measure (copy 0 = the real one)."""
    factor = max(1, int(factor))
    if factor == 1:
        return doc
    sentences = _sentences(doc.measures)
    fn_span = max((f.number for m in doc.measures for f in m.footnotes), default=0)
    groups: dict[tuple[int, int | None], list[Measure]] = {}  # in document order
    for m in doc.measures:
        groups.setdefault((m.chapter, m.pillar), []).append(m)
    measures: list[Measure] = []
    for group in groups.values():
        span = max(m.number for m in group)
        for k in range(factor):
            for m in group:
                measures.append(_copy(m, k, span, fn_span, sentences, len(measures)))
    return replace(doc, measures=measures)


def _copy(m: Measure, k: int, span: int, fn_span: int, sentences: list[str], seq: int):
    if k == 0:
        return replace(m, seq=seq)
    digits = _rotate_digits(k)
    number = k * span + m.number
    mid = f"1-{m.pillar}-{number}" if m.pillar is not None else f"{m.chapter}-{number}"
    extra = sentences[(m.seq * 7 + k * 131) % len(sentences)]
    return replace(
        m,
        id=mid,
        seq=seq,
        number=number,
        title=f"{m.title}（{PLACES[(m.seq + k) % len(PLACES)]}）",
        body=m.body.translate(digits) + extra,
        footnotes=tuple(
            Footnote(k * fn_span + f.number, f.text.translate(digits), f.offset)
            for f in m.footnotes
        ),
    )


def build_synthetic(factor: int, out: Path, source: Path | None = None) -> dict:
    """Parse the real source, multiply it and build catalogue + index into `out` with the
    real build functions. Returns what was built and how long each part took."""
    from db import paths
    from db.build import read_source, write_generation
    from db.parse import parse

    source = Path(source or paths.source_path()).resolve()
    text, sha = read_source(source)
    doc = synthetic_document(parse(text), factor)
    times: dict[str, Any] = {}  # seconds, and what db.variants wrote
    # the real source's hash: the app's own staleness check then accepts this build as is;
    # the meta row says in the catalogue itself that it is not the real one
    write_generation(doc, Path(out), sha, source, {"synthetic_factor": str(factor)}, times)
    return {
        "factor": factor,
        "measures": len(doc.measures),
        "footnotes": sum(len(m.footnotes) for m in doc.measures),
        "catalogue_s": round(times["catalogue_s"], 2),
        "index_s": round(times["index_s"], 2),
        "variants_s": round(times["variants_s"], 2),
        "build_s": round(times["catalogue_s"] + times["index_s"] + times["variants_s"], 2),
    }
