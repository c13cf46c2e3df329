"""The relink at every start costs nothing when nothing can change (issue 16: at 100× the
catalogue it normalised 34,400 titles at every start): orphans are checked against a
catalogue generation once, and again only when the generation or the orphans change."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.catalogue import Catalogue
from desktop.userdata import UserStore
from desktop.userdata.relink import CHECKED_FILE
from tests.userdata.helpers import edited_catalogue


@pytest.fixture
def store(tmp_path):
    s = UserStore.open(tmp_path / "ud")
    yield s
    s.close()


def new_generation(built_dir, dest, titles, generation: str, delete=()) -> Catalogue:
    """A new edition as a build makes it: other titles, a new generation id."""
    cat = edited_catalogue(built_dir, dest, titles, delete=delete)
    con = sqlite3.connect(cat.path)
    with con:
        con.execute("UPDATE meta SET value = ? WHERE key = 'generation'", (generation,))
    con.close()
    return Catalogue(cat.path)


def test_orphans_are_checked_once_per_generation(store, catalogue, built_dir, tmp_path):
    m = catalogue.require("2-1")
    store.set_note(m.id, m.title, "keep me")
    gone = new_generation(built_dir, tmp_path / "g1", {}, "g1", delete=(m.id,))
    assert store.relink(gone).orphaned == [("note", m.id, m.title)]
    checked = store.path.parent / CHECKED_FILE
    assert checked.is_file()  # g1 and this orphan: checked
    first = checked.read_bytes()
    report = store.relink(gone)  # the next start: nothing to do, nothing rewritten
    assert not report.changed and report.orphans == 1 and checked.read_bytes() == first
    # a later edition has the measure again (under another id): the orphan comes back
    back = new_generation(built_dir, tmp_path / "g2", {"2-2": m.title}, "g2", delete=(m.id,))
    report = store.relink(back)
    assert report.relinked == [("note", m.id, "2-2", m.title)] and report.orphans == 0
    assert store.get_note("2-2").text == "keep me"


def test_a_new_orphan_is_checked_in_the_same_generation(store, catalogue, built_dir, tmp_path):
    a, b = catalogue.require("1-1-1"), catalogue.require("1-1-2")
    store.set_note(a.id, a.title, "on a")
    gone = new_generation(built_dir, tmp_path / "g1", {}, "g1", delete=(a.id,))
    store.relink(gone)  # a: orphan, checked against g1
    # another orphan appears in the same generation: a note stored under an id this
    # catalogue does not have, whose title it does have (as a restore or import may write)
    store.set_note("9-9-9", b.title, "on b, old id")
    report = store.relink(gone)
    assert report.relinked == [("note", "9-9-9", b.id, b.title)]
    assert store.get_note(b.id).text == "on b, old id" and report.orphans == 1


def test_a_catalogue_without_generation_is_always_checked(store, catalogue):
    from types import SimpleNamespace

    m = catalogue.require("1-1-5")
    store.set_note("0-0-0", m.title, "moved")
    plain = SimpleNamespace(measures=catalogue.measures)
    assert store.relink(plain).relinked == [("note", "0-0-0", m.id, m.title)]
    assert not (store.path.parent / CHECKED_FILE).exists()
