"""Notes are never lost: a switch that cannot save is refused; editing keeps the old text as a
version; settings saving fails quietly and cleanly on a full disk."""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox

from desktop.ui.nav_history import PREFACE
from desktop.userdata import StoreWriteError, UserStore
from tests.ui.conftest import ime_commit

posix = pytest.mark.skipif(os.name != "posix", reason="POSIX file systems")


def mount_tmpfs(path: Path, size: str) -> bool:
    path.mkdir(parents=True)
    if os.geteuid() != 0:
        return False
    r = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(path)],
        capture_output=True,
    )
    return r.returncode == 0


def fill_up(folder: Path) -> Path:
    """Write a file until the file system is full (ENOSPC)."""
    filler = folder / "filler"
    chunk = b"\0" * 65536
    with open(filler, "wb", buffering=0) as f:
        while True:
            try:
                f.write(chunk)
            except OSError as e:
                assert e.errno == errno.ENOSPC, e
                if len(chunk) == 1:
                    break
                chunk = chunk[: len(chunk) // 2]
    return filler


class FullDisk:
    """The user data folder on a real small file system that can be filled up (root); where
    mounting is not allowed, the store instance's set_note fails like a full disk."""

    def __init__(self, root: Path, qtbot, monkeypatch):
        self.root, self.qtbot, self.monkeypatch = root, qtbot, monkeypatch
        self.real = mount_tmpfs(root, "2m")
        monkeypatch.setenv("SHISAKU_DATA_DIR", str(root / "ud"))
        self.filler: Path | None = None
        self.opened = []

    def window(self):
        from desktop.ui.context import AppContext
        from desktop.ui.main_window import MainWindow
        from desktop.ui.settings import Settings

        ctx = AppContext.open()
        win = MainWindow(ctx, Settings.open())
        self.qtbot.addWidget(win)
        win.show()
        self.qtbot.waitExposed(win)
        self.opened.append((win, ctx))
        return win

    def fill(self, store) -> None:
        if self.real:
            self.filler = fill_up(self.root)
        else:

            def full(*_a, **_k):
                raise StoreWriteError(
                    "変更を保存できませんでした: ディスクの空きがありません"
                    " (disk full)。変更は行われていません。"
                )

            self.monkeypatch.setattr(store, "set_note", full)

    def free(self, store) -> None:
        if self.filler is not None:
            self.filler.unlink()
            self.filler = None
        elif not self.real:
            self.monkeypatch.delattr(store, "set_note")  # back to the class's method

    def close(self) -> None:
        if self.filler is not None:
            self.filler.unlink()
        for win, ctx in self.opened:
            if win.isVisible():
                win.close()
            ctx.close()
        if self.real:
            subprocess.run(["umount", "-l", str(self.root)], check=False)


@pytest.fixture
def disk(tmp_path, qtbot, monkeypatch):
    d = FullDisk(tmp_path / "small", qtbot, monkeypatch)
    yield d
    d.close()


@posix
def test_a_switch_that_cannot_save_the_note_is_refused(disk, qtbot, monkeypatch):
    warnings = []
    monkeypatch.setattr(
        QMessageBox,
        "warning",
        lambda *a, **k: warnings.append(a[2]) or QMessageBox.StandardButton.Ok,
    )
    win = disk.window()
    store = win.ctx.store
    win.open_location("1-1-10")
    win.open_location("1-1-11")
    disk.fill(store)
    text = "今日の打ち合わせで決まったこと\n" + "施策" * 60000  # more than the disk has left
    win.editor.edit.setFocus()
    ime_commit(win.editor.edit, text)

    assert win.open_location("1-1-12") is False  # the save failed: stay
    assert win.location == "1-1-11"
    assert win.editor.autosave.measure_id == "1-1-11"
    assert win.editor.edit.toPlainText() == text  # the typed text is still there
    assert win.editor.status.text() == "保存できません"
    assert len(warnings) == 1 and "保存できない" in warnings[0] and "残っています" in warnings[0]

    win.go_back()  # every other way away is refused too, and nothing moves
    assert win.location == "1-1-11" and win.history.current == "1-1-11"
    assert win.history.can_back() and not win.history.can_forward()
    win.tree.setCurrentIndex(win.toc_model.index_of("1-1-12"))
    assert win.location == "1-1-11"
    assert win.tree.currentIndex() == win.toc_model.index_of("1-1-11")
    assert win.open_location(PREFACE) is False
    assert win.editor.edit.toPlainText() == text
    assert win.editor.status.text() == "保存できません"
    assert len(warnings) == 4

    disk.free(store)  # space again: the switch saves and goes on
    assert win.open_location("1-1-12") is True
    assert win.location == "1-1-12"
    with UserStore.open() as other:
        assert other.get_note("1-1-11").text == text


def test_a_brief_is_refused_while_the_typed_note_cannot_be_saved(disk, qtbot, tmp_path):
    from desktop.errors import UserError

    win = disk.window()
    store = win.ctx.store
    win.open_location("1-1-11")
    store.add_bookmark("1-1-11", win.ctx.catalogue.require("1-1-11").title)
    disk.fill(store)
    ime_commit(win.editor.edit, "会議資料に載せるメモ" + "施策" * 60000)
    out = tmp_path / "brief.md"
    with pytest.raises(UserError, match="保存できない"):
        win.bookmarks.export_brief(out, "md", "ブックマーク")
    assert not out.exists()  # no brief with an old note in it
    disk.free(store)
    win.bookmarks.export_brief(out, "md", "ブックマーク")
    assert "会議資料に載せるメモ" in out.read_text(encoding="utf-8")


def test_editing_an_existing_note_keeps_the_earlier_text_in_history(window, qtbot):
    store = window.ctx.store
    store.set_note("1-1-10", "t", "昨日の重要なメモ")
    window.open_location("1-1-10")
    edit = window.editor.edit
    assert edit.toPlainText() == "昨日の重要なメモ"
    edit.setFocus()
    edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(edit, "abc")
    qtbot.waitUntil(lambda: window.editor.status.text() == "保存済み")  # a timer save
    qtbot.keyClicks(edit, "def")
    window.open_location("1-1-11")
    assert store.get_note("1-1-10").text == "昨日の重要なメモabcdef"
    # the earlier text is a version; the keystroke saves of one session are not
    assert [v.text for v in store.note_history("1-1-10")] == ["昨日の重要なメモ"]

    window.open_location("1-1-10")  # a second editing session: its start is kept too
    edit.setFocus()
    edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(edit, "!")
    window.open_location("1-1-11")
    assert [v.text for v in store.note_history("1-1-10")] == [
        "昨日の重要なメモabcdef",
        "昨日の重要なメモ",
    ]

    window.open_location("1-1-10")  # restoring a version keeps the current text as one
    assert window.editor.restore_version("昨日の重要なメモ")
    assert store.get_note("1-1-10").text == "昨日の重要なメモ"
    assert [v.text for v in store.note_history("1-1-10")][0] == "昨日の重要なメモabcdef!"


@posix
def test_settings_on_a_full_disk_are_not_saved_and_leave_no_temp_file(tmp_path, capsys):
    from desktop.ui.settings import FILE_NAME, Settings

    root = tmp_path / "small"
    if not mount_tmpfs(root, "64k"):
        pytest.skip("needs root to mount a small tmpfs")
    try:
        s = Settings(root / FILE_NAME)
        s.set("last_location", "1-1-1")
        s.save()
        assert oct((root / FILE_NAME).stat().st_mode & 0o777) == oct(0o600)  # private
        before = (root / FILE_NAME).read_bytes()
        filler = fill_up(root)
        s.set("last_location", "1-1-2")
        s.set("main_splitter", list(range(1, 5000)))  # more than a partly used block
        ok = s.save()  # no exception: settings are a comfort
        assert sorted(p.name for p in root.iterdir()) == sorted([FILE_NAME, filler.name])
        assert ok is False
        assert "画面の設定を保存できませんでした" in capsys.readouterr().err
        assert (root / FILE_NAME).read_bytes() == before
    finally:
        subprocess.run(["umount", "-l", str(root)], check=False)


def test_collection_name_is_escaped_in_the_printed_brief(window):
    name = "<b>局長</b> & 課長 <i>"
    window.ctx.store.create_collection(name)
    window.open_location("2-3")
    window.toggle_bookmark(name)
    doc = window.bookmarks.brief_document(name)
    text = doc.toPlainText()
    assert text.startswith(name)
    assert window.ctx.catalogue.require("2-3").title in text


@pytest.mark.parametrize(
    ("button", "kept", "in_history"),
    [
        ("この画面の文を残す", "mine", "theirs"),
        ("別の場所の文にする", "theirs", "mine"),
    ],
)
def test_conflict_choices_keep_the_other_text_in_history(
    window, qtbot, dialogs, button, kept, in_history
):
    from tests.ui.dialogs import press

    window.open_location("1-1-14")
    window.editor.edit.setFocus()
    qtbot.keyClicks(window.editor.edit, "base")
    assert window.editor.autosave.flush()
    with UserStore.open() as other:
        other.set_note("1-1-14", "x", "theirs")
    window.editor.edit.selectAll()
    qtbot.keyClicks(window.editor.edit, "mine")
    dialogs.expect(press(button))
    qtbot.waitUntil(lambda: bool(dialogs.shown), timeout=5000)
    qtbot.waitUntil(lambda: not window.editor.autosave.dirty, timeout=5000)
    with UserStore.open() as other:
        assert other.get_note("1-1-14").text == kept
        assert in_history in [v.text for v in other.note_history("1-1-14")]
    assert window.editor.edit.toPlainText() == kept
