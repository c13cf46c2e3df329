"""`shisaku search` with the user's tags and highlight comments (issue 12), on a real store
file and the real index."""

from __future__ import annotations

import json

import pytest

from desktop.cli.main import main
from desktop.userdata import UserStore


def cli(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data(tmp_path, catalogue):
    """A store file: 要確認 on 1-1-28 and 2-3, 局長 関心 on 2-3, a highlight comment on 1-1-28."""
    d = tmp_path / "ud"
    with UserStore.open(d) as s:
        for mid in ("1-1-28", "2-3"):
            s.add_tag(mid, catalogue.require(mid).title, "要確認")
        s.add_tag("2-3", catalogue.require("2-3").title, "局長 関心")
        m = catalogue.require("1-1-28")
        at = m.body.index("専門高校")
        s.add_highlight(m, at, at + 4, comment="ぴよぴよ案件として局長へ")
    return str(d)


def test_search_by_tag_lists_the_tagged_measures_as_json(capsys, data):
    code, out, _ = cli(capsys, "search", "タグ:要確認", "--json", "--data-dir", data)
    assert code == 0
    rows = json.loads(out)
    assert [r["id"] for r in rows] == ["1-1-28", "2-3"]
    assert rows[1]["tags"] == ["要確認", "局長 関心"] and rows[0]["comment_hit"] is False
    for query in ("tag：要確認", "ﾀｸﾞ:要確認"):
        code, out, _ = cli(capsys, "search", query, "--json", "--data-dir", data)
        assert [r["id"] for r in json.loads(out)] == ["1-1-28", "2-3"], query
    code, out, _ = cli(capsys, "search", 'タグ:"局長　関心"', "--json", "--data-dir", data)
    assert [r["id"] for r in json.loads(out)] == ["2-3"]
    code, out, _ = cli(
        capsys, "search", "専門高校", "--tag", "要確認", "--json", "--data-dir", data
    )
    assert [r["id"] for r in json.loads(out)] == ["1-1-28"]


def test_tag_terms_combine_with_words_and_the_pillar_option(capsys, data):
    code, out, _ = cli(capsys, "search", "タグ:要確認", "--pillar", "1", "--data-dir", data)
    assert code == 0 and "1-1-28" in out and "2-3 " not in out and "1件" in out
    code, out, _ = cli(capsys, "search", "タグ:要確認 タグ:局長 関心", "--data-dir", data)
    assert "2-3" not in out  # 関心 unquoted is a word, not part of the tag: nothing
    code, out, _ = cli(capsys, "search", "タグ:要確認", 'タグ:"局長 関心"', "--data-dir", data)
    assert "2-3" in out and "1-1-28" not in out


def test_an_unknown_tag_finds_nothing_and_says_so(capsys, data, tmp_path):
    code, out, err = cli(capsys, "search", "タグ:予算", "--data-dir", data)
    assert code == 0
    assert "タグ「予算」の付いた施策はありません" in out and "に一致する施策はありません" in out
    code, out, err = cli(capsys, "search", "タグ:予算", "--json", "--data-dir", data)
    assert json.loads(out) == [] and "タグ「予算」の付いた施策はありません" in err
    # no store at all: the same answer, and no store is created
    empty = tmp_path / "none"
    code, out, _ = cli(capsys, "search", "タグ:要確認", "--data-dir", str(empty))
    assert code == 0 and "タグ「要確認」の付いた施策はありません" in out
    assert not empty.exists()


def test_a_word_only_in_a_highlight_comment_is_marked_as_the_users(capsys, data):
    code, out, _ = cli(capsys, "search", "ぴよぴよ案件", "--exact", "--data-dir", data)
    assert code == 0
    assert "1-1-28   ［コメント］" in out and "コメントに一致: 【ぴよぴよ案件】として局長へ" in out
    code, out, _ = cli(capsys, "search", "ぴよぴよ案件", "--exact", "--json", "--data-dir", data)
    rows = json.loads(out)
    assert [(r["id"], r["note_only"], r["comment_hit"]) for r in rows] == [("1-1-28", True, True)]
    assert rows[0]["snippet"] == "［コメント］<mark>ぴよぴよ案件</mark>として局長へ"
    code, out, _ = cli(
        capsys, "search", "ぴよぴよ案件", "--exact", "--no-notes", "--data-dir", data
    )
    assert "1-1-28" not in out


def test_tag_option_naming_no_tag_of_the_users_is_bad_input(capsys, data, tmp_path):
    """`--tag` is checked like `--ministry`: exit 2 and the tags there are; `タグ:X` in the
    query stays a search that may find nothing (above)."""
    code, out, err = cli(capsys, "search", "専門高校", "--tag", "予算", "--data-dir", data)
    assert code == 2 and out == ""
    assert "タグ「予算」はありません" in err and "要確認" in err and "局長 関心" in err
    # the store's own spelling rules: spaces of any width are one space
    code, out, _ = cli(
        capsys, "search", "地域", "--tag", "局長　関心", "--json", "--data-dir", data
    )
    assert code == 0 and [r["id"] for r in json.loads(out)] == ["2-3"]
    code, _, err = cli(capsys, "search", "x", "--tag", "要確認", "--data-dir", str(tmp_path / "n"))
    assert code == 2 and "タグはまだありません" in err
