"""The floors of `bench startup` (desktop/ui/bench.py): each child paints once, says so
with its CPU time, exits 0, and loads none of the app (the floors measure Qt alone)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.ui.conftest import run_python

ROOT = Path(__file__).resolve().parents[2]

# printed by the child at exit: which of our modules it had loaded
PROBE = (
    "import atexit, sys; atexit.register(lambda: print('ours', sorted(m for m in sys.modules"
    " if m.split('.')[0] in ('desktop', 'db')), flush=True)); import runpy;"
    " sys.argv = ['desktop', *sys.argv[1:]]; runpy.run_module('desktop', run_name='__main__')"
)


def child(tmp_path, *extra: str) -> list[str]:
    """Run one start-up child as `bench startup` does; its output lines."""
    lines = run_python(
        PROBE, "bench", "startup", "--child", *extra, env={"SHISAKU_DATA_DIR": str(tmp_path)}
    )
    assert lines[0].startswith("painted 1 cpu ") and float(lines[0].split()[3]) > 0
    return lines


@pytest.mark.parametrize(
    "kind, module", [("--blank", "desktop.ui.blank_window"), ("--floor", "desktop.ui.floor_window")]
)
def test_floor_child_paints_once_without_the_app(tmp_path, kind, module):
    lines = child(tmp_path, kind)
    loaded = ast.literal_eval(lines[-1].removeprefix("ours "))  # printed by the probe
    assert set(loaded) <= {"desktop", "desktop.ui", "desktop.ui.blank_window", module}, loaded


@pytest.mark.parametrize("extra", [(), ("--baseline",)])
def test_app_children_paint_once(tmp_path, extra):
    """Our window and the blank one made through the app's CLI (the fast path of
    desktop.cli.main.quick_start, which once lacked an option the handler read)."""
    lines = child(tmp_path, *extra)
    assert "desktop.ui.app" in lines[-1]
