"""`shisaku brief` as a user runs it: every registered format, the options, and bad input
(exit 2, a clear message, no file)."""

from __future__ import annotations

import pytest

from desktop.brief import FORMATS
from desktop.cli.main import main

MEETING = "12/3 局長レク"


def cli(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def meeting(capsys):
    cli(capsys, "collection", "create", MEETING)
    for mid in ("1-1-28", "2-3", "1-1-1", "1-2-5", "1-3-10"):
        cli(capsys, "bookmark", "add", mid, "--collection", MEETING)
    cli(capsys, "note", "set", "1-1-28", "=1+1 局長に確認")


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_brief_writes_each_format(qapp, capsys, tmp_path, meeting, fmt):
    out = tmp_path / f"brief.{fmt}"
    code, stdout, err = cli(
        capsys, "brief", "--collection", MEETING, "--format", fmt, "--out", str(out)
    )
    assert code == 0, err
    assert str(out) in stdout and out.stat().st_size > 0


def test_no_notes_leaves_the_notes_out(capsys, tmp_path, meeting):
    out = tmp_path / "b.md"
    args = ["brief", "--collection", MEETING, "--format", "md", "--out", str(out)]
    assert cli(capsys, *args, "--no-notes")[0] == 0
    assert "局長に確認" not in out.read_text(encoding="utf-8")
    assert cli(capsys, *args, "--no-bodies")[0] == 0
    text = out.read_text(encoding="utf-8")
    assert "局長に確認" in text and "## 1." not in text


@pytest.mark.parametrize(
    "args,message",
    [
        (("--collection", "空"), "施策がない"),
        (("--collection", "ない"), "はありません"),
    ],
)
def test_bad_brief_exit_2_and_no_file(capsys, tmp_path, args, message):
    cli(capsys, "collection", "create", "空")
    out = tmp_path / "b.pdf"
    code, _, err = cli(capsys, "brief", *args, "--format", "pdf", "--out", str(out))
    assert code == 2 and err.startswith("shisaku: エラー: ") and message in err
    assert not out.exists()


def test_unknown_format_is_an_argparse_error(capsys, tmp_path):
    with pytest.raises(SystemExit) as e:
        main(["brief", "--collection", "x", "--format", "odt", "--out", str(tmp_path / "b")])
    assert e.value.code == 2
