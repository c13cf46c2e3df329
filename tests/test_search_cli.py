"""`shisaku search | related | bench search` on the real catalogue and index."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import paths
from desktop.cli.main import main
from desktop.search import Searcher

ROOT = Path(__file__).resolve().parent.parent


def cli(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def searcher(built_dir):
    s = Searcher(paths.index_dir(built_dir))
    yield s
    s.close()


def test_search_json_is_ranked_with_marked_snippets(capsys, searcher):
    code, out, _ = cli(capsys, "search", "ＡＩ", "--json", "--limit", "0")
    assert code == 0
    rows = json.loads(out)
    assert [r["id"] for r in rows] == [h.id for h in searcher.search("ai")]
    fields = {"id", "title", "score", "snippet", "match", "note_only", "comment_hit", "tags"}
    assert all(set(r) == fields for r in rows)
    # ＡＩ is marked on the printed (full-width) text; a title-only match has no body mark
    assert sum("<mark>ＡＩ</mark>" in r["snippet"] for r in rows) >= len(rows) - 3
    assert all("<" not in r["snippet"].replace("<mark>", "").replace("</mark>", "") for r in rows)


def test_search_words_are_one_query_and_limit_applies(capsys, searcher):
    code, out, _ = cli(capsys, "search", "港", "防災", "--json", "--limit", "1")
    assert code == 0
    rows = json.loads(out)
    assert [r["id"] for r in rows] == [h.id for h in searcher.search("港 防災", limit=1)]


def test_search_filters(capsys, searcher):
    code, out, _ = cli(
        capsys,
        "search",
        "港",
        "--ministry",
        "国土交通省",
        "--pillar",
        "1",
        "--json",
        "--limit",
        "0",
    )
    assert code == 0
    got = [r["id"] for r in json.loads(out)]
    assert got == [h.id for h in searcher.search("港 府省庁:国土交通省 柱:1")]
    assert got and all(i.startswith("1-1-") for i in got)


def test_no_results_exit_zero(capsys):
    code, out, _ = cli(capsys, "search", "xyzzy", "--json")
    assert code == 0 and json.loads(out) == []
    code, out, _ = cli(capsys, "search", "xyzzy")
    assert code == 0 and "ありません" in out


def test_human_output_lists_hits_and_count(capsys):
    code, out, _ = cli(capsys, "search", "酒蔵")
    assert code == 0
    assert "1-2-17" in out and "【酒蔵】" in out and "件" in out


def test_bad_filters_are_user_errors(capsys):
    code, _, err = cli(capsys, "search", "港", "--ministry", "宇宙省")
    assert code == 2 and "宇宙省" in err
    with pytest.raises(SystemExit) as e:
        main(["search", "港", "--pillar", "9"])
    assert e.value.code == 2


def test_overlong_query_warns_on_stderr(capsys):
    code, out, err = cli(capsys, "search", "港" * 1500, "--json")
    assert code == 0 and "1000" in err
    assert json.loads(out) == []


def test_search_finds_notes_in_the_user_store(capsys, tmp_path):
    from desktop.userdata.store import UserStore

    data = tmp_path / "ud"
    with UserStore.open(data) as store:
        store.set_note("1-1-1", "地域の働き方・職場改革を起点とした社会変革", "局長レクで説明する")
    code, out, _ = cli(capsys, "search", "局長レク", "--json", "--data-dir", str(data))
    rows = json.loads(out)
    assert code == 0 and [r["id"] for r in rows] == ["1-1-1"]
    assert (
        rows[0]["snippet"].startswith("［メモ］") and "<mark>局長レク</mark>" in rows[0]["snippet"]
    )
    code, out, _ = cli(
        capsys, "search", "局長レク", "--json", "--no-notes", "--data-dir", str(data)
    )
    assert json.loads(out) == []


def test_tiers_in_the_text_output_and_the_json(capsys):
    code, out, _ = cli(capsys, "search", "受け入れ", "--limit", "3")
    assert code == 0
    exact_at, near_at = out.index("完全一致 1 件"), out.index("近い結果 9 件")
    assert exact_at < out.index("1-1-54") < near_at < out.index("1-2-3")
    assert "【受入】" in out  # the spelling that matched is marked
    code, out, _ = cli(capsys, "search", "受け入れ", "--json")
    assert [r["match"] for r in json.loads(out)] == ["exact"] + ["variant"] * 9
    code, out, _ = cli(capsys, "search", "港", "--limit", "3")  # no tier 2: as before
    assert "完全一致" not in out and "近い結果" not in out and "11件" in out


def test_exact_option_turns_tier_two_off_and_a_suggestion_is_printed(capsys):
    code, out, _ = cli(capsys, "search", "リニア新幹線")
    assert code == 0 and "完全一致 0 件" in out and "1-5-8" in out
    code, out, _ = cli(capsys, "search", "リニア新幹線", "--exact")
    assert code == 0 and "一致する施策はありません" in out
    assert "もしかして: 「リニア 新幹線」 → 1 件" in out
    code, out, err = cli(capsys, "search", "リニア新幹線", "--exact", "--json")
    assert json.loads(out) == [] and "もしかして" in err
    code, out, _ = cli(capsys, "search", "港", "--pillar", "3")
    assert "もしかして: 絞り込み（府省庁・柱・章・タグ）を外して 「港」 → 11 件" in out


def test_note_only_hits_are_marked_in_the_text_output(capsys, tmp_path):
    from desktop.userdata.store import UserStore

    data = tmp_path / "ud"
    with UserStore.open(data) as store:
        store.set_note("1-1-1", "地域の働き方・職場改革を起点とした社会変革", "局長レクで説明する")
    code, out, _ = cli(capsys, "search", "局長レク", "--data-dir", str(data))
    assert code == 0
    assert "1-1-1    ［メモ］" in out and "メモ: 【局長レク】で説明する" in out
    code, out, _ = cli(capsys, "search", "局長レク", "--json", "--data-dir", str(data))
    assert json.loads(out)[0]["note_only"] is True


def test_search_does_not_create_a_user_store(capsys, tmp_path):
    data = tmp_path / "none"
    code, _, _ = cli(capsys, "search", "港", "--data-dir", str(data))
    assert code == 0 and not data.exists()


def test_related(capsys, searcher):
    code, out, _ = cli(capsys, "related", "1-4-51", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [r["id"] for r in rows] == [h.id for h in searcher.related("1-4-51")]
    assert len(rows) == 5 and all(set(r) == {"id", "title", "score"} for r in rows)
    code, out, _ = cli(capsys, "related", "1-4-51")
    assert code == 0 and "マイナンバーカード" in out
    code, _, err = cli(capsys, "related", "9-9-9")
    assert code == 2 and "9-9-9" in err


def test_search_in_a_fresh_process(built_dir):
    env = dict(os.environ, SHISAKU_BUILD_DIR=str(built_dir), PYTHONPATH=str(ROOT))
    r = subprocess.run(
        [sys.executable, "-m", "desktop", "search", "--json", "--", "港", "-空港"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    ids = [x["id"] for x in json.loads(r.stdout)]
    assert ids and "1-1-118" not in ids  # 空港の防災拠点… is excluded


def test_bench_search_json(capsys):
    code, out, _ = cli(capsys, "bench", "search", "--json", "--rounds", "1")
    assert code == 0
    report = json.loads(out)
    assert report["queries"] >= 50
    assert set(report["engines"]) == {"whoosh", "fts5_trigram", "python_scan"}
    for e in report["engines"].values():
        assert e["p50_ms"] <= e["p95_ms"] <= e["max_ms"]
    assert report["same_ids_as_scan"]["whoosh"] == report["queries"]
    tiers = report["tiers"]  # tier 2 beside the exact engine, the natural set added (#10)
    assert tiers["natural"] >= 50 and tiers["queries"] > report["queries"]
    assert 0 < tiers["falls_to_tier2"] < tiers["queries"]
    for kind in ("exact_hits", "tier2"):
        for engine in ("exact", "tier2"):
            e = tiers[kind][engine]
            assert e["p50_ms"] <= e["p95_ms"] <= e["max_ms"]
    assert report["fresh_process"]["open_ms"] > 0


def test_a_hit_that_needs_the_note_shows_the_note_in_json(capsys, tmp_path):
    """局長レク is only in the note, 職場改革 in 1-1-1's text: the hit exists because of the
    note, so it is marked note-only and shows the note, labelled."""
    from desktop.userdata.store import UserStore

    data = tmp_path / "ud"
    with UserStore.open(data) as store:
        store.set_note("1-1-1", "地域の働き方・職場改革を起点とした社会変革", "局長レクで説明する")
    code, out, _ = cli(
        capsys, "search", "局長レク", "職場改革", "--exact", "--json", "--data-dir", str(data)
    )
    rows = json.loads(out)
    assert [(r["id"], r["note_only"]) for r in rows] == [("1-1-1", True)]
    assert rows[0]["snippet"].startswith("［メモ］<mark>局長レク</mark>")
