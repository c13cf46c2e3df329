"""Backup and restore from the ファイル menu: the backup is the CLI's file; restore checks the
whole file, shows what it would merge, asks, and the window's lists show the result."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from desktop.userdata.backup import dump, read_backup
from tests.ui.dialogs import open_file, press, save_as

NAME = "12/3 局長レク"


def snapshot(store) -> dict:
    d = dump(store)
    d.pop("exported")
    return d


def read_preview(seen: list, button: str):
    def answer(dlg) -> None:
        assert type(dlg).__name__ == "ChangesDialog", dlg
        seen.append({"summary": dlg.summary.text(), "sections": dlg.section_texts()})
        press(button)(dlg)

    return answer


def section(sections: dict, start: str) -> list[str]:
    return next(v for k, v in sections.items() if k.startswith(start))


def test_backup_then_restore_what_was_lost(window, qtbot, dialogs, tmp_path):
    store, cat = window.ctx.store, window.ctx.catalogue
    store.create_collection(NAME)
    for mid in ("1-1-28", "2-3"):
        store.add_bookmark(mid, cat.require(mid).title, NAME)
    store.set_note("1-1-1", cat.require("1-1-1").title, "消してしまうメモ")
    store.set_note("2-3", cat.require("2-3").title, "バックアップ時のメモ")
    window.store_changed()
    out = tmp_path / "backup.json"
    dialogs.expect(save_as(out), press("OK"))
    window.commands.backup.trigger()  # ファイル → バックアップを書き出す…
    dialogs.settle(qtbot)
    assert dialogs.kinds() == ["file", "information"], dialogs.shown
    data = read_backup(out)  # the CLI's format, valid
    assert {n["measure_id"] for n in data["notes"]} == {"1-1-1", "2-3"}
    # lose things, change one
    store.delete_collection(NAME)
    store.delete_note("1-1-1")
    store.delete_note("2-3")  # with its history: the backup's text is nowhere here now
    store.set_note("2-3", cat.require("2-3").title, "後から書き直したメモ")
    window.store_changed()
    before = snapshot(store)
    seen: list = []
    dialogs.expect(open_file(out), read_preview(seen, "キャンセル"))
    window.commands.restore.trigger()  # ファイル → バックアップから復元…
    dialogs.settle(qtbot)
    assert snapshot(store) == before  # asked, cancelled: nothing changed
    sections = seen[0]["sections"]
    assert section(sections, "追加するメモ")[0].startswith("1-1-1")
    differ = section(sections, "内容が異なるメモ")
    assert differ[0].startswith("2-3")
    assert any("後から書き直したメモ" in r for r in differ)
    assert any("バックアップ時のメモ" in r for r in differ)
    assert any("今のメモをそのまま使い" in r for r in differ)  # the newer one stays current
    assert section(sections, "追加するコレクション") == [f"{NAME} 2 件のブックマーク"]
    # now for real
    dialogs.expect(open_file(out), read_preview(seen, "復元する"), press("OK"))
    window.commands.restore.trigger()
    dialogs.settle(qtbot)
    assert [b.measure_id for b in store.bookmarks(NAME)] == ["1-1-28", "2-3"]
    assert store.get_note("1-1-1").text == "消してしまうメモ"
    assert store.get_note("2-3").text == "後から書き直したメモ"
    assert "バックアップ時のメモ" in [v.text for v in store.note_history("2-3")]  # both kept
    # the window reloaded its lists
    assert window.bookmarks.model.find(NAME, "2-3").isValid()
    assert "1-1-1" in window.notes.ids()
    assert "復元しました" in dialogs.shown[-1].text
    assert not dialogs.errors()


def test_a_broken_backup_is_refused_with_a_message(window, qtbot, dialogs, tmp_path):
    store = window.ctx.store
    store.set_note("1-1-1", "t", "元のメモ")
    before = snapshot(store)
    cases = {
        "notjson.json": b"{ not json",
        "other.json": json.dumps({"format": "something-else"}).encode(),
        "badnote.json": json.dumps(
            {
                "format": "shisaku-userdata",
                "version": 1,
                "notes": [{"measure_id": "1-1-1", "title": 3}],
                "collections": [],
            }
        ).encode(),
    }
    for name, raw in cases.items():
        path = tmp_path / name
        path.write_bytes(raw)
        dialogs.shown.clear()
        dialogs.expect(open_file(path), press("OK"))
        window.commands.restore.trigger()
        dialogs.settle(qtbot)
        assert [s.kind for s in dialogs.shown] == ["file", "warning"], (name, dialogs.shown)
        assert "何も変更していません" in dialogs.shown[1].text
        assert snapshot(store) == before


def test_backup_refuses_the_data_folder(window, qtbot, dialogs):
    target = window.ctx.store.path.parent / "backup.json"
    dialogs.expect(save_as(target), press("OK"))
    window.commands.backup.trigger()
    dialogs.settle(qtbot)
    assert [s.kind for s in dialogs.shown] == ["file", "warning"], dialogs.shown
    assert "データ" in dialogs.shown[1].text and not target.exists()


def test_restore_with_nothing_new_offers_only_close(window, qtbot, dialogs, tmp_path):
    window.ctx.store.set_note("1-1-1", "t", "同じメモ")
    out = tmp_path / "same.json"
    dialogs.expect(save_as(out), press("OK"))
    window.commands.backup.trigger()
    dialogs.settle(qtbot)
    seen: list = []
    dialogs.expect(open_file(out), read_preview(seen, "閉じる"))
    window.commands.restore.trigger()
    dialogs.settle(qtbot)
    assert "変わるものはありません" in seen[0]["summary"]
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # nothing left open
