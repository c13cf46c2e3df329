"""#14 item 17 and #15: output never raises on encoding, and a process without a console
(the windowed executable starts with sys.stdout and sys.stderr set to None) never crashes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from desktop.cli.main import main
from desktop.userdata import UserStore
from tests.hostile.helpers import ROOT, no_traceback, run

EMOJI_NOTE = "会議 😀 メモ"


@pytest.fixture
def data(tmp_path, catalogue):
    folder = tmp_path / "ud"
    m = catalogue.require("1-1-28")
    with UserStore.open(folder) as s:
        s.set_note(m.id, m.title, "前の版 🙂")
        s.set_note(m.id, m.title, EMOJI_NOTE)
        s.create_collection("絵文字 🗂")
        s.add_bookmark(m.id, m.title, "絵文字 🗂")
    return folder


CP932 = {"PYTHONIOENCODING": "cp932"}  # as a Japanese Windows console or redirect


@pytest.mark.parametrize(
    "args",
    [
        ("note", "list"),
        ("note", "get", "1-1-28"),
        ("note", "history", "1-1-28"),
        ("note", "list", "--json"),
        ("bookmark", "list"),
        ("collection", "list"),
        ("search", "会議"),
    ],
)
def test_cp932_output_replaces_what_it_cannot_encode(data, args):
    r = run(*args, data_dir=data, env=CP932)
    no_traceback(r)
    assert r.returncode == 0, r.stderr.decode("cp932", "replace")
    out = r.stdout.decode("cp932")  # what the console shows: valid cp932 throughout
    if args[:2] == ("note", "get"):
        assert out == "会議 ? メモ\n"
    if args[:2] == ("bookmark", "list"):
        assert "絵文字 ?" in out


def test_cp932_error_messages_too(data):
    r = run("bookmark", "add", "1-1-28", "--collection", "ない 😀", data_dir=data, env=CP932)
    no_traceback(r)
    assert r.returncode == 2 and "ない ?" in r.stderr.decode("cp932")


def no_console(args: list[str], data_dir) -> subprocess.CompletedProcess:
    """The CLI started with no stdout and stderr at all (file descriptors 1 and 2 closed):
    Python sets sys.stdout and sys.stderr to None, as in the windowed executable."""

    def close():
        os.close(1)
        os.close(2)

    env = {**os.environ, "SHISAKU_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        preexec_fn=close,
        timeout=120,
    )


@pytest.mark.skipif(os.name != "posix", reason="closes file descriptors in the child")
@pytest.mark.parametrize(
    "args, code",
    [
        (["tree"], 0),
        (["show", "1-1-28"], 0),
        (["search", "会議"], 0),
        (["note", "list"], 0),
        (["note", "get", "1-1-28"], 0),
        (["bookmark", "list"], 0),
        (["export"], 2),  # no --out and nowhere to write: a clear refusal, not a crash
        (["backup", "--out", "-"], 2),
        (["show", "9-9-9"], 2),
        (["--help"], 0),
    ],
)
def test_no_console_never_crashes(data, args, code):
    assert no_console(args, data).returncode == code


def test_no_console_in_process(data, tmp_path, monkeypatch):
    """The same, in this process: every print path of a note round trip survives."""
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    assert main(["--data-dir", str(data), "note", "set", "1-1-28", "新しい 😀"]) == 0
    assert main(["--data-dir", str(data), "note", "get", "1-1-28"]) == 0
    assert main(["--data-dir", str(data), "export", "--format", "csv"]) == 2
    out = tmp_path / "export.csv"
    assert main(["--data-dir", str(data), "export", "--format", "csv", "--out", str(out)]) == 0
    assert out.stat().st_size > 0
    b = tmp_path / "b.json"
    assert main(["--data-dir", str(data), "backup", "--out", str(b)]) == 0
    assert json.loads(b.read_text(encoding="utf-8"))["notes"][0]["text"] == "新しい 😀"
