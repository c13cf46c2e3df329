"""Highlights in the store: add, list, edit, delete and undo; what search reads; re-anchoring
against edited copies of the real catalogue."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop.errors import UserError
from desktop.userdata import UnknownHighlight, UserStore
from tests.userdata.helpers import edited_catalogue


@pytest.fixture
def store(tmp_path):
    with UserStore.open(tmp_path / "ud") as s:
        yield s


def span(body: str, passage: str) -> tuple[int, int]:
    i = body.index(passage)
    return i, i + len(passage)


def test_add_list_edit_delete_and_undo(store, catalogue):
    m = catalogue.require("1-1-28")
    a = store.add_highlight(m, *span(m.body, "専門高校の魅力発信"), colour="green", comment="確認")
    b = store.add_highlight(m, 0, 4)
    assert (a.exact, a.colour, a.comment, a.orphan) == (
        "専門高校の魅力発信",
        "green",
        "確認",
        False,
    )
    assert m.body[a.start : a.end] == a.exact and a.prefix and a.suffix
    assert len(a.uid) == 32 and a.uid != b.uid and b.colour == "yellow"
    assert store.highlights(m.id) == [b, a]  # body order
    assert store.highlights("1-1-1") == [] and store.highlights() == [b, a]

    edited = store.update_highlight(a.uid, comment="予算額を確認")
    assert (edited.comment, edited.colour, edited.created) == ("予算額を確認", "green", a.created)
    assert edited.updated >= a.updated
    assert store.update_highlight(a.uid, colour="pink").comment == "予算額を確認"

    gone = store.delete_highlight(a.uid)
    assert (gone.uid, gone.colour, gone.comment) == (a.uid, "pink", "予算額を確認")
    assert store.highlights() == [b] and store.get_highlight(a.uid) is None
    back = store.restore_highlight(gone)  # undo
    assert back == gone and store.highlights() == [b, back]
    with pytest.raises(UserError):
        store.restore_highlight(gone)  # already there: never a second copy
    with pytest.raises(UnknownHighlight):
        store.delete_highlight("0" * 32)
    with pytest.raises(UnknownHighlight):
        store.update_highlight("0" * 32, comment="x")


@pytest.mark.parametrize(
    "start,end,colour", [(-1, 3, "yellow"), (5, 5, "yellow"), (0, 10_000, "yellow"), (0, 3, "red")]
)
def test_bad_span_or_colour_is_refused(store, catalogue, start, end, colour):
    m = catalogue.require("1-1-28")
    with pytest.raises(UserError):
        store.add_highlight(m, start, end, colour=colour)
    assert store.highlights() == []


def test_white_space_only_span_is_refused(store):
    class M:
        id, title, body = "1-1-1", "t", "前。　　後。"

    with pytest.raises(UserError):
        store.add_highlight(M, 2, 4)
    assert store.add_highlight(M, 0, 2).exact == "前。"


def test_find_by_short_uid(store, catalogue):
    m = catalogue.require("2-3")
    h = store.add_highlight(m, 0, 5)
    assert store.find_highlight(h.uid[:6]) == h
    assert store.find_highlight(h.uid.upper()) == h
    tail = "0" * 24 if h.uid[8:] != "0" * 24 else "1" * 24
    store.restore_highlight(replace(h, uid=h.uid[:8] + tail))  # shares 8 digits with h
    with pytest.raises(UnknownHighlight) as e:
        store.find_highlight(h.uid[:8])
    assert "複数" in str(e.value)
    other = ("0" if h.uid[0] != "0" else "1") * 32
    for ref in ("", "abc", "zzzzzzzz", other):
        with pytest.raises(UnknownHighlight):
            store.find_highlight(ref)


def test_what_search_reads(store, catalogue):
    a, b = catalogue.require("1-1-28"), catalogue.require("2-3")
    h1 = store.add_highlight(a, 10, 20, comment="後")
    h2 = store.add_highlight(a, 0, 5, comment="先")
    store.add_highlight(b, 0, 5)  # no comment: nothing to search
    assert store.highlight_comments() == {a.id: [(h2.uid, "先"), (h1.uid, "後")]}
    assert store.highlight_counts() == {a.id: 2, b.id: 1}


# --- re-anchoring against edited copies of the real catalogue -------------------------------


def test_unchanged_catalogue_writes_nothing(store, catalogue):
    m = catalogue.require("1-1-28")
    store.add_highlight(m, 10, 30)
    report = store.relink(catalogue)
    assert not report.changed and report.anchored == {}
    with store._read() as con:  # no write lock was taken: the transaction count is the same
        changes = con.total_changes
    store.relink(catalogue)
    with store._read() as con:
        assert con.total_changes == changes


def test_changed_bodies_move_the_highlights(store, catalogue, built_dir, tmp_path):
    a, b, c = (catalogue.require(i) for i in ("1-1-28", "1-1-23", "1-2-1"))
    ha = store.add_highlight(a, *span(a.body, "産業教育に係る教育環境の整備"), comment="a")
    hb = store.add_highlight(b, *span(b.body, "ＡＩ活用による英語での地域の魅力発信"))
    hc = store.add_highlight(c, 20, 60)
    untouched = store.add_highlight(catalogue.require("2-3"), 0, 10)
    passage = c.body[20:60]
    reworded = passage[:10] + "一層" + passage[12:]
    new = edited_catalogue(
        built_dir,
        tmp_path / "ed",
        {},
        bodies={
            a.id: "（追記）新たな一文を加える。" + a.body,
            b.id: b.body.replace("ＡＩ", "AI"),
            c.id: c.body[:20] + reworded + c.body[60:],
        },
    )
    report = store.relink(new)
    assert report.anchored == {"quote": 1, "normalised": 1, "fuzzy": 1}
    assert not report.relinked and not report.orphaned
    got = {h.uid: h for h in store.highlights()}
    assert new.require(a.id).body[got[ha.uid].start : got[ha.uid].end] == ha.exact
    assert got[ha.uid].comment == "a" and got[ha.uid].updated == ha.updated
    assert got[hb.uid].exact == "AI活用による英語での地域の魅力発信"
    assert abs(len(got[hc.uid].exact) - len(reworded)) <= 2 and "一層" in got[hc.uid].exact
    assert got[untouched.uid] == untouched  # its body did not change: not looked at
    # and back on the first edition, each is where it was
    report = store.relink(catalogue)
    back = {h.uid: h for h in store.highlights()}
    for h in (ha, hb, untouched):
        assert (back[h.uid].start, back[h.uid].end, back[h.uid].exact) == (h.start, h.end, h.exact)
    assert abs(back[hc.uid].start - hc.start) <= 2 and abs(back[hc.uid].end - hc.end) <= 2


def test_gone_passage_is_an_orphan_kept_and_placed_again(store, catalogue, built_dir, tmp_path):
    m = catalogue.require("2-1")
    h = store.add_highlight(m, 5, 25, comment="keep me")
    gone = edited_catalogue(built_dir, tmp_path / "gone", {}, delete=(m.id,))
    report = store.relink(gone)
    assert report.orphaned == [("highlight", m.id, m.title)] and report.orphans == 1
    (o,) = store.orphan_highlights()
    assert (o.uid, o.exact, o.comment, o.measure_id) == (h.uid, h.exact, "keep me", m.id)
    assert store.highlight_comments() == {} and store.highlight_counts() == {}
    assert not store.relink(gone).changed  # tried against this edition already
    report = store.relink(catalogue)  # the text is back
    assert report.relinked == [("highlight", m.id, m.id, m.title)] and report.orphans == 0
    assert store.get_highlight(h.uid) == h


def test_passage_moved_to_another_measure_follows_it(store, catalogue, built_dir, tmp_path):
    src, dst = catalogue.require("1-3-5"), catalogue.require("2-2")
    passage = src.body[10:50]
    h = store.add_highlight(src, 10, 50)
    new = edited_catalogue(
        built_dir,
        tmp_path / "moved",
        {},
        bodies={src.id: src.body[:10] + src.body[50:], dst.id: dst.body + passage},
    )
    report = store.relink(new)
    assert report.relinked == [("highlight", src.id, dst.id, dst.title)]
    got = store.get_highlight(h.uid)
    assert (got.measure_id, got.exact) == (dst.id, passage)


def test_a_renamed_measure_takes_its_highlights(store, catalogue, built_dir, tmp_path):
    a, b = catalogue.require("1-1-1"), catalogue.require("1-1-2")
    ha, hb = store.add_highlight(a, 0, 8), store.add_highlight(b, 0, 8)
    swapped = edited_catalogue(
        built_dir,
        tmp_path / "sw",
        {a.id: b.title, b.id: a.title},
        bodies={a.id: b.body, b.id: a.body},
    )
    report = store.relink(swapped)
    assert sorted(r[1:3] for r in report.relinked) == [(a.id, b.id), (b.id, a.id)]
    assert store.get_highlight(ha.uid).measure_id == b.id
    assert store.get_highlight(hb.uid).measure_id == a.id
