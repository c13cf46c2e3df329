"""The one document model: order, parts, options, empty collections, the 一覧."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest

from desktop.brief import (
    ORPHAN_TEXT,
    BriefOptions,
    EmptyBrief,
    build_brief,
    render,
    write_brief,
)
from desktop.userdata import UserStore
from tests.brief.conftest import DAY, IDS, NAME, PLAIN_NOTE
from tests.userdata.helpers import edited_catalogue


def test_items_follow_the_users_order_with_every_part(meeting, catalogue):
    meeting.move_bookmark("1-1-100", NAME, 0)
    brief = build_brief(catalogue, meeting, NAME, day=DAY)
    assert [i.measure_id for i in brief.items] == ["1-1-100", *IDS[:-1]]
    assert [i.position for i in brief.items] == [1, 2, 3, 4, 5, 6]
    it = brief.items[1]
    m = catalogue.require("1-1-28")
    assert (it.title, it.page, it.label) == (m.title, m.page, catalogue.label(m))
    assert it.source_ref() == f"地方創生2.0 施策集 p.{m.page}"
    assert it.note == PLAIN_NOTE and it.tags == [] and it.highlights == []
    assert brief.subtitle() == "地方創生2.0 施策集　2025年12月3日　6 件"


def test_the_overview_has_the_briefs_columns(brief):
    assert [c.label for c in brief.overview_columns()] == [
        "No.",
        "施策名",
        "担当府省庁",
        "出典ページ",
        "メモ",
    ]
    first = brief.overview_rows()[0]
    assert first[0] == "1" and first[3].startswith("p.") and first[4] == PLAIN_NOTE


def test_the_tags_column_fills_once_items_have_tags(brief):
    """Tags come with issue 12: a brief whose items carry tags shows the column everywhere."""
    brief.items[0] = replace(brief.items[0], tags=["重点", "予算"])
    assert brief.overview_columns()[-1].label == "タグ"
    assert brief.overview_rows()[0][-1] == "重点、予算"
    assert brief.table_columns()[-1].label == "タグ"
    md = render(brief, "md").decode("utf-8")
    assert "| タグ |" in md and "重点、予算" in md
    assert "重点、予算" in render(brief, "csv").decode("utf-8-sig")


def test_without_notes_nothing_private_is_left(meeting, catalogue):
    brief = build_brief(catalogue, meeting, NAME, BriefOptions(notes=False), DAY)
    assert all(it.note == "" for it in brief.items)
    assert "メモ" not in [c.label for c in brief.overview_columns()]
    assert "メモ" not in [c.label for c in brief.table_columns()]
    for fmt in ("md", "csv"):
        text = render(brief, fmt).decode("utf-8-sig")
        assert "局長に確認" not in text and "合字" not in text


def test_without_bodies_the_overview_stands_alone(meeting, catalogue):
    brief = build_brief(catalogue, meeting, NAME, BriefOptions(bodies=False), DAY)
    md = render(brief, "md").decode("utf-8")
    body = catalogue.require("1-1-28").body
    assert "## 一覧" in md and body[:20] not in md and "## 1." not in md
    assert PLAIN_NOTE in md  # the note's first line is in the 一覧
    labels = [c.label for c in brief.table_columns()]
    assert "本文" not in labels and "脚注" not in labels


@pytest.mark.parametrize("fmt", ["md", "csv", "pdf", "docx", "xlsx"])
def test_an_empty_collection_is_refused_and_nothing_written(store, catalogue, tmp_path, fmt):
    store.create_collection("空")
    out = tmp_path / f"b.{fmt}"
    with pytest.raises(EmptyBrief, match="施策がない"):
        write_brief(catalogue, store, "空", fmt, out)
    assert not out.exists()


def test_an_orphan_is_still_listed(meeting, catalogue, built_dir, tmp_path):
    edition = edited_catalogue(built_dir, tmp_path / "ed", {}, delete=("2-3",))
    meeting.relink(edition)
    brief = build_brief(edition, meeting, NAME, day=DAY)
    orphan = brief.items[1]
    assert orphan.orphan and orphan.title == catalogue.require("2-3").title
    assert orphan.body == ORPHAN_TEXT and orphan.page is None
    assert brief.overview_rows()[1][3] == ""


def test_brief_replaces_an_existing_file_whole(meeting, catalogue, tmp_path):
    out = tmp_path / "b.csv"
    out.write_text("old content", encoding="utf-8")
    write_brief(catalogue, meeting, NAME, "csv", out, DAY)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_brief_of_a_store_reopened_is_the_same(meeting, catalogue, tmp_path):
    path = meeting.path.parent
    first = render(build_brief(catalogue, meeting, NAME, day=DAY), "md")
    with UserStore.open(path) as again:
        assert render(build_brief(catalogue, again, NAME, day=DAY), "md") == first


def test_one_measure_is_a_brief_like_any_other(qapp, meeting, catalogue):
    from desktop.brief import measure_brief

    brief = measure_brief(catalogue, meeting, "1-1-28", day=DAY)
    m = catalogue.require("1-1-28")
    assert brief.name == m.title and [i.measure_id for i in brief.items] == ["1-1-28"]
    assert brief.items[0].note == PLAIN_NOTE
    for fmt in ("md", "csv", "pdf", "docx", "xlsx"):
        assert render(brief, fmt)


def test_one_measure_with_its_body_has_no_one_row_overview(store, catalogue, meeting):
    """Printing the measure the reader shows: its title and the measure, no 一覧 table (in
    Markdown and Word as in the PDF); without the body, or with two measures, the 一覧 stays."""
    from docx import Document

    from desktop.brief.model import measure_brief

    one = measure_brief(catalogue, store, "1-1-28", day=DAY)
    assert not one.with_overview
    md = render(one, "md").decode("utf-8")
    assert "## 一覧" not in md and "1-1-28" in md and catalogue.require("1-1-28").title in md
    doc = Document(io.BytesIO(render(one, "docx")))
    assert not doc.tables
    assert not any(p.paragraph_format.page_break_before for p in doc.paragraphs)
    listed = measure_brief(catalogue, store, "1-1-28", BriefOptions(bodies=False), day=DAY)
    assert listed.with_overview and "## 一覧" in render(listed, "md").decode("utf-8")
    both = build_brief(catalogue, meeting, NAME, day=DAY)
    assert both.with_overview and "## 一覧" in render(both, "md").decode("utf-8")
