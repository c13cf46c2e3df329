"""Every observable search result on the real catalogue, as JSON, to compare two engines.

Run it with each engine's tree first on the path (it uses only the public API, and the
ground-truth queries of tests/test_search.py from the current directory):

    cd OLD_TREE && PYTHONPATH=. python NEW_TREE/desktop/search/snapshot.py old.json
    cd NEW_TREE && python desktop/search/snapshot.py new.json
    python desktop/search/snapshot.py --compare old.json new.json

Options after the file name: --exact passes exact=True (an engine with tier 2, issue 10:
its exact tier against an engine without one); --no-snippets blanks the snippets (issue
10 changed where a snippet starts, on purpose).

Covers: the benchmark's and the ground truth's queries, title prefixes of 1/2/3/5/8
characters and a quoted 6 of every measure, three random substrings of every measure, word
pairs with AND/OR/NOT, filters, repeating phrases — full lists with scores, marked titles
and snippets; the top 1, 20 and 200 with totals, messages and facets; 400 queries with 30
user notes; filter combinations; related() of every measure.
"""

from __future__ import annotations

import json
import random
import sys
from typing import Any


def queries(cat, ground_truth: list[str], bench: list[str]) -> list[str]:
    rng = random.Random(16)
    qs = list(dict.fromkeys(bench + ground_truth))
    for m in cat.measures:
        qs += [m.title[:n] for n in (1, 2, 3, 5, 8)] + ['"' + m.title[:6] + '"']
        for _ in range(3):
            text = rng.choice([m.title, m.body] + [f.text for f in m.footnotes])
            i = rng.randrange(max(1, len(text)))
            qs.append(text[i : i + rng.randint(1, 10)])
        a, b = m.body[5:7], m.body[20:23]
        qs += [f"{a} {b}", f"{a} OR {b}", f"{a} -{b}", f"{m.title[:2]} {m.title[3:5]}"]
    qs += [
        "柱:2",
        "章:2",
        "府省庁:国土交通省",
        "港 府省庁:国土交通省",
        "地域 柱:1",
        "とと",
        "ととと",
    ]
    qs += ["つつ", "ーー", "地方 方創 創生", "地方創生 2.0", "..", "・・", "ａ ａ", "a a", "の の"]
    return list(dict.fromkeys(q for q in qs if q.strip()))


def facets(r) -> dict:
    return {k: list(map(list, v.items())) for k, v in r.facets.items()}


class _Options:
    """The searcher with exact=True on every call, and/or snippets blanked."""

    def __init__(self, searcher, exact: bool, snippets: bool):
        self.s, self.exact, self.snippets = searcher, exact, snippets

    def _kw(self, kw: dict) -> dict:
        return dict(kw, exact=True) if self.exact else kw

    def _hits(self, hits):
        if self.snippets:
            return hits
        from dataclasses import replace

        return [replace(h, snippet="", note_snippet="") for h in hits]

    def search(self, q, **kw):
        return self._hits(self.s.search(q, **self._kw(kw)))

    def run(self, q, **kw):
        r = self.s.run(q, **self._kw(kw))
        r.hits = self._hits(r.hits)
        return r

    def related(self, mid):
        return self._hits(self.s.related(mid))


def snapshot(exact: bool = False, snippets: bool = True) -> dict:
    sys.path.insert(0, ".")
    from desktop.catalogue import Catalogue
    from desktop.search import Searcher
    from desktop.search.bench import QUERIES
    from tests.test_search import QUALITY

    s, cat = _Options(Searcher.open(), exact, snippets), Catalogue.open()
    qs = queries(cat, [q for q, _ in QUALITY], list(QUERIES))
    notes = {m.id: f"メモ {m.title[:10]} 確認 局長レク" for m in cat.measures[:30]}
    out: dict = {k: {} for k in ("search", "top20", "top200", "top1", "notes", "filters")}
    for q in qs:
        out["search"][q] = [[h.id, h.score, h.snippet, h.title_marked] for h in s.search(q)]
        r = s.run(q, limit=20)
        top = [(h.id, h.score, h.snippet) for h in r.hits]
        out["top20"][q] = [top, r.total, facets(r), r.messages]
        out["top200"][q] = [(h.id, h.score) for h in s.search(q, limit=200)]
        out["top1"][q] = [(h.id, h.score) for h in s.search(q, limit=1)]
    for q in qs[:400] + ["局長レク", "メモ", "確認 港"]:
        hits = s.search(q, notes=notes, limit=200)
        out["notes"][q] = [[h.id, h.score, h.note_hit, h.note_snippet, h.snippet] for h in hits]
    filters: list[dict[str, Any]] = [
        {"ministry": "国土交通省"},
        {"pillar": 2},
        {"chapter": 2},
        {"pillar": "x"},
    ]
    for f in filters:
        for q in ["", "港", "地域", "ai"]:
            r = s.run(q, limit=50, **f)
            out["filters"][f"{q}|{f}"] = [[h.id for h in r.hits], r.total, facets(r), r.messages]
    out["related"] = {
        m.id: [[h.id, h.score, h.snippet, h.title_marked] for h in s.related(m.id)]
        for m in cat.measures
    }
    out["queries"] = len(qs)
    return out


def compare(a: dict, b: dict) -> int:
    """Print what differs; the number of differences."""
    bad = 0
    for part in ("search", "top20", "top200", "top1", "notes", "filters", "related"):
        diff = [k for k in a[part] if a[part][k] != b[part].get(k)]
        bad += len(diff)
        print(f"{part}: {len(a[part])} compared, {len(diff)} differ {diff[:3]}")
    return bad


if __name__ == "__main__":
    if sys.argv[1:2] == ["--compare"]:
        with open(sys.argv[2], encoding="utf-8") as fa, open(sys.argv[3], encoding="utf-8") as fb:
            sys.exit(1 if compare(json.load(fa), json.load(fb)) else 0)
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        options = sys.argv[2:]
        json.dump(
            snapshot("--exact" in options, "--no-snippets" not in options), f, ensure_ascii=False
        )
