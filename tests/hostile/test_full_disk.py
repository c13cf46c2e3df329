"""#14 item 18: on a 100 % full disk, reading or backing up an existing store failed with a
message about folder permissions. Now the store opens read-only (SQLite cannot even make its
-shm file), reads and backups work, and a change is refused with "disk full"."""

from __future__ import annotations

import errno
import json
import os

import pytest

from desktop.userdata import UserStore
from tests.hostile.helpers import no_traceback, run
from tests.userdata.test_robustness import tmpfs

pytestmark = pytest.mark.skipif(os.name != "posix", reason="mounts a small tmpfs (root)")


def fill(folder) -> None:
    with open(folder / "filler", "wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError as e:
            assert e.errno == errno.ENOSPC
    # and the last few blocks
    n = 0
    while True:
        try:
            with open(folder / f"crumb{n}", "wb") as f:
                f.write(b"\0" * 512)
            n += 1
        except OSError:
            break


def test_reads_and_backup_work_and_say_the_disk_is_full(tmp_path):
    with tmpfs(tmp_path / "small", "1m") as mnt:
        folder = mnt / "ud"
        with UserStore.open(folder) as s:
            s.set_note("1-1-28", "t", "満杯でも読めるメモ")
        fill(mnt)

        r = run("note", "list", "--json", data_dir=folder)
        no_traceback(r)
        assert r.returncode == 0, r.stderr.decode()
        assert [n["text"] for n in json.loads(r.stdout)] == ["満杯でも読めるメモ"]
        assert "disk full" in r.stderr.decode()

        out = tmp_path / "backup.json"
        r = run("backup", "--out", str(out), data_dir=folder)
        no_traceback(r)
        assert r.returncode == 0, r.stderr.decode()
        assert (
            json.loads(out.read_text(encoding="utf-8"))["notes"][0]["text"] == "満杯でも読めるメモ"
        )

        r = run("note", "set", "1-1-28", "変更", data_dir=folder)
        no_traceback(r)
        err = r.stderr.decode()
        assert r.returncode == 2 and "disk full" in err and "書き込めるか" not in err

        r = run("backup", "--out", str(mnt / "on-the-full-disk.json"), data_dir=folder)
        no_traceback(r)
        error = [x for x in r.stderr.decode().splitlines() if "エラー" in x]
        assert r.returncode == 2 and "ディスクの空きがありません" in error[0]
        assert not (mnt / "on-the-full-disk.json").exists()
        for p in mnt.iterdir():  # no temporary file left behind
            assert not p.name.startswith("."), p
