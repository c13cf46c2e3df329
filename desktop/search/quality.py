"""Search quality against the judged query set (issue 10): `shisaku bench quality`.

The judged set (`judged_queries.json` beside this module) holds natural queries as officials
type them, each with the measures that answer it, judged by reading the measures. For
every query with n judged measures we look at the engine's top k = n + 5 hits:

- recall = judged measures among the top k / n (did the answer reach the first screen?);
- precision = judged measures among the top k / hits shown in the top k (how much of what
  is shown answers the query). A query with no hits has no precision; it counts in
  `zero_results` and with recall 0.

Overall figures are means over queries (macro); `recall_micro` pools all judged measures.
Any object with the Searcher's `search(query, limit=...) -> [hit with .id]` can be scored,
so the exact engine of today and the tier-2 prototypes (desktop/search/near.py) are
measured the same way, in the same run.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

JUDGED_FILE = Path(__file__).with_name("judged_queries.json")
EXTRA = 5  # k = n + EXTRA


@dataclass(frozen=True)
class Judged:
    query: str
    kinds: tuple[str, ...]
    relevant: dict[str, str]  # measure id → why it answers the query


def load(path: Path | None = None) -> list[Judged]:
    """The judged queries; ValueError naming the problem if the file is malformed."""
    path = Path(path or JUDGED_FILE)
    doc = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for i, q in enumerate(doc.get("queries", [])):
        rel = q.get("relevant")
        if not q.get("query") or not isinstance(rel, dict) or not rel:
            raise ValueError(f"{path}: query {i}: needs 'query' and a non-empty 'relevant'")
        if not all(isinstance(r, str) and r.strip() for r in rel.values()):
            raise ValueError(f"{path}: query {q['query']!r}: every judged measure needs a reason")
        out.append(Judged(q["query"], tuple(q.get("kind", [])), dict(rel)))
    if len({j.query for j in out}) != len(out):
        raise ValueError(f"{path}: a query is listed twice")
    return out


def _search_fn(engine) -> Callable[[str, int], list[str]]:
    """ids in rank order from a Searcher-like object or a plain function."""
    search = getattr(engine, "search", engine)

    def run(query: str, limit: int) -> list[str]:
        return [getattr(h, "id", h) for h in search(query, limit=limit)]

    return run


def evaluate(engine, judged: list[Judged] | None = None, extra: int = EXTRA, reset=None) -> dict:
    """Per-query and overall recall/precision in the top n + extra, and time per query.
    `reset` (e.g. Searcher.clear_caches) runs before each query, outside the timing, so
    that engines sharing one searcher do not profit from each other's cached lookups."""
    judged = load() if judged is None else judged
    run = _search_fn(engine)
    rows, times = [], []
    for j in judged:
        k = len(j.relevant) + extra
        if reset is not None:
            reset()
        t = time.perf_counter()
        ids = run(j.query, k)[:k]
        times.append(time.perf_counter() - t)
        found = [i for i in ids if i in j.relevant]
        rows.append(
            {
                "query": j.query,
                "kind": list(j.kinds),
                "n": len(j.relevant),
                "k": k,
                "shown": len(ids),
                "found": len(found),
                "recall": round(len(found) / len(j.relevant), 4),
                "precision": round(len(found) / len(ids), 4) if ids else None,
                "missed": [i for i in j.relevant if i not in found],
                "ms": round(times[-1] * 1000, 3),
            }
        )
    return {"extra": extra, "overall": summary(rows, times), "by_kind": by_kind(rows), "rows": rows}


def summary(rows: list[dict], times: list[float] | None = None) -> dict:
    answered = [r for r in rows if r["precision"] is not None]
    out = {
        "queries": len(rows),
        "judged": sum(r["n"] for r in rows),
        "zero_results": len(rows) - len(answered),
        "recall": round(statistics.mean(r["recall"] for r in rows), 4) if rows else 0.0,
        "recall_micro": round(sum(r["found"] for r in rows) / max(1, sum(r["n"] for r in rows)), 4),
        "precision": round(statistics.mean(r["precision"] for r in answered), 4)
        if answered
        else None,
    }
    if times:
        s = sorted(times)
        out["p50_ms"] = round(statistics.median(s) * 1000, 3)
        out["p95_ms"] = round(s[min(len(s) - 1, round(0.95 * (len(s) - 1)))] * 1000, 3)
    return out


def by_kind(rows: list[dict]) -> dict[str, dict]:
    kinds = sorted({k for r in rows for k in r["kind"]})
    return {k: summary([r for r in rows if k in r["kind"]]) for k in kinds}


def render(reports: dict[str, dict], per_query: bool = True) -> str:
    """Tables for one or more engines evaluated on the same set (name → evaluate())."""
    first = next(iter(reports.values()))
    o = first["overall"]
    lines = [
        f"search quality: {o['queries']} judged queries, {o['judged']} judged measures; "
        f"recall and precision in the top n + {first['extra']}",
        f"{'engine':<10}{'recall':>8}{'micro':>8}{'prec.':>8}{'zero':>6}{'p50 ms':>9}{'p95 ms':>9}",
    ]
    for name, rep in reports.items():
        o = rep["overall"]
        prec = "-" if o["precision"] is None else f"{o['precision']:.3f}"
        lines.append(
            f"{name:<10}{o['recall']:>8.3f}{o['recall_micro']:>8.3f}{prec:>8}"
            f"{o['zero_results']:>6}{o['p50_ms']:>9.2f}{o['p95_ms']:>9.2f}"
        )
    lines.append("")
    lines.append("recall by kind: " + "  ".join(f"{name}" for name in reports))
    for kind in first["by_kind"]:
        cells = "  ".join(
            f"{rep['by_kind'][kind]['recall']:.2f}/{_p(rep['by_kind'][kind]['precision'])}"
            for rep in reports.values()
        )
        lines.append(f"  {kind:<9}({first['by_kind'][kind]['queries']:>2}) {cells}")
    if per_query:
        lines.append("")
        lines.append("per query (recall/precision per engine):")
        for i, row in enumerate(first["rows"]):
            cells = "  ".join(
                f"{rep['rows'][i]['recall']:.2f}/{_p(rep['rows'][i]['precision'])}"
                for rep in reports.values()
            )
            lines.append(f"  {row['query']:<24} n={row['n']:<3} {cells}")
    return "\n".join(lines)


def _p(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}"


ENGINES = ("exact", "tier2")  # the shipped engine: exact tier alone, and with tier 2
PROTOTYPES = ("variants", "ngram", "vocab", "morph")  # desktop/search/near.py (decision 0003)


def bench(methods: list[str]) -> dict:
    """Evaluate the engine (exact = `exact=True`, tier2 = the default search) and the
    named tier-2 prototypes of decision 0003 in one run."""
    from desktop.search import Searcher

    searcher = Searcher.open()
    setup: dict[str, float] = {}
    engines = {}
    for m in methods:
        if m == "exact":
            engines[m] = _engine(searcher, exact=True)
        elif m == "tier2":
            engines[m] = _engine(searcher, exact=False)
    if set(methods) & set(PROTOTYPES):
        engines.update(_prototypes(searcher, methods, setup))
    vocab = searcher.vocabulary
    judged = load()
    reports = {
        m: evaluate(engines[m], judged, reset=searcher.clear_caches)
        for m in methods
        if m in engines
    }
    searcher.close()
    table, vocabulary = vocab.table, vocab.words
    return {
        "methods": list(reports),
        "known_methods": [*ENGINES, *PROTOTYPES],
        "variant_table": {
            "spellings": len(table),
            "json_bytes": len(
                json.dumps(table, ensure_ascii=False, separators=(",", ":")).encode()
            ),
        },
        "vocabulary_words": len(vocabulary),
        "setup": setup,
        "reports": reports,
    }


class ExactOnly:
    """A Searcher with tier 2 off: the exact engine the prototypes build on."""

    def __init__(self, searcher):
        self.searcher = searcher

    def search(self, query: str, *, limit: int | None = None, **options):
        return self.searcher.search(query, limit=limit, exact=True, **options)


def _engine(searcher, exact: bool):
    def search(query: str, limit: int):
        return searcher.search(query, limit=limit, exact=exact)

    return search


def _prototypes(searcher, methods: list[str], setup: dict) -> dict:
    """The prototypes of decision 0003 over the same searcher (exact) and the same
    variant table and word list as the engine (the build's)."""
    from desktop.catalogue import Catalogue
    from desktop.search.near import NearIndex, TierTwo, measure_texts

    exact = ExactOnly(searcher)
    vocab = searcher.vocabulary
    t = time.perf_counter()
    index = NearIndex(measure_texts(Catalogue.open(ensure=False)), vocab.table, set(vocab.words))
    setup["near_index_ms"] = round((time.perf_counter() - t) * 1000, 1)
    return {m: TierTwo(exact, index, m) for m in methods if m in PROTOTYPES}
