"""Property-based fuzzing of the query language and the searcher on the real index."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.analysis import DOUBLE_QUOTE_CHARS
from desktop import paths
from desktop.search import Searcher
from desktop.search.query import parse

SYNTAX = [
    '"',
    "“",
    "”",
    "＂",
    "-",
    "－",
    "OR",
    "ＯＲ",
    "or",
    "|",
    "NOT",
    "ＮＯＴ",
    ":",
    "：",
    "府省庁:",
    "ministry:",
    "柱:",
    "pillar:",
    "章:",
    "chapter:",
    "(",
    ")",
    "*",
    "?",
    "~",
    "^",
    "\\",
    "<",
    ">",
    "&",
    "<mark>",
    " ",
    "　",
    "\n",
    "\t",
    "\x00",
    "\x1e",
]
WORDS = [
    "港",
    "酒",
    "地方創生",
    "ＡＩ",
    "ai",
    "5G",
    "２．０",
    "国土交通省",
    "2",
    "交通",
    "ｶﾞ",
    "\u200b",
    "\ufe0f",
    "\U0001f600",
    "é",
    "ß",
    "İ",
]

pieces = st.one_of(st.sampled_from(SYNTAX), st.sampled_from(WORDS), st.text(max_size=6))
queries = st.one_of(
    st.text(),
    st.lists(pieces, max_size=25).map("".join),
    st.lists(pieces, max_size=25).map(" ".join),
)

FUZZ = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def searcher(built_dir):
    s = Searcher(paths.index_dir(built_dir))
    yield s
    s.close()


def _well_formed(html: str) -> bool:
    tags = re.findall(r"</?mark>", html)
    rest = re.sub(r"</?mark>", "", html)
    return tags == ["<mark>", "</mark>"] * (len(tags) // 2) and "<" not in rest


@FUZZ
@given(queries)
def test_parser_never_raises(q):
    pq = parse(q)
    assert isinstance(pq.groups, list)


@FUZZ
@given(queries, st.dictionaries(st.sampled_from(["1-1-1", "2-5", "x"]), st.text(), max_size=3))
def test_search_never_raises_and_returns_wellformed_hits(searcher, q, notes):
    hits = searcher.search(q, notes=notes, limit=20)
    assert isinstance(hits, list)
    assert len({h.id for h in hits}) == len(hits)
    for h in hits:
        assert _well_formed(h.snippet) and _well_formed(h.title_marked)
        assert _well_formed(h.note_snippet)
    res = searcher.run(q, notes=notes, limit=5)
    assert res.total >= len(res.hits)
    assert set(res.facets) == {"pillar", "chapter", "ministry"}


@FUZZ
@given(st.text(min_size=1001, max_size=3000))
def test_overlong_queries_are_cut(searcher, q):
    res = searcher.run(q, limit=5)
    assert res.messages


@FUZZ
@given(st.one_of(st.text(), st.integers().map(str)), st.one_of(st.none(), st.text(max_size=5)))
def test_filter_arguments_never_raise(searcher, ministry, pillar):
    assert isinstance(searcher.search("港", ministry=ministry, pillar=pillar), list)


@pytest.fixture(scope="module")
def measures(catalogue):
    return catalogue.measures


@FUZZ
@given(st.data())
def test_any_slice_of_any_text_is_found_exactly(searcher, measures, data):
    """Recall and precision on random substrings of the real texts (phrase queries)."""
    from tests.test_search import LATIN, gt_contains, gt_norm

    m = data.draw(st.sampled_from(measures))
    text = data.draw(st.sampled_from([m.title, m.body, *(f.text for f in m.footnotes)]))
    start = data.draw(st.integers(0, max(0, len(text) - 1)))
    q = text[start : start + data.draw(st.integers(1, 12))]
    edges = gt_norm(text[max(0, start - 1) : start + 1]) + gt_norm(
        text[start + len(q) - 1 : start + len(q) + 1]
    )
    if (
        any(c in q for c in DOUBLE_QUOTE_CHARS)
        or not gt_norm(q)
        or re.search(rf"[{LATIN}]{{2}}", edges)
    ):
        return  # quotes (typographic ones too) end the phrase; a cut inside a Latin word is not a whole word
    hits = [h.id for h in searcher.search(f'"{q}"')]
    assert m.id in hits, q
    for mid in hits:
        x = next(y for y in measures if y.id == mid)
        assert any(gt_contains(t, q) for t in [x.title, x.body, *(f.text for f in x.footnotes)])
