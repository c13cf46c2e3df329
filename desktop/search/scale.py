"""`shisaku bench scale --factor N`: the app on an N× catalogue (a benchmark, not a test).

1. Build an N× catalogue and index in a temporary folder with the real build functions
   (desktop.search.synthetic): build time, catalogue and index size.
2. First paint: fresh processes of the app's own start-up probe (`bench startup --child`,
   returning user, tree filled) on that folder, interleaved with the blank-Qt-window
   baseline of `bench startup`; medians and the ratio.
3. One child process with the real window on that folder (desktop.ui.scale_probe): 20
   searches typed into the window, then the process's resident memory; search latency of
   the engine (the `bench search` protocol: its 58 queries, top 20 with snippets, caches
   cleared before every query); every benchmark query typed a character at a time
   (keystroke → results painted, as `bench ui`); opening measures; peak memory.

This module stays Qt-free: the window side runs in the child, started through the CLI.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from desktop import paths

# The targets (issue 16); at 1× the memory target is 100 MB after 20 searches.
TARGETS = {
    "first_paint_s": 0.6,
    "search_p95_ms": 20.0,
    "keystroke_p95_ms": 50.0,
    "rss_mb": 250.0,
    "rss_1x_mb": 100.0,
}


def shisaku_command(*args: str) -> list[str]:
    if paths.frozen():
        return [sys.executable, *args]
    return [sys.executable, "-m", "desktop", *args]


def prepare(factor: int, build_dir: Path | None) -> tuple[Path, dict, bool]:
    """The N× build folder: `build_dir` if it already holds a current N× build (reused),
    else built fresh there or in a new temporary folder. Returns (folder, build info,
    temporary?)."""
    from desktop.search.synthetic import build_synthetic

    temporary = build_dir is None
    out = Path(tempfile.mkdtemp(prefix="shisaku-scale-")) if build_dir is None else Path(build_dir)
    info = None if temporary else reusable(out, factor)
    if info is None:
        if not temporary and out.exists():
            shutil.rmtree(out)
        info = build_synthetic(factor, out)
        _record(out, info)
        info["reused"] = False
    return out, info, temporary


def reusable(out: Path, factor: int) -> dict | None:
    """The recorded build info if `out` holds a current N× build, else None."""
    from db.build import built_meta, is_stale

    meta = built_meta(out)
    if not meta or meta.get("synthetic_factor") != str(factor) or is_stale(out):
        return None
    try:
        info = json.loads(meta.get("synthetic_build", ""))
    except ValueError:
        return None
    info["reused"] = True
    return info


def _record(out: Path, info: dict) -> None:
    con = sqlite3.connect(paths.catalogue_path(out))
    try:
        con.execute(
            "insert or replace into meta (key, value) values ('synthetic_build', ?)",
            (json.dumps(info),),
        )
        con.commit()
    finally:
        con.close()


def size_mb(path: Path) -> float:
    """Size of a file or of every file under a folder, MB (10⁶ bytes)."""
    path = Path(path)
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return round(sum(p.stat().st_size for p in files) / 1e6, 2)


def _time_first_paint(build: Path, baseline: bool | str) -> float:
    """Spawn → "painted" of `bench startup --child`: our window (False), the blank window
    through the app's CLI (True, "baseline") or the blank PySide6 window ("blank")."""
    kind = baseline if isinstance(baseline, str) else ("baseline" if baseline else "app")
    extra = {"app": [], "baseline": ["--baseline"], "blank": ["--blank"]}[kind]
    args = ["bench", "startup", "--child", *extra]
    with tempfile.TemporaryDirectory(prefix="shisaku-scale-data-") as data:
        env = {**os.environ, "SHISAKU_DATA_DIR": data, "SHISAKU_BUILD_DIR": str(build)}
        t0 = time.perf_counter()
        p = subprocess.Popen(
            shisaku_command(*args),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
            encoding="utf-8",
        )
        assert p.stdout is not None  # stdout=PIPE
        line = p.stdout.readline()
        t1 = time.perf_counter()
        _out, err = p.communicate(timeout=300)
    if not line.startswith("painted 1"):
        raise RuntimeError(f"start-up child failed ({line.strip() or p.returncode})\n{err}")
    return t1 - t0


def first_paint(build: Path, runs: int) -> dict:
    ours, base, blank = [], [], []
    for _ in range(max(1, runs)):
        ours.append(_time_first_paint(build, False))
        blank.append(_time_first_paint(build, "blank"))
        base.append(_time_first_paint(build, True))
    median = statistics.median(ours)
    return {
        "runs": [round(t, 3) for t in ours],
        "median_s": round(median, 3),
        "blank_runs": [round(t, 3) for t in blank],
        "blank_median_s": round(statistics.median(blank), 3),
        "ratio_to_blank": round(median / statistics.median(blank), 2),
        "baseline_runs": [round(t, 3) for t in base],
        "baseline_median_s": round(statistics.median(base), 3),
        "ratio_to_baseline": round(median / statistics.median(base), 2),
    }


def window_probe(
    build: Path, factor: int, rounds: int, keystroke_rounds: int, queries: int | None = None
) -> dict:
    args = ["bench", "scale", "--child", str(build), "--factor", str(factor)]
    args += ["--rounds", str(rounds), "--keystroke-rounds", str(keystroke_rounds)]
    if queries:
        args += ["--queries", str(queries)]
    out = subprocess.run(
        shisaku_command(*args),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "SHISAKU_BUILD_DIR": str(build)},
        timeout=7200,
    )
    if out.returncode != 0:
        raise RuntimeError(f"window probe failed ({out.returncode})\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(
    factor: int,
    *,
    runs: int = 5,
    rounds: int = 5,
    keystroke_rounds: int = 1,
    build_dir: Path | None = None,
    queries: int | None = None,
) -> dict:
    build, info, temporary = prepare(factor, build_dir)
    try:
        report = {
            "factor": factor,
            "measures": info["measures"],
            "build": info,
            "catalogue_mb": size_mb(paths.catalogue_path(build)),
            "index_mb": size_mb(paths.index_dir(build)),
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
            "platform": os.environ.get("QT_QPA_PLATFORM") or "default",
        }
        report["first_paint"] = first_paint(build, runs)
        report["window"] = window_probe(build, factor, rounds, keystroke_rounds, queries)
        report["targets"] = TARGETS
        return report
    finally:
        if temporary:
            shutil.rmtree(build, ignore_errors=True)


# -- the engine part of the window probe (runs in the child, no Qt here) --------------------


def percentile(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q * (len(s) - 1))))]


def time_searches(searcher, queries: list[str], rounds: int, limit: int = 20) -> dict:
    """The `bench search` protocol for our engine: a warm-up pass, then `rounds` rounds of
    every query (top `limit` with snippets), the per-query caches cleared before each.
    Every hit's marked title and snippet are read (they are cut when first read)."""

    def search(q: str) -> None:
        for h in searcher.search(q, limit=limit):
            h.snippet, h.title_marked  # noqa: B018

    for q in queries:
        search(q)
    samples = []
    per_query: dict[str, list[float]] = {q: [] for q in queries}
    for _ in range(max(1, rounds)):
        for q in queries:
            searcher.clear_caches()
            t = time.perf_counter()
            search(q)
            dt = (time.perf_counter() - t) * 1000
            samples.append(dt)
            per_query[q].append(dt)
    slowest = sorted(per_query.items(), key=lambda kv: -statistics.median(kv[1]))[:5]
    return {
        "queries": len(queries),
        "rounds": rounds,
        "limit": limit,
        "p50_ms": round(percentile(samples, 0.5), 3),
        "p95_ms": round(percentile(samples, 0.95), 3),
        "max_ms": round(max(samples), 3),
        "slowest_median_ms": {q: round(statistics.median(v), 2) for q, v in slowest},
    }


def render(r: dict) -> str:
    w, fp, b = r["window"], r["first_paint"], r["build"]
    s = w["search"]
    reused = " (reused build)" if b.get("reused") else ""
    return "\n".join(
        [
            f"scale {r['factor']}×: {r['measures']} measures; {r['cpus']} CPUs, "
            f"Python {r['python']}, Qt platform {r['platform']}",
            f"build {b['build_s']} s (catalogue {b['catalogue_s']} s, index {b['index_s']} s)"
            f"{reused}; catalogue {r['catalogue_mb']} MB, index {r['index_mb']} MB",
            f"first paint median {fp['median_s']} s over {len(fp['runs'])} processes; blank "
            f"PySide6 window {fp['blank_median_s']} s, ratio {fp['ratio_to_blank']}; blank "
            f"window through the app's CLI {fp['baseline_median_s']} s, ratio "
            f"{fp['ratio_to_baseline']}",
            f"search ({s['queries']} queries × {s['rounds']} rounds, top {s['limit']}): "
            f"p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms, max {s['max_ms']} ms",
            f"key → painted from the key event ({w['key_to_paint_keys']} keys): p50 "
            f"{w['key_to_paint_p50_ms']} ms, p95 {w['key_to_paint_p95_ms']} ms",
            f"keystroke, run_search + list repaint only ({w['keystrokes']} keystrokes): p50 "
            f"{w['keystroke_p50_ms']} ms, p95 {w['keystroke_p95_ms']} ms",
            f"open a measure: p50 {w['open_measure_p50_ms']} ms, p95 {w['open_measure_p95_ms']} ms",
            f"memory (RSS): {w['rss_after_20_searches_mb']} MB after 20 searches, peak "
            f"{w['peak_rss_mb']} MB",
        ]
    )
