"""Damaged files, a read-only data folder and a full disk: a clear message, and no loss."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from contextlib import contextmanager

import pytest

from desktop.userdata import StoreUnavailable, StoreWriteError, UserStore
from desktop.userdata.connection import FILE_NAME
from tests.userdata.checks import acks, check_acked
from tests.userdata.helpers import ROOT

posix = pytest.mark.skipif(os.name != "posix", reason="POSIX file system semantics")


def filled(folder, n=200) -> dict[str, str]:
    with UserStore.open(folder) as s:
        for i in range(n):
            s.set_note(f"n{i}", "t", f"note {i} " + "x" * 400)
    return {f"n{i}": f"note {i} " + "x" * 400 for i in range(n)}


def damage_garbage(path):
    path.write_bytes(b"\x00garbage, not a database\n" * 500)


def damage_truncate(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def damage_page(path):
    data = bytearray(path.read_bytes())
    data[4096 * 3 : 4096 * 4] = bytes(range(256)) * 16
    path.write_bytes(bytes(data))


def damage_header(path):
    data = bytearray(path.read_bytes())
    data[:16] = b"SQLite format 2\x00"
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [damage_garbage, damage_truncate, damage_page, damage_header])
def test_damaged_file_is_moved_aside_never_lost(tmp_path, damage):
    folder = tmp_path / "ud"
    original = filled(folder)
    path = folder / FILE_NAME
    damage(path)
    damaged = path.read_bytes()
    with UserStore.open(folder) as s:
        assert s.recovery is not None
        moved = s.recovery.moved_to
        assert moved.name.startswith(f"{FILE_NAME}.corrupt-")
        assert str(moved) in s.recovery.message
        assert moved.read_bytes() == damaged  # kept byte for byte
        # a fresh, working store, holding only what was salvaged, exactly as it was
        salvaged = {n.measure_id: n.text for n in s.list_notes()}
        assert all(original[k] == v for k, v in salvaged.items())
        if damage in (damage_garbage, damage_header):
            assert salvaged == {} and not s.recovery.salvaged
        else:
            assert salvaged and "メモ" in s.recovery.salvaged
        assert s.integrity_ok()
        s.set_note("1-1-1", "t", "new")
    with UserStore.open(folder) as s:
        assert s.recovery is None and s.get_note("1-1-1").text == "new"


def test_damaged_file_with_wal_moves_both(tmp_path):
    folder = tmp_path / "ud"
    filled(folder, 5)
    keep = UserStore.open(folder)  # an open connection leaves the -wal in place
    keep.set_note("n0", "t", "in the wal")
    path = folder / FILE_NAME
    assert (folder / (FILE_NAME + "-wal")).exists()
    damage_garbage(path)
    with UserStore.open(folder) as s:
        moved = s.recovery.moved_to
        assert (folder / (moved.name + "-wal")).exists()
    keep._con.close()


@contextmanager
def tmpfs(path, size: str):
    """A real small file system (needs root); skips where mounting is not allowed."""
    path.mkdir()
    r = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(path)],
        capture_output=True,
    )
    if r.returncode != 0:
        pytest.skip(f"cannot mount tmpfs: {r.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


@posix
def test_read_only_folder_gives_clear_error_and_keeps_data(tmp_path):
    folder_root = tmp_path / "mnt"
    with tmpfs(folder_root, "2m") if os.geteuid() == 0 else nullmount(folder_root):
        folder = folder_root / "ud"
        notes = filled(folder, 20)
        before = (folder / FILE_NAME).read_bytes()
        make_read_only(folder_root, folder)
        try:
            with pytest.raises(StoreUnavailable) as e:
                UserStore.open(folder)
            msg = str(e.value)
            assert str(folder / FILE_NAME) in msg and "書き込め" in msg
            with pytest.raises(StoreUnavailable) as e:
                UserStore.open(folder / "new-sub")
            assert "new-sub" in str(e.value)
            assert (folder / FILE_NAME).read_bytes() == before
            assert not list(folder.glob("*.corrupt-*"))
        finally:
            make_writable(folder_root, folder)
        with UserStore.open(folder) as s:
            assert {n.measure_id: n.text for n in s.list_notes()} == notes


@contextmanager
def nullmount(path):
    path.mkdir()
    yield path


def make_read_only(root, folder):
    if os.geteuid() == 0:  # root ignores permission bits: make the file system read-only
        subprocess.run(["mount", "-o", "remount,ro", str(root)], check=True)
    else:
        os.chmod(folder, 0o500)
        os.chmod(root, 0o500)


def make_writable(root, folder):
    if os.geteuid() == 0:
        subprocess.run(["mount", "-o", "remount,rw", str(root)], check=True)
    else:
        os.chmod(root, 0o700)
        os.chmod(folder, 0o700)


@posix
def test_full_disk_refuses_the_write_and_keeps_the_rest(tmp_path):
    with tmpfs(tmp_path / "small", "512k") as mnt:
        folder = mnt / "ud"
        saved = {}
        with UserStore.open(folder) as s:
            error = None
            for i in range(500):
                text = f"{i} " + "施策" * 1500
                try:
                    s.set_note(f"n{i}", "t", text)
                except StoreWriteError as e:
                    error = str(e)
                    break
                saved[f"n{i}"] = text
            assert error is not None and "disk full" in error and "変更は行われていません" in error
            assert len(saved) >= 3
            # the failed note is not half there, and the store still answers
            assert s.get_note(f"n{len(saved)}") is None
            assert s.integrity_ok()
        with UserStore.open(folder) as s:
            assert s.recovery is None
            assert {n.measure_id: n.text for n in s.list_notes()} == saved


@posix
def test_file_size_limit_in_a_writer_process(tmp_path):
    """The unprivileged disk-full simulation: RLIMIT_FSIZE makes every write past the limit
    fail (EFBIG) in a real writer process."""
    folder = tmp_path / "ud"
    UserStore.open(folder).close()
    limit = 512 * 1024
    r = subprocess.run(
        [sys.executable, "-m", "tests.userdata.writer", str(folder), "", "0", "100000", str(limit)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = r.stdout.splitlines()
    assert r.returncode == 3, r.stderr
    assert lines[-1].startswith("error ") and "変更は行われていません" in lines[-1]
    acked = acks(lines)
    assert len(acked) > 10
    with UserStore.open(folder) as s:
        assert s.recovery is None and s.integrity_ok()
        check_acked(s, "", acked)
        failed = int(lines[-1].split()[1])
        if failed % 4 == 0:
            assert s.get_note(f"n{failed}") is None
    shutil.rmtree(folder)


def test_salvage_reads_highlights_and_tags(tmp_path, catalogue):
    from desktop.userdata.backup import dump
    from desktop.userdata.salvage import salvage

    folder = tmp_path / "ud"
    m = catalogue.require("1-1-28")
    with UserStore.open(folder) as s:
        for i in range(0, 60, 6):
            s.add_highlight(m, i, i + 5, comment=f"c{i}")
        s.add_tag(m.id, m.title, "要確認")
        s.add_tag("2-3", "t", "要確認")
        whole = dump(s)
    data = salvage(folder / FILE_NAME)  # what a damaged file's copy would give
    assert data["highlights"] == whole["highlights"] and data["tags"] == whole["tags"]
    damage_truncate(folder / FILE_NAME)  # half the file: whatever is read is exact
    with UserStore.open(folder) as s:
        got = dump(s)
    assert all(h in whole["highlights"] for h in got["highlights"])
