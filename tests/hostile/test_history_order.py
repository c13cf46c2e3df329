"""#14 item 3: history used to be pruned by its `replaced` time. After restoring a backup whose
20 versions are dated in the future (or when the clock went back), every later edit's previous
text was pruned the moment it was saved. Pruning now follows insertion order."""

from __future__ import annotations

import json

from desktop.userdata import HISTORY_KEEP, UserStore
from desktop.userdata.backup import dump, restore
from tests.hostile.helpers import run

FUTURE = "2099-01-01T00:00:00.000000+00:00"


def future_backup(tmp_path, title: str) -> dict:
    with UserStore.open(tmp_path / "other-pc") as s:
        s.set_note("1-1-28", title, "from the other PC")
        data = dump(s)
    data["notes"][0]["history"] = [
        {"text": f"future {i}", "saved": FUTURE, "replaced": FUTURE} for i in range(HISTORY_KEEP)
    ]
    return data


def test_edits_after_a_future_dated_restore_keep_their_history(tmp_path, catalogue):
    data = future_backup(tmp_path, catalogue.require("1-1-28").title)
    path = tmp_path / "future.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    folder = tmp_path / "ud"
    assert run("restore", str(path), data_dir=folder).returncode == 0
    for text in ("my edit 1", "my edit 2"):
        r = run("note", "set", "1-1-28", text, data_dir=folder)
        assert r.returncode == 0, r.stderr.decode()
    with UserStore.open(folder) as s:
        texts = [v.text for v in s.note_history("1-1-28")]
    assert texts[:2] == ["my edit 1", "from the other PC"]  # newest first, none lost
    # the backup lists versions newest first: its oldest two made room
    assert len(texts) == HISTORY_KEEP and texts[2:] == [f"future {i}" for i in range(18)]


def test_a_clock_that_went_back_does_not_prune_the_last_edit(tmp_path, monkeypatch):
    from desktop.userdata import notes

    folder = tmp_path / "ud"
    with UserStore.open(folder) as s:
        for i in range(HISTORY_KEEP + 1):
            s.set_note("1-1-1", "t", f"v{i}")
        monkeypatch.setattr(notes, "now_iso", lambda: "2001-01-01T00:00:00.000000+00:00")
        s.set_note("1-1-1", "t", "after the clock went back")
        s.set_note("1-1-1", "t", "and again")
        texts = [v.text for v in s.note_history("1-1-1")]
    assert texts[:2] == ["after the clock went back", f"v{HISTORY_KEEP}"]


def test_merging_histories_keeps_the_newest(tmp_path):
    """Two histories of one note meet in a restore: the newest 20 by time stay (local ones
    here), and later edits go on by insertion order."""
    with UserStore.open(tmp_path / "old-pc") as s:
        for i in range(HISTORY_KEEP + 1):
            s.set_note("1-1-1", "t", f"old pc {i}")
        old = dump(s)
    with UserStore.open(tmp_path / "ud") as s:
        for i in range(HISTORY_KEEP + 1):
            s.set_note("1-1-1", "t", f"this pc {i}")
        restore(s, old)
        texts = [v.text for v in s.note_history("1-1-1")]
        assert len(texts) == HISTORY_KEEP
        assert s.get_note("1-1-1").text == f"this pc {HISTORY_KEEP}"
        assert texts[0] == f"old pc {HISTORY_KEEP}"  # the other current text, now a version
        assert texts[1:] == [f"this pc {i}" for i in range(HISTORY_KEEP - 1, 0, -1)]
