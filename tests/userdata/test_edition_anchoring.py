"""Highlights and tags survive real rebuilt catalogues (issue 12).

A modified copy of the real source — a sentence of 1-1-28 reworded, ＡＩ written AI in 1-1-23
(a parser fix's kind of change), 1-5-11 moved to pillar 2 as (101), 1-5-10 deleted — is
built with `shisaku build --source FILE`; then the original is built again. Highlights are
made and read through the CLI, as a user would; the relink reports say how each was placed.
"""

from __future__ import annotations

import json
import sys

import pytest

from desktop.catalogue import Catalogue
from desktop.cli.main import main
from desktop.userdata import UserStore
from tests import sources
from tests.conftest import SOURCE

REWORDED = ("取組の強化を行う。", "取組を一層強化する。")
PASSAGES = {  # name: (measure id, passage, comment)
    "reworded": (
        "1-1-28",
        "産業教育に係る教育環境の整備、専門高校の魅力発信に関する取組の強化を行う。",
        "予算",
    ),
    "after": ("1-1-28", "また、専門高校を含む高等学校において", ""),
    "before": ("1-1-28", "専門高校を拠点とした地方創生の取組を進める", ""),
    "width": ("1-1-23", "ＡＩ活用による英語での地域の魅力発信", ""),
    "moved": (
        "1-5-11",
        "国内線の構造改革を通じた国内航空ネットワークの維持・活性化",
        "航空局に確認",
    ),
    "deleted": ("1-5-10", "離島航路の就航率向上", "港湾局に聞く"),
    "untouched": ("2-3", "プッシュ型で情報提供する", ""),
}


def modified_source() -> str:
    raw = sources.lines()
    raw = sources.edit(raw, sources.find(raw, "魅力発信に関する" + REWORDED[0]), *REWORDED)
    raw = sources.edit(raw, sources.find(raw, "め、ＡＩ活用による英語"), "ＡＩ", "AI")
    body10 = sources.find(raw, "（10）地域の基幹産業の競争力強化や離島交通")
    body11 = sources.find(raw, "（11）空港の機能向上", body10)
    end11 = sources.find(raw, "近畿圏・中部圏空港課） ", body11)
    list10 = sources.find(raw, "\t（10）地域の基幹産業の競争力強化", end11)
    list11 = sources.find(raw, "\t（11）空港の機能向上", list10)
    list100 = sources.find(raw, "\t（100）「新結合」", end11)
    pillar3 = sources.find(raw, " ３．人や企業の地方分散 ", 100)
    moved = [raw[body11 - 1].replace("（11）", "（101）"), *raw[body11:end11], ""]
    listed = [raw[list11 - 1].replace("（11）", "（101）"), raw[list11], ""]
    # from the bottom up, so that the line numbers above stay put
    del raw[list10 - 1 : list11 + 1]  # 施策一覧: (10) and (11) of pillar 5 go
    raw[list100 + 1 : list100 + 1] = listed  # and (101) follows (100) of pillar 2
    del raw[body10 - 1 : end11]  # the bodies of (10) and (11) of pillar 5
    raw[pillar3 - 1 : pillar3 - 1] = moved  # (11) becomes the last measure of pillar 2
    return sources.text(raw)


def cli(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def build(capsys, tmp_path, text: str, name: str) -> Catalogue:
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    code, _, err = cli(capsys, "build", "--source", str(src))
    assert code == 0, err
    return Catalogue.open(ensure=False)


def listed(capsys) -> dict[str, dict]:
    """{uid: the highlight as `highlight list --json` gives it}"""
    code, out, err = cli(capsys, "highlight", "list", "--json")
    assert code == 0, err
    return {h["uid"]: h for h in json.loads(out)}


def relinked(data_dir, cat):
    with UserStore.open(data_dir) as store:
        report = store.relink(cat)
    # the figures docs/decisions/0005 quotes (shown with pytest -s), past capsys
    print(f"\nanchored {report.anchored}, orphaned {report.orphaned}", file=sys.__stderr__)
    return report


@pytest.fixture
def edition_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("SHISAKU_BUILD_DIR", str(tmp_path / "built"))
    return tmp_path / "built"


def test_highlights_survive_a_rebuilt_catalogue_and_come_back(capsys, tmp_path, edition_dir):
    data = tmp_path / "userdata"  # the autouse fixture's SHISAKU_DATA_DIR
    original = SOURCE.read_text(encoding="utf-8")
    cat = build(capsys, tmp_path, original, "original.txt")
    for mid, passage, comment in PASSAGES.values():
        assert cli(capsys, "highlight", "add", mid, passage, "--comment", comment)[0] == 0
    for mid in ("1-1-28", "1-5-11", "1-5-10"):
        assert cli(capsys, "tag", "add", mid, "要確認")[0] == 0
    before = listed(capsys)
    assert len(before) == len(PASSAGES)
    key = {  # name: uid
        name: next(u for u, h in before.items() if h["text"] == passage)
        for name, (_, passage, _) in PASSAGES.items()
    }

    new = build(capsys, tmp_path, modified_source(), "modified.txt")
    assert new.require("1-2-101").body == cat.require("1-5-11").body
    assert "1-5-10" not in new and "1-5-11" not in new
    report = relinked(data, new)
    assert report.anchored == {"offset": 2, "quote": 1, "normalised": 1, "fuzzy": 1}
    assert ("highlight", "1-5-11", "1-2-101", cat.require("1-5-11").title) in report.relinked
    assert ("highlight", "1-5-10", cat.require("1-5-10").title) in report.orphaned
    now = listed(capsys)
    reworded = now[key["reworded"]]
    assert reworded["id"] == "1-1-28" and not reworded["orphan"]
    assert reworded["text"] == PASSAGES["reworded"][1].replace(*REWORDED)
    after = now[key["after"]]
    assert after["text"] == before[key["after"]]["text"]
    assert after["start"] == before[key["after"]]["start"] + 1  # the reworded sentence grew
    assert now[key["before"]] == before[key["before"]] | {"updated": now[key["before"]]["updated"]}
    assert now[key["width"]]["text"] == "AI活用による英語での地域の魅力発信"
    moved = now[key["moved"]]
    assert (moved["id"], moved["text"], moved["colour"]) == (
        "1-2-101",
        PASSAGES["moved"][1],
        "yellow",
    )
    gone = now[key["deleted"]]
    assert gone["orphan"] and gone["id"] == "1-5-10" and gone["text"] == PASSAGES["deleted"][1]
    assert now[key["untouched"]] == before[key["untouched"]]
    code, out, _ = cli(capsys, "highlight", "list")
    assert "1-5-10 [孤立]" in out and "港湾局に聞く" in out  # shown and kept
    code, out, _ = cli(capsys, "tag", "list", "--json")
    assert json.loads(out) == [
        {"name": "要確認", "count": 2, "orphans": 1, "measures": ["1-1-28", "1-2-101"]}
    ]

    back = build(capsys, tmp_path, original, "original-again.txt")
    report = relinked(data, back)
    assert report.anchored == {"offset": 3, "quote": 1, "normalised": 1, "fuzzy": 1}
    assert ("highlight", "1-5-10", "1-5-10", cat.require("1-5-10").title) in report.relinked
    assert report.orphans == 0
    again = listed(capsys)
    for k, h in before.items():  # every highlight is where it was made
        assert {x: again[k][x] for x in ("id", "start", "end", "text", "comment", "orphan")} == {
            x: h[x] for x in ("id", "start", "end", "text", "comment", "orphan")
        }, k
    code, out, _ = cli(capsys, "tag", "list", "--json")
    assert json.loads(out)[0]["measures"] == ["1-1-28", "1-5-11", "1-5-10"]
