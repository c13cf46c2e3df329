"""Files written by every earlier schema version open, migrate and keep their data."""

from __future__ import annotations

import sqlite3
from types import SimpleNamespace

import pytest

from desktop.userdata import DEFAULT_COLLECTION, LATEST, StoreUnavailable, UserStore
from desktop.userdata.connection import FILE_NAME, statements
from desktop.userdata.schema import MIGRATIONS

T0 = "2025-06-01T09:00:00.000000+00:00"
T1 = "2025-06-02T09:00:00.000000+00:00"
T2 = "2025-06-03T09:00:00.000000+00:00"
MEASURE = SimpleNamespace(id="1-1-1", title="題1", body="本文の一文。次の一文。")


def make_file(folder, version: int) -> None:
    """A store as that version of the app left it, with user data in it."""
    folder.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(folder / FILE_NAME, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    for v in range(version):
        for stmt in statements(MIGRATIONS[v]):
            con.execute(stmt)
    con.execute(f"PRAGMA user_version = {version}")
    if version in (1, 2):  # the v1/v2 table shapes; later versions are made by the store
        con.execute("INSERT INTO notes VALUES ('1-1-1', '題1', 'note one 😀', ?, ?)", (T0, T2))
        con.execute("INSERT INTO notes VALUES ('2-1', '題2', 'note two', ?, ?)", (T1, T1))
        con.execute(
            "INSERT INTO collections (name, position, created) VALUES ('会議', 1, ?)", (T0,)
        )
        for pos, mid in enumerate(["2-1", "1-1-1", "1-1-9"]):
            con.execute("INSERT INTO bookmarks VALUES (2, ?, 't', ?, ?)", (mid, pos, T0))
        con.execute("INSERT INTO bookmarks VALUES (1, '1-1-1', 't', 0, ?)", (T0,))
    if version >= 3:  # v3 shapes (v4 and v5 only add tables): own row ids and orphan flags
        con.execute(
            "INSERT INTO notes (measure_id, title, text, created, updated)"
            " VALUES ('1-1-1', '題1', 'note one 😀', ?, ?)",
            (T0, T2),
        )
        con.execute(
            "INSERT INTO notes (measure_id, title, text, created, updated)"
            " VALUES ('2-1', '題2', 'note two', ?, ?)",
            (T1, T1),
        )
        con.execute(
            "INSERT INTO collections (name, position, created) VALUES ('会議', 1, ?)", (T0,)
        )
        for pos, mid in enumerate(["2-1", "1-1-1", "1-1-9"]):
            con.execute(
                "INSERT INTO bookmarks (collection_id, measure_id, title, position, added)"
                " VALUES (2, ?, 't', ?, ?)",
                (mid, pos, T0),
            )
        con.execute(
            "INSERT INTO bookmarks (collection_id, measure_id, title, position, added)"
            " VALUES (1, '1-1-1', 't', 0, ?)",
            (T0,),
        )
        for text, saved, replaced in (("older one", T0, T1), ("old one", T1, T2)):
            con.execute(
                "INSERT INTO note_history (note_id, text, saved, replaced) VALUES (1, ?, ?, ?)",
                (text, saved, replaced),
            )
    if version == 2:
        con.execute(
            "INSERT INTO note_history (measure_id, text, saved, replaced)"
            " VALUES ('1-1-1', 'older one', ?, ?)",
            (T0, T1),
        )
        con.execute(
            "INSERT INTO note_history (measure_id, text, saved, replaced)"
            " VALUES ('1-1-1', 'old one', ?, ?)",
            (T1, T2),
        )
    con.close()


@pytest.mark.parametrize("version", range(LATEST))
def test_migrates_from_every_earlier_version(tmp_path, version):
    folder = tmp_path / "ud"
    make_file(folder, version)
    with UserStore.open(folder) as s:
        assert s._con.execute("PRAGMA user_version").fetchone()[0] == LATEST
        assert s.integrity_ok()
        assert s._con.execute("PRAGMA foreign_key_check").fetchall() == []
        if version == 0:
            assert [c.name for c in s.collections()] == [DEFAULT_COLLECTION]
            assert s.list_notes() == []
            return
        notes = {n.measure_id: n for n in s.list_notes()}
        assert notes["1-1-1"].text == "note one 😀" and notes["1-1-1"].created == T0
        assert notes["2-1"].updated == T1 and not notes["2-1"].orphan
        history = [v.text for v in s.note_history("1-1-1")]
        assert history == (["old one", "older one"] if version >= 2 else [])
        assert s.damaged == []
        assert [b.measure_id for b in s.bookmarks("会議")] == ["2-1", "1-1-1", "1-1-9"]
        assert [b.measure_id for b in s.bookmarks(DEFAULT_COLLECTION)] == ["1-1-1"]
        # and the migrated store works like a new one
        s.set_note("1-1-1", "題1", "after migration")
        assert s.note_history("1-1-1")[0].text == "note one 😀"
        s.move_bookmark("1-1-9", "会議", 0)
        assert [b.measure_id for b in s.bookmarks("会議")] == ["1-1-9", "2-1", "1-1-1"]
        # v5: highlights and tags start empty and work
        assert s.highlights() == [] and s.tags() == []
        h = s.add_highlight(MEASURE, 2, 6, colour="pink", comment="c")
        assert s.add_tag("1-1-1", "題1", "要確認")
        assert s.highlights("1-1-1") == [h] and s.tags_map() == {"1-1-1": ["要確認"]}
    # a consistent copy of the pre-migration file is kept beside it
    copy = folder / f"{FILE_NAME}.v{version}-backup"
    if version > 0:
        con = sqlite3.connect(copy)
        assert con.execute("PRAGMA user_version").fetchone()[0] == version
        assert con.execute("SELECT count(*) FROM notes").fetchone()[0] == 2
        con.close()
    else:
        assert not copy.exists()
    # opening again is a no-op
    with UserStore.open(folder) as s:
        assert s.get_note("1-1-1").text == "after migration"
        if version:
            assert [h.exact for h in s.highlights()] == ["の一文。"]


def test_store_from_a_newer_app_is_left_alone(tmp_path):
    folder = tmp_path / "ud"
    make_file(folder, LATEST)
    con = sqlite3.connect(folder / FILE_NAME)
    con.execute(f"PRAGMA user_version = {LATEST + 1}")
    con.close()
    data = (folder / FILE_NAME).read_bytes()
    with pytest.raises(StoreUnavailable) as e:
        UserStore.open(folder)
    assert "新しい版" in str(e.value)
    assert (folder / FILE_NAME).read_bytes() == data
    assert not list(folder.glob("*.corrupt-*"))
