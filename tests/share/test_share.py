"""Sharing a collection as a `.shisaku` file: export, a preview that changes nothing,
import that never overwrites (a differing note: both kept), and hostile files refused
with a clear message, exit 2 and the store unchanged."""

from __future__ import annotations

import json
import os
import sys

import pytest

from desktop.cli.main import main
from desktop.share import (
    BadShareFile,
    apply_import,
    decode,
    encode,
    export_collection,
    preview_import,
    read_share,
)
from desktop.share.fileformat import MAX_BYTES
from desktop.userdata import UserStore
from desktop.userdata.backup import dump
from tests.userdata.helpers import edited_catalogue

NAME = "12/3 局長レク"
IDS = ("1-1-28", "2-3", "1-1-1")


def cli(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(data_dir) -> dict:
    with UserStore.open(data_dir) as s:
        d = dump(s)
    d.pop("exported")
    return d


@pytest.fixture
def sender(tmp_path, catalogue):
    """A colleague's store with the meeting collection and two notes."""
    with UserStore.open(tmp_path / "sender") as s:
        s.create_collection(NAME)
        for mid in IDS:
            s.add_bookmark(mid, catalogue.require(mid).title, NAME)
        s.set_note("1-1-28", catalogue.require("1-1-28").title, "先方に確認済み")
        s.set_note("2-3", catalogue.require("2-3").title, "予算 1,234億円")
        yield s


@pytest.fixture
def receiver(tmp_path):
    with UserStore.open(tmp_path / "receiver") as s:
        yield s


def test_export_is_small_versioned_json_in_order(sender, catalogue, tmp_path):
    data = json.loads(encode(export_collection(sender, NAME, True, catalogue)))
    assert data["format"] == "shisaku-collection" and data["version"] == 1
    assert data["collection"]["name"] == NAME
    assert [i["id"] for i in data["collection"]["items"]] == list(IDS)
    assert data["collection"]["items"][0]["note"] == "先方に確認済み"
    assert "note" not in data["collection"]["items"][2]  # 1-1-1 has no note
    assert data["source"]["sha256"] == catalogue.meta["source_sha256"]
    without = json.loads(encode(export_collection(sender, NAME, False, catalogue)))
    assert all("note" not in i for i in without["collection"]["items"])


def test_import_into_an_empty_store_gives_the_collection_back(sender, receiver, catalogue):
    shared = decode(encode(export_collection(sender, NAME, True, catalogue)))
    report = apply_import(receiver, catalogue, shared)
    assert report.created and report.bookmarks_added == 3 and report.notes_added == 2
    assert [b.measure_id for b in receiver.bookmarks(NAME)] == list(IDS)
    assert receiver.get_note("2-3").text == "予算 1,234億円"


def test_preview_changes_nothing_and_says_what_would_happen(sender, receiver, catalogue):
    receiver.create_collection(NAME)
    receiver.add_bookmark("1-1-1", catalogue.require("1-1-1").title, NAME)
    receiver.set_note("1-1-28", catalogue.require("1-1-28").title, "私のメモ")
    before = dump(receiver)
    shared = decode(encode(export_collection(sender, NAME, True, catalogue)))
    preview = preview_import(receiver, catalogue, shared)
    assert dump(receiver)["notes"] == before["notes"]
    assert dump(receiver)["collections"] == before["collections"]
    assert not preview.creates
    assert [i.measure_id for i in preview.having("add")] == ["1-1-28", "2-3"]
    assert [i.measure_id for i in preview.having("present")] == ["1-1-1"]
    assert [n.measure_id for n in preview.notes_of("merge")] == ["1-1-28"]
    assert [n.measure_id for n in preview.notes_of("add")] == ["2-3"]
    text = "\n".join(preview.lines())
    assert "既存のコレクション" in text and "両方を残します" in text and "私のメモ" in text


def test_a_differing_note_keeps_both(sender, receiver, catalogue):
    title = catalogue.require("1-1-28").title
    receiver.set_note("1-1-28", title, "私のメモ")
    shared = decode(encode(export_collection(sender, NAME, True, catalogue)))
    report = apply_import(receiver, catalogue, shared)
    assert report.notes_merged == 1
    text = receiver.get_note("1-1-28").text
    assert text.startswith("私のメモ") and "先方に確認済み" in text and "共有ファイルのメモ" in text
    assert [v.text for v in receiver.note_history("1-1-28")] == ["私のメモ"]
    # importing the same file again changes nothing
    again = apply_import(receiver, catalogue, shared)
    assert (again.bookmarks_added, again.notes_added, again.notes_merged) == (0, 0, 0)
    assert receiver.get_note("1-1-28").text == text


def test_another_edition_is_matched_by_title_or_kept_as_orphan(
    sender, receiver, catalogue, built_dir, tmp_path
):
    """The file was made from an older edition: 2-3 is gone here, and 1-1-1 is now 1-1-9."""
    moved = catalogue.require("1-1-1").title
    edition = edited_catalogue(
        built_dir,
        tmp_path / "ed",
        {"1-1-1": "（削除された施策）", "1-1-9": moved},
        delete=("2-3",),
    )
    shared = decode(encode(export_collection(sender, NAME, True, catalogue)))
    preview = preview_import(receiver, edition, shared)
    assert [(i.file_id, i.measure_id) for i in preview.having("relinked")] == [("1-1-1", "1-1-9")]
    assert [i.measure_id for i in preview.having("unknown")] == ["2-3"]
    assert [n.measure_id for n in preview.notes_of("skip")] == ["2-3"]
    apply_import(receiver, edition, shared)
    marks = receiver.bookmarks(NAME)
    assert [(b.measure_id, b.orphan) for b in marks] == [
        ("1-1-28", False),
        ("2-3", True),
        ("1-1-9", False),
    ]


def test_cli_export_and_import(capsys, tmp_path, monkeypatch, catalogue):
    cli(capsys, "collection", "create", NAME)
    for mid in IDS:
        cli(capsys, "bookmark", "add", mid, "--collection", NAME)
    cli(capsys, "note", "set", "1-1-28", "共有するメモ")
    out = tmp_path / "lek.shisaku"
    code, stdout, _ = cli(capsys, "collection", "export", NAME, "--out", str(out), "--with-notes")
    assert code == 0 and "3 件" in stdout
    assert read_share(out).items[0].note == "共有するメモ"

    monkeypatch.setenv("SHISAKU_DATA_DIR", str(tmp_path / "colleague"))
    before = snapshot(None)
    code, stdout, _ = cli(capsys, "collection", "import", str(out))
    assert code == 0 and "追加する施策: 3 件" in stdout and "--yes" in stdout
    assert snapshot(None) == before  # a dry run changes nothing
    code, stdout, _ = cli(capsys, "collection", "import", str(out), "--yes")
    assert code == 0 and "取り込みました" in stdout
    with UserStore.open() as s:
        assert [b.measure_id for b in s.bookmarks(NAME)] == list(IDS)
        assert s.get_note("1-1-28").text == "共有するメモ"


def test_cli_export_of_an_unknown_collection_is_exit_2(capsys, tmp_path):
    code, _, err = cli(capsys, "collection", "export", "ない", "--out", str(tmp_path / "x"))
    assert code == 2 and "ない" in err and not (tmp_path / "x").exists()


# --- hostile files -------------------------------------------------------------------------


def good() -> dict:
    return {
        "format": "shisaku-collection",
        "version": 1,
        "collection": {"name": "共有", "items": [{"id": "1-1-1", "title": "施策"}]},
    }


def variant(path: str, value):
    data = good()
    target = data
    keys = path.split(".")
    for k in keys[:-1]:
        target = target[int(k)] if k.isdigit() else target[k]
    last = keys[-1]
    if value is DELETE:
        del target[last]
    elif last.isdigit():
        target[int(last)] = value
    else:
        target[last] = value
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


DELETE = object()


def nested(depth: int):
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


HOSTILE = {
    "not json": b"{not json",
    "empty": b"",
    "not utf-8": b'{"format": "\xff"}',
    "a list": b"[]",
    "deep nesting": b"[" * 5000 + b"]" * 5000,
    "deep in a note": variant("collection.items.0.note", nested(50)),
    "huge integer": variant("version", 1).replace(b'"version": 1', b'"version": 1' + b"0" * 5000),
    "NaN": variant("version", 1).replace(b'"version": 1', b'"version": NaN'),
    "newer version": variant("version", 3),
    "version as text": variant("version", "1"),
    "version true": variant("version", True),
    "version zero": variant("version", 0),
    "other format": variant("format", "shisaku-userdata"),
    "no collection": variant("collection", DELETE),
    "unknown key": variant("collection.extra", 1),
    "items not a list": variant("collection.items", {"id": "1-1-1"}),
    "item not an object": variant("collection.items.0", "1-1-1"),
    "id a number": variant("collection.items.0.id", 111),
    "id not an id": variant("collection.items.0.id", "../../etc"),
    "title missing": variant("collection.items.0.title", DELETE),
    "note a list": variant("collection.items.0.note", ["a"]),
    "lone surrogate": variant("collection.items.0.title", "x").replace(b'"x"', b'"\\ud800"'),
    "empty name": variant("collection.name", "   "),
    "name with control": variant("collection.name", "a\u0007b"),
    "name too long": variant("collection.name", "長" * 300),
    "duplicate id": json.dumps(
        {
            "format": "shisaku-collection",
            "version": 1,
            "collection": {
                "name": "x",
                "items": [{"id": "1-1-1", "title": "a"}, {"id": "1-1-1", "title": "a"}],
            },
        }
    ).encode(),
    "too many items": json.dumps(
        {
            "format": "shisaku-collection",
            "version": 1,
            "collection": {
                "name": "x",
                "items": [{"id": f"1-1-{i}", "title": "t"} for i in range(2001)],
            },
        }
    ).encode(),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_file_exit_2_nothing_changed(capsys, tmp_path, case):
    cli(capsys, "collection", "create", "共有")
    cli(capsys, "bookmark", "add", "1-1-28", "--collection", "共有")
    cli(capsys, "note", "set", "1-1-28", "keep")
    bad = tmp_path / "bad.shisaku"
    bad.write_bytes(HOSTILE[case])
    before = snapshot(None)
    code, out, err = cli(capsys, "collection", "import", str(bad), "--yes")
    assert code == 2, (case, out, err)
    assert err.startswith("shisaku: エラー: ") and "Traceback" not in err
    assert snapshot(None) == before


def test_the_newer_version_message_says_to_update(tmp_path):
    path = tmp_path / "v2.shisaku"
    path.write_bytes(HOSTILE["newer version"])
    with pytest.raises(BadShareFile, match="新しい版"):
        read_share(path)


def test_an_oversized_file_is_refused_unread(tmp_path):
    path = tmp_path / "big.shisaku"
    with open(path, "wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: no disk used
    with pytest.raises(BadShareFile, match="大きすぎます"):
        read_share(path)


@pytest.mark.skipif(sys.platform == "win32", reason="device files and FIFOs are POSIX")
@pytest.mark.parametrize("special", ["/dev/zero", "fifo", "folder"])
def test_special_files_are_refused_without_reading(tmp_path, special):
    if special == "fifo":
        path = tmp_path / "f.shisaku"
        os.mkfifo(path)  # reading it would block forever
    elif special == "folder":
        path = tmp_path
    else:
        path = special
    with pytest.raises(BadShareFile):
        read_share(path)


def test_a_missing_file_is_a_clear_error(capsys, tmp_path):
    code, _, err = cli(capsys, "collection", "import", str(tmp_path / "nope.shisaku"))
    assert code == 2 and "読めません" in err
    assert not (tmp_path / "userdata").exists()  # the store was not even created
