"""The structure comes from the source (目次, numbering, footnotes, 施策一覧), not constants:
another edition with other counts builds; a source that contradicts itself is refused."""

from __future__ import annotations

import pytest

from db.errors import ParseError
from db.parse import parse
from desktop.cli.main import main
from tests import sources

NEW_MEASURE = [
    "（101）検証のために追加した施策 ",
    "",
    "この施策は、構造の検証のために追加した本文である。 ",
    "",
    "（内閣府地方創生推進事務局） ",
    "",
]
NEW_SUMMARY = ["\t（101）検証のために追加した施策", "\t（内閣府地方創生推進事務局）", ""]


def _other_edition(summary: bool = True) -> list[str]:
    """One measure more in pillar 2 (a new (101)) and one less in pillar 5 (no (11))."""
    raw = sources.lines()
    a = sources.find(raw, "（11）空港の機能向上")
    b = sources.find(raw, "近畿圏・中部圏空港課） ", a)
    s11 = sources.find(raw, "\t（11）空港の機能向上")
    s100 = sources.find(raw, "\t（100）「新結合」")
    p3 = sources.find(raw, " ３．人や企業の地方分散 ", 100)
    del raw[s11 - 1 : s11 + 1]  # from the bottom up, so line numbers above stay put
    if summary:
        raw[s100 + 1 : s100 + 1] = NEW_SUMMARY
    del raw[a - 1 : b]
    raw[p3 - 1 : p3 - 1] = NEW_MEASURE
    return raw


def test_another_edition_builds_with_its_own_counts(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SHISAKU_BUILD_DIR", str(tmp_path / "built"))
    src = tmp_path / "edition.txt"
    src.write_text(sources.text(_other_edition()), encoding="utf-8")
    assert main(["build", "--source", str(src)]) == 0
    assert main(["tree"]) == 0
    out = capsys.readouterr().out
    assert "1．安心して働き、暮らせる地方の生活環境の創生 (129)" in out
    assert (
        "2．稼ぐ力を高め、付加価値創出型の新しい地方経済の創生 ～地方イノベーション創生構想～ (101)"
        in out
    )
    assert "5．広域リージョン連携 (10)" in out
    assert "基本構想「第３章４．（１）国の役割」に基づく支援等 (14)" in out
    assert "計 344 施策" in out
    assert main(["show", "1-2-101"]) == 0
    assert "この施策は、構造の検証のために追加した本文である。" in capsys.readouterr().out
    assert main(["show", "1-5-11"]) == 2


def test_an_edition_whose_list_disagrees_with_its_body_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SHISAKU_BUILD_DIR", str(tmp_path / "built"))
    src = tmp_path / "edition.txt"
    src.write_text(sources.text(_other_edition(summary=False)), encoding="utf-8")
    assert main(["build", "--source", str(src)]) == 2
    err = capsys.readouterr().err
    assert "（101） of pillar 2 in the 施策一覧 (the body has 101)" in err
    assert "Traceback" not in err
    assert not (tmp_path / "built" / "current").exists()


def _drop(raw, text, start=100):
    no = sources.find(raw, text, start)
    return raw[: no - 1] + raw[no:]


def _after_toc(raw, text):
    return sources.find(raw, text, sources.find(raw, "目次") + 30)


CONTRADICTIONS = {
    "目次 pillar missing in the body": (
        lambda r: _drop(r, " ４．新時代のインフラ整備"),
        "expected measure （34） of pillar 3 or pillar 4 「新時代のインフラ整備",
    ),
    "目次 chapter missing in the body": (
        lambda r: _drop(r, "第２章 基本構想"),
        "expected measure （12） of pillar 5",
    ),
    "a gap in the numbering": (
        lambda r: sources.edit(r, sources.find(r, "（４）女性の起業"), "（４）", "（５）"),
        "expected measure （4） of pillar 1",
    ),
    "a gap in the footnote numbering": (
        lambda r: sources.edit(r, 1279, "5 日々", "6 日々"),
        "expected footnote 5 (numbered in order)",
    ),
    "目次 title unlike the heading": (
        lambda r: sources.edit(r, 59, "広域リージョン連携", "広域リージョンの連携"),
        "expected pillar 5 「広域リージョンの連携」 (目次), found '広域リージョン連携'",
    ),
    "目次 pillar more than the body": (
        lambda r: r[:60] + [" ６．追加の柱 ........ 78 ", ""] + r[60:],
        "expected measure （12） of pillar 5 or pillar 6 「追加の柱」 (目次)",
    ),
    "施策一覧 heading unlike the body": (
        lambda r: sources.edit(r, 7146, "広域リージョン連携", "広域連携"),
        "expected pillar 5 「広域リージョン連携」",
    ),
    "施策一覧 entry missing": (
        lambda r: r[:6458] + r[6460:],
        "expected （94） of pillar 1 in the 施策一覧",
    ),
    "施策一覧 entry the body lacks": (
        lambda r: r[:7179] + ["\t（12）追加", "\t（内閣府）"] + r[7179:],
        "expected a measure of pillar 5 (the body has 11)",
    ),
}


@pytest.mark.parametrize("case", sorted(CONTRADICTIONS))
def test_a_source_that_contradicts_itself_is_refused(case):
    change, message = CONTRADICTIONS[case]
    with pytest.raises(ParseError) as e:
        parse(sources.text(change(sources.lines())))
    assert message in str(e.value)


def test_this_edition_reads_as_printed(document):
    """The counts of this edition, and its front matter: all from the source."""
    per = {}
    for m in document.measures:
        per[(m.chapter, m.pillar)] = per.get((m.chapter, m.pillar), 0) + 1
    assert per == {(1, 1): 129, (1, 2): 100, (1, 3): 33, (1, 4): 57, (1, 5): 11, (2, None): 14}
    assert [(c.number, c.title) for c in document.chapters] == [
        (1, "政策の５本柱"),
        (2, "基本構想「第３章４．（１）国の役割」に基づく支援等"),
    ]
    assert [(p.number, p.title, p.subtitle) for p in document.pillars] == [
        (1, "安心して働き、暮らせる地方の生活環境の創生", None),
        (2, "稼ぐ力を高め、付加価値創出型の新しい地方経済の創生", "～地方イノベーション創生構想～"),
        (3, "人や企業の地方分散", "～産官学の地方移転、都市と地方の交流等による創生～"),
        (4, "新時代のインフラ整備とＡＩ・デジタルなどの新技術の徹底活用", None),
        (5, "広域リージョン連携", None),
    ]
