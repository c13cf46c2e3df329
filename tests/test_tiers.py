"""Tier 2 of search (issue 10): other spellings and near matches under the exact tier, in
the engine, on the real catalogue and its build's variant table."""

from __future__ import annotations

import re

import pytest

from desktop import paths
from desktop.search import Searcher, highlight
from desktop.search.query import parse, without_filters

pytestmark = pytest.mark.usefixtures("built_dir")


@pytest.fixture(scope="module")
def searcher(built_dir):
    s = Searcher(paths.index_dir(built_dir))
    yield s
    s.close()


def marked(html: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", html)


def tiers_in_order(hits) -> bool:
    order = {"exact": 0, "variant": 1, "near": 2}
    ranks = [order[h.match] for h in hits]
    return ranks == sorted(ranks)


def test_the_issues_examples_are_found(searcher):
    linear = searcher.run("リニア新幹線")
    assert linear.tiers["exact"] == 0 and linear.hits[0].id == "1-5-8"
    assert linear.hits[0].match == "near"
    assert {"リニア", "新幹線"} <= set(marked(linear.hits[0].snippet + linear.hits[0].title_marked))

    zebra = searcher.search("ローカルゼブラ")
    assert [(h.id, h.match) for h in zebra] == [("1-1-15", "variant")]
    assert marked(zebra[0].title_marked) == ["ローカル・ゼブラ"]  # what matched, not the query

    child = searcher.run("子供")
    assert child.tiers == {"exact": 0, "variant": 11}
    assert {h.match for h in child.hits} == {"variant"}
    for h in child.hits:  # the spellings the text prints are marked, never 子供
        assert set(marked(h.title_marked + h.snippet)) <= {"こども", "子ども"}

    accept = searcher.run("受け入れ")
    assert accept.tiers == {"exact": 1, "variant": 9}
    assert [h.match for h in accept.hits] == ["exact"] + ["variant"] * 9
    assert marked(accept.hits[0].snippet) == ["受け入れ"]
    assert {m for h in accept.hits[1:] for m in marked(h.title_marked + h.snippet)} <= {
        "受入れ",
        "受入",
    }

    foreign = searcher.search("外国人材受入れ", limit=10)
    assert foreign and {h.match for h in foreign} == {"near"}
    assert {"1-1-46", "1-1-47", "1-1-43"} <= {h.id for h in foreign}
    pieces = {m for h in foreign for m in marked(h.title_marked + h.snippet)}
    assert pieces & {"外国", "人材", "外国人材"} and "外国人材受入れ" not in pieces


def test_exact_hits_come_first_in_their_own_order(searcher):
    for q in ("受け入れ", "移住", "自動運転", "リニア", "地域 交通", "ai"):
        exact = searcher.search(q, exact=True)
        hits = searcher.search(q)
        assert [h.id for h in hits[: len(exact)]] == [h.id for h in exact], q
        assert [h.score for h in hits[: len(exact)]] == [h.score for h in exact], q
        assert tiers_in_order(hits), q
        assert len({h.id for h in hits}) == len(hits), q
        assert all(h.match == "exact" for h in exact)


def test_exact_switch_turns_tier_two_off(searcher):
    for q in ("子供", "リニア新幹線", "外国人材受入れ", "ローカルゼブラ"):
        res = searcher.run(q, exact=True)
        assert res.hits == [] and res.total == 0 and res.tiers == {"exact": 0}, q
        assert searcher.run(q).total > 0, q


def test_quoted_phrases_stay_literal(searcher):
    assert searcher.search('"子供"') == []
    assert searcher.search('"リニア新幹線"') == []
    exact = [h.id for h in searcher.search("受け入れ", exact=True)]
    assert [h.id for h in searcher.search('"受け入れ"')] == exact
    # a quoted word keeps its spelling while a plain word beside it may vary
    both = searcher.run('"受け入れ" 子供')
    assert both.total == 0 or all(
        "受け入れ" in (h.title_marked + h.snippet) or h.note_hit for h in both.hits
    )
    assert parse('"子供"').groups[0][0].quoted and not parse("子供").groups[0][0].quoted
    assert parse('"子供"').groups[0][0] == parse("子供").groups[0][0]  # one cached match


def test_filters_apply_to_every_tier(searcher, catalogue):
    for q, key, value in (
        ("子供", "pillar", 1),
        ("外国人材受入れ", "ministry", "法務省"),
        ("受け入れ", "chapter", 1),
    ):
        everything = searcher.search(q)
        filtered = searcher.search(q, **{key: value})
        assert filtered, q

        def keep(mid, key=key, value=value):
            m = catalogue.require(mid)
            if key == "ministry":
                return value in m.ministries
            return getattr(m, key) == value and (key != "pillar" or m.chapter == 1)

        assert [(h.id, h.match) for h in filtered] == [
            (h.id, h.match) for h in everything if keep(h.id)
        ], q


def test_facets_count_every_tier(searcher):
    for q in ("子供", "受け入れ", "外国人材受入れ"):
        res = searcher.run(q)
        assert sum(res.facets["chapter"].values()) == res.total, q
        exact = searcher.run(q, exact=True)
        assert sum(exact.facets["chapter"].values()) == exact.total, q


def test_a_note_only_hit_is_marked_as_such(searcher):
    notes = {"1-2-5": "ゆずこしょうの件、子ども会", "1-3-12": "こども体験の資料"}
    res = searcher.run("ゆずこしょう", notes=notes)
    assert [(h.id, h.match, h.note_only) for h in res.hits] == [("1-2-5", "exact", True)]
    assert marked(res.hits[0].note_snippet) == ["ゆずこしょう"]
    child = {h.id: h for h in searcher.search("子供", notes=notes)}
    assert child["1-2-5"].note_only and child["1-2-5"].match == "variant"
    assert marked(child["1-2-5"].note_snippet) == ["子ども"]
    # 1-3-12's own text says こども: its note matching too does not make it note-only
    assert child["1-3-12"].note_hit and not child["1-3-12"].note_only
    assert not any(h.note_only for h in searcher.search("子供"))


def test_nothing_found_suggests_a_query_that_finds_something(searcher):
    res = searcher.run("学校給食で地元の食材を使う")
    assert res.total == 0 and res.suggestion is not None
    s = res.suggestion
    assert not s.drop_filters and s.query == "学校 給食"
    assert searcher.run(s.query).total == s.count > 0

    exact = searcher.run("リニア新幹線", exact=True)
    assert exact.suggestion.query == "リニア 新幹線"
    assert searcher.run("リニア 新幹線", exact=True).total == exact.suggestion.count == 1

    assert searcher.run("港").suggestion is None  # only for a search that found nothing
    assert searcher.run("xyzzy").suggestion is None  # nothing to suggest


def test_nothing_found_under_a_filter_suggests_dropping_it(searcher):
    res = searcher.run("リニア新幹線 柱:3")
    assert res.total == 0
    s = res.suggestion
    assert s.drop_filters and s.query == "リニア新幹線" and s.count == 1
    assert searcher.run(s.query).total == 1
    by_option = searcher.run("港", pillar=3)
    assert by_option.suggestion.drop_filters and by_option.suggestion.query == "港"
    assert by_option.suggestion.count == searcher.run("港").total


def test_without_filters_keeps_everything_else():
    assert without_filters("港 府省庁:国土交通省 -空港") == "港 -空港"
    assert without_filters('柱:2 "Beyond 5G" OR 章:１') == '"Beyond 5G" OR'
    assert without_filters('府省庁:"国土交通省" 港') == "港"
    assert without_filters("柱:x 港") == "柱:x 港"  # not a filter: parse reads it as words


def test_snippets_show_what_matched_near_the_start(searcher):
    """Every hit whose body holds a marked word shows it within the snippet's first
    characters: the row shows two lines of it."""
    for q in ("受け入れ", "子供", "外国人材受入れ", "空き家の活用方法", "自動運転実証", "港", "dx"):
        for h in searcher.search(q, limit=50):
            marks = marked(h.snippet)
            if not marks:
                continue
            before = h.snippet.split("<mark>")[0].removeprefix("［注")
            assert len(before) <= highlight.LEAD + 4, (q, h.id, h.snippet[:60])


def test_a_late_match_in_a_long_text_is_not_cut_off():
    text = "あ" * 190 + "港湾" + "い" * 8
    spans = [(190, 192)]
    snip = highlight.snippet(text, spans)
    assert "<mark>港湾</mark>" in snip
    assert snip.index("<mark>") <= highlight.LEAD + 1  # today's code: 70 characters in


def test_tiers_say_what_ran(searcher):
    assert searcher.run("港").tiers == {"exact": 11}  # no other spelling, not rare
    assert set(searcher.run("自動運転実証").tiers) == {"exact", "near"}
    assert searcher.run("港 OR 空港").tiers.keys() == {"exact"}  # OR: no near matches


def test_a_pasted_paragraph_is_not_cut_into_pieces(searcher):
    """Near matches are for compounds and short phrases: a query of more than MAX_UNITS
    units (a pasted paragraph) keeps the exact and variant tiers only, and stays fast."""
    from desktop.search.tiers import MAX_UNITS

    long = "地域" * (MAX_UNITS // 2 + 1)
    assert "near" not in searcher.run(long).tiers
    assert "near" in searcher.run("地域" * 4 + "xyz").tiers
