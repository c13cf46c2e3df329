"""The front matter as printed: `show preface`, Markdown export starting with it, pillar
and chapter titles in JSON exactly as printed, and `--version` naming the source."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

from desktop import __version__
from desktop.about import about_text, provenance_line
from desktop.cli.main import main
from tests.conftest import ROOT, SOURCE

PREFACE_START = "本施策集は、地方創生2.0の推進に資する各府省庁の具体的な施策について、"
PREFACE_END = "これらを踏まえ、国は、本施策集に掲載されている施策を中心として、今後、検討を行った上で、総合戦略を策定する。"


def test_show_preface(capsys):
    assert main(["show", "preface"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("はじめに\n\n" + PREFACE_START)
    assert out.rstrip("\n").endswith(PREFACE_END)
    assert len(out.strip().split("\n")) == 2 + 4  # title, blank, four paragraphs
    assert main(["show", "preface", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["id"] == "preface" and d["title"] == "はじめに"
    assert d["body"].startswith(PREFACE_START) and d["body"].count("\n") == 3


def test_export_md_starts_with_the_preface(tmp_path):
    out = tmp_path / "all.md"
    assert main(["export", "--format", "md", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 地方創生2.0 施策集\n\n## はじめに\n\n" + PREFACE_START)
    assert text.index(PREFACE_END) < text.index("## 第1章 政策の５本柱")
    assert (
        "### 2．稼ぐ力を高め、付加価値創出型の新しい地方経済の創生\n\n～地方イノベーション創生構想～\n\n#### （1）"
        in text
    )
    assert (
        "### 3．人や企業の地方分散\n\n～産官学の地方移転、都市と地方の交流等による創生～\n\n"
        in text
    )
    assert text.count("#### （") == 344


def test_jsonl_titles_as_printed(capsys):
    assert main(["export", "--format", "jsonl"]) == 0
    rows = {d["id"]: d for d in map(json.loads, capsys.readouterr().out.splitlines())}
    assert len(rows) == 344  # still one measure per line: the preface is not a line
    d = rows["1-2-1"]
    assert d["chapter_title"] == "政策の５本柱"
    assert d["pillar_title"] == "稼ぐ力を高め、付加価値創出型の新しい地方経済の創生"
    assert d["pillar_subtitle"] == "～地方イノベーション創生構想～"
    assert (
        rows["1-4-1"]["pillar_title"]
        == "新時代のインフラ整備とＡＩ・デジタルなどの新技術の徹底活用"
    )
    assert rows["1-4-1"]["pillar_subtitle"] is None
    d = rows["2-1"]
    assert d["chapter_title"] == "基本構想「第３章４．（１）国の役割」に基づく支援等"
    assert d["pillar_title"] is None and d["pillar_subtitle"] is None


def test_version_names_the_source():
    r = subprocess.run(
        [sys.executable, "-m", "desktop", "--version"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert r.returncode == 0 and not r.stderr
    sha = hashlib.sha256(SOURCE.read_bytes()).hexdigest()
    assert r.stdout.startswith(f"施策ナビ (shisaku) {__version__}\n")
    assert "出典 (source): 「地方創生2.0 施策集」（日本政府）の PDF から" in r.stdout
    assert sha in r.stdout


def test_about_text_for_the_about_box(built_dir):
    text = about_text(built_dir)
    assert provenance_line() in text
    assert hashlib.sha256(SOURCE.read_bytes()).hexdigest() in text
    assert "パーサ 3" in text and "世代 " in text


def test_about_text_before_anything_is_built(tmp_path):
    text = about_text(tmp_path / "nothing")
    assert "未作成 (not built yet)" in text
    assert hashlib.sha256(SOURCE.read_bytes()).hexdigest() in text
