"""`shisaku highlight …` and `shisaku tag …`: round trips, the JSON fields, and exit 2 with
nothing changed on bad input."""

from __future__ import annotations

import json

import pytest

from desktop.cli.main import main
from desktop.userdata import UserStore
from desktop.userdata.backup import dump
from desktop.userdata.connection import FILE_NAME
from tests.userdata.helpers import run_cli

FIELDS = {
    "uid",
    "id",
    "title",
    "start",
    "end",
    "text",
    "prefix",
    "suffix",
    "colour",
    "comment",
    "created",
    "updated",
    "orphan",
}


def cli(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(data_dir) -> dict:
    with UserStore.open(data_dir) as s:
        d = dump(s)
    d.pop("exported")
    return d


def test_highlight_add_list_edit_delete(capsys, catalogue):
    m = catalogue.require("1-1-28")
    code, out, _ = cli(
        capsys, "highlight", "add", m.id, "専門高校の魅力発信", "--comment", "予算を確認", "--json"
    )
    assert code == 0
    h = json.loads(out)
    assert set(h) == FIELDS
    assert (h["id"], h["title"], h["text"], h["colour"], h["comment"], h["orphan"]) == (
        m.id,
        m.title,
        "専門高校の魅力発信",
        "yellow",
        "予算を確認",
        False,
    )
    assert m.body[h["start"] : h["end"]] == h["text"]
    code, out, _ = cli(
        capsys, "highlight", "add", m.id, "専門高校", "--occurrence", "2", "--colour", "pink"
    )
    assert code == 0 and "5 か所中 2 番目" in out
    second = m.body.index("専門高校", 1)
    code, out, _ = cli(capsys, "highlight", "list", m.id, "--json")
    got = json.loads(out)
    assert [(x["start"], x["colour"]) for x in got] == sorted(
        [(h["start"], "yellow"), (second, "pink")]
    )
    code, out, _ = cli(capsys, "highlight", "list")
    assert out.startswith(f"{m.id}\t{m.title}\n") and h["uid"][:8] in out and "予算を確認" in out
    assert "黄" in out and "桃" in out

    code, out, _ = cli(
        capsys, "highlight", "edit", h["uid"][:8], "--color", "blue", "--comment", "", "--json"
    )
    edited = json.loads(out)
    assert code == 0 and (edited["colour"], edited["comment"]) == ("blue", "")
    code, out, _ = cli(capsys, "highlight", "delete", h["uid"][:6])
    assert code == 0 and "削除しました" in out
    assert [x["colour"] for x in json.loads(cli(capsys, "highlight", "list", "--json")[1])] == [
        "pink"
    ]


def test_quote_is_found_across_widths_line_breaks_and_footnote_markers(capsys, catalogue):
    # as copied from the PDF: a line break and blanks where the page wrapped the line
    code, out, _ = cli(
        capsys,
        "highlight",
        "add",
        "1-1-28",
        "整備、専門高校の魅力発信に関する取組の強化を行う。また、 \n\n専門高校を含む",
        "--json",
    )
    assert code == 0
    assert (
        json.loads(out)["text"]
        == "整備、専門高校の魅力発信に関する取組の強化を行う。また、専門高校を含む"
    )
    code, out, _ = cli(capsys, "highlight", "add", "1-1-23", "ai活用による英語", "--json")
    assert json.loads(out)["text"] == "ＡＩ活用による英語"
    m = catalogue.require("1-1-4")
    at = m.footnotes[0].offset  # the reader shows the marker here; the quote runs over it
    code, out, _ = cli(capsys, "highlight", "add", m.id, m.body[at - 8 : at + 8], "--json")
    h = json.loads(out)
    assert code == 0 and h["start"] < at < h["end"]


def test_tags_add_list_rename_remove(capsys):
    for mid in ("1-1-28", "2-3"):
        assert cli(capsys, "tag", "add", mid, " 要確認 ")[0] == 0
    code, out, _ = cli(capsys, "tag", "add", "2-3", "ｙｏｓａｎ")
    assert code == 0 and "「yosan」を付けました" in out
    code, out, _ = cli(capsys, "tag", "add", "2-3", "YOSAN")
    assert code == 0 and "「yosan」は既に付いています" in out
    code, out, _ = cli(capsys, "tag", "list", "--json")
    assert json.loads(out) == [
        {"name": "要確認", "count": 2, "orphans": 0, "measures": ["1-1-28", "2-3"]},
        {"name": "yosan", "count": 1, "orphans": 0, "measures": ["2-3"]},
    ]
    code, out, _ = cli(capsys, "tag", "list")
    assert out == "要確認\t2\nyosan\t1\n"
    code, out, _ = cli(capsys, "tag", "list", "1-1-28", "--json")
    assert [t["name"] for t in json.loads(out)] == ["要確認"]
    code, out, _ = cli(capsys, "tag", "rename", "yosan", "予算")
    assert code == 0 and "変更しました" in out
    code, out, _ = cli(capsys, "tag", "rename", "予算", "要確認")
    assert code == 0 and "統合しました（2 施策）" in out
    assert cli(capsys, "tag", "remove", "2-3", "要確認")[0] == 0
    code, out, _ = cli(capsys, "tag", "list", "--json")
    assert json.loads(out) == [{"name": "要確認", "count": 1, "orphans": 0, "measures": ["1-1-28"]}]


BAD = {
    "unknown id": ["highlight", "add", "9-9", "地方"],
    "quote not in the measure": ["highlight", "add", "1-1-28", "港湾整備"],
    "empty quote": ["highlight", "add", "1-1-28", " \n"],
    "occurrence past the last": ["highlight", "add", "1-1-28", "専門高校", "--occurrence", "6"],
    "occurrence zero": ["highlight", "add", "1-1-28", "専門高校", "--occurrence", "0"],
    "unknown colour": ["highlight", "add", "1-1-28", "専門高校", "--colour", "red"],
    "unknown uid (edit)": ["highlight", "edit", "0123456789", "--comment", "x"],
    "short uid": ["highlight", "delete", "01"],
    "nothing to edit": ["highlight", "edit", "0123456789"],
    "unknown uid (delete)": ["highlight", "delete", "abcdef0123"],
    "list of an unknown id": ["highlight", "list", "9-9"],
    "empty tag": ["tag", "add", "1-1-28", "　"],
    "tag on an unknown id": ["tag", "add", "9-9", "要確認"],
    "unknown tag (remove)": ["tag", "remove", "1-1-28", "無いタグ"],
    "tag not on the measure": ["tag", "remove", "1-1-1", "要確認"],
    "unknown tag (rename)": ["tag", "rename", "無いタグ", "x"],
    "rename to empty": ["tag", "rename", "要確認", " "],
}


def exit_code(argv: list[str]) -> int:
    """main's exit code, or argparse's (it exits itself on an unknown choice)."""
    try:
        return main(argv)
    except SystemExit as e:
        return e.code


@pytest.mark.parametrize("name", BAD)
def test_bad_input_exits_2_and_changes_nothing(tmp_path, capsys, name):
    argv = BAD[name]
    fresh = tmp_path / "fresh"
    assert exit_code([*argv, "--data-dir", str(fresh)]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert not (fresh / FILE_NAME).exists()  # no store is made for bad input
    used = tmp_path / "used"
    assert main(["highlight", "add", "1-1-28", "専門高校", "--data-dir", str(used)]) == 0
    assert main(["tag", "add", "1-1-28", "要確認", "--data-dir", str(used)]) == 0
    before = snapshot(used)
    assert exit_code([*argv, "--data-dir", str(used)]) == 2
    assert snapshot(used) == before


def test_cp932_console_gets_every_line(tmp_path):
    data = tmp_path / "ud"
    r = run_cli("highlight", "add", "2-3", "プッシュ型", "--comment", "局長 😀 確認", data_dir=data)
    assert r.returncode == 0, r.stderr.decode()
    r = run_cli("tag", "add", "2-3", "要確認😀", data_dir=data)
    assert r.returncode == 0, r.stderr.decode()
    for args, shown in (
        (("highlight", "list"), "局長 ? 確認"),
        (("highlight", "list", "--json"), "局長 ? 確認"),
        (("tag", "list"), "要確認?\t1"),
    ):
        r = run_cli(*args, data_dir=data, env={"PYTHONIOENCODING": "cp932"})
        assert r.returncode == 0 and b"Traceback" not in r.stderr, r.stderr
        assert shown in r.stdout.decode("cp932")


def test_bench_anchor_runs_and_reports_how_each_was_placed(capsys):
    code, out, _ = cli(capsys, "bench", "anchor", "--highlights", "120", "--runs", "1", "--json")
    assert code == 0
    res = json.loads(out)
    assert res["highlights"] == 120 and res["unchanged_placed"] == {"orphan": 0}
    rebuilt = res["rebuilt_placed"]
    assert sum(rebuilt.values()) <= 120 and rebuilt["orphan"] > 0 and rebuilt["quote"] > 0
    assert res["back_placed"]["orphan"] == 0  # every orphan is placed again
    assert cli(capsys, "bench", "anchor", "--highlights", "0")[0] == 2
