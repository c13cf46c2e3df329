"""`shisaku build | tree | show | export` as a user runs them."""

import csv
import io
import json
import sqlite3
import subprocess
import sys

import pytest

from db import paths
from db.build import build, is_stale
from desktop.cli.main import main
from tests.conftest import ROOT, SOURCE


def run(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """A build dir of our own, built from the real source."""
    out = tmp_path / "built"
    build(source=SOURCE, out=out)
    monkeypatch.setenv("SHISAKU_BUILD_DIR", str(out))
    return out


def rows(db):
    con = sqlite3.connect(db)
    try:
        return {
            t: con.execute(f"select * from {t} order by 1, 2").fetchall()
            for t in (
                "chapters",
                "pillars",
                "measures",
                "footnotes",
                "bureaus",
                "measure_bureaus",
            )
        }
    finally:
        con.close()


def test_build_is_deterministic(fresh, tmp_path):
    other = tmp_path / "again"
    build(source=SOURCE, out=other)
    assert rows(paths.catalogue_path(fresh)) == rows(paths.catalogue_path(other))
    assert paths.index_dir(other).is_dir()


@pytest.mark.parametrize(
    ("cut", "expected"),
    [
        (3000, "expected measure （33） of pillar 2"),
        (80, "expected measure"),
        (30, "expected 目次"),
    ],
)
def test_truncated_source_fails_clearly_and_keeps_catalogue(fresh, tmp_path, capsys, cut, expected):
    before = paths.catalogue_path(fresh).read_bytes()
    bad = tmp_path / "bad.txt"
    bad.write_text(
        "\n".join(SOURCE.read_text(encoding="utf-8").split("\n")[:cut]), encoding="utf-8"
    )
    assert main(["build", "--source", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "line " in err and expected in err
    assert paths.catalogue_path(fresh).read_bytes() == before
    assert not [p for p in fresh.iterdir() if p.name.startswith(".")]


def test_binary_and_missing_source(fresh, tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    assert main(["build", "--source", str(bad)]) == 2
    assert "expected UTF-8" in capsys.readouterr().err
    assert main(["build", "--source", str(tmp_path / "nope.txt")]) == 2
    assert "cannot read source" in capsys.readouterr().err


def test_stale_catalogue_is_rebuilt(fresh, monkeypatch, capsys):
    con = sqlite3.connect(paths.catalogue_path(fresh))
    con.execute("update meta set value = '0' where key = 'parser_version'")
    con.commit()
    con.close()
    assert is_stale(fresh)
    assert main(["show", "1-1-1", "--json"]) == 0
    assert not is_stale(fresh)


def test_parser_change_marks_catalogue_stale(fresh):
    con = sqlite3.connect(paths.catalogue_path(fresh))
    con.execute("update meta set value = 'old' where key = 'parser_fingerprint'")
    con.commit()
    con.close()
    assert is_stale(fresh)


def test_missing_catalogue_is_built_on_demand(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SHISAKU_BUILD_DIR", str(tmp_path / "empty"))
    assert main(["tree"]) == 0
    out = capsys.readouterr().out
    assert "1．安心して働き、暮らせる地方の生活環境の創生 (129)" in out
    assert "第2章 基本構想「第３章４．（１）国の役割」に基づく支援等 (14)" in out
    assert "計 344 施策" in out


def test_show_json_and_unknown_id():
    r = run("show", "1-1-28", "--json")
    assert r.returncode == 0
    d = json.loads(r.stdout)
    assert (
        d["title"]
        == "専門高校を拠点とした地方創生支援・地域人材の育成（高校の特色化・魅力化を含む）"
    )
    assert d["pillar"] == 1 and d["chapter"] == 1 and d["number"] == 28
    r = run("show", "1-1-999")
    assert r.returncode == 2
    assert "1-1-999" in r.stderr and not r.stdout


def test_export_jsonl_fields(capsys):
    assert main(["export", "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 344
    first, last = json.loads(lines[0]), json.loads(lines[-1])
    assert set(first) == {
        "id",
        "chapter",
        "chapter_title",
        "pillar",
        "pillar_title",
        "pillar_subtitle",
        "number",
        "title",
        "body",
        "footnotes",
        "organisations",
        "ministries",
        "page",
    }
    assert last["id"] == "2-14" and last["pillar"] is None and last["pillar_title"] is None
    assert first["organisations"][0] == {
        "name": "内閣官房全世代型社会保障構築本部事務局",
        "ministry": "内閣官房",
    }


def test_export_csv_has_bom_and_opens(tmp_path):
    out = tmp_path / "all.csv"
    assert main(["export", "--format", "csv", "--out", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(table) == 344 and table[3]["id"] == "1-1-4"
    assert "[1] 独立行政法人男女共同参画機構法案" in table[3]["footnotes"]


def test_export_md_and_bad_out(tmp_path, capsys):
    out = tmp_path / "all.md"
    assert main(["export", "--format", "md", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.count("#### （") == 344
    assert "## 第2章 基本構想" in text
    assert main(["export", "--format", "md", "--out", str(tmp_path / "no" / "x.md")]) == 2
    assert main(["export", "--format", "md", "--out", str(tmp_path)]) == 2


def test_custom_source_build_is_not_undone(fresh, tmp_path, capsys):
    """`build --source` sticks: later commands do not rebuild from the bundled source."""
    custom = tmp_path / "edition.txt"
    custom.write_text(
        SOURCE.read_text(encoding="utf-8").replace(
            "女性の起業を通じた新たな職場の創出", "女性の起業を通じた新しい職場の創出"
        ),
        encoding="utf-8",
    )
    assert main(["build", "--source", str(custom)]) == 0
    capsys.readouterr()
    assert not is_stale(fresh)
    assert main(["show", "1-1-4", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "女性の起業を通じた新しい職場の創出"


def test_unwritable_build_dir_is_a_clear_error(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("SHISAKU_BUILD_DIR", str(blocker / "data"))
    assert main(["build"]) == 2
    err = capsys.readouterr().err
    assert "cannot write the catalogue" in err and "Traceback" not in err


def test_data_dir_option_before_or_after_the_command(tmp_path, monkeypatch):
    env_dir, opt_dir = tmp_path / "env", tmp_path / "opt"
    monkeypatch.setenv("SHISAKU_DATA_DIR", str(env_dir))
    assert main(["--data-dir", str(opt_dir), "note", "set", "1-1-2", "前"]) == 0
    assert main(["note", "set", "1-1-3", "後", "--data-dir", str(opt_dir)]) == 0
    assert (opt_dir / "userdata.sqlite").exists()
    assert not env_dir.exists()


def test_negative_limit_is_refused(capsys):
    with pytest.raises(SystemExit) as e:
        main(["search", "港", "--limit", "-5"])
    assert e.value.code == 2
    assert "--limit" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["note", "set", "9-9", "x"],
        ["note", "get", "9-9"],
        ["bookmark", "add", "9-9"],
        ["note", "history", "9-9"],
    ],
)
def test_unknown_id_creates_no_user_data(tmp_path, capsys, argv):
    data = tmp_path / "ud"
    assert main([*argv, "--data-dir", str(data)]) == 2
    assert "9-9" in capsys.readouterr().err
    assert not data.exists()
