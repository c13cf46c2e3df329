"""`shisaku bench anchor`: how long re-anchoring N highlights takes after a rebuilt catalogue.

N highlights (10–40 characters, at seeded random places in the real bodies) are made against
the current catalogue. A copy of the catalogue is then edited the way a new edition changes
text: a sentence put before every 4th body (the passages move: "quote"), a character changed
and one dropped in the middle of every 7th (a reworded passage: "fuzzy"), full-width letters
and digits made half-width in every 10th (a parser fix: "normalised"), every 25th measure
deleted (orphans). Timed, each on a fresh copy of the store:

  unchanged   relink against the same catalogue: the start-up cost when nothing changed
  rebuilt     relink against the edited copy (the work this bench is about)
  back        relink against the original again (the orphans come back)

Medians over the runs; the counts say how the highlights were placed, and `exact_back` how
many are, after the round trip, exactly where they were made (same measure and offsets).
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path

from db import paths
from desktop.userdata.store import UserStore

PREFIX = "（追記）この施策は見直しの対象である。"


def half_width(c: str) -> str:
    """Ａ → A, ２ → 2; anything else as it is."""
    n = unicodedata.normalize("NFKC", c)
    return n if n != c and n.isascii() and n.isalnum() else c


def edited_copy(catalogue, folder: Path):
    """A copy of the catalogue file with a new edition's kinds of change."""
    from desktop.catalogue import Catalogue

    path = folder / "catalogue.sqlite"
    shutil.copyfile(catalogue.path, path)
    con = sqlite3.connect(path)
    with con:
        for k, m in enumerate(catalogue.measures):
            body = m.body
            if k % 25 == 24:
                for table, col in (("footnotes", "measure_id"), ("measure_bureaus", "measure_id"),
                                   ("measures", "id")):  # fmt: skip
                    con.execute(f"DELETE FROM {table} WHERE {col} = ?", (m.id,))
                continue
            if k % 4 == 0:
                body = PREFIX + body
            if k % 7 == 0 and len(body) > 20:
                mid = len(body) // 2
                body = body[:mid] + "〇" + body[mid + 2 :]
            if k % 10 == 0:
                body = "".join(half_width(c) for c in body)
            if body != m.body:
                con.execute("UPDATE measures SET body = ? WHERE id = ?", (body, m.id))
    con.close()
    return Catalogue(path)


def make_store(catalogue, folder: Path, n: int, seed: int) -> Path:
    rng = random.Random(seed)
    measures = [m for m in catalogue.measures if len(m.body) >= 20]
    with UserStore.open(folder) as store:
        for _ in range(n):
            m = rng.choice(measures)
            length = rng.randint(10, min(40, len(m.body)))
            start = rng.randint(0, len(m.body) - length)
            if not m.body[start : start + length].strip():
                start = 0
            store.add_highlight(m, start, start + length, comment=f"bench {_}")
    return folder


def spans(store) -> dict[str, tuple]:
    return {h.uid: (h.measure_id, h.start, h.end, h.orphan) for h in store.highlights()}


def timed(store_dir: Path, work: Path, steps) -> tuple[list[float], list, int]:
    """Copy the store to a fresh folder and time relink against each catalogue in turn;
    also how many highlights are back where they were made."""
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(store_dir, work)
    times, reports = [], []
    with UserStore.open(work) as store:
        made = spans(store)
        for cat in steps:
            t = time.perf_counter()
            reports.append(store.relink(cat))
            times.append(time.perf_counter() - t)
        now = spans(store)
    return times, reports, sum(now[u] == made[u] for u in made)


def run(n: int, runs: int, seed: int, as_json: bool) -> int:
    from desktop.catalogue import Catalogue

    original = Catalogue.open()
    res: dict = {"highlights": n, "runs": runs}
    with tempfile.TemporaryDirectory(prefix="shisaku-bench-anchor-") as tmp_name:
        tmp = Path(tmp_name)
        edited = edited_copy(original, tmp)
        store_dir = make_store(original, tmp / "store", n, seed)
        samples = [
            timed(store_dir, tmp / "work", (original, edited, original)) for _ in range(runs)
        ]
    for i, label in enumerate(("unchanged", "rebuilt", "back")):
        res[f"{label}_median_s"] = statistics.median(s[0][i] for s in samples)
        report = samples[0][1][i]
        how = Counter(report.anchored)
        how["orphan"] = sum(1 for r in report.orphaned if r[0] == "highlight")
        res[f"{label}_placed"] = dict(how)
    res["exact_back"] = samples[0][2]
    res["rebuilt_vs_unchanged"] = res["rebuilt_median_s"] / max(res["unchanged_median_s"], 1e-9)
    res["catalogue"] = str(paths.catalogue_path())
    if as_json:
        print(json.dumps(res, ensure_ascii=False))
        return 0
    for label in ("unchanged", "rebuilt", "back"):
        placed = ", ".join(f"{k} {v}" for k, v in sorted(res[f"{label}_placed"].items()) if v)
        print(
            f"{label:>9}: relink of {n} highlights, median {res[f'{label}_median_s'] * 1000:.1f} ms"
            + (f" ({placed})" if placed else "")
        )
    print(f"rebuilt / unchanged: ×{res['rebuilt_vs_unchanged']:.1f} ({runs} runs)")
    print(f"back where they were made after the round trip: {res['exact_back']} of {n}")
    return 0
