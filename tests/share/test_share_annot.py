"""Share files of version 2 carry highlights and tags with the notes (`--with-notes`);
importing places the highlights in this edition's body, keeps the sender's uid (a second
import adds nothing), keeps both of two differing comments, and adds the tags. Version 1 is
still what a file without them is written as; hostile version-2 parts are refused."""

from __future__ import annotations

import json

import pytest

from desktop.cli.main import main
from desktop.share import apply_import, decode, encode, export_collection, preview_import
from desktop.userdata import UserStore
from desktop.userdata.backup import dump
from tests.userdata.helpers import edited_catalogue

NAME = "12/3 局長レク"
IDS = ("1-1-28", "2-3")
PASSAGE = "専門高校の魅力発信に関する取組"


@pytest.fixture
def sender(tmp_path, catalogue):
    with UserStore.open(tmp_path / "sender") as s:
        s.create_collection(NAME)
        for mid in IDS:
            s.add_bookmark(mid, catalogue.require(mid).title, NAME)
        m = catalogue.require("1-1-28")
        i = m.body.index(PASSAGE)
        s.add_highlight(m, i, i + len(PASSAGE), colour="blue", comment="予算を確認")
        s.add_highlight(catalogue.require("2-3"), 0, 10)
        s.add_tag(m.id, m.title, "要確認")
        s.add_tag("2-3", catalogue.require("2-3").title, "要確認")
        s.add_tag("2-3", catalogue.require("2-3").title, "財務局")
        yield s


@pytest.fixture
def receiver(tmp_path):
    with UserStore.open(tmp_path / "receiver") as s:
        yield s


def shared_of(sender, catalogue, with_notes=True):
    return decode(encode(export_collection(sender, NAME, with_notes, catalogue)))


def test_with_notes_carries_highlights_and_tags_as_version_2(sender, catalogue):
    data = json.loads(encode(export_collection(sender, NAME, True, catalogue)))
    assert data["version"] == 2
    first = data["collection"]["items"][0]
    (h,) = first["highlights"]
    assert (h["text"], h["colour"], h["comment"]) == (PASSAGE, "blue", "予算を確認")
    assert first["tags"] == ["要確認"] and data["collection"]["items"][1]["tags"] == [
        "要確認",
        "財務局",
    ]
    plain = json.loads(encode(export_collection(sender, NAME, False, catalogue)))
    assert plain["version"] == 1  # the previous release reads it
    assert all(set(i) == {"id", "title"} for i in plain["collection"]["items"])


def test_import_places_them_and_a_second_import_adds_nothing(sender, receiver, catalogue):
    shared = shared_of(sender, catalogue)
    preview = preview_import(receiver, catalogue, shared)
    text = "\n".join(preview.lines())
    assert "ハイライトを追加: 2 件" in text and "タグを追加: 3 件" in text
    assert receiver.highlights() == [] and receiver.tags() == []  # a preview changes nothing
    report = apply_import(receiver, catalogue, shared)
    assert (report.highlights_added, report.tags_added) == (2, 3)
    theirs = {h.uid: h for h in sender.highlights()}
    for h in receiver.highlights():
        t = theirs[h.uid]
        assert (h.measure_id, h.start, h.end, h.exact, h.colour, h.comment) == (
            t.measure_id,
            t.start,
            t.end,
            t.exact,
            t.colour,
            t.comment,
        )
    assert receiver.tags_map() == sender.tags_map()
    before = dump(receiver)
    again = preview_import(receiver, catalogue, shared)
    assert not again.changes and "ハイライトは同じ（変更なし）: 2 件" in "\n".join(again.lines())
    apply_import(receiver, catalogue, shared)
    assert dump(receiver)["highlights"] == before["highlights"]


def test_a_differing_comment_keeps_both(sender, receiver, catalogue):
    m = catalogue.require("1-1-28")
    i = m.body.index(PASSAGE)
    mine = receiver.add_highlight(m, i, i + len(PASSAGE), comment="私のコメント")
    report = apply_import(receiver, catalogue, shared_of(sender, catalogue))
    assert (report.highlights_added, report.highlights_merged) == (1, 1)
    merged = receiver.get_highlight(mine.uid).comment
    assert merged.startswith("私のコメント") and "予算を確認" in merged
    assert "共有ファイルのコメント" in merged
    assert len(receiver.highlights("1-1-28")) == 1  # the same passage: one highlight


def test_another_edition_places_what_it_can(sender, receiver, catalogue, built_dir, tmp_path):
    m = catalogue.require("1-1-28")
    edition = edited_catalogue(
        built_dir,
        tmp_path / "ed",
        {},
        bodies={m.id: "（前文を追加）" + m.body, "2-3": "全く別の本文。"},
    )
    preview = preview_import(receiver, edition, shared_of(sender, catalogue))
    assert [h.measure_id for h in preview.highlights_of("add")] == ["1-1-28"]
    assert [h.measure_id for h in preview.highlights_of("skip")] == ["2-3"]
    assert "本文に見つからないハイライト（取り込みません）: 1 件" in "\n".join(preview.lines())
    apply_import(receiver, edition, shared_of(sender, catalogue))
    (h,) = receiver.highlights()
    assert edition.require(m.id).body[h.start : h.end] == PASSAGE


def test_cli_export_with_notes_and_import(capsys, tmp_path, sender):
    out = tmp_path / "lek.shisaku"
    data = str(sender.path.parent)
    assert main(["collection", "export", NAME, "--out", str(out), "--with-notes",
                 "--data-dir", data]) == 0  # fmt: skip
    other = str(tmp_path / "colleague")
    assert main(["collection", "import", str(out), "--yes", "--data-dir", other]) == 0
    assert "ハイライト 2 件を追加" in capsys.readouterr().out
    with UserStore.open(other) as s:
        assert len(s.highlights()) == 2 and s.tags_map() == sender.tags_map()


def v2(item_extra: dict, version: int = 2) -> bytes:
    item = {"id": "1-1-28", "title": "施策", **item_extra}
    return json.dumps(
        {"format": "shisaku-collection", "version": version,
         "collection": {"name": "共有", "items": [item]}},
        ensure_ascii=False,
    ).encode("utf-8")  # fmt: skip


def hl(**kw) -> dict:
    return {"uid": "a" * 32, "start": 0, "end": 4, "text": "専門高校", **kw}


HOSTILE = {
    "highlights in a version 1 file": v2({"highlights": [hl()]}, version=1),
    "tags in a version 1 file": v2({"tags": ["要確認"]}, version=1),
    "highlights not a list": v2({"highlights": {"uid": "x"}}),
    "uid not hex": v2({"highlights": [hl(uid="x" * 32)]}),
    "uid twice": v2({"highlights": [hl(), hl()]}),
    "offsets do not fit": v2({"highlights": [hl(end=9)]}),
    "offset negative": v2({"highlights": [hl(start=-1, end=3)]}),
    "offset a float": v2({"highlights": [hl(end=4.0)]}),
    "offset true": v2({"highlights": [hl(start=True, end=5)]}),
    "colour unknown": v2({"highlights": [hl(colour="red")]}),
    "unknown highlight key": v2({"highlights": [hl(script="x")]}),
    "empty text": v2({"highlights": [hl(text="", end=0)]}),
    "too many highlights": v2({"highlights": [hl(uid=f"{i:032x}") for i in range(1001)]}),
    "tag empty": v2({"tags": [" "]}),
    "tag twice": v2({"tags": ["ＡＩ", "ai"]}),
    "tag a number": v2({"tags": [1]}),
    "tag with control": v2({"tags": ["a\x00"]}),
    "too many tags": v2({"tags": [f"t{i}" for i in range(101)]}),
    "nested in a highlight": v2({"highlights": [hl(comment=[[["x"]]])]}),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_version_2_parts_exit_2_nothing_changed(capsys, tmp_path, case):
    main(["collection", "create", "共有"])
    main(["highlight", "add", "1-1-28", "専門高校"])
    capsys.readouterr()
    bad = tmp_path / "bad.shisaku"
    bad.write_bytes(HOSTILE[case])
    with UserStore.open() as s:
        before = dump(s)
    assert main(["collection", "import", str(bad), "--yes"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("shisaku: エラー: ") and "Traceback" not in err
    with UserStore.open() as s:
        after = dump(s)
    assert {k: v for k, v in after.items() if k != "exported"} == {
        k: v for k, v in before.items() if k != "exported"
    }
