"""#14 item 1: invalid UTF-8 stored inside a note (integrity_check still says ok) must never
crash a read; the user is told which notes are damaged and the raw bytes are kept."""

from __future__ import annotations

import json
import sqlite3

import pytest

from desktop.userdata import UserStore
from desktop.userdata.connection import FILE_NAME
from tests.hostile.helpers import no_traceback, raw_values, run, tamper

BAD = b"\xe4\xbc\x9a\xff\xfe\xe8\xad"  # 会, then bytes that are not UTF-8
NOTE_RAW = b"meeting " + BAD
HIST_RAW = b"older " + BAD


@pytest.fixture
def damaged(tmp_path, catalogue):
    folder = tmp_path / "ud"
    m, other = catalogue.require("1-1-28"), catalogue.require("2-3")
    with UserStore.open(folder) as s:
        s.set_note(m.id, m.title, "first version")
        s.set_note(m.id, m.title, "second version")
        s.set_note(other.id, other.title, "an intact note")
        s.add_bookmark(m.id, m.title)
    tamper(folder, "UPDATE notes SET text = CAST(? AS TEXT) WHERE measure_id = ?", NOTE_RAW, m.id)
    tamper(folder, "UPDATE note_history SET text = CAST(? AS TEXT)", HIST_RAW)
    con = sqlite3.connect(folder / FILE_NAME)  # SQLite's own check still says ok
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    con.close()
    return folder


@pytest.mark.parametrize(
    "args",
    [
        ("note", "list"),
        ("note", "list", "--json"),
        ("note", "get", "1-1-28"),
        ("note", "history", "1-1-28"),
        ("bookmark", "list"),
        ("search", "meeting"),
    ],
)
def test_every_read_works_and_names_the_damaged_note(damaged, args):
    r = run(*args, data_dir=damaged)
    no_traceback(r)
    assert r.returncode == 0, r.stderr.decode()
    err = r.stderr.decode("utf-8")
    if args[0] != "search":  # search only looks into the notes, quietly
        assert "1-1-28" in err and "UTF-8" in err
    if args[:2] == ("note", "get"):
        assert r.stdout.decode("utf-8") == "meeting 会\ufffd\ufffd\ufffd\n"
    if args[-1] == "--json":
        texts = {n["id"]: n["text"] for n in json.loads(r.stdout)}
        assert texts["1-1-28"].startswith("meeting 会\ufffd") and texts["2-3"] == "an intact note"


def test_backup_and_brief_work(damaged, tmp_path):
    r = run("backup", "--out", str(tmp_path / "b.json"), data_dir=damaged)
    no_traceback(r)
    assert r.returncode == 0 and "1-1-28" in r.stderr.decode()
    data = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    assert any(n["text"].startswith("meeting 会\ufffd") for n in data["notes"])
    r = run(
        "brief", "--collection", "ブックマーク", "--format", "md", "--out",
        str(tmp_path / "b.md"), data_dir=damaged,
    )  # fmt: skip
    no_traceback(r)
    assert r.returncode == 0 and "meeting 会" in (tmp_path / "b.md").read_text(encoding="utf-8")


def test_raw_bytes_survive_edits_and_history_pruning(damaged):
    r = run("note", "set", "1-1-28", "edit 0", data_dir=damaged)  # the user's way, once
    assert r.returncode == 0, r.stderr.decode()
    with UserStore.open(damaged) as s:
        title = s.get_note("1-1-28").title
        for i in range(1, 25):  # more than the 20 kept versions: the damaged ones are pruned
            s.set_note("1-1-28", title, f"edit {i}")
    with UserStore.open(damaged) as s:
        assert s.get_note("1-1-28").text == "edit 24"
        assert not s.damaged  # nothing left to warn about…
    values = raw_values(damaged / FILE_NAME)
    assert NOTE_RAW in values and HIST_RAW in values  # …but the bytes are still kept


def test_gui_starts_and_says_which_note(damaged, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop.ui.app import open_window

    shown = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda *a, **k: shown.append(a[2]) or QMessageBox.StandardButton.Ok
    )
    win, ctx = open_window(damaged)
    qtbot.addWidget(win)
    try:
        qtbot.waitUntil(lambda: bool(shown), timeout=5000)
        assert "1-1-28" in shown[0] and "UTF-8" in shown[0]
        win.tabs.setCurrentIndex(2)  # メモ
        assert win.notes.list.count() == 2
    finally:
        win.close()
        ctx.close()


def test_damaged_highlight_comment_and_tag_are_read_and_kept(tmp_path, catalogue):
    folder = tmp_path / "ud"
    m = catalogue.require("1-1-28")
    with UserStore.open(folder) as s:
        h = s.add_highlight(m, 0, 4, comment="ok")
        s.add_tag(m.id, m.title, "要確認")
    tamper(folder, "UPDATE highlights SET comment = CAST(? AS TEXT)", NOTE_RAW)
    tamper(folder, "UPDATE tags SET name = CAST(? AS TEXT)", BAD)
    for args in (("highlight", "list"), ("highlight", "list", "--json"), ("tag", "list")):
        r = run(*args, data_dir=folder)
        no_traceback(r)
        assert r.returncode == 0, r.stderr.decode()
        err = r.stderr.decode("utf-8")
        assert "ハイライトのコメント" in err and "タグ" in err and "UTF-8" in err
    r = run("highlight", "edit", h.uid, "--comment", "fixed", data_dir=folder)
    assert r.returncode == 0, r.stderr.decode()
    assert NOTE_RAW in raw_values(folder / FILE_NAME)  # the bytes outlive the edit
