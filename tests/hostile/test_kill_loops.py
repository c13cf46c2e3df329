"""SIGKILL at random moments of the store's riskiest steps: creating it, migrating it (with its
private copy), restoring a large backup. After every kill the store opens without a recovery
notice, holds all or nothing of the interrupted step, and every file is private.

Marked `kill_loop`: a short run by default; SHISAKU_KILL_LOOPS=N runs N rounds of each
(CI: `SHISAKU_KILL_LOOPS=100 pytest -m kill_loop`)."""

from __future__ import annotations

import json
import os
import random
import signal
import stat
import subprocess
import sys
import time

import pytest

from desktop.userdata import UserStore
from desktop.userdata.bench import synthetic_backup
from desktop.userdata.connection import FILE_NAME
from tests.hostile.helpers import ROOT
from tests.userdata.test_migrations import make_file

pytestmark = [
    pytest.mark.kill_loop,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals"),
]
ROUNDS = int(os.environ.get("SHISAKU_KILL_LOOPS", "3"))
SEED = os.environ.get("SHISAKU_CRASH_SEED", "20251203")


def start(args: list[str], data_dir) -> subprocess.Popen:
    env = {**os.environ, "SHISAKU_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "desktop", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def kill_after(proc: subprocess.Popen, seconds: float) -> bytes:
    time.sleep(seconds)
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    err = proc.stderr.read()
    proc.stderr.close()
    return err


def all_private(folder) -> None:
    if not folder.exists():  # killed before it made the folder
        return
    for p in folder.iterdir():
        if p.is_file() and not p.is_symlink():
            assert stat.S_IMODE(p.stat().st_mode) & 0o077 == 0, (p.name, oct(p.stat().st_mode))


def test_kill_while_creating_or_migrating(tmp_path):
    rng = random.Random(SEED)
    for k in range(ROUNDS):
        folder = tmp_path / f"r{k}"
        if k % 2:
            make_file(folder, 2)  # an older store: the kill may land in its migration
            os.chmod(folder / FILE_NAME, 0o600)  # as that older version left it
        err = kill_after(start(["collection", "list"], folder), rng.uniform(0.05, 0.6))
        assert b"Traceback" not in err, err.decode()
        all_private(folder)
        with UserStore.open(folder) as s:
            assert not s.notice, s.notice  # never an empty file taken for damage
            assert s.integrity_ok()
            if k % 2:
                assert s.get_note("1-1-1").text == "note one 😀"
        assert not list(folder.glob("*.corrupt-*"))
        all_private(folder)


def test_kill_while_restoring_keeps_all_or_nothing(tmp_path, catalogue):
    rng = random.Random(SEED)
    backup = tmp_path / "big.json"
    data = synthetic_backup(3000, annotations=True)  # highlights and tags too
    backup.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    folder = tmp_path / "ud"
    with UserStore.open(folder) as s:
        s.set_note("1-1-1", catalogue.require("1-1-1").title, "before the restore")
    for _ in range(ROUNDS):
        err = kill_after(start(["restore", str(backup)], folder), rng.uniform(0.2, 2.0))
        assert b"Traceback" not in err, err.decode()
        with UserStore.open(folder) as s:
            assert not s.notice and s.integrity_ok()
            notes = s.list_notes(include_empty=True)
            assert s.get_note("1-1-1").text == "before the restore"
            assert len(notes) in (1, 1 + len(data["notes"]))  # all or nothing
            restored = len(notes) > 1
            assert len(s.highlights()) == (len(data["highlights"]) if restored else 0)
            links = sum(t.count + t.orphans for t in s.tags())
            assert links == (len(data["tags"][0]["items"]) if restored else 0)
            s._con.execute("DELETE FROM notes WHERE measure_id != '1-1-1'")
            s._con.execute("DELETE FROM bookmarks")
            s._con.execute("DELETE FROM highlights")
            s._con.execute("DELETE FROM tags")
        all_private(folder)
