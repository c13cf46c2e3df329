"""#15, Windows-safe file handling, simulated here (only the Windows CI leg proves the real
thing: a file held open by another program, the console, NTFS ACLs, MAX_PATH):
- a replace that Windows refuses while another program has the file open is retried;
- user data is in the local (not roaming) AppData folder;
- data folders and output paths with Japanese user names, spaces and more than 260 characters.
"""

from __future__ import annotations

import json
import os

import pytest

from desktop import atomicfile, paths
from desktop.cli.main import main
from desktop.userdata import UserStore
from tests.hostile.helpers import no_traceback, run


class Busy:
    """os.replace that fails like Windows while another process holds the target open."""

    def __init__(self, times: int):
        self.times, self.calls = times, 0
        self.real = os.replace

    def __call__(self, src, dst, *a, **k):
        self.calls += 1
        if self.calls <= self.times:
            raise PermissionError(13, "The process cannot access the file", str(dst))
        return self.real(src, dst, *a, **k)


def test_replace_is_retried_while_the_file_is_in_use(tmp_path, monkeypatch, capsys):
    out = tmp_path / "backup.json"
    out.write_text("old", encoding="utf-8")
    busy = Busy(times=3)
    monkeypatch.setattr(atomicfile.os, "replace", busy)
    monkeypatch.setattr(atomicfile.time, "sleep", lambda s: None)
    assert main(["backup", "--out", str(out)]) == 0, capsys.readouterr().err
    assert busy.calls == 4
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "shisaku-userdata"


def test_a_file_that_stays_in_use_is_a_clear_message(tmp_path, monkeypatch, capsys):
    out = tmp_path / "backup.json"
    out.write_text("old", encoding="utf-8")
    monkeypatch.setattr(atomicfile.os, "replace", Busy(times=100))
    monkeypatch.setattr(atomicfile.time, "sleep", lambda s: None)
    code = main(["backup", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and "他のプログラム" in err and "変更していません" in err
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_user_data_is_in_local_not_roaming_appdata(monkeypatch):
    """Pinned: a roaming profile would copy the store and its -wal at logoff, half-synced."""
    import platformdirs
    from platformdirs.windows import Windows

    monkeypatch.delenv("SHISAKU_DATA_DIR", raising=False)
    monkeypatch.setattr(platformdirs, "PlatformDirs", Windows)
    monkeypatch.setenv("WIN_PD_OVERRIDE_APPDATA", r"C:\Users\山田 太郎\AppData\Roaming")
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", r"C:\Users\山田 太郎\AppData\Local")
    folder = str(paths.data_dir())
    assert folder.startswith(r"C:\Users\山田 太郎\AppData\Local") and folder.endswith("shisaku")
    assert "Roaming" not in folder


@pytest.mark.parametrize(
    "home",
    [
        "Users/山田 太郎/AppData/Local",
        "Users/山田 太郎/" + "/".join(["OneDrive - Ministry of Internal Affairs"] * 7),
    ],
)
def test_japanese_names_spaces_and_long_paths(tmp_path, catalogue, home):
    folder = tmp_path / home / "shisaku"
    assert len(str(folder)) > (260 if "OneDrive" in home else 0)  # past Windows' MAX_PATH
    out = tmp_path / home / "会議 資料"
    out.mkdir(parents=True)
    m = catalogue.require("1-1-28")
    for args in (
        ("note", "set", m.id, "山田さんのメモ"),
        ("bookmark", "add", m.id),
        ("backup", "--out", str(out / "バックアップ 1.json")),
        (
            "brief",
            "--collection",
            "ブックマーク",
            "--format",
            "md",
            "--out",
            str(out / "ブリーフ 1.md"),
        ),
        ("export", "--format", "csv", "--out", str(out / "施策 一覧.csv")),
    ):
        r = run(*args, data_dir=folder)
        no_traceback(r)
        assert r.returncode == 0, (args, r.stderr.decode())
    assert "山田さんのメモ" in (out / "ブリーフ 1.md").read_text(encoding="utf-8")
    other = tmp_path / home / "別の PC"
    r = run("restore", str(out / "バックアップ 1.json"), data_dir=other)
    assert r.returncode == 0, r.stderr.decode()
    with UserStore.open(other) as s:
        assert s.get_note(m.id).text == "山田さんのメモ"


@pytest.mark.skipif(os.name == "nt", reason="Windows opens long paths through win32-longpath")
def test_a_path_sqlite_cannot_open_is_a_clear_message(tmp_path):
    """SQLite's unix file layer takes at most 512 bytes: 170 Japanese characters."""
    folder = tmp_path.joinpath(*["とても深い階層のフォルダ"] * 16) / "shisaku"
    r = run("note", "list", data_dir=folder)
    no_traceback(r)
    err = r.stderr.decode("utf-8")
    assert r.returncode == 2 and "パスが長すぎます" in err and "書き込めるか" not in err
