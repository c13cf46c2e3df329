"""#14 items 9, 10, 11: hostile backups and inputs give a clear message and exit 2, never a
traceback, and read at most what they may (a bound counted in bytes actually read)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from desktop.userdata.connection import FILE_NAME
from tests.hostile.helpers import ROOT, no_traceback, run

GOOD = {
    "format": "shisaku-userdata",
    "version": 1,
    "exported": "2025-12-03T00:00:00+00:00",
    "app_version": "0.1.0",
    "notes": [],
    "collections": [],
}


def note(**kw) -> dict:
    n = {
        "measure_id": "1-1-28",
        "title": "t",
        "text": "x",
        "created": "2025-12-03T09:00:00+09:00",
        "updated": "2025-12-03T09:00:00+09:00",
        "history": [],
    }
    return {**n, **kw}


def backup_text(**kw) -> str:
    return json.dumps({**GOOD, **kw}, ensure_ascii=False)


def highlight(**kw) -> dict:
    h = {
        "uid": "0" * 32,
        "measure_id": "1-1-28",
        "title": "t",
        "start": 0,
        "end": 4,
        "exact": "専門高校",
        "prefix": "",
        "suffix": "",
        "colour": "yellow",
        "comment": "",
        "created": "2025-12-03T09:00:00+09:00",
        "updated": "2025-12-03T09:00:00+09:00",
        "body_hash": "",
        "orphan": False,
    }
    return {**h, **kw}


def v2(highlights=(), tags=()) -> str:
    return backup_text(version=2, highlights=list(highlights), tags=list(tags))


def tag(name="要確認", **item) -> dict:
    b = {"measure_id": "1-1-28", "title": "t", "added": "2025-12-03T09:00:00+00:00", **item}
    return {"name": name, "created": "2025-12-03T09:00:00+00:00", "items": [b]}


HOSTILE = {
    "nested 100000 deep": '{"format": "shisaku-userdata", "notes": ' + "[" * 100_000,
    "nested deep, closed": "[" * 5000 + "]" * 5000,
    "5000-digit integer": '{"format": "shisaku-userdata", "version": ' + "9" * 5000 + "}",
    "time before year 1 in UTC": backup_text(notes=[note(created="0001-01-01T00:00:00+09:00")]),
    "time after year 9999 in UTC": backup_text(notes=[note(updated="9999-12-31T23:59:59-09:00")]),
    "history time overflows": backup_text(
        notes=[
            note(
                history=[
                    {
                        "text": "h",
                        "saved": "0001-01-01T00:30:00+01:00",
                        "replaced": "2025-01-01T00:00:00+00:00",
                    }
                ]
            )
        ]
    ),
    "bookmark time overflows": backup_text(
        collections=[
            {
                "name": "c",
                "created": "2025-01-01T00:00:00+00:00",
                "items": [
                    {"measure_id": "1-1-1", "title": "t", "added": "9999-12-31T23:00:00-05:00"}
                ],
            }
        ]
    ),
    # format 2: highlights and tags (issue 12)
    "highlight offset of 400 digits": v2([highlight(start=10**400, end=10**400 + 4)]),
    "highlight offset past the bound": v2([highlight(start=2**62, end=2**62 + 4)]),
    "highlight offsets reversed": v2([highlight(start=4, end=0)]),
    "highlight offset a float": v2([highlight(end=4.0)]),
    "highlight uid with SQL": v2([highlight(uid="' OR 1=1 --")]),
    "highlight uid twice": v2([highlight(), highlight()]),
    "highlight colour unknown": v2([highlight(colour="#ff0000")]),
    "highlight context 1 MB": v2([highlight(prefix="あ" * 1_000_000)]),
    "highlight time overflows": v2([highlight(created="0001-01-01T00:00:00+09:00")]),
    "highlight lone surrogate": v2([highlight(comment="LONE")]).replace("LONE", "\\ud800"),
    "highlights not a list": backup_text(version=2, highlights={"a": 1}, tags=[]),
    "tags missing": backup_text(version=2, highlights=[]),
    "tag name of control characters": v2(tags=[tag("\x00\x07")]),
    "tag name empty once normalised": v2(tags=[tag("\u3000 \n")]),
    "tag name of 10000 characters": v2(tags=[tag("タ" * 10_000)]),
    "tag twice once normalised": v2(tags=[tag("ＡＩ"), tag("ai")]),
    "tag item time overflows": v2(tags=[tag(added="9999-12-31T23:59:59-09:00")]),
    "version true": backup_text(version=True),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_backup_is_refused_cleanly(tmp_path, name):
    path = tmp_path / "b.json"
    path.write_text(HOSTILE[name], encoding="utf-8")
    folder = tmp_path / "ud"
    r = run("restore", str(path), data_dir=folder)
    no_traceback(r)
    assert r.returncode == 2, r.stderr.decode()
    assert str(path) in r.stderr.decode()
    if name.startswith(("highlight", "tag")):  # refused by the format-2 checks, naming the part
        assert any(
            w in r.stderr.decode() for w in ("$.highlights", "$.tags", "highlights[", "tags[")
        ), r.stderr.decode()
    assert not (folder / FILE_NAME).exists()  # refused before the store was touched


def limited(args: list[str], data_dir, **kw) -> subprocess.CompletedProcess:
    """The CLI with 2 GB of address space: an unbounded read fails instead of eating the
    machine (the old code read /dev/zero until memory ran out)."""
    import resource

    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    env = {**os.environ, "SHISAKU_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=120,
        preexec_fn=cap,
        **kw,
    )


posix_dev = pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")


@posix_dev
@pytest.mark.parametrize(
    "args", [["restore", "/dev/zero"], ["note", "set", "1-1-28", "--file", "/dev/zero"]]
)
def test_endless_input_is_bounded(tmp_path, args):
    r = limited(args, tmp_path / "ud")
    no_traceback(r)
    assert r.returncode == 2, r.stderr.decode()
    assert "大きすぎます" in r.stderr.decode()


@posix_dev
def test_endless_stdin_is_bounded(tmp_path):
    with open("/dev/zero", "rb") as zero:
        r = limited(["note", "set", "1-1-28", "-"], tmp_path / "ud", stdin=zero)
    no_traceback(r)
    assert r.returncode == 2 and "大きすぎます" in r.stderr.decode()


@pytest.mark.skipif(os.name != "posix", reason="closes file descriptor 0 in the child")
def test_note_from_closed_stdin(tmp_path):
    folder = tmp_path / "ud"
    env = {**os.environ, "SHISAKU_DATA_DIR": str(folder), "PYTHONPATH": str(ROOT)}
    r = subprocess.run(
        [sys.executable, "-m", "desktop", "note", "set", "1-1-28", "-"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        preexec_fn=lambda: os.close(0),
        timeout=60,
    )
    no_traceback(r)
    assert r.returncode == 2 and "標準入力" in r.stderr.decode()
    assert not (folder / FILE_NAME).exists()
