"""Parser 3 completes two titles that parser 2 cut (1-1-58, 1-1-62): notes and bookmarks
made under the cut title stay linked to their measure, they do not become orphans."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.cli.main import main

CUT = {
    "1-1-58": "行政相談委員と民生委員、保護司、人権擁護委員などと連携した地域",
    "1-1-62": "地域の持続可能性の確保に向けた「コミュニティ・ハブ」としての郵",
}


@pytest.mark.parametrize("mid", sorted(CUT))
def test_a_note_under_the_cut_title_stays_linked(tmp_path, capsys, mid):
    data = tmp_path / "ud"
    assert main(["note", "set", mid, "会議で確認する", "--data-dir", str(data)]) == 0
    assert main(["bookmark", "add", mid, "--data-dir", str(data)]) == 0
    con = sqlite3.connect(data / "userdata.sqlite")
    with con:  # what the store held before the upgrade
        for table in ("notes", "bookmarks"):
            con.execute(f"UPDATE {table} SET title = ? WHERE measure_id = ?", (CUT[mid], mid))
    con.close()
    capsys.readouterr()
    assert main(["note", "list", "--json", "--data-dir", str(data)]) == 0
    captured = capsys.readouterr()
    assert "孤立" not in captured.err
    assert main(["note", "get", mid, "--data-dir", str(data)]) == 0
    assert "会議で確認する" in capsys.readouterr().out
    con = sqlite3.connect(data / "userdata.sqlite")
    rows = con.execute("SELECT title, orphan FROM notes WHERE measure_id = ?", (mid,)).fetchall()
    con.close()
    assert len(rows) == 1 and rows[0][1] == 0 and rows[0][0].startswith(CUT[mid])
    assert len(rows[0][0]) > len(CUT[mid])
