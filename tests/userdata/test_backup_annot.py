"""Backup format 2 carries highlights and tags; restore merges them as it merges notes (never
losing the newer one), and version 1 backups are still read."""

from __future__ import annotations

import json

import pytest

from desktop.cli.main import main
from desktop.userdata import UserStore
from desktop.userdata.backup import VERSION, dump, read_backup, restore
from desktop.userdata.errors import BadBackup
from tests.userdata.helpers import edited_catalogue

LATER = "2030-01-01T00:00:00.000000+00:00"
EARLIER = "2020-01-01T00:00:00.000000+00:00"


@pytest.fixture
def store(tmp_path):
    with UserStore.open(tmp_path / "ud") as s:
        yield s


def annotated(store, catalogue, built_dir, tmp_path):
    """Highlights and tags, one of each an orphan (its measure is gone in an edition)."""
    a, b = catalogue.require("1-1-28"), catalogue.require("2-1")
    store.add_highlight(a, 10, 30, colour="green", comment="予算 😀")
    store.add_highlight(b, 0, 12, comment="消える施策")
    store.add_tag(a.id, a.title, "要確認")
    store.add_tag(b.id, b.title, "要確認")
    store.add_tag(a.id, a.title, "AI")
    store.relink(edited_catalogue(built_dir, tmp_path / "ed", {}, delete=(b.id,)))
    assert len(store.orphan_highlights()) == 1


def without_time(d: dict) -> dict:
    return {k: v for k, v in d.items() if k != "exported"}


def test_round_trip_into_an_empty_store(store, catalogue, built_dir, tmp_path):
    annotated(store, catalogue, built_dir, tmp_path)
    data = dump(store)
    assert data["version"] == VERSION == 2
    assert [h["orphan"] for h in data["highlights"]] == [False, True]
    assert [t["name"] for t in data["tags"]] == ["AI", "要確認"]
    with UserStore.open(tmp_path / "other") as other:
        report = restore(other, json.loads(json.dumps(data)))
        assert (report.highlights_added, report.tags_added) == (2, 3)
        assert without_time(dump(other)) == without_time(data)
        again = restore(other, data)  # nothing new the second time
        assert (again.highlights_added, again.highlights_updated, again.tags_added) == (0, 0, 0)
        assert without_time(dump(other)) == without_time(data)


def test_the_newer_comment_wins_both_ways(store, catalogue):
    m = catalogue.require("1-1-28")
    h = store.add_highlight(m, 10, 30, comment="mine")
    data = dump(store)
    (b,) = data["highlights"]
    b.update(comment="from the backup", colour="blue", updated=LATER, created=EARLIER)
    report = restore(store, data)
    got = store.get_highlight(h.uid)
    assert report.highlights_updated == 1
    assert (got.comment, got.colour, got.updated, got.created) == (
        "from the backup",
        "blue",
        LATER,
        EARLIER,
    )
    b.update(comment="older", updated=EARLIER)
    assert restore(store, data).highlights_updated == 0
    assert store.get_highlight(h.uid).comment == "from the backup"  # ours is newer: kept


def test_a_deleted_highlight_comes_back_and_tags_merge_by_name(store, catalogue):
    m = catalogue.require("2-3")
    h = store.add_highlight(m, 0, 10)
    store.add_tag(m.id, m.title, "ai")
    data = dump(store)
    data["tags"][0]["name"] = "ＡＩ"  # the same tag once normalised
    data["tags"][0]["items"].append(
        {"measure_id": "1-1-1", "title": "t", "added": EARLIER, "orphan": False}
    )
    store.delete_highlight(h.uid)
    report = restore(store, data)
    assert store.get_highlight(h.uid) == h and report.highlights_added == 1
    assert [(t.name, t.count) for t in store.tags()] == [("ai", 2)]
    assert store.measures_with_tag("AI") == ["2-3", "1-1-1"]


def test_a_version_1_backup_is_still_read(store, tmp_path):
    old = {
        "format": "shisaku-userdata",
        "version": 1,
        "exported": EARLIER,
        "app_version": "0.1.0",
        "notes": [
            {
                "measure_id": "1-1-1",
                "title": "t",
                "text": "old note",
                "created": EARLIER,
                "updated": EARLIER,
                "history": [],
            }
        ],
        "collections": [],
    }
    path = tmp_path / "v1.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    restore(store, read_backup(path), validated=True)
    assert store.get_note("1-1-1").text == "old note" and store.highlights() == []


def break_highlight(d: dict, **kw) -> dict:
    d["highlights"][0].update(kw)
    return d


BAD = {
    "version 2 without highlights": lambda d: {k: v for k, v in d.items() if k != "highlights"},
    "uid not hex": lambda d: break_highlight(d, uid="not-a-uid"),
    "duplicate uid": lambda d: {**d, "highlights": d["highlights"] * 2},
    "unknown colour": lambda d: break_highlight(d, colour="red"),
    "offsets do not fit the quote": lambda d: break_highlight(d, end=d["highlights"][0]["end"] + 1),
    "negative offset": lambda d: break_highlight(d, start=-1),
    "offset is true": lambda d: break_highlight(d, start=True),
    "offset too large": lambda d: break_highlight(d, start=10**12, end=10**12 + 20),
    "empty quote": lambda d: break_highlight(d, exact="", end=d["highlights"][0]["start"]),
    "comment not text": lambda d: break_highlight(d, comment=["x"]),
    "bad time": lambda d: break_highlight(d, updated="tomorrow"),
    "empty tag": lambda d: {**d, "tags": [{**d["tags"][0], "name": " "}]},
    "duplicate tag": lambda d: {**d, "tags": [d["tags"][0], {**d["tags"][0], "name": "要確認 "}]},
    "tag link twice": lambda d: {
        **d,
        "tags": [{**d["tags"][0], "items": d["tags"][0]["items"] * 2}],
    },
}


@pytest.mark.parametrize("name", BAD)
def test_invalid_highlights_or_tags_are_refused_whole(store, catalogue, tmp_path, name):
    m = catalogue.require("1-1-28")
    store.add_highlight(m, 10, 30)
    store.add_tag(m.id, m.title, "要確認")
    data = BAD[name](json.loads(json.dumps(dump(store))))
    data["notes"] = [
        {
            "measure_id": "2-2",
            "title": "t",
            "text": "new",
            "created": EARLIER,
            "updated": EARLIER,
            "history": [],
        }
    ]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    before = without_time(dump(store))
    with pytest.raises(BadBackup) as e:
        restore(store, read_backup(path), validated=True)
    assert str(path) in str(e.value)
    assert without_time(dump(store)) == before and store.get_note("2-2") is None


def test_cli_backup_and_restore_carry_them(tmp_path, capsys):
    one, two = tmp_path / "one", tmp_path / "two"
    assert (
        main(["highlight", "add", "1-1-28", "専門高校", "--comment", "c", "--data-dir", str(one)])
        == 0
    )
    assert main(["tag", "add", "1-1-28", "要確認", "--data-dir", str(one)]) == 0
    out = tmp_path / "b.json"
    assert main(["backup", "--out", str(out), "--data-dir", str(one)]) == 0
    assert main(["restore", str(out), "--data-dir", str(two)]) == 0
    assert "ハイライト 1 件を追加" in capsys.readouterr().out
    with UserStore.open(one) as a, UserStore.open(two) as b:
        assert a.highlights() == b.highlights() and a.tags_map() == b.tags_map()
