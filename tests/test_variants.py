"""db/variants.py: the variant-spelling table, from the rule and from SudachiDict."""

from __future__ import annotations

import json

import pytest

from db.variants import (
    FILE_NAME,
    alternatives,
    build_and_write,
    build_variant_table,
    read_sources,
    read_variant_table,
    read_words,
    spelling_ok,
    write_variant_table,
)


def test_katakana_joined_by_nakaguro_is_the_same_word_without_it():
    # half-width ･ and a space inside the compound normalise to the same spelling
    table = build_variant_table(["ローカル・ゼブラ企業の創出", "コミュニティ･ハブ", "トラック"])
    assert table["ローカルゼブラ"] == ["ローカル・ゼブラ"]
    assert table["コミュニティハブ"] == ["コミュニティ・ハブ"]
    assert "トラック" not in table


def test_spelling_filter_keeps_content_words_only():
    assert spelling_ok("こども") and spelling_ok("受入れ") and spelling_ok("サーバ")
    for s in ("ため", "等", "2.0", "ai", "機(ドローン)", "a"):
        assert not spelling_ok(s)


def test_alternatives_replace_longest_keys_and_drop_nakaguro():
    table = {"子供": ["こども", "子ども"], "受入れ": ["受入", "受入れ"]}
    assert alternatives("子供の居場所", table) == ["こどもの居場所", "子どもの居場所"]
    assert alternatives("外国人材受入れ", table) == ["外国人材受入"]
    assert alternatives("ローカル・ゼブラ", {}) == ["ローカルゼブラ"]
    assert alternatives("地方創生", table) == []


def test_write_and_read_round_trip(tmp_path):
    path = write_variant_table({"子供": ["こども"]}, tmp_path, ["rule"], ["子供", "地域"])
    assert path == tmp_path / FILE_NAME
    assert read_variant_table(tmp_path) == {"子供": ["こども"]}
    assert read_sources(tmp_path) == ["rule"]
    assert read_words(tmp_path) == {"子供", "地域"}
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == 1


@pytest.mark.parametrize("content", ["", "{", '{"format": 99, "table": {}}', '["x"]'])
def test_a_missing_or_broken_file_means_no_variants(tmp_path, content):
    assert read_variant_table(tmp_path) == {}
    (tmp_path / FILE_NAME).write_text(content, encoding="utf-8")
    assert read_variant_table(tmp_path) == {}
    assert read_words(tmp_path) == set()


# -- from the dictionary (the `variants` extra) ---------------------------------------------


@pytest.fixture(scope="module")
def real_table(document, tmp_path_factory):
    pytest.importorskip("sudachipy")
    texts = [
        t for m in document.measures for t in (m.title, m.body, *(f.text for f in m.footnotes))
    ]
    out = tmp_path_factory.mktemp("variants")
    path, size, sources = build_and_write(texts, out)
    return read_variant_table(out), size, sources, read_words(out)


def test_the_issues_examples_are_found_in_the_real_catalogue(real_table):
    table, _, sources, _ = real_table
    assert sources[0].startswith("sudachidict_core")
    assert table["子供"] == ["こども", "子ども"]  # kanji/kana; 子供 itself is not printed
    assert {"受入", "受入れ"} <= set(table["受け入れ"])  # 送り仮名
    assert table["取り組み"] == table["取組み"] == ["取り組み", "取組"]
    assert table["引き上げ"] == ["引き上げ", "引上げ"]  # 引き上げる's stem and the noun
    assert table["問合せ"] == ["問い合わせ"]  # from 問い合わせる, the verb's 連用形
    assert table["ローカルゼブラ"] == ["ローカル・ゼブラ"]  # 中黒
    assert table["コミュニティー"] == ["コミュニティ"]  # long vowel
    assert table["僻地"] == ["へき地"]


def test_grammar_words_numbers_and_latin_are_never_variants(real_table):
    table, size, _, words = real_table
    for key in ("等", "ら", "ため", "為", "二", "2.0", "ウェブ", "web", "しよう"):
        assert key not in table
    assert all(spelling_ok(k.replace("・", "")) for k in table)
    assert 5_000 < size < 100_000  # a small file: table plus the catalogue's words
    assert {"外国", "人材", "受入れ"} <= words  # split mode A, for the near-match segmenter


def test_sudachi_groups_on_a_small_text():
    pytest.importorskip("sudachipy")
    table = build_variant_table(["子ども食堂の取組を受入れ先と進める。サーバーを更新する。"])
    assert table["子供"] == ["子ども"]
    assert table["取り組み"] == ["取組"]
    assert table["サーバ"] == ["サーバー"]
