"""UI benchmarks (not tests): `shisaku bench startup` and `shisaku bench ui`.

startup: the parent starts N fresh processes (`bench startup --child`); each child asks
for a running window (as every launch does), builds the real window and prints a line once
the window has painted with the tree filled; the
parent's clock runs from just before spawning to reading that line, so interpreter start,
imports, catalogue, user data and the first paint are all inside. Median reported.

ui: in one process, the real window (offscreen unless a display is set). For every query of
the search benchmark, typed one character at a time, one "keystroke" is: the debounced
search runs (search with notes and facets, results model reset, filter counts) and the
result list is repainted synchronously. The debounce delay itself is not counted. Also the
time to open a measure (reading view + note + related + repaint) and peak RSS.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

TARGETS = {"first_paint_s": 0.8, "keystroke_p95_ms": 30.0, "rss_mb": 150.0}


def child_command(baseline: bool = False) -> list[str]:
    extra = ["--baseline"] if baseline else []
    if getattr(sys, "frozen", False):
        return [sys.executable, "bench", "startup", "--child", *extra]
    return [sys.executable, "-m", "desktop", "bench", "startup", "--child", *extra]


def baseline_child() -> int:
    """The floor to compare with: same interpreter, same Qt start, one blank widget painted."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QWidget

    from desktop.ui.app import make_app

    app = make_app()

    class Blank(QWidget):
        shown = False

        def paintEvent(self, event) -> None:
            super().paintEvent(event)
            if not self.shown:
                self.shown = True
                print("painted 1", flush=True)
                QTimer.singleShot(0, app.quit)

    w = Blank()
    w.resize(1280, 800)
    w.show()
    app.exec()
    return 0


def startup_child() -> int:
    from desktop.ui.app import make_app

    app = make_app()
    from desktop.ui import single_instance
    from desktop.ui.context import AppContext
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings

    data = os.environ["SHISAKU_DATA_DIR"]
    single_instance.hand_off(data)  # as a real launch: is a window already running?
    settings = Settings.open(data)
    settings.set("last_location", "1-1-28")  # a returning user: the last measure reopens
    ctx = AppContext.open(data)
    win = MainWindow(ctx, settings)

    def done() -> None:
        filled = len(win.toc_model.measure_nodes()) == len(ctx.catalogue)
        print(f"painted {int(filled)}", flush=True)
        app.quit()

    win.painted.connect(done)
    win.show()
    app.exec()
    ctx.close()
    return 0


def _time_child(baseline: bool) -> float:
    with tempfile.TemporaryDirectory(prefix="shisaku-bench-") as tmp:
        env = {**os.environ, "SHISAKU_DATA_DIR": tmp}
        t0 = time.perf_counter()
        p = subprocess.Popen(
            child_command(baseline),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        line = p.stdout.readline()
        t1 = time.perf_counter()
        _out, err = p.communicate(timeout=60)
    if not line.startswith("painted 1"):
        raise RuntimeError(f"child failed ({line.strip() or p.returncode})\n{err}")
    return t1 - t0


def startup(runs: int = 5, as_json: bool = False) -> int:
    """Our first paint and, interleaved in the same run, a blank Qt window's (the baseline)."""
    times, base = [], []
    try:
        for _ in range(max(1, runs)):
            times.append(_time_child(False))
            base.append(_time_child(True))
    except RuntimeError as e:
        print(f"bench startup: {e}", file=sys.stderr)
        return 1
    median, base_median = statistics.median(times), statistics.median(base)
    result = {
        "runs": [round(t, 3) for t in times],
        "median_s": round(median, 3),
        "baseline_runs": [round(t, 3) for t in base],
        "baseline_median_s": round(base_median, 3),
        "ratio_to_baseline": round(median / base_median, 2),
        "target_s": TARGETS["first_paint_s"],
        "platform": os.environ.get("QT_QPA_PLATFORM") or "default",
    }
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(
            f"first paint with tree filled: median {median:.3f} s over {len(times)} fresh "
            f"processes ({', '.join(f'{t:.3f}' for t in times)}); target ≤ "
            f"{TARGETS['first_paint_s']} s\n"
            f"baseline (blank Qt window, same run): median {base_median:.3f} s; "
            f"ours is {median / base_median:.2f}× the baseline"
        )
    return 0


def percentile(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q * (len(s) - 1))))]


def peak_rss_mb() -> float:
    try:
        import resource

        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024
    except ImportError:  # Windows
        return float("nan")


def ui(as_json: bool = False) -> int:
    from desktop.search.bench import QUERIES
    from desktop.ui.app import make_app

    app = make_app()
    from desktop.ui.context import AppContext
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings

    with tempfile.TemporaryDirectory(prefix="shisaku-bench-") as tmp:
        ctx = AppContext.open(tmp)
        for m in ctx.catalogue.measures[:30]:  # a user with some notes: search looks in them
            ctx.store.set_note(m.id, m.title, f"メモ {m.title[:10]} 確認")
        win = MainWindow(ctx, Settings.open(tmp))
        win.resize(1280, 800)
        win.show()
        app.processEvents()
        lst = win.results.list

        def keystroke(text: str) -> float:
            win.search_box.blockSignals(True)
            win.search_box.setText(text)
            win.search_box.blockSignals(False)
            t0 = time.perf_counter()
            win.run_search(text)
            lst.viewport().repaint()
            return (time.perf_counter() - t0) * 1000

        prefixes = [q[:i] for q in QUERIES for i in range(1, len(q) + 1)]
        for text in prefixes:  # warm-up: imports, fonts, glyph caches
            keystroke(text)
        samples = []
        for _ in range(3):
            for text in prefixes:
                ctx.searcher.clear_caches()
                samples.append(keystroke(text))
        win.clear_search()

        opens = []
        ids = [m.id for m in ctx.catalogue.measures]
        for mid in ids[::7]:
            t0 = time.perf_counter()
            win.open_location(mid)
            win.view.viewport().repaint()
            opens.append((time.perf_counter() - t0) * 1000)
        rss = peak_rss_mb()
        win.close()
        ctx.close()

    result = {
        "keystrokes": len(samples),
        "queries": len(QUERIES),
        "keystroke_p50_ms": round(percentile(samples, 0.5), 2),
        "keystroke_p95_ms": round(percentile(samples, 0.95), 2),
        "keystroke_max_ms": round(max(samples), 2),
        "open_measure_p50_ms": round(percentile(opens, 0.5), 2),
        "open_measure_p95_ms": round(percentile(opens, 0.95), 2),
        "peak_rss_mb": round(rss, 1),
        "targets": TARGETS,
        "platform": os.environ.get("QT_QPA_PLATFORM") or "default",
    }
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(
            f"keystroke → results painted ({len(samples)} keystrokes, {len(QUERIES)} queries "
            f"typed a character at a time): p50 {result['keystroke_p50_ms']} ms, "
            f"p95 {result['keystroke_p95_ms']} ms, max {result['keystroke_max_ms']} ms "
            f"(target p95 ≤ {TARGETS['keystroke_p95_ms']} ms)"
        )
        print(
            f"open a measure (view + note + related + paint): p50 "
            f"{result['open_measure_p50_ms']} ms, p95 {result['open_measure_p95_ms']} ms"
        )
        print(f"peak RSS: {result['peak_rss_mb']} MB (target ≤ {TARGETS['rss_mb']} MB)")
    return 0
