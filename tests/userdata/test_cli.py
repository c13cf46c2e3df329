"""Every user-data command of `shisaku`, round trip, and the exit-2 contract for bad input."""

from __future__ import annotations

import json
import os

import pytest

from desktop.cli.main import main
from desktop.userdata import DEFAULT_COLLECTION, UserStore
from desktop.userdata.backup import dump
from tests.userdata.helpers import run_cli

MEETING = "12/3 局長レク"


def cli(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def snapshot() -> dict:
    with UserStore.open() as s:
        d = dump(s)
    d.pop("exported")
    return d


def test_note_set_get_history_list_delete(capsys, tmp_path, catalogue):
    title = catalogue.require("1-1-28").title
    assert cli(capsys, "note", "set", "1-1-28", "最初")[0] == 0
    f = tmp_path / "note.txt"
    f.write_text("ファイルから\n二行目\n", encoding="utf-8")
    assert cli(capsys, "note", "set", "1-1-28", "--file", str(f))[0] == 0
    code, out, _ = cli(capsys, "note", "get", "1-1-28")
    assert (code, out) == (0, "ファイルから\n二行目\n")

    code, out, _ = cli(capsys, "note", "history", "1-1-28", "--json")
    assert code == 0 and [v["text"] for v in json.loads(out)] == ["最初"]
    code, out, _ = cli(capsys, "note", "history", "1-1-28")
    assert code == 0 and "最初" in out

    code, out, _ = cli(capsys, "note", "list", "--json")
    notes = json.loads(out)
    assert [(n["id"], n["title"], n["text"], n["orphan"]) for n in notes] == [
        ("1-1-28", title, "ファイルから\n二行目\n", False)
    ]
    code, out, _ = cli(capsys, "note", "list")
    assert code == 0 and out.startswith("1-1-28\t") and title in out

    assert cli(capsys, "note", "delete", "1-1-28")[0] == 0
    code, out, err = cli(capsys, "note", "get", "1-1-28")
    assert (code, out) == (0, "") and "メモはありません" in err
    assert json.loads(cli(capsys, "note", "list", "--json")[1]) == []


def test_note_set_from_stdin_subprocess(tmp_path):
    data = tmp_path / "ud"
    text = "標準入力から 😀\n<b>html</b>\n"
    r = run_cli("note", "set", "2-3", "-", data_dir=data, stdin=text.encode("utf-8"))
    assert r.returncode == 0, r.stderr.decode()
    r = run_cli("note", "get", "2-3", data_dir=data)
    assert r.returncode == 0 and r.stdout.decode("utf-8") == text
    # --data-dir on the subcommand wins over the environment
    other = tmp_path / "other"
    r = run_cli("note", "get", "2-3", "--data-dir", str(other), data_dir=data)
    assert r.returncode == 0 and r.stdout == b""
    assert (other / "userdata.sqlite").exists()


def test_bookmarks_and_collections_round_trip(capsys):
    assert cli(capsys, "collection", "create", MEETING)[0] == 0
    for mid in ("1-1-1", "1-1-2", "2-3", "1-5-11"):
        assert cli(capsys, "bookmark", "add", mid, "--collection", MEETING)[0] == 0
    assert cli(capsys, "bookmark", "add", "1-1-1")[0] == 0  # default collection
    code, out, _ = cli(capsys, "bookmark", "add", "1-1-1")
    assert code == 0 and "既に" in out  # idempotent
    assert cli(capsys, "bookmark", "move", "2-3", "--collection", MEETING, "--to", "1")[0] == 0
    code, out, _ = cli(capsys, "bookmark", "list", "--collection", MEETING, "--json")
    [col] = json.loads(out)
    assert [(i["position"], i["id"]) for i in col["items"]] == [
        (1, "2-3"),
        (2, "1-1-1"),
        (3, "1-1-2"),
        (4, "1-5-11"),
    ]
    code, out, _ = cli(capsys, "bookmark", "list")
    assert f"■ {DEFAULT_COLLECTION} (1)" in out and f"■ {MEETING} (4)" in out
    assert out.index("2-3") < out.index("1-1-2")

    assert cli(capsys, "bookmark", "remove", "1-1-2", "--collection", MEETING)[0] == 0
    assert cli(capsys, "bookmark", "remove", "1-1-1")[0] == 0
    code, out, _ = cli(capsys, "collection", "list", "--json")
    assert [(c["name"], c["count"]) for c in json.loads(out)] == [
        (DEFAULT_COLLECTION, 0),
        (MEETING, 3),
    ]
    code, out, _ = cli(capsys, "collection", "list")
    assert out.splitlines() == [f"{DEFAULT_COLLECTION}\t0", f"{MEETING}\t3"]

    assert cli(capsys, "collection", "rename", MEETING, "12/4 次官レク")[0] == 0
    code, out, _ = cli(capsys, "bookmark", "list", "--collection", "12/4 次官レク", "--json")
    assert [i["id"] for i in json.loads(out)[0]["items"]] == ["2-3", "1-1-1", "1-5-11"]
    code, _, err = cli(capsys, "collection", "delete", "12/4 次官レク")
    assert code == 2 and "--yes" in err
    assert cli(capsys, "collection", "delete", "12/4 次官レク", "--yes")[0] == 0
    assert [c["name"] for c in json.loads(cli(capsys, "collection", "list", "--json")[1])] == [
        DEFAULT_COLLECTION
    ]


def test_backup_and_restore_commands(capsys, tmp_path, monkeypatch):
    cli(capsys, "note", "set", "1-1-1", "メモ")
    cli(capsys, "collection", "create", MEETING)
    cli(capsys, "bookmark", "add", "1-1-1", "--collection", MEETING)
    out = tmp_path / "backup.json"
    assert cli(capsys, "backup", "--out", str(out))[0] == 0
    before = snapshot()
    monkeypatch.setenv("SHISAKU_DATA_DIR", str(tmp_path / "fresh"))
    assert cli(capsys, "restore", str(out))[0] == 0
    assert snapshot() == before


def test_brief_command_writes_each_format(qapp, capsys, tmp_path):
    cli(capsys, "collection", "create", MEETING)
    cli(capsys, "bookmark", "add", "1-1-28", "--collection", MEETING)
    cli(capsys, "note", "set", "1-1-28", "=1+1 局長に確認")
    for fmt in ("md", "csv", "pdf"):
        out = tmp_path / f"brief.{fmt}"
        code, _, err = cli(
            capsys, "brief", "--collection", MEETING, "--format", fmt, "--out", str(out)
        )
        assert code == 0, err
        assert out.stat().st_size > 0
    assert "局長に確認" in (tmp_path / "brief.md").read_text(encoding="utf-8")
    assert (tmp_path / "brief.pdf").read_bytes().startswith(b"%PDF-")


BAD_COMMANDS = [
    ("note", "set", "9-9-9", "x"),
    ("note", "set", "1-1-1"),  # no text
    ("note", "set", "1-1-1", "x", "--file", "f.txt"),
    ("note", "set", "1-1-1", "--file", "/nonexistent/file.txt"),
    ("note", "get", "9-9-9"),
    ("note", "delete", "9-9-9"),
    ("note", "delete", "1-1-2"),  # has no note
    ("note", "history", "9-9-9"),
    ("bookmark", "add", "9-9-9"),
    ("bookmark", "add", "1-1-1", "--collection", "nope"),
    ("bookmark", "remove", "1-1-3"),  # not bookmarked
    ("bookmark", "remove", "1-1-1", "--collection", "nope"),
    ("bookmark", "move", "1-1-1", "--collection", DEFAULT_COLLECTION, "--to", "9"),
    ("bookmark", "move", "1-1-1", "--collection", DEFAULT_COLLECTION, "--to", "0"),
    ("bookmark", "move", "1-1-1", "--collection", "nope", "--to", "1"),
    ("bookmark", "list", "--collection", "nope"),
    ("collection", "create", MEETING),  # exists
    ("collection", "create", "  "),
    ("collection", "rename", "nope", "x"),
    ("collection", "rename", DEFAULT_COLLECTION, "x"),
    ("collection", "rename", MEETING, DEFAULT_COLLECTION),
    ("collection", "delete", "nope", "--yes"),
    ("collection", "delete", DEFAULT_COLLECTION, "--yes"),
    ("collection", "delete", MEETING),  # no --yes
    ("restore", "/nonexistent/backup.json"),
    ("restore", "{bad}"),
    ("backup", "--out", "/nonexistent/dir/backup.json"),
    ("brief", "--collection", "nope", "--format", "md", "--out", "{out}"),
]


@pytest.mark.parametrize("args", BAD_COMMANDS, ids=lambda a: " ".join(a))
def test_bad_input_exit_2_and_nothing_changed(capsys, tmp_path, args):
    cli(capsys, "note", "set", "1-1-1", "keep")
    cli(capsys, "bookmark", "add", "1-1-1")
    cli(capsys, "collection", "create", MEETING)
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "shisaku-userdata", "version": 1, "notes": [{}]}')
    args = [a.replace("{bad}", str(bad)).replace("{out}", str(tmp_path / "o.md")) for a in args]
    before = snapshot()
    code, out, err = cli(capsys, *args)
    assert code == 2, (out, err)
    assert err.startswith("shisaku: エラー: ") and len(err.strip()) > 20
    assert snapshot() == before
    assert not (tmp_path / "o.md").exists()


def test_unknown_id_exit_code_in_subprocess(tmp_path):
    r = run_cli("bookmark", "add", "1-9-999", data_dir=tmp_path / "ud")
    assert r.returncode == 2
    assert "1-9-999" in r.stderr.decode("utf-8")


def test_recovered_store_is_reported_by_cli(capsys):
    data = os.environ["SHISAKU_DATA_DIR"]
    os.makedirs(data, exist_ok=True)
    with open(os.path.join(data, "userdata.sqlite"), "wb") as f:
        f.write(b"this is not a database" * 100)
    code, _, err = cli(capsys, "collection", "list")
    assert code == 0
    assert "userdata.sqlite.corrupt-" in err
