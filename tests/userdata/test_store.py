"""The store's API: notes with history, collections, bookmarks in the user's order, relink."""

from __future__ import annotations

import os
import stat

import pytest

from desktop.errors import UserError
from desktop.userdata import (
    DEFAULT_COLLECTION,
    HISTORY_KEEP,
    LATEST,
    StoreUnavailable,
    UnknownCollection,
    UserStore,
)
from tests.userdata.helpers import edited_catalogue


@pytest.fixture
def store(tmp_path):
    s = UserStore.open(tmp_path / "ud")
    yield s
    s.close()


def test_file_is_private_wal_and_latest_schema(store):
    assert store.path.name == "userdata.sqlite"
    assert store.recovery is None
    con = store._con
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert con.execute("PRAGMA user_version").fetchone()[0] == LATEST
    store.set_note("1-1-1", "t", "x")
    if os.name == "posix":
        for suffix in ("", "-wal", "-shm"):
            mode = stat.S_IMODE(os.stat(str(store.path) + suffix).st_mode)
            assert mode == 0o600, (suffix, oct(mode))


def test_default_location_follows_env(tmp_path, monkeypatch):
    monkeypatch.setenv("SHISAKU_DATA_DIR", str(tmp_path / "env-dir"))
    with UserStore.open() as s:
        assert s.path == tmp_path / "env-dir" / "userdata.sqlite"
    with UserStore.open(tmp_path / "flag-dir") as s:
        assert s.path == tmp_path / "flag-dir" / "userdata.sqlite"


def test_never_inside_the_build_folder(built_dir):
    with pytest.raises(StoreUnavailable):
        UserStore.open(built_dir / "userdata")
    with pytest.raises(StoreUnavailable):
        UserStore.open(built_dir)
    assert not (built_dir / "userdata").exists()


def test_note_set_get_update_history(store):
    assert store.get_note("1-1-1") is None
    n1 = store.set_note("1-1-1", "題", "first")
    assert (n1.text, n1.title, n1.orphan) == ("first", "題", False)
    n2 = store.set_note("1-1-1", "題", "second")
    assert n2.created == n1.created and n2.updated >= n1.updated
    assert store.get_note("1-1-1").text == "second"
    hist = store.note_history("1-1-1")
    assert [v.text for v in hist] == ["first"]
    assert hist[0].saved == n1.updated
    # saving the same text adds no version
    store.set_note("1-1-1", "題", "second")
    assert len(store.note_history("1-1-1")) == 1


def test_history_keeps_last_20(store):
    for i in range(30):
        store.set_note("2-1", "t", f"v{i}")
    hist = store.note_history("2-1")
    assert len(hist) == HISTORY_KEEP == 20
    assert [v.text for v in hist] == [f"v{i}" for i in range(28, 8, -1)]


def test_autosave_amend_keeps_pre_session_text(store):
    store.set_note("2-1", "t", "before the meeting")
    # the editor's keystroke saves within one editing session
    last = None
    for text in ("b", "be", "bef", "befo"):
        store.set_note("2-1", "t", text, amend=last)
        last = text
    assert [v.text for v in store.note_history("2-1")] == ["before the meeting"]
    assert store.get_note("2-1").text == "befo"


def test_amend_never_swallows_someone_elses_text(store):
    store.set_note("2-1", "t", "mine")
    store.set_note("2-1", "t", "from the CLI")  # another process wrote meanwhile
    store.set_note("2-1", "t", "mine, typed on", amend="mine")
    assert [v.text for v in store.note_history("2-1")] == ["from the CLI", "mine"]


def test_empty_text_keeps_history_and_hides_note(store):
    assert store.set_note("1-1-3", "t", "") is None
    assert store.get_note("1-1-3") is None
    store.set_note("1-1-3", "t", "hello")
    store.set_note("1-1-3", "t", "")
    assert [v.text for v in store.note_history("1-1-3")] == ["hello"]
    assert store.list_notes() == []
    assert store.notes_map() == {}


def test_delete_note(store):
    store.set_note("1-1-3", "t", "a")
    store.set_note("1-1-3", "t", "b")
    assert store.delete_note("1-1-3") is True
    assert store.get_note("1-1-3") is None and store.note_history("1-1-3") == []
    assert store.delete_note("1-1-3") is False


def test_list_notes_newest_first_and_notes_map(store):
    store.set_note("a", "ta", "1")
    store.set_note("b", "tb", "2")
    store.set_note("a", "ta", "3")
    assert [n.measure_id for n in store.list_notes()] == ["a", "b"]
    assert store.notes_map() == {"a": "3", "b": "2"}


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert('x')</script><b>太字</b> &amp; &lt;",
        "# 見出し\n\n- **強調** _斜体_ `code`\n\n> 引用\n\n| a | b |\n|---|---|",
        "مرحبا بالعالم שלום עולם ‮RTL override‬ mixed 日本語",
        "😀👍🏽👨‍👩‍👧‍👦🇯🇵 絵文字 \U0001f9ea",
        "tab\there\rcr\x01\x07\x1b[31mansi\x7f\u200b\u2028\u2029end",
        "あ" * 350_000,  # over 1 MB of UTF-8
        "",
    ],
)
def test_any_unicode_round_trips_exactly(store, tmp_path, text):
    store.set_note("1-2-3", "t", "before")
    store.set_note("1-2-3", "t", text)
    store.close()
    with UserStore.open(tmp_path / "ud") as again:
        assert again.get_note("1-2-3").text == text
        assert [v.text for v in again.note_history("1-2-3")] == ["before"]


def test_one_megabyte_is_really_stored(store):
    text = "施策" * 200_000 + "\n終"
    assert len(text.encode("utf-8")) > 1_000_000
    store.set_note("1-1-1", "t", text)
    assert store.get_note("1-1-1").text == text


def test_lone_surrogate_rejected_without_change(store):
    store.set_note("1-1-1", "t", "ok")
    with pytest.raises(UserError):
        store.set_note("1-1-1", "t", "bad \udc80")
    assert store.get_note("1-1-1").text == "ok"
    assert store.note_history("1-1-1") == []


def test_default_collection_always_exists(store):
    assert [c.name for c in store.collections()] == [DEFAULT_COLLECTION]
    with pytest.raises(UserError):
        store.delete_collection(DEFAULT_COLLECTION)
    with pytest.raises(UserError):
        store.rename_collection(DEFAULT_COLLECTION, "x")
    assert [c.name for c in store.collections()] == [DEFAULT_COLLECTION]


def test_collections_create_rename_delete(store):
    store.create_collection("  12/3 局長レク ")
    assert [c.name for c in store.collections()] == [DEFAULT_COLLECTION, "12/3 局長レク"]
    with pytest.raises(UserError):
        store.create_collection("12/3 局長レク")
    with pytest.raises(UserError):
        store.create_collection("   ")
    with pytest.raises(UserError):
        store.create_collection("a\nb")
    store.add_bookmark("1-1-1", "t1", "12/3 局長レク")
    store.rename_collection("12/3 局長レク", "12/4 次官レク")
    assert [b.measure_id for b in store.bookmarks("12/4 次官レク")] == ["1-1-1"]
    with pytest.raises(UnknownCollection):
        store.bookmarks("12/3 局長レク")
    store.create_collection("other")
    with pytest.raises(UserError):
        store.rename_collection("other", "12/4 次官レク")
    assert store.delete_collection("12/4 次官レク") == 1
    assert [(c.name, c.position) for c in store.collections()] == [
        (DEFAULT_COLLECTION, 0),
        ("other", 1),
    ]
    with pytest.raises(UnknownCollection):
        store.delete_collection("nope")


def order(store, name=DEFAULT_COLLECTION):
    items = store.bookmarks(name)
    assert [b.position for b in items] == list(range(len(items)))
    return [b.measure_id for b in items]


def test_bookmarks_keep_user_order_and_move(store):
    for mid in ["a", "b", "c", "d", "e"]:
        assert store.add_bookmark(mid, "t" + mid)
    assert store.add_bookmark("c", "tc") is False
    store.move_bookmark("a", DEFAULT_COLLECTION, 4)
    assert order(store) == ["b", "c", "d", "e", "a"]
    store.move_bookmark("e", DEFAULT_COLLECTION, 0)
    assert order(store) == ["e", "b", "c", "d", "a"]
    store.move_bookmark("c", DEFAULT_COLLECTION, 2)
    assert order(store) == ["e", "b", "c", "d", "a"]
    with pytest.raises(UserError):
        store.move_bookmark("c", DEFAULT_COLLECTION, 5)
    with pytest.raises(UserError):
        store.move_bookmark("zz", DEFAULT_COLLECTION, 0)
    assert store.remove_bookmark("b") is True
    assert order(store) == ["e", "c", "d", "a"]
    assert store.remove_bookmark("b") is False
    store.add_bookmark("f", "tf", index=1)
    assert order(store) == ["e", "f", "c", "d", "a"]


def test_measure_in_several_collections_and_transfer(store):
    store.create_collection("会議A")
    store.create_collection("会議B")
    store.add_bookmark("x", "tx")
    store.add_bookmark("x", "tx", "会議A")
    store.add_bookmark("y", "ty", "会議B")
    assert store.collections_of("x") == [DEFAULT_COLLECTION, "会議A"]
    assert store.transfer_bookmark("x", "会議A", "会議B", index=0) is True
    assert order(store, "会議A") == [] and order(store, "会議B") == ["x", "y"]
    # already there: only removed from the source
    assert store.transfer_bookmark("x", DEFAULT_COLLECTION, "会議B") is False
    assert order(store) == [] and order(store, "会議B") == ["x", "y"]


def test_unknown_collection_changes_nothing(store):
    with pytest.raises(UnknownCollection):
        store.add_bookmark("x", "tx", "nope")
    assert store.all_bookmarks() == {DEFAULT_COLLECTION: []}


def test_data_version_sees_other_connections(store, tmp_path):
    before = store.data_version()
    with UserStore.open(tmp_path / "ud") as other:
        other.set_note("1-1-1", "t", "from the CLI")
    assert store.data_version() != before
    assert store.get_note("1-1-1").text == "from the CLI"


# --- relink against a new catalogue edition ------------------------------------------------


def test_relink_keeps_valid_links(store, catalogue):
    m = catalogue.require("1-1-28")
    store.set_note(m.id, m.title, "n")
    store.add_bookmark(m.id, m.title)
    report = store.relink(catalogue)
    assert not report.changed and report.orphans == 0
    assert store.get_note(m.id).text == "n"


def test_relink_follows_title_and_orphans_the_rest(store, catalogue, built_dir, tmp_path):
    a, b, c = (catalogue.require(i) for i in ("1-1-1", "1-1-2", "1-1-3"))
    store.set_note(a.id, a.title, "note on a")
    store.set_note(b.id, b.title, "note on b")
    store.set_note(c.id, c.title, "note on c")
    store.add_bookmark(a.id, a.title)
    store.add_bookmark(c.id, c.title)
    # new edition: a and b swapped ids; c's id now means something else entirely
    new = edited_catalogue(
        built_dir, tmp_path / "ed2", {a.id: b.title, b.id: a.title, c.id: "全く別の施策"}
    )
    report = store.relink(new)
    assert sorted((k, o, n) for k, o, n, _ in report.relinked) == [
        ("bookmark", a.id, b.id),
        ("note", a.id, b.id),
        ("note", b.id, a.id),
    ]
    assert sorted(report.orphaned) == [("bookmark", c.id, c.title), ("note", c.id, c.title)]
    assert store.get_note(b.id).text == "note on a"
    assert store.get_note(a.id).text == "note on b"
    assert store.get_note(c.id) is None  # the new meaning of c has no note yet
    orphans = store.orphan_notes()
    assert [(n.measure_id, n.title, n.text) for n in orphans] == [(c.id, c.title, "note on c")]
    assert [(x.measure_id, x.orphan) for x in store.bookmarks()] == [(b.id, False), (c.id, True)]
    # a new note on the reused id does not touch the orphan
    store.set_note(c.id, "全く別の施策", "new note")
    assert len(store.list_notes()) == 4
    assert store.notes_map()[c.id] == "new note"
    # back on the old edition, the orphan comes back only if its id is free again
    store.delete_note(c.id)
    report = store.relink(catalogue)
    assert store.get_note(c.id).text == "note on c" and report.orphans == 0


def test_relink_deleted_measure_is_orphan_and_listed(store, catalogue, built_dir, tmp_path):
    m = catalogue.require("2-1")
    store.set_note(m.id, m.title, "keep me")
    new = edited_catalogue(built_dir, tmp_path / "ed3", {}, delete=(m.id,))
    assert m.id not in new
    report = store.relink(new)
    assert report.orphaned == [("note", m.id, m.title)]
    assert [n.text for n in store.list_notes()] == ["keep me"]
    assert store.notes_map() == {}
