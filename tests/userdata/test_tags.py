"""Tags in the store: names, counts, rename and merge, the searcher's queries, relinking."""

from __future__ import annotations

import pytest

from desktop.errors import UserError
from desktop.userdata import UnknownTag, UserStore, tag_name
from tests.userdata.helpers import edited_catalogue


@pytest.fixture
def store(tmp_path):
    with UserStore.open(tmp_path / "ud") as s:
        yield s


@pytest.mark.parametrize(
    "typed,stored",
    [
        (" 要確認 ", "要確認"),
        ("ＡＩ", "AI"),
        ("局長\u3000 関心", "局長 関心"),
        ("ﾖｳｶｸﾆﾝ", "ヨウカクニン"),
    ],
)
def test_names_are_nfkc_and_trimmed(typed, stored):
    assert tag_name(typed) == stored


@pytest.mark.parametrize("bad", ["", "   ", "\u3000", "a\x00b", "x" * 51, "a\u200bb"])
def test_bad_names_are_refused(store, bad):
    with pytest.raises(UserError):
        store.add_tag("1-1-1", "t", bad)
    assert store.tags() == []


def test_add_remove_and_counts(store):
    assert store.add_tag("1-1-1", "t1", "要確認")
    assert not store.add_tag("1-1-1", "t1", " 要確認")  # the same tag
    assert store.add_tag("1-1-1", "t1", "予算")
    assert store.add_tag("2-3", "t2", "要確認")
    assert store.add_tag("2-3", "t2", "ai")
    assert not store.add_tag("2-3", "t2", "ＡＩ")  # ASCII case and width do not count
    assert store.tags_of("1-1-1") == ["要確認", "予算"]  # the order they were added
    assert [(t.name, t.count) for t in store.tags()] == [("要確認", 2), ("ai", 1), ("予算", 1)]
    assert store.tag_counts() == {"要確認": 2, "ai": 1, "予算": 1}
    assert store.tags_map() == {"1-1-1": ["要確認", "予算"], "2-3": ["要確認", "ai"]}
    assert store.measures_with_tag("要確認") == ["1-1-1", "2-3"]
    assert store.measures_with_tag("AI") == ["2-3"] and store.measures_with_tag("無い") == []
    assert store.measures_with_tag("") == []
    assert store.remove_tag("1-1-1", "予算")
    assert "予算" not in store.tag_counts()  # no measure has it: the tag is gone
    assert not store.remove_tag("1-1-1", "ai")  # that measure did not have it
    with pytest.raises(UnknownTag):
        store.remove_tag("1-1-1", "予算")


def test_rename_and_merge(store):
    for mid in ("1-1-1", "1-1-2"):
        store.add_tag(mid, "t", "要確認")
    store.add_tag("1-1-2", "t", "要チェック")
    store.add_tag("1-1-3", "t", "要チェック")
    r = store.rename_tag("要確認", "確認事項")
    assert (r.merged, r.measures) == (False, 2)
    assert store.measures_with_tag("確認事項") == ["1-1-1", "1-1-2"]
    r = store.rename_tag("要チェック", "確認事項")  # onto an existing tag: merge
    assert (r.merged, r.measures) == (True, 3)
    assert [(t.name, t.count) for t in store.tags()] == [("確認事項", 3)]
    assert store.tags_of("1-1-2") == ["確認事項"]  # had both: one link left
    assert store.rename_tag("確認事項", "確認事項").measures == 3
    store.add_tag("1-1-1", "t", "ai")
    assert not store.rename_tag("AI", "Ai").merged  # the same tag in another case
    assert store.tags_of("1-1-1") == ["確認事項", "Ai"]
    with pytest.raises(UnknownTag):
        store.rename_tag("無い", "x")
    with pytest.raises(UserError):
        store.rename_tag("確認事項", " ")
    assert store.delete_tag("確認事項") == 3
    assert store.tags_map() == {"1-1-1": ["Ai"]}


def test_links_follow_a_new_edition(store, catalogue, built_dir, tmp_path):
    a, b, c = (catalogue.require(i) for i in ("1-1-1", "1-1-2", "2-1"))
    for m in (a, b, c):
        store.add_tag(m.id, m.title, "要確認")
    new = edited_catalogue(
        built_dir, tmp_path / "ed", {a.id: b.title, b.id: a.title}, delete=(c.id,)
    )
    report = store.relink(new)
    assert sorted(r[:3] for r in report.relinked) == [("tag", a.id, b.id), ("tag", b.id, a.id)]
    assert report.orphaned == [("tag", c.id, c.title)]
    (t,) = store.tags()
    assert (t.count, t.orphans) == (2, 1)
    assert sorted(store.measures_with_tag("要確認")) == [a.id, b.id]
    store.add_tag(c.id, "別の施策", "要確認")  # a new link on the freed id is its own
    store.remove_tag(c.id, "要確認")
    report = store.relink(catalogue)
    assert ("tag", c.id, c.id, c.title) in report.relinked and report.orphans == 0
    assert sorted(store.measures_with_tag("要確認")) == sorted([a.id, b.id, c.id])
