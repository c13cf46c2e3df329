"""`shisaku bench restore`: how restore scales (it was quadratic: 10⁵ notes took minutes).

A synthetic backup of N notes (every other one an orphan, each with one earlier version) and a
collection of N bookmarks is restored into a fresh store, then again into the store that now
holds it (the merge path). The same is done with N/10 in the same run: time per note at N
divided by time per note at N/10 is about 1 when restore is linear.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time

from desktop import __version__
from desktop.userdata.backup import FORMAT, VERSION, restore
from desktop.userdata.store import UserStore

T0 = "2025-06-01T09:00:00.000000+00:00"
T1 = "2025-06-02T09:00:00.000000+00:00"


def synthetic_backup(n: int, annotations: bool = False) -> dict:
    """annotations: also n highlights (every other one an orphan) and a tag on n measures
    (the tests' restores; the bench keeps the figures of docs/performance.md comparable)."""
    notes, items = [], []
    for i in range(n):
        orphan = i % 2 == 1
        mid, title = f"9-{i}", f"施策 {i}"
        notes.append(
            {
                "measure_id": mid,
                "title": title,
                "text": f"メモ {i} " + "会議で確認する事項。" * 20,
                "created": T0,
                "updated": T1,
                "orphan": orphan,
                "history": [{"text": f"前の版 {i}", "saved": T0, "replaced": T1}],
            }
        )
        items.append({"measure_id": mid, "title": title, "added": T0, "orphan": orphan})
    exact = "会議で確認する事項。"
    highlights = [
        {
            "uid": f"{i:032x}",
            "measure_id": f"9-{i}",
            "title": f"施策 {i}",
            "start": 0,
            "end": len(exact),
            "exact": exact,
            "prefix": "",
            "suffix": f"ハイライト {i}",
            "colour": "yellow",
            "comment": f"コメント {i}",
            "created": T0,
            "updated": T1,
            "body_hash": "",
            "orphan": i % 2 == 1,
        }
        for i in range(n if annotations else 0)
    ]
    tags = [{"name": "要確認", "created": T0, "items": items}] if annotations else []
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported": T1,
        "app_version": __version__,
        "notes": notes,
        "collections": [{"name": "ブックマーク", "created": T0, "items": items}],
        "highlights": highlights,
        "tags": tags,
    }


def timed_restores(n: int) -> tuple[float, float]:
    """(into an empty store, again into the store that holds it), in seconds."""
    data = synthetic_backup(n)
    with tempfile.TemporaryDirectory(prefix="shisaku-bench-") as tmp:
        with UserStore.open(tmp) as store:
            t = time.perf_counter()
            restore(store, data)
            fresh = time.perf_counter() - t
            t = time.perf_counter()
            restore(store, data)
            merge = time.perf_counter() - t
    return fresh, merge


def run(notes: int, runs: int, as_json: bool) -> int:
    res: dict[str, float | int] = {"notes": notes, "runs": runs}
    for label, n in (("small", max(1, notes // 10)), ("full", notes)):
        times = [timed_restores(n) for _ in range(max(1, runs))]
        res[f"{label}_notes"] = n
        res[f"{label}_restore_median_s"] = statistics.median(t[0] for t in times)
        res[f"{label}_merge_median_s"] = statistics.median(t[1] for t in times)
    for kind in ("restore", "merge"):
        per_full = res[f"full_{kind}_median_s"] / res["full_notes"]
        per_small = res[f"small_{kind}_median_s"] / res["small_notes"]
        res[f"{kind}_per_note_ratio"] = per_full / per_small
    if as_json:
        print(json.dumps(res))
        return 0
    for label in ("small", "full"):
        print(
            f"{res[f'{label}_notes']:>7} notes: restore median"
            f" {res[f'{label}_restore_median_s']:.2f} s, merge again"
            f" {res[f'{label}_merge_median_s']:.2f} s"
        )
    print(
        f"time per note, {res['full_notes']} vs {res['small_notes']}: restore"
        f" ×{res['restore_per_note_ratio']:.2f}, merge ×{res['merge_per_note_ratio']:.2f}"
        f" (1.0 = linear; {runs} runs)"
    )
    return 0
