"""The window side of `shisaku bench scale` (desktop.search.scale starts it as a child).

The real window on the N× build folder, offscreen unless a display is set, through the same
public pieces `bench ui` uses (run_search, the result list, open_location, the reading
view). Prints one JSON line.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from desktop.memory import resident_mb

SEARCHES_BEFORE_MEMORY = 20


def memory_parts_mb() -> dict:
    """This process's resident memory in parts (Linux): anonymous (what it allocated:
    Python objects, Qt's heap, glyph caches), and the pages of font files it has read
    (file-backed: shared with every program using those fonts, dropped by the kernel under
    pressure, read again when needed). The rest is code and data of the libraries. {}
    elsewhere."""
    import re

    out = {"anonymous_mb": 0.0, "font_file_pages_mb": 0.0}
    try:
        with open("/proc/self/smaps", encoding="utf-8") as f:
            current = ""
            for line in f:
                if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
                    parts = line.split()
                    current = parts[5] if len(parts) > 5 else ""
                elif line.startswith("Anonymous:"):
                    out["anonymous_mb"] += int(line.split()[1]) / 1024
                elif line.startswith("Rss:") and current.endswith((".ttf", ".ttc", ".otf")):
                    out["font_file_pages_mb"] += int(line.split()[1]) / 1024
    except OSError:
        return {}
    return {k: round(v, 1) for k, v in out.items()}


def keystroke(win, text: str) -> float:
    """One keystroke as `bench ui` times it: the debounced search for `text` runs (notes,
    facets, model reset, filter counts) and the result list repaints; ms."""
    win.search_box.blockSignals(True)
    win.search_box.setText(text)
    win.search_box.blockSignals(False)
    t0 = time.perf_counter()
    win.run_search(text)
    win.results.list.viewport().repaint()
    return (time.perf_counter() - t0) * 1000


def probe(
    build_dir: Path, factor: int, rounds: int, keystroke_rounds: int, queries: int | None = None
) -> dict:
    """The window on the N× build: memory after 20 searches, search latency, keystrokes,
    opening measures (the first `queries` benchmark queries; all if None)."""
    from desktop.search.bench import QUERIES
    from desktop.ui.app import make_app

    chosen = QUERIES[:queries] if queries else QUERIES
    app = make_app()
    from desktop.ui.bench import peak_rss_mb, typed_keystrokes
    from desktop.ui.context import AppContext
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings

    with tempfile.TemporaryDirectory(prefix="shisaku-scale-data-") as tmp:
        ctx = AppContext.open(tmp, Path(build_dir))
        n = len(ctx.catalogue)
        if ctx.catalogue.meta.get("synthetic_factor") != str(factor):
            # the app's staleness check must not have rebuilt the real catalogue here
            raise RuntimeError(f"{build_dir} does not hold the {factor}× catalogue")
        for m in ctx.catalogue.measures[:30]:  # a user with some notes, as in `bench ui`
            ctx.store.set_note(m.id, m.title, f"メモ {m.title[:10]} 確認")
        win = MainWindow(ctx, Settings.open(tmp))
        win.resize(1280, 800)
        win.show()
        app.processEvents()

        for q in chosen[:SEARCHES_BEFORE_MEMORY]:
            keystroke(win, q)
        rss_after = resident_mb()
        parts_after = memory_parts_mb()
        # the benchmark's own tools, after the reading
        import statistics

        from desktop.search.scale import percentile, time_searches

        search = time_searches(ctx.searcher, chosen, rounds)

        prefixes = [q[:i] for q in chosen for i in range(1, len(q) + 1)]
        for text in prefixes:  # warm-up: fonts, glyph caches
            keystroke(win, text)
        samples = []
        for _ in range(max(1, keystroke_rounds)):
            for text in prefixes:
                ctx.searcher.clear_caches()
                samples.append(keystroke(win, text))
        win.clear_search()
        typed = typed_keystrokes(app, win, chosen, keystroke_rounds, ctx.searcher.clear_caches)

        opens = []
        ids = [m.id for m in ctx.catalogue.measures]
        for mid in ids[:: max(1, len(ids) // 50)]:
            t0 = time.perf_counter()
            win.open_location(mid)
            win.view.viewport().repaint()
            opens.append((time.perf_counter() - t0) * 1000)
        result = {
            "measures": n,
            "rss_after_20_searches_mb": rss_after,
            "memory_after_20_searches": parts_after,
            "search": search,
            "keystrokes": len(samples),
            "keystroke_p50_ms": round(statistics.median(samples), 2),
            "keystroke_p95_ms": round(percentile(samples, 0.95), 2),
            "keystroke_max_ms": round(max(samples), 2),
            "key_to_paint_keys": len(typed),
            "key_to_paint_p50_ms": round(statistics.median(typed), 2),
            "key_to_paint_p95_ms": round(percentile(typed, 0.95), 2),
            "key_to_paint_max_ms": round(max(typed), 2),
            "opens": len(opens),
            "open_measure_p50_ms": round(statistics.median(opens), 2),
            "open_measure_p95_ms": round(percentile(opens, 0.95), 2),
            "rss_at_end_mb": resident_mb(),
            "peak_rss_mb": round(peak_rss_mb(), 1),
        }
        win.close()
        ctx.close()
    return result


def main(build_dir: str, factor: int, rounds: int, keystroke_rounds: int, queries=None) -> int:
    result = probe(Path(build_dir), factor, rounds, keystroke_rounds, queries)
    print(json.dumps(result), flush=True)
    return 0
