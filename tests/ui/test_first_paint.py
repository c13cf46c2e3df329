"""What the first paint does not need is not loaded before it (issue 16): a fresh
interpreter starts the window as a launch does and reports, at its first paint, which of
the heavy modules are loaded and whether the search index is open; and what is deferred
does run right after that paint."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tests.ui.conftest import run_python

ROOT = Path(__file__).resolve().parents[2]

# loaded only after the first paint or on demand
LATER = (
    "desktop.search",  # the search engine (the index opens after the paint)
    "db.parse",  # the parser (only to rebuild a stale catalogue)
    "db.build",
    "desktop.brief.model",  # briefs
    "desktop.brief.render_pdf",
    "PySide6.QtNetwork",  # the one-app-per-user check needs no Qt networking
    "multiprocessing.connection",  # its listener starts after the paint
    "db.analysis",  # normalising (type-ahead, find in measure, search)
    "desktop.crashlog",  # the error log, written only when something goes wrong
    "desktop.ui.widgets.result_delegate",  # drawing result rows (touches QStyle's enums)
    "desktop.ui.help",  # the help dialogs, made when first asked for
    "desktop.ui.widgets.find_bar",  # find in the measure, made with the first Ctrl+F
    "desktop.userdata.reanchor",  # placing highlights again: only for a changed catalogue
    "desktop.ui.widgets.notes_panel",  # the メモ tab, made after the paint (0009)
    "desktop.ui.annotate.highlight_list",
)

CHILD = """
import json, linecache, sys
from PySide6.QtCore import QTimer
from desktop.ui.app import make_app
app = make_app(offscreen=True)
from desktop.ui import single_instance
from desktop.ui.errors import install
from desktop.ui.context import AppContext
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
data = sys.argv[1]
install(data)  # as desktop.ui.app.run: uncaught errors to a dialog and the log
single_instance.hand_off(data)
claim = single_instance.claim(data)
settings = Settings.open(data)
settings.set("last_location", "1-1-28")  # a returning user: the measure reopens
ctx = AppContext.open(data)
win = MainWindow(ctx, settings)
seen = {}

def painted():
    seen["at_paint"] = {m: m in sys.modules for m in sys.argv[2].split(",")}
    seen["index_open_at_paint"] = ctx.searcher_open
    # PySide's import hook read every module's source into linecache (decision 0007)
    seen["sources_cached"] = [f for f in linecache.cache if f.endswith("main_window.py")]
    QTimer.singleShot(50, after)

def after():
    seen["index_open_after"] = ctx.searcher_open
    seen["related_after"] = "measure:" in win.view.toHtml()  # 関連する施策 filled in
    seen["counts_after"] = win.filters.pillar.itemText(1)
    seen["panels_after"] = sorted(win._panels)  # the hidden tabs, ready for a click
    print(json.dumps(seen), flush=True)
    app.quit()

win.painted.connect(painted)
win.show()
app.exec()
ctx.close()
claim.unlock()
"""


def test_first_paint_loads_nothing_it_does_not_need(tmp_path):
    lines = run_python(CHILD, str(tmp_path / "ud"), ",".join(LATER))
    seen = json.loads(lines[-1])
    loaded = [m for m, yes in seen["at_paint"].items() if yes]
    assert loaded == [], f"loaded before the first paint: {loaded}"
    assert seen["index_open_at_paint"] is False
    assert seen["sources_cached"] == []
    # and right after the paint: the index, the related measures, the 柱 counts
    assert seen["index_open_after"] is True
    assert seen["related_after"] is True
    assert seen["panels_after"] == ["notes"]
    assert seen["counts_after"].endswith("）") and not seen["counts_after"].endswith("（0）")


def test_pyside_hook_answers_as_pyside_does():
    """The cheaper per-import check (desktop.ui.pyside_hook) says "uses PySide6" for exactly
    the modules PySide's own check does."""

    from desktop.ui import pyside_hook

    pyside_hook.install()
    feature = sys.modules["shibokensupport.feature"]
    ours = feature._mod_uses_pyside
    original = ours.original
    modules = [m for m in list(sys.modules.values()) if getattr(m, "__file__", None)]
    assert len(modules) > 100
    answers = {m.__name__: ours(m) for m in modules}
    assert answers == {m.__name__: original(m) for m in modules}
    import db.paths  # noqa: F401
    import desktop.ui.app  # noqa: F401

    assert ours(sys.modules["desktop.ui.app"]) is True
    assert ours(sys.modules["db.paths"]) is False
