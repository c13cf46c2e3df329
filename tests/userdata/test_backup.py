"""Backup JSON: round trip into an empty store is identical; restore merges, validates first
and is all-or-nothing; files are written atomically."""

from __future__ import annotations

import json
import os

import pytest

from desktop.errors import UserError
from desktop.userdata import DEFAULT_COLLECTION, BadBackup, UserStore
from desktop.userdata.backup import dump, read_backup, restore, write_backup
from tests.userdata.helpers import edited_catalogue


def without_time(d: dict) -> dict:
    d = dict(d)
    d.pop("exported")
    return d


@pytest.fixture
def store(tmp_path):
    s = UserStore.open(tmp_path / "a")
    yield s
    s.close()


def fill(store, catalogue, built_dir, tmp_path):
    def t(mid):
        return catalogue.require(mid).title

    for i in range(25):
        store.set_note("1-1-1", t("1-1-1"), f"版{i} <b>&</b> 😀")
    store.set_note("2-1", t("2-1"), "第2章のメモ\nمرحبا")
    store.set_note("1-1-3", t("1-1-3"), "x")
    store.set_note("1-1-3", t("1-1-3"), "")  # emptied note with history
    store.create_collection("12/3 局長レク")
    for mid in ("2-1", "1-1-1", "1-5-11"):
        store.add_bookmark(mid, t(mid), "12/3 局長レク")
    store.add_bookmark("1-1-1", t("1-1-1"))
    # an orphan note and bookmark (their measure left the catalogue)
    m = catalogue.require("1-1-5")
    store.set_note(m.id, m.title, "orphan note")
    store.add_bookmark(m.id, m.title, "12/3 局長レク")
    store.relink(edited_catalogue(built_dir, tmp_path / "ed", {}, delete=(m.id,)))
    assert len(store.orphan_notes()) == 1


def test_backup_restore_into_empty_store_is_identical(store, catalogue, built_dir, tmp_path):
    fill(store, catalogue, built_dir, tmp_path)
    out = write_backup(store, tmp_path / "backup.json")
    original = dump(store)
    assert len(original["notes"][0]["history"]) == 20
    with UserStore.open(tmp_path / "b") as fresh:
        report = restore(fresh, read_backup(out))
        assert report.notes_added == 4 and report.collections_added == 1
        assert without_time(dump(fresh)) == without_time(original)
        assert fresh.integrity_ok()
    # the file is private, complete JSON, and no temp file is left behind
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "shisaku-userdata"
    assert sorted(p.name for p in out.parent.iterdir() if p.name.startswith(".")) == []
    if os.name == "posix":
        assert oct(out.stat().st_mode & 0o777) == oct(0o600)


def test_restore_twice_changes_nothing(store, catalogue, built_dir, tmp_path):
    fill(store, catalogue, built_dir, tmp_path)
    data = dump(store)
    before = without_time(dump(store))
    report = restore(store, data)
    assert (report.notes_added, report.notes_merged, report.bookmarks_added) == (0, 0, 0)
    assert without_time(dump(store)) == before


def test_restore_never_overwrites_newer_note(store, tmp_path):
    store.set_note("1-1-1", "t", "old text")
    backup = dump(store)
    store.set_note("1-1-1", "t", "newer local text")
    restore(store, backup)
    assert store.get_note("1-1-1").text == "newer local text"
    assert "old text" in [v.text for v in store.note_history("1-1-1")]


def test_restore_newer_backup_becomes_current_and_local_kept(store, tmp_path):
    store.set_note("1-1-1", "t", "local")
    backup = dump(store)
    backup["notes"][0]["text"] = "from the other PC"
    backup["notes"][0]["updated"] = "2099-01-01T00:00:00+09:00"
    report = restore(store, backup)
    assert report.notes_merged == 1
    note = store.get_note("1-1-1")
    assert note.text == "from the other PC"
    assert note.updated == "2098-12-31T15:00:00.000000+00:00"  # normalised to UTC
    assert [v.text for v in store.note_history("1-1-1")] == ["local"]


def test_restore_merges_collections_and_order(store):
    store.create_collection("会議")
    store.add_bookmark("a", "ta", "会議")
    store.add_bookmark("b", "tb", "会議")
    backup = dump(store)
    store.remove_bookmark("a", "会議")
    store.add_bookmark("c", "tc", "会議")
    restore(store, backup)
    assert [b.measure_id for b in store.bookmarks("会議")] == ["b", "c", "a"]
    assert [c.name for c in store.collections()] == [DEFAULT_COLLECTION, "会議"]


BAD = [
    ("not json", "{"),
    ("wrong format", {"format": "other", "version": 1, "notes": [], "collections": []}),
    (
        "future version",
        {"format": "shisaku-userdata", "version": 99, "notes": [], "collections": []},
    ),
    ("note text not a string", "notes[1].text"),
    ("bad time", "notes[1].updated"),
    ("duplicate note", "dup-note"),
    ("bad collection name", "collections[1].name"),
    ("bookmark without id", "collections[1].items[0].measure_id"),
]


@pytest.mark.parametrize("what,bad", BAD, ids=[b[0] for b in BAD])
def test_invalid_backup_is_rejected_whole(store, tmp_path, what, bad):
    store.set_note("1-1-1", "t", "keep")
    store.create_collection("会議")
    store.add_bookmark("x", "tx", "会議")
    good = dump(store)
    good["notes"].append(
        {
            "measure_id": "2-2",
            "title": "t",
            "text": "new",
            "orphan": False,
            "created": good["exported"],
            "updated": good["exported"],
            "history": [],
        }
    )
    if isinstance(bad, dict):
        data = json.dumps(bad)
    elif bad == "{":
        data = bad
    elif bad == "dup-note":
        good["notes"].append(dict(good["notes"][0]))
        data = json.dumps(good)
    else:
        broken = json.loads(json.dumps(good))
        if bad.startswith("notes[1].text"):
            broken["notes"][1]["text"] = 42
        elif bad.startswith("notes[1].updated"):
            broken["notes"][1]["updated"] = "yesterday"
        elif bad.startswith("collections[1].name"):
            broken["collections"][1]["name"] = "\x00"
        else:
            del broken["collections"][1]["items"][0]["measure_id"]
        data = json.dumps(broken)
    path = tmp_path / "bad.json"
    path.write_text(data, encoding="utf-8")
    before = without_time(dump(store))
    with pytest.raises(BadBackup) as e:
        restore(store, read_backup(path))
    assert str(path) in str(e.value)
    assert without_time(dump(store)) == before
    assert store.get_note("2-2") is None


def test_restore_is_one_transaction(store, tmp_path):
    """A failure half-way (here: a name that passes JSON checks but not the store's) rolls
    back every earlier part of the same restore."""
    store.set_note("1-1-1", "t", "keep")
    data = dump(store)
    data["notes"].append(
        {
            "measure_id": "2-2",
            "title": "t",
            "text": "new",
            "orphan": False,
            "created": data["exported"],
            "updated": data["exported"],
            "history": [],
        }
    )
    data["collections"].append({"name": "x" * 500, "created": data["exported"], "items": []})
    before = without_time(dump(store))
    with pytest.raises(UserError):
        restore(store, data)
    assert without_time(dump(store)) == before


def test_backup_replaces_old_file_atomically(store, tmp_path):
    out = tmp_path / "backup.json"
    out.write_text("previous backup")
    store.set_note("1-1-1", "t", "n")
    write_backup(store, out)
    assert read_backup(out)["notes"][0]["text"] == "n"
    with pytest.raises(UserError):
        write_backup(store, tmp_path / "missing-dir" / "b.json")
