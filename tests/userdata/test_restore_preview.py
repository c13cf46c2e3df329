"""The restore preview (what the window shows before 復元する) says what restore then does,
and reading it changes nothing."""

from __future__ import annotations

from desktop.restore_preview import preview_restore
from desktop.userdata import UserStore
from desktop.userdata.backup import dump, restore


def snapshot(store) -> dict:
    d = dump(store)
    d.pop("exported")
    return d


def test_the_preview_matches_what_restore_does(tmp_path):
    with UserStore.open(tmp_path / "a") as s:
        s.create_collection("レク")
        for mid in ("1-1-1", "1-1-2", "2-3"):
            s.add_bookmark(mid, f"施策 {mid}", "レク")
        s.add_bookmark("1-1-5", "施策 1-1-5")
        s.set_note("1-1-1", "施策 1-1-1", "古いメモ")
        s.set_note("1-1-2", "施策 1-1-2", "同じメモ")
        s.set_note("1-1-3", "施策 1-1-3", "消えたメモ")
        backup = dump(s)
    with UserStore.open(tmp_path / "b") as s:
        s.create_collection("レク")
        s.add_bookmark("2-3", "施策 2-3", "レク")
        s.set_note("1-1-1", "施策 1-1-1", "新しいメモ")  # written after the backup
        s.set_note("1-1-2", "施策 1-1-2", "同じメモ")
        before = snapshot(s)
        preview = preview_restore(s, backup)
        assert snapshot(s) == before  # the preview changed nothing
        assert preview.notes_new == [("1-1-3", "施策 1-1-3")]
        [differ] = preview.notes_differ
        assert (differ.measure_id, differ.local, differ.incoming) == (
            "1-1-1",
            "新しいメモ",
            "古いメモ",
        )
        assert not differ.backup_newer  # the store's text is newer: it stays current
        assert preview.notes_same == 1
        assert preview.collections_new == []
        assert preview.bookmarks_new == [("ブックマーク", 1), ("レク", 2)]
        assert preview.changes
        report = restore(s, backup)
        assert report.notes_added == len(preview.notes_new)
        assert report.notes_merged == len(preview.notes_differ)
        assert report.bookmarks_added == sum(n for _, n in preview.bookmarks_new)
        assert s.get_note("1-1-1").text == "新しいメモ"
        # restoring the same backup again: nothing left to change
        again = preview_restore(s, backup)
        assert not again.changes and again.notes_same == 3
        assert again.lines()[-1] == "復元して変わるものはありません"


def test_a_newer_backup_note_becomes_current_and_new_collections_are_listed(tmp_path):
    with UserStore.open(tmp_path / "b") as s:
        s.set_note("1-1-1", "施策 1-1-1", "今のメモ")
    with UserStore.open(tmp_path / "a") as s:
        s.set_note("1-1-1", "施策 1-1-1", "後で書いたメモ")  # later than the store's
        s.create_collection("勉強会")
        s.add_bookmark("2-1", "施策 2-1", "勉強会")
        backup = dump(s)
    with UserStore.open(tmp_path / "b") as s:
        preview = preview_restore(s, backup)
        assert preview.notes_differ[0].backup_newer
        assert preview.collections_new == [("勉強会", 1)]
        report = restore(s, backup)
        assert report.collections_added == 1 and report.bookmarks_added == 1
        assert s.get_note("1-1-1").text == "後で書いたメモ"
        assert "今のメモ" in [v.text for v in s.note_history("1-1-1")]


def test_highlights_and_tags_of_a_version_2_backup(tmp_path, catalogue):
    """Issue 12's backups carry highlights and tags: the preview counts those restore adds
    or updates, and nothing once they are restored."""
    import pytest

    if not hasattr(UserStore, "add_highlight"):
        pytest.skip("highlights and tags arrive with issue 12's core")
    m = catalogue.require("1-1-28")
    with UserStore.open(tmp_path / "a") as s:
        s.add_highlight(m, 0, 12, comment="予算を確認")
        s.add_tag(m.id, m.title, "要確認")
        s.add_tag("2-3", "施策 2-3", "要確認")
        backup = dump(s)
    with UserStore.open(tmp_path / "b") as s:
        s.add_tag(m.id, m.title, "要確認")  # one of the two links is here already
        preview = preview_restore(s, backup)
        assert (preview.highlights_new, preview.highlights_updated, preview.tags_new) == (1, 0, 1)
        assert preview.changes and "ハイライト 1 件を追加" in preview.summary()
        report = restore(s, backup)
        assert report.highlights_added == 1 and report.tags_added == 1
        again = preview_restore(s, backup)
        assert not again.changes
