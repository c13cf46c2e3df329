"""The floors of `bench startup` (desktop/ui/bench.py): each child paints once, says so
with its CPU time, exits 0, and loads none of the app (the floors measure Qt alone)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# printed by the child at exit: which of our modules it had loaded
PROBE = (
    "import atexit, sys; atexit.register(lambda: print('ours', sorted(m for m in sys.modules"
    " if m.split('.')[0] in ('desktop', 'db')), flush=True)); import runpy;"
    " sys.argv = ['desktop', *sys.argv[1:]]; runpy.run_module('desktop', run_name='__main__')"
)


@pytest.mark.parametrize(
    "kind, module", [("--blank", "desktop.ui.blank_window"), ("--floor", "desktop.ui.floor_window")]
)
def test_floor_child_paints_once_without_the_app(tmp_path, kind, module):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SHISAKU_DATA_DIR": str(tmp_path)}
    r = subprocess.run(
        [sys.executable, "-c", PROBE, "bench", "startup", "--child", kind],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("painted 1 cpu ") and float(lines[0].split()[3]) > 0
    loaded = ast.literal_eval(lines[-1].removeprefix("ours "))  # printed by the probe
    assert set(loaded) <= {"desktop", "desktop.ui", module}, loaded
