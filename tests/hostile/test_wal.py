"""#14 item 8: a damaged -wal used to drop acknowledged notes silently, and SQLite deleted the
-wal on close. Now the damage is found before SQLite opens the file, the store and -wal as
found are copied aside, and the user is told what was recovered. A torn last transaction (a
kill mid-write, never acknowledged) is normal and is not reported."""

from __future__ import annotations

import json
import shutil
import struct

from desktop.userdata import UserStore
from desktop.userdata.connection import FILE_NAME
from tests.hostile.helpers import no_traceback, run

NOTES = 12


def crashed_store(tmp_path):
    """The files on disk of a store whose process died with NOTES notes in its -wal."""
    live = tmp_path / "live"
    s = UserStore.open(live)
    s._con.execute("PRAGMA wal_autocheckpoint = 0")  # keep every change in the -wal
    for i in range(NOTES):
        s.set_note(f"n{i:02}", "t", f"note {i} " + "あ" * 1500)
    crash = tmp_path / "ud"
    crash.mkdir()
    for name in (FILE_NAME, FILE_NAME + "-wal"):
        shutil.copyfile(live / name, crash / name)
    s.close()
    return crash


def frames(wal: bytes) -> tuple[int, int]:
    page = struct.unpack(">I", wal[8:12])[0]
    return page + 24, (len(wal) - 32) // (page + 24)


def listed(folder) -> tuple[list[str], str]:
    r = run("note", "list", "--json", data_dir=folder)
    no_traceback(r)
    assert r.returncode == 0, r.stderr.decode()
    return sorted(n["id"] for n in json.loads(r.stdout)), r.stderr.decode("utf-8")


def test_damaged_frame_in_the_middle_is_kept_and_reported(tmp_path):
    folder = crashed_store(tmp_path)
    wal = folder / (FILE_NAME + "-wal")
    data = bytearray(wal.read_bytes())
    size, n = frames(bytes(data))
    off = 32 + (n // 2) * size + 24 + 1000  # a bad sector in a page half-way through the log
    data[off : off + 16] = b"\xa5" * 16
    wal.write_bytes(bytes(data))
    store_before = (folder / FILE_NAME).read_bytes()

    ids, err = listed(folder)
    assert 0 < len(ids) < NOTES  # SQLite recovers what came before the damage
    assert ids == [f"n{i:02}" for i in range(len(ids))]
    copies = list(folder.glob(f"{FILE_NAME}.corrupt-*"))
    store_copy = [p for p in copies if not p.name.endswith("-wal")]
    assert len(store_copy) == 1 and store_copy[0].read_bytes() == store_before
    wal_copy = store_copy[0].with_name(store_copy[0].name + "-wal")
    assert wal_copy.read_bytes() == bytes(data)  # the evidence, byte for byte
    assert "userdata.sqlite-wal" in err and str(store_copy[0]) in err and "読み込みました" in err

    ids_again, err = listed(folder)  # reported once; the copies stay
    assert ids_again == ids and "wal" not in err
    assert wal_copy.exists()


def test_damaged_header_is_kept_and_reported(tmp_path):
    folder = crashed_store(tmp_path)
    wal = folder / (FILE_NAME + "-wal")
    data = bytearray(wal.read_bytes())
    data[16:20] = b"\x00\x00\x00\x01"  # salt-1: the header checksum no longer matches
    wal.write_bytes(bytes(data))
    ids, err = listed(folder)
    assert ids == [] and "userdata.sqlite-wal" in err
    assert len(list(folder.glob(f"{FILE_NAME}.corrupt-*-wal"))) == 1


def test_torn_last_transaction_is_normal(tmp_path):
    folder = crashed_store(tmp_path)
    wal = folder / (FILE_NAME + "-wal")
    data = wal.read_bytes()
    size, n = frames(data)
    wal.write_bytes(data[: 32 + (n - 1) * size + size // 2])  # killed while appending
    ids, err = listed(folder)
    assert len(ids) >= NOTES - 1 and "wal" not in err
    assert not list(folder.glob("*.corrupt-*"))
