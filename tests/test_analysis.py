"""Normalisation, units and the index terms (db/analysis.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from db.analysis import (
    SEPARATOR,
    bigram,
    normalize,
    normalize_map,
    query_terms,
    terms,
    units,
)


@pytest.mark.parametrize(
    "variants",
    [
        ["ＡＩ", "AI", "ai", "Ai", "ａｉ"],
        ["ＤＸ", "dx", "DX"],
        ["５Ｇ", "5G", "5g"],
        ["地方創生２．０", "地方創生 2.0", "地方創生2.0", "地方創生　２．０"],
        ["医療ＤＸ", "医療 DX", "医療dx"],
        ["ｶﾞｲﾄﾞ", "ガイド"],  # half-width kana with a voiced mark composes
        ["第 217 回", "第217回", "第２１７回"],
    ],
)
def test_width_case_and_space_variants_normalise_alike(variants):
    assert len({normalize(v) for v in variants}) == 1, [normalize(v) for v in variants]


def test_space_between_latin_words_is_kept_once():
    assert normalize("Beyond   5G") == "beyond 5g"
    assert normalize("Beyond\n5G の 技術") == "beyond 5gの技術"


def test_invisible_characters_are_dropped():
    assert normalize("港\u200b湾\ufeff") == "港湾"
    assert normalize("葛\U000e0100城") == "葛城"  # variation selector
    assert normalize("a\ud800b") == "ab"  # lone surrogate


def test_offsets_point_at_printed_characters():
    text = "生成ＡＩ・地方創生 ２．０ とBeyond  5G"
    nm = normalize_map(text)
    k = nm.text.index("ai")
    assert text[slice(*nm.span(k, k + 2))] == "ＡＩ"
    k = nm.text.index("地方創生2.0")
    assert text[slice(*nm.span(k, k + 7))] == "地方創生 ２．０"
    k = nm.text.index("beyond 5g")
    assert text[slice(*nm.span(k, k + 9))] == "Beyond  5G"


def test_offsets_of_composed_and_expanded_characters():
    text = "ｶﾞ①㍻"
    nm = normalize_map(text)
    assert nm.text == "ガ1平成"
    assert nm.span(0, 1) == (0, 2)  # two printed characters became one
    assert nm.span(2, 4) == (3, 4)  # one printed character became two


def test_units_split_latin_words_and_single_other_characters():
    assert units(normalize("生成ＡＩ・デジタル")) == [
        "生",
        "成",
        "ai",
        "・",
        "デ",
        "ジ",
        "タ",
        "ル",
    ]
    assert units(normalize("Beyond 5G技術")) == ["beyond", "5g", "技", "術"]
    assert units(normalize("地方創生2.0")) == ["地", "方", "創", "生", "2", ".", "0"]


def test_bigram_terms_never_collide_with_unigrams():
    assert bigram("a", "i") == "a i" != "ai"
    assert bigram("地", "方") == "地方"
    assert bigram("ai", "・") == "ai・"
    assert query_terms(["港"]) == ["港"]
    assert query_terms(["地", "方", "創"]) == ["地方", "方創"]


def test_terms_are_unigram_and_bigram_per_position():
    assert list(terms("港湾ＡＩ")) == [("港", 0), ("港湾", 0), ("湾", 1), ("湾ai", 1), ("ai", 2)]


def test_separator_breaks_phrases():
    toks = list(terms("注の港" + SEPARATOR + "酒蔵"))
    texts = [t for t, _ in toks]
    assert "港酒" not in texts
    positions = dict(toks)
    assert positions["酒"] > positions["港"] + 1  # a gap, so no phrase spans the two


@given(st.text())
def test_normalize_is_idempotent_and_maps_every_char(text):
    nm = normalize_map(text)
    assert normalize(nm.text) == nm.text
    assert len(nm.starts) == len(nm.ends) == len(nm.text)
    assert all(0 <= s < e <= len(text) for s, e in zip(nm.starts, nm.ends, strict=True))
    assert list(nm.starts) == sorted(nm.starts)


@given(st.text())
def test_terms_never_fail_and_encode(text):
    for t, pos in terms(text):
        t.encode("utf-8")
        assert t and pos >= 0


def test_a_space_inside_a_combining_piece_maps_to_real_characters():
    # found by hypothesis: " \u0345" normalises as one piece (" ι"); the space kept between
    # two words must still map to a non-empty stretch of the original
    nm = normalize_map("0 \u0345")
    assert nm.text == "0 ι"
    assert all(s < e for s, e in zip(nm.starts, nm.ends, strict=True))
