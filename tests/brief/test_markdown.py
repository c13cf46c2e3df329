"""Markdown brief: every part present, and hostile names, titles and notes escaped for
Markdown (not only HTML). The output is rendered with a real CommonMark renderer (plus GFM
tables and strikethrough): no link, image, raw HTML or stray heading may come out, and the
visible text must be what the user typed."""

from __future__ import annotations

import html
import re

import pytest
from markdown_it import MarkdownIt

from desktop.brief import build_brief, render
from desktop.brief.render_md import escape_inline, escape_line
from tests.brief.conftest import DAY, NAME, NOTE
from tests.userdata.helpers import edited_catalogue

HOSTILE = [
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "![tracker](http://evil.example/t.png)",
    "<http://evil.example>",
    "<img src=x onerror=alert(1)>",
    "[ref]: javascript:alert(1)",
    "# not a heading",
    "> not a quote",
    "- not a list",
    "1. not a list",
    "2) not a list",
    "+ no",
    "***",
    "---",
    "===",
    "| a | b |",
    "`code`",
    "**bold** _em_ ~~strike~~",
    "    four spaces",
    "\tTab",
    "```",
    "~~~",
    "&lt;already escaped&gt; &amp;",
    "a\\",
    "[^1]",
    '<a href="javascript:alert(1)">x</a>',
]


def renderer() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def visible(rendered: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


def no_markup(rendered: str) -> None:
    for tag in ("<a ", "<img", "<script", "<h1", "<h3", "<ul", "<ol", "<hr", "<pre", "<code",
                "<em", "<strong", "<s>", "<table", "<blockquote"):  # fmt: skip
        assert tag not in rendered, (tag, rendered)


@pytest.mark.parametrize("text", HOSTILE)
def test_a_line_renders_as_the_text_typed(text):
    rendered = renderer().render(escape_line(text))
    no_markup(rendered)
    assert visible(rendered).strip() == text.strip()


@pytest.mark.parametrize("text", HOSTILE)
def test_inline_text_renders_as_typed_in_a_heading(text):
    rendered = renderer().render("## " + escape_inline(text))
    assert rendered.startswith("<h2>")
    no_markup(rendered.replace("<h2>", "").replace("</h2>", ""))
    assert visible(rendered).strip() == text.strip()


def test_markdown_has_every_part(brief, catalogue):
    md = render(brief, "md").decode("utf-8")
    assert md.startswith("# 12/3 局長レク\n") and "2025年12月3日" in md and "6 件" in md
    assert "## 一覧" in md and "| No. | 施策名 | 担当府省庁 | 出典ページ | メモ |" in md
    fn = catalogue.require("1-1-28")
    assert f"- ID: {fn.id}（{catalogue.label(fn)}）" in md
    assert f"- 出典: 地方創生2.0 施策集 p.{fn.page}" in md
    m = next(catalogue.require(i) for i in ("1-1-1",))
    for b in m.bureaus:
        assert b.name in md and b.ministry in md
    with_fn = [catalogue.require(i.measure_id) for i in brief.items if i.footnotes]
    for m in with_fn:
        for f in m.footnotes:
            assert f"（注{f.number}）" in md


def test_hostile_collection_name_orphan_and_note(store, catalogue, built_dir, tmp_path):
    name = "<b>局長</b> [x](javascript:alert(1)) ![i](http://e/x.png) # | *"
    orphan_title = "<script>alert(2)</script> [y](javascript:alert(3))"
    store.create_collection(name)
    store.add_bookmark("2-3", orphan_title, name)  # a title the measure no longer has
    store.add_bookmark("1-1-1", catalogue.require("1-1-1").title, name)
    store.set_note("1-1-1", catalogue.require("1-1-1").title, NOTE + "\n" + "\n".join(HOSTILE))
    edition = edited_catalogue(built_dir, tmp_path / "ed", {}, delete=("2-3",))
    store.relink(edition)
    md = render(build_brief(edition, store, name, day=DAY), "md").decode("utf-8")
    rendered = renderer().render(md)
    for bad in ("<a ", "<img", "<script", 'javascript:alert(1)"', "<b>"):
        assert bad not in rendered, bad
    text = visible(rendered)
    assert name in text and orphan_title in text
    for line in NOTE.split("\n") + HOSTILE:
        assert line.strip() in text, line
    # the structure is ours alone: one title, the 一覧 and the two measures' headings
    assert rendered.count("<h1>") == 1
    assert re.findall(r"<h2>(.*?)</h2>", rendered)[0] == "一覧"
    assert len(re.findall(r"<h2>", rendered)) == 3


def test_a_note_with_markdown_is_quoted_as_text(meeting, catalogue):
    md = render(build_brief(catalogue, meeting, NAME, day=DAY), "md").decode("utf-8")
    rendered = renderer().render(md)
    assert "<blockquote>" in rendered  # the note, quoted
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered and "<script>" not in rendered
