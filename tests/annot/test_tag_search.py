"""Search by the user's tags (`タグ:要確認`) and in highlight comments (issue 12): the query
language, the searcher with a real store's tags and comments, the tag facet."""

from __future__ import annotations

import pytest

from db import paths
from desktop.search import Searcher
from desktop.search.query import parse, without_filters
from desktop.userdata import UserStore


@pytest.fixture(scope="module")
def searcher(built_dir):
    s = Searcher(paths.index_dir(built_dir))
    yield s
    s.close()


@pytest.fixture
def store(tmp_path, catalogue):
    """A real store: 要確認 on three measures (柱1, 柱2, 第2章), ＡＩ関連 on one, 局長 関心 on one."""
    with UserStore.open(tmp_path / "data") as s:
        for mid in ("1-1-28", "1-2-3", "2-3"):
            s.add_tag(mid, catalogue.require(mid).title, "要確認")
        s.add_tag("1-2-3", catalogue.require("1-2-3").title, "ＡＩ関連")
        s.add_tag("2-3", catalogue.require("2-3").title, "局長 関心")
        yield s


def ids(hits):
    return [h.id for h in hits]


@pytest.mark.parametrize(
    "query",
    ["タグ:要確認", "tag:要確認", "タグ：要確認", "TAG:要確認", "ﾀｸﾞ:要確認", 'タグ:"要確認"'],
)
def test_tag_terms_parse_in_every_spelling(query):
    pq = parse(query)
    assert pq.tags == ["要確認"] and not pq.groups and pq.has_filters
    assert without_filters(query) == ""


def test_a_quoted_tag_keeps_its_space_and_words_stay_words():
    pq = parse('港 タグ:"局長 関心" tag:予算')
    assert pq.tags == ["局長 関心", "予算"]
    assert [[leaf.text for leaf in g] for g in pq.groups] == [["港"]]
    assert without_filters('港 タグ:"局長 関心"') == "港"


def test_a_tag_query_lists_every_measure_with_it_in_catalogue_order(searcher, store, catalogue):
    tags = store.tags_map()
    got = searcher.run("タグ:要確認", tags=tags)
    order = [m.id for m in catalogue.measures]
    want = sorted(store.measures_with_tag("要確認"), key=order.index)
    assert ids(got.hits) == want == ["1-1-28", "1-2-3", "2-3"]
    assert got.total == 3 and not got.messages


def test_tags_match_width_and_case_insensitively_as_the_store_folds_them(searcher, store):
    tags = store.tags_map()
    for q in ("タグ:AI関連", "タグ:ai関連", "tag:ＡＩ関連", "ﾀｸﾞ：ａｉ関連"):
        assert ids(searcher.search(q, tags=tags)) == ["1-2-3"], q
    for q in ('タグ:"局長　関心"', "タグ:“局長  関心”"):  # any quote, any inner white space
        assert ids(searcher.search(q, tags=tags)) == ["2-3"], q


def test_several_tags_mean_all_of_them_and_combine_with_words_and_filters(
    searcher, store, catalogue
):
    tags = store.tags_map()
    assert ids(searcher.search("タグ:要確認 タグ:AI関連", tags=tags)) == ["1-2-3"]
    assert ids(searcher.search("タグ:要確認 柱:1", tags=tags)) == ["1-1-28"]
    assert ids(searcher.search("タグ:要確認", tags=tags, pillar=2)) == ["1-2-3"]
    assert ids(searcher.search("tag:要確認", tags=tags, tag="局長 関心")) == ["2-3"]
    word = "専門高校"
    plain = set(ids(searcher.search(word)))
    assert "1-1-28" in plain and len(plain) > 1
    assert ids(searcher.search(f"{word} タグ:要確認", tags=tags)) == ["1-1-28"]
    ministry = catalogue.require("2-3").bureaus[0].ministry
    assert ids(searcher.search(f"タグ:要確認 府省庁:{ministry}", tags=tags))[-1] == "2-3"


def test_an_unknown_tag_finds_nothing_and_says_so(searcher, store):
    res = searcher.run("タグ:存在しないタグ", tags=store.tags_map())
    assert res.hits == [] and res.total == 0
    assert any("タグ「存在しないタグ」の付いた施策はありません" in m for m in res.messages)
    res = searcher.run("専門高校 タグ:予算", tags={})  # no store at all: the same
    assert res.total == 0 and any("タグ「予算」" in m for m in res.messages)
    assert res.suggestion is not None and res.suggestion.drop_filters
    assert res.suggestion.query == "専門高校"


def test_the_tag_facet_counts_the_current_results_under_the_other_filters(searcher, store):
    tags = store.tags_map()
    assert searcher.facets("", tags=tags)["tag"] == {"要確認": 3, "AI関連": 1, "局長 関心": 1}
    assert searcher.facets("", tags=tags, pillar=2)["tag"] == {"要確認": 1, "AI関連": 1}
    res = searcher.run("専門高校", tags=tags)
    assert res.facets["tag"] == {"要確認": 1}
    # a tag filter narrows the other lists, not its own
    res = searcher.run("タグ:AI関連", tags=tags)
    assert res.facets["tag"] == {"要確認": 3, "AI関連": 1, "局長 関心": 1}
    assert sum(res.facets["pillar"].values()) == 1
    assert "tag" not in searcher.facets("")  # no user data given: no tag list


def test_a_word_only_in_a_highlight_comment_finds_the_measure_as_the_users(
    searcher, catalogue, tmp_path
):
    m = catalogue.require("1-1-28")
    word = "ぴよぴよ確認"
    assert searcher.search(word, exact=True) == []
    with UserStore.open(tmp_path / "c") as s:
        start = m.body.index("専門高校")
        s.add_highlight(m, start, start + 4, comment=f"局長に{word}する")
        comments = s.highlight_comments()
    hits = searcher.search(word, comments=comments, exact=True)
    assert ids(hits) == [m.id]
    h = hits[0]
    assert h.note_only and h.comment_hit and not h.note_hit
    assert "<mark>ぴよぴよ確認</mark>" in h.comment_snippet
    assert "<mark>" not in h.snippet  # never shown as the 施策集's text
    # a word in both the text and a comment: an ordinary hit that also says the comment matched
    both = searcher.search("専門高校", comments={m.id: [("x", "専門高校の件")]}, exact=True)
    hit = next(h for h in both if h.id == m.id)
    assert hit.comment_hit and not hit.note_only


def test_a_new_tags_map_is_read_again(searcher, store, catalogue):
    """The searcher keeps its reading of the map it was given last (the window passes the same
    one on every keystroke); a new map — after a tag changed — is read again."""
    tags = store.tags_map()
    assert ids(searcher.search("タグ:要確認", tags=tags)) == ["1-1-28", "1-2-3", "2-3"]
    store.remove_tag("1-2-3", "要確認")
    assert ids(searcher.search("タグ:要確認", tags=store.tags_map())) == ["1-1-28", "2-3"]
