"""Highlights and tags in the brief (issue 12): each measure's highlighted passages with their
comments in every format, tags in the 一覧's タグ column, the CSV and the xlsx; and
`--no-notes` leaves all of them out (they are the user's own, like notes)."""

from __future__ import annotations

import io

import pytest

from desktop.brief import BriefOptions, build_brief, render
from desktop.brief.model import GONE_TEXT
from desktop.cli.main import main
from tests.brief.conftest import DAY, NAME, flat, pdftotext
from tests.userdata.helpers import edited_catalogue

PASSAGE = "専門高校の魅力発信に関する取組の強化を行う"
COMMENT = "文科省に予算額を確認 =SUM(A1)"
OTHER = "プッシュ型で情報提供する"
TAG = "要確認"


@pytest.fixture
def annotated(meeting, catalogue):
    a, b = catalogue.require("1-1-28"), catalogue.require("2-3")
    i = a.body.index(PASSAGE)
    meeting.add_highlight(a, i, i + len(PASSAGE), colour="pink", comment=COMMENT)
    meeting.add_highlight(a, 0, 4)  # earlier in the body: listed first
    j = b.body.index(OTHER)
    meeting.add_highlight(b, j, j + len(OTHER), colour="blue")
    for m in (a, b):
        meeting.add_tag(m.id, m.title, TAG)
    meeting.add_tag(a.id, a.title, "予算")
    return meeting


def test_the_model_carries_them_in_body_order(annotated, catalogue):
    brief = build_brief(catalogue, annotated, NAME, day=DAY)
    it = next(i for i in brief.items if i.measure_id == "1-1-28")
    assert [(h.text, h.comment, h.colour) for h in it.highlights] == [
        ("専門高校", "", "yellow"),
        (PASSAGE, COMMENT, "pink"),
    ]
    assert it.tags == [TAG, "予算"]
    assert brief.overview_columns()[-1].label == "タグ"
    assert [c.label for c in brief.table_columns()][-2:] == ["タグ", "ハイライト"]
    row = brief.table_rows()[[i.measure_id for i in brief.items].index("1-1-28")]
    assert row[-1] == f"「専門高校」\n「{PASSAGE}」 — {COMMENT}" and row[-2] == "要確認、予算"


def test_every_format_shows_passage_comment_and_tags(qapp, annotated, catalogue, tmp_path):
    from docx import Document
    from openpyxl import load_workbook

    brief = build_brief(catalogue, annotated, NAME, day=DAY)
    md = render(brief, "md").decode("utf-8")
    assert f"> 「{PASSAGE}」" in md and "— 文科省に予算額を確認" in md and "要確認、予算" in md
    csv = render(brief, "csv").decode("utf-8-sig")
    assert PASSAGE in csv and COMMENT in csv and "ハイライト" in csv
    ws = load_workbook(io.BytesIO(render(brief, "xlsx"))).active
    header = [c.value for c in ws[1]]
    cells = {h: ws.cell(2, header.index(h) + 1).value for h in ("タグ", "ハイライト")}  # 1-1-28
    assert cells == {
        "タグ": "要確認、予算",
        "ハイライト": f"「専門高校」\n「{PASSAGE}」 — {COMMENT}",
    }
    doc = Document(io.BytesIO(render(brief, "docx")))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert f"「{PASSAGE}」" in text and f"— {COMMENT}" in text
    assert doc.tables[0].rows[1].cells[-1].text == "要確認、予算"
    pdf = tmp_path / "b.pdf"
    pdf.write_bytes(render(brief, "pdf"))
    got = flat(pdftotext(pdf))
    assert flat(f"「{PASSAGE}」") in got and flat(COMMENT) in got and flat(OTHER) in got


def test_without_notes_no_highlight_comment_or_tag_is_left(qapp, annotated, catalogue, tmp_path):
    from docx import Document
    from openpyxl import load_workbook

    brief = build_brief(catalogue, annotated, NAME, BriefOptions(notes=False), DAY)
    assert all(not it.highlights and not it.tags for it in brief.items)
    labels = [c.label for c in brief.table_columns()] + [c.label for c in brief.overview_columns()]
    assert "タグ" not in labels and "ハイライト" not in labels
    texts = [render(brief, f).decode("utf-8-sig") for f in ("md", "csv")]
    ws = load_workbook(io.BytesIO(render(brief, "xlsx"))).active
    texts.append(str([[c.value for c in r] for r in ws.iter_rows()]))
    doc = Document(io.BytesIO(render(brief, "docx")))
    texts.append("\n".join(p.text for p in doc.paragraphs))
    texts.append(str([[c.text for c in r.cells] for r in doc.tables[0].rows]))
    pdf = tmp_path / "b.pdf"
    pdf.write_bytes(render(brief, "pdf"))
    texts.append(pdftotext(pdf))
    for text in texts:
        assert "文科省に予算額" not in text and TAG not in text and "ハイライト" not in text
        assert f"「{OTHER}」" not in text  # the passage is in the body, never quoted


def test_cli_brief_with_and_without_notes(annotated, tmp_path, capsys):
    data = annotated.path.parent
    out = tmp_path / "b.md"
    assert main(["brief", "--collection", NAME, "--format", "md", "--out", str(out),
                 "--data-dir", str(data)]) == 0  # fmt: skip
    assert COMMENT in out.read_text(encoding="utf-8")
    assert main(["brief", "--collection", NAME, "--format", "md", "--out", str(out),
                 "--no-notes", "--data-dir", str(data), "--force"]) == 0  # fmt: skip
    text = out.read_text(encoding="utf-8")
    assert COMMENT not in text and TAG not in text


def test_gone_passages_are_still_shown(annotated, catalogue, built_dir, tmp_path):
    a = catalogue.require("1-1-28")
    edition = edited_catalogue(
        built_dir,
        tmp_path / "ed",
        {},
        delete=("2-3",),
        bodies={a.id: a.body.replace(PASSAGE + "。", "")},
    )
    annotated.relink(edition)
    brief = build_brief(edition, annotated, NAME, day=DAY)
    it = next(i for i in brief.items if i.measure_id == a.id)
    assert [(h.text, h.orphan) for h in it.highlights] == [("専門高校", False), (PASSAGE, True)]
    gone = next(i for i in brief.items if i.measure_id == "2-3")
    assert gone.orphan and [h.text for h in gone.highlights] == [OTHER]
    md = render(brief, "md").decode("utf-8")
    assert f"「{PASSAGE}」{GONE_TEXT}" in md and f"「{OTHER}」{GONE_TEXT}" in md
