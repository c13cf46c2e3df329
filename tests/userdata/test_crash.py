"""SIGKILL a writer at random moments: the store stays intact and keeps every acknowledged
write. Also two writers at once lose nothing."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time

import pytest

from desktop.userdata import UserStore
from tests.userdata.checks import acks, check_acked, writes_of
from tests.userdata.helpers import ROOT

KILLS = 60


def start_writer(data_dir, prefix: str, start: int, count: int, *extra: str):
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.userdata.writer",
            str(data_dir),
            prefix,
            str(start),
            str(count),
            *extra,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    first = threading.Event()

    def read():
        for line in proc.stdout:
            lines.append(line.strip())
            first.set()
        first.set()

    t = threading.Thread(target=read, daemon=True)
    t.start()
    return proc, lines, first, t


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")
def test_sigkill_at_random_moments_keeps_acknowledged_writes(tmp_path):
    rng = random.Random(os.environ.get("SHISAKU_CRASH_SEED", "20251203"))
    data = tmp_path / "ud"
    all_acked: list[int] = []
    mid_write_kills = 0
    for k in range(KILLS):
        proc, lines, first, reader = start_writer(data, "", k * 100_000, 1_000_000)
        if k % 3 == 0:
            time.sleep(rng.uniform(0.0, 0.25))  # anywhere: start-up, opening, writing
        else:
            first.wait(10)  # the store is open: kill while it writes
            time.sleep(rng.uniform(0.0, 0.08))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        reader.join(10)
        err = proc.stderr.read()
        proc.stderr.close()
        assert proc.returncode == -signal.SIGKILL, err
        acked = acks(lines)
        mid_write_kills += bool(acked)
        all_acked += acked
        with UserStore.open(data) as store:
            assert store.recovery is None, store.recovery.message
            assert store.integrity_ok()
            check_acked(store, "", acked)
    print(f"\n{KILLS} kills, {mid_write_kills} mid-write, {len(all_acked)} acknowledged writes")
    assert mid_write_kills >= KILLS // 2  # most kills hit a process that was writing
    assert len(all_acked) > KILLS
    with UserStore.open(data) as store:
        check_acked(store, "", all_acked)
    assert not list(data.glob("*.corrupt-*"))


def test_two_writers_at_once_lose_nothing(tmp_path):
    data = tmp_path / "ud"
    UserStore.open(data).close()
    writers = [start_writer(data, p, 0, 200) for p in ("app-", "cli-")]
    results = []
    for proc, lines, _first, reader in writers:
        proc.wait(120)
        reader.join(10)
        results.append((proc.returncode, acks(lines), proc.stderr.read()))
        proc.stderr.close()
    with UserStore.open(data) as store:
        for (code, acked, err), prefix in zip(results, ("app-", "cli-"), strict=True):
            assert code == 0, err
            assert acked == list(range(200))
            check_acked(store, prefix, acked)
        assert len(store.bookmarks()) == 2 * writes_of(2, 200)
        assert len(store.highlights()) == 2 * writes_of(4, 200)
        assert store.integrity_ok()


def test_app_connection_and_cli_process_interleave(tmp_path):
    """The app keeps its store open while a CLI process writes; both sets of writes stay."""
    data = tmp_path / "ud"
    with UserStore.open(data) as app:
        proc, lines, _first, reader = start_writer(data, "cli-", 0, 100)
        for i in range(100):
            app.set_note(f"app-{i}", "t", f"app {i}")
            app.add_bookmark(f"app-b{i}", "t")
        proc.wait(120)
        reader.join(10)
        assert proc.returncode == 0, proc.stderr.read()
        proc.stderr.close()
        check_acked(app, "cli-", acks(lines))
        assert all(app.get_note(f"app-{i}").text == f"app {i}" for i in range(100))
        assert len(app.bookmarks()) == 100 + writes_of(2, 100)
