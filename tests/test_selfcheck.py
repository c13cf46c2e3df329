"""The build's self-check: true of all 344 measures, and each check catches the mistake it
is for, fed through a real (edited) source."""

from __future__ import annotations

import dataclasses

import pytest

from db import paths
from db.build import build
from db.model import Printed
from db.parse import parse
from db.selfcheck import CHECKS, failures
from desktop.cli.main import main
from tests import sources
from tests.conftest import SOURCE


def test_every_check_holds_for_all_344(document):
    assert len(document.measures) == 344
    assert failures(document) == []


def _old_reading(doc, mid: str, title_lines: int):
    """The document as parser 2 read `mid`: the title stopped after `title_lines` printed
    lines and the rest of it started the body."""
    m, p = next(x for x in doc.measures if x.id == mid), doc.printed[mid]
    cut = "".join(ln.text for ln in p.title[title_lines:])
    old = dataclasses.replace(m, title=m.title[: len(m.title) - len(cut)], body=cut + m.body)
    printed = Printed(p.title[:title_lines], p.title[title_lines:] + p.body, p.bureaus)
    return dataclasses.replace(
        doc,
        measures=[old if x.id == mid else x for x in doc.measures],
        printed={**doc.printed, mid: printed},
    )


@pytest.mark.parametrize(
    ("mid", "old_title_end"),
    [("1-1-58", "連携した地域"), ("1-1-62", "としての郵")],
)
def test_the_checks_catch_the_two_cut_titles(document, mid, old_title_end):
    doc = _old_reading(document, mid, 1)
    m = next(x for x in doc.measures if x.id == mid)
    assert m.title.endswith(old_title_end)  # what parser 2 showed
    found = {(f.check, f.measure_id) for f in failures(doc)}
    assert found == {("title-tail", mid), ("title-end-clear", mid)}


def _violations(raw: list[str]) -> set[tuple[str, str]]:
    return {(f.check, f.measure_id) for f in failures(parse(sources.text(raw)))}


def _summary_line(raw, text):
    return sources.find(raw, "\t" + text)


# check → (measure, line holding `old`, old, new): a source edit that only this check sees
EDITS = {
    "title-brackets": ("1-1-24", 532, "「地域留学」", "「地域留学"),
    "title-no-sentence": ("1-1-3", 121, "意識改革 ", "意識改革。 "),
    "title-end": ("1-1-3", 121, "意識改革 ", "意識改革の "),
    # 1-1-58 as printed, but its first line no longer reaches the margin: the short line
    # 「課題解決 」 is then body text, which is what parser 2 made of it
    "title-tail": ("1-1-58", 1127, "民生委員、保護司、人権擁護委員などと", ""),
    # the title fills its line and the body's first line ends in a space mid-sentence
    "title-end-clear": ("1-4-53", 5864, "国民が行政", "国民が行政 "),
    "body-start": ("1-1-3", 123, "教育に携わる者が", "、教育に携わる者が"),
    "body-brackets": ("1-1-9", 244, "（社会通念）として", "（社会通念として"),
    "body-end": ("1-1-16", 387, "起業を促進する。 ", "起業を促進する等 "),
    "footnote-end": ("1-1-17", 469, "第 100 号。 ", "第 100 号 "),
    "summary-title": ("1-1-95", 6462, "生活道路等対策", "生活道路対策"),
    "summary-bureaus": ("1-1-95", 6463, "交通規制課", "交通企画課"),
}


def test_every_check_has_an_edit():
    assert set(EDITS) == set(CHECKS)


@pytest.mark.parametrize("check", sorted(EDITS))
def test_each_check_refuses_its_edit(check):
    mid, no, old, new = EDITS[check]
    raw = sources.edit(sources.lines(), no, old, new)
    assert _violations(raw) == {(check, mid)}


def test_a_failed_self_check_is_exit_2_naming_measure_and_check(tmp_path, capsys, monkeypatch):
    out = tmp_path / "built"
    build(source=SOURCE, out=out)
    monkeypatch.setenv("SHISAKU_BUILD_DIR", str(out))
    before = paths.catalogue_path(out).read_bytes()
    pointer = paths.pointer_path(out).read_bytes()
    mid, no, old, new = EDITS["title-tail"]
    bad = tmp_path / "edition.txt"
    bad.write_text(sources.text(sources.edit(sources.lines(), no, old, new)), encoding="utf-8")
    assert main(["build", "--source", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "施策 1-1-58" in err and "title-tail" in err and "課題解決" in err
    assert "Traceback" not in err
    assert paths.pointer_path(out).read_bytes() == pointer
    assert paths.catalogue_path(out).read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["build.lock", "current", paths.current_generation(out)]
    )
