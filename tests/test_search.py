"""Search quality on the real catalogue and index: exact recall/precision, ranking, query
language, filters, facets, snippets, notes and related measures."""

from __future__ import annotations

import re
import unicodedata

import pytest

from desktop import paths
from desktop.errors import UnknownMeasure
from desktop.search import Searcher, SearchUnavailable

# -- ground truth, written independently of db.analysis ----------------------------------

LATIN = "0-9a-z"


def gt_norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).casefold()
    s = re.sub(r"\s+", " ", s)
    return re.sub(rf"(?<![{LATIN}]) | (?![{LATIN}])", "", s)


def gt_contains(text: str, word: str) -> bool:
    q = gt_norm(word)
    pattern = re.escape(q)
    if re.match(rf"[{LATIN}]", q[0]):
        pattern = rf"(?<![{LATIN}])" + pattern
    if re.match(rf"[{LATIN}]", q[-1]):
        pattern += rf"(?![{LATIN}])"
    return re.search(pattern, gt_norm(text)) is not None


def gt_ids(catalogue, words: list[str]) -> set[str]:
    """Measures whose title, body or a footnote contains every word."""
    out = set()
    for m in catalogue.measures:
        texts = [m.title, m.body, *(f.text for f in m.footnotes)]
        if all(any(gt_contains(t, w) for t in texts) for w in words):
            out.add(m.id)
    return out


# (query, words it means) — Japanese of 1–8 characters, Latin in both widths and cases,
# mixed, multi-word AND, phrases, and queries with no hits.
QUALITY = [
    ("港", ["港"]),
    ("酒", ["酒"]),
    ("森", ["森"]),
    ("鉄", ["鉄"]),
    ("の", ["の"]),
    ("空港", ["空港"]),
    ("観光", ["観光"]),
    ("交通", ["交通"]),
    ("防災", ["防災"]),
    ("スポーツ", ["スポーツ"]),
    ("地方創生", ["地方創生"]),
    ("関係人口", ["関係人口"]),
    ("交通空白", ["交通空白"]),
    ("インバウンド", ["インバウンド"]),
    ("地域おこし協力隊", ["地域おこし協力隊"]),
    ("二地域居住", ["二地域居住"]),
    ("ふるさと納税", ["ふるさと納税"]),
    ("デジタル田園都市", ["デジタル田園都市"]),
    ("ai", ["ai"]),
    ("AI", ["AI"]),
    ("ＡＩ", ["ＡＩ"]),
    ("ａｉ", ["ａｉ"]),
    ("Ai", ["Ai"]),
    ("dx", ["dx"]),
    ("ＤＸ", ["ＤＸ"]),
    ("5g", ["5g"]),
    ("５Ｇ", ["５Ｇ"]),
    ("gx", ["gx"]),
    ("npo", ["npo"]),
    ("ＮＰＯ", ["ＮＰＯ"]),
    ("ict", ["ict"]),
    ("sdgs", ["sdgs"]),
    ("raida", ["raida"]),
    ("resas", ["resas"]),
    ("it", ["it"]),
    ("co2", ["co2"]),
    ("web3", ["web3"]),
    ("2025", ["2025"]),
    ("２０２５", ["２０２５"]),
    ("地方創生2.0", ["地方創生2.0"]),
    ("地方創生２．０", ["地方創生２．０"]),
    ("医療ＤＸ", ["医療ＤＸ"]),
    ("医療dx", ["医療dx"]),
    ("ＤＸ推進", ["ＤＸ推進"]),
    ("ai・デジタル", ["ai・デジタル"]),
    ('"Beyond 5G"', ["beyond 5g"]),
    ("つつ", ["つつ"]),
    ("つつつ", ["つつつ"]),
    ("ととと", ["ととと"]),  # repeated bigrams
    ("港 防災", ["港", "防災"]),
    ("ai 教育", ["ai", "教育"]),
    ("観光 インバウンド 地方", ["観光", "インバウンド", "地方"]),
    ("ＤＸ 交通", ["ＤＸ", "交通"]),
    ("量子コンピュータ", ["量子コンピュータ"]),
    ("xyzzy", ["xyzzy"]),
    ("ｚｚｚ", ["ｚｚｚ"]),
    ("港 宇宙エレベーター", ["港", "宇宙エレベーター"]),
]


@pytest.fixture(scope="module")
def searcher(built_dir):
    s = Searcher(paths.index_dir(built_dir))
    yield s
    s.close()


def ids(hits):
    return [h.id for h in hits]


def test_quality_query_set_is_large_and_varied(catalogue):
    assert len(QUALITY) >= 40
    empties = [q for q, words in QUALITY if not gt_ids(catalogue, words)]
    assert 3 <= len(empties) < 12, empties


@pytest.mark.parametrize(("query", "words"), QUALITY, ids=[q for q, _ in QUALITY])
def test_recall_and_precision_are_exact(searcher, catalogue, query, words):
    """The exact tier: alone (exact=True) and at the head of the default search, where
    tier 2 (other spellings, near matches) may follow it (issue 10)."""
    expected = gt_ids(catalogue, words)
    got = ids(searcher.search(query, exact=True))
    assert len(got) == len(set(got))
    assert set(got) == expected, (sorted(set(got) - expected), sorted(expected - set(got)))
    hits = searcher.search(query)
    assert len(hits) == len({h.id for h in hits})
    assert [h.id for h in hits if h.match == "exact"] == got == ids(hits[: len(got)])


def test_every_title_word_finds_its_measure(searcher, catalogue):
    # The first 2, 5 and 8 characters of every title find that measure (unless the cut
    # falls inside a Latin word, which then is not a whole word).
    for m in catalogue.measures:
        for n in (2, 5, 8):
            q = m.title[:n].replace('"', "")
            cut_word = re.match(rf"[{LATIN}]{{2}}", gt_norm(m.title[n - 1 : n + 1]))
            if q.strip() and not q.startswith("-") and not cut_word:
                assert m.id in ids(searcher.search(f'"{q}"')), (m.id, q)


def test_latin_words_match_whole_words_only(searcher, catalogue):
    raida = ids(searcher.search("raida"))
    assert "2-2" in raida
    assert "2-2" not in ids(searcher.search("ai"))  # ＲＡＩＤＡ is not ＡＩ
    assert ids(searcher.search("5g")) == ids(searcher.search("５Ｇ"))
    assert any(
        "Beyond 5G" in f.text
        for m in catalogue.measures
        for f in m.footnotes
        if m.id in ids(searcher.search("5g"))
    )


def test_bureaus_are_not_matched_by_plain_words(searcher, catalogue):
    # 交通 is in 国土交通省 for dozens of measures; only the text counts.
    hits = set(ids(searcher.search("交通")))
    mlit = {m.id for m in catalogue.measures if "国土交通省" in m.ministries}
    assert len(mlit - hits) > 20
    assert hits == gt_ids(catalogue, ["交通"])


# -- ranking -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "医療ＤＸ",
        "酒蔵",
        "空港 防災",
        "ＲＥＳＡＳ",
        "交通空白",
        "地域おこし協力隊",
        "二地域居住",
        "ふるさと納税",
    ],
)
def test_title_matches_rank_before_text_only_matches(searcher, catalogue, query):
    hits = searcher.search(query)
    words = query.split()
    in_title = [all(gt_contains(catalogue.require(h.id).title, w) for w in words) for h in hits]
    assert any(in_title), query
    first_other = in_title.index(False) if False in in_title else len(in_title)
    assert all(in_title[:first_other]) and not any(in_title[first_other:]), (query, in_title)


def test_unique_title_phrase_puts_that_measure_first(searcher, catalogue):
    checked = 0
    for m in catalogue.measures[::7]:
        q = m.title[:10]
        holders = [x for x in catalogue.measures if gt_contains(x.title, q)]
        if len(holders) == 1 and '"' not in q and q[0] != "-" and " " not in q:
            assert searcher.search(q)[0].id == m.id, (m.id, q)
            checked += 1
    assert checked > 30


def test_adjacent_words_rank_their_phrase_first(searcher, catalogue):
    phrase = gt_ids(catalogue, ["地方創生2.0"])
    hits = ids(searcher.search("地方創生 2.0"))
    assert set(hits) > phrase  # AND finds more ...
    assert set(hits[: len(phrase)]) == phrase  # ... but the phrase comes first


def test_scores_descend_and_ties_follow_document_order(searcher, catalogue):
    hits = searcher.search("柱:3")  # filter only: every score equal
    assert [catalogue.require(h.id).seq for h in hits] == sorted(
        catalogue.require(h.id).seq for h in hits
    )
    for q in ("地域", "ai 教育", "観光 インバウンド"):
        hits = searcher.search(q)  # title matches first, then by score, then document order
        m = [catalogue.require(h.id) for h in hits]
        words = q.split()
        together = gt_ids(catalogue, ["".join(words)]) if len(words) == 2 else set()
        keys = [
            (not all(gt_contains(x.title, w) for w in words), x.id not in together, -h.score, x.seq)
            for h, x in zip(hits, m, strict=True)
        ]
        assert keys == sorted(keys), q


# -- query language ----------------------------------------------------------------------


def test_or_and_exclusion(searcher, catalogue):
    port = set(ids(searcher.search("港")))
    sake = set(ids(searcher.search("酒")))
    airport = set(ids(searcher.search("空港")))
    assert set(ids(searcher.search("港 OR 酒"))) == port | sake
    assert set(ids(searcher.search("酒 ＯＲ 港"))) == port | sake
    assert set(ids(searcher.search("港 -空港"))) == port - airport
    assert set(ids(searcher.search("港 NOT 空港"))) == port - airport
    assert set(ids(searcher.search("防災 港 OR 酒"))) == gt_ids(catalogue, ["防災"]) & (port | sake)


def test_phrase_requires_adjacency(searcher, catalogue):
    phrase = set(ids(searcher.search('"デジタル 人材"')))
    both = set(ids(searcher.search("デジタル 人材")))
    assert phrase == gt_ids(catalogue, ["デジタル人材"])
    assert phrase < both


def test_filters(searcher, catalogue):
    mlit = {m.id for m in catalogue.measures if "国土交通省" in m.ministries}
    port = set(ids(searcher.search("港")))
    assert set(ids(searcher.search("府省庁:国土交通省 港"))) == port & mlit
    assert set(ids(searcher.search("ministry:国土交通省 港"))) == port & mlit
    assert set(ids(searcher.search("港", ministry="国土交通省"))) == port & mlit
    assert set(ids(searcher.search("府省庁:国土交通省"))) == mlit
    p2 = {m.id for m in catalogue.measures if m.chapter == 1 and m.pillar == 2}
    assert set(ids(searcher.search("柱:2"))) == p2
    assert set(ids(searcher.search("pillar:２ ai"))) == p2 & gt_ids(catalogue, ["ai"])
    assert set(ids(searcher.search("ai", pillar=2))) == p2 & gt_ids(catalogue, ["ai"])
    ch2 = {m.id for m in catalogue.measures if m.chapter == 2}
    assert set(ids(searcher.search("章:2"))) == ch2
    assert set(ids(searcher.search("府省庁:総務省 OR 府省庁:国土交通省"))) >= mlit


def test_unknown_ministry_gives_no_hits_and_a_message(searcher):
    res = searcher.run("港 府省庁:宇宙省")
    assert res.hits == [] and res.total == 0
    assert any("宇宙省" in m for m in res.messages)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "OR",
        "NOT",
        "-",
        '"',
        '""',
        "柱:",
        "府省庁:",
        "柱:x",
        "OR OR 港",
        "港 OR",
        "NOT NOT",
        ":::",
        '-"港"',
    ],
)
def test_malformed_queries_degrade_quietly(searcher, query):
    assert isinstance(searcher.search(query), list)


def test_malformed_pieces_degrade_to_plain_words(searcher, catalogue):
    assert set(ids(searcher.search('"Beyond 5G'))) == gt_ids(catalogue, ["beyond 5g"])
    assert set(ids(searcher.search("港 OR"))) == set(ids(searcher.search("港")))
    assert searcher.search("") == []


def test_overlong_query_is_cut_with_a_message(searcher):
    res = searcher.run("港 " * 2000)
    assert res.messages and "1000" in res.messages[0]
    assert res.total == len(searcher.search("港"))


# -- snippets and marks ------------------------------------------------------------------


def test_snippet_marks_every_match_on_the_printed_text(searcher):
    hit = next(h for h in searcher.search("ai") if h.id == "2-5")
    assert "<mark>ＡＩ</mark>" in hit.snippet
    assert "<mark>ＡＩ</mark>" in hit.title_marked
    assert len(re.sub(r"</?mark>", "", hit.snippet)) <= 82


def test_overlapping_matches_merge_into_one_mark(searcher):
    hit = searcher.search("地方 方創 創生")[0]
    assert "<mark>地方創生</mark>" in hit.snippet + hit.title_marked
    assert "</mark><mark>" not in hit.snippet


def test_snippet_for_footnote_only_match_names_the_footnote(searcher):
    hit = searcher.search('"Beyond 5G"')[0]
    assert hit.snippet.startswith("［注") and "<mark>Beyond 5G</mark>" in hit.snippet


def test_snippets_escape_html(searcher):
    for h in searcher.search("の", limit=50):
        stripped = re.sub(r"</?mark>", "", h.snippet + h.title_marked)
        assert "<" not in stripped and ">" not in stripped


def test_limit_and_total(searcher):
    res = searcher.run("地域", limit=5)
    assert len(res.hits) == 5 and res.total > 5


# -- facets ------------------------------------------------------------------------------


def test_facets_count_matches_per_pillar_and_ministry(searcher, catalogue):
    f = searcher.facets("港")
    hits = [catalogue.require(i) for i in ids(searcher.search("港"))]
    assert sum(f["pillar"].values()) == sum(1 for m in hits if m.pillar is not None)
    assert f["ministry"]["国土交通省"] == sum("国土交通省" in m.ministries for m in hits)
    # a facet ignores its own filter, honours the others
    f2 = searcher.facets("港 柱:1")
    assert f2["pillar"] == f["pillar"]
    assert sum(f2["chapter"].values()) == sum(1 for m in hits if m.pillar == 1)
    everything = searcher.facets("")
    assert everything["pillar"] == {1: 129, 2: 100, 3: 33, 4: 57, 5: 11}
    assert everything["chapter"] == {1: 330, 2: 14}


# -- notes -------------------------------------------------------------------------------


def test_note_matches_are_returned_and_marked(searcher):
    notes = {
        "1-1-1": "局長レクで説明する（ＡＩの件）",
        "2-5": "ai 予算要求の資料あり",
        "no-such-id": "局長レク",
    }
    hits = searcher.search("局長レク", notes=notes)
    assert ids(hits) == ["1-1-1"]
    assert hits[0].note_hit and "<mark>局長レク</mark>" in hits[0].note_snippet
    both = {h.id: h for h in searcher.search("ai", notes=notes)}
    assert both["2-5"].note_hit and both["1-1-1"].note_hit
    plain = {h.id: h for h in searcher.search("ai")}
    assert not plain["2-5"].note_hit and "1-1-1" not in plain
    # a note word and a catalogue word together (AND over measure + note)
    mine = {"1-1-1": "局長レク"}
    assert ids(searcher.search("局長レク 職場改革", notes=mine, exact=True)) == ["1-1-1"]
    assert ids(searcher.search("局長レク 職場改革", notes=mine))[0] == "1-1-1"
    assert ids(searcher.search("局長レク 港", notes=mine, exact=True)) == []
    assert "2-5" in ids(searcher.search("予算要求 ＡＩ", notes=notes))
    assert "2-5" not in ids(searcher.search("ai -予算要求", notes=notes))


# -- related -----------------------------------------------------------------------------


def test_related_measures(searcher, catalogue):
    rel = searcher.related("1-4-51")
    assert len(rel) == 5 and "1-4-51" not in ids(rel)
    assert sum("マイナンバーカード" in h.title for h in rel) >= 4
    assert {"1-4-27", "1-4-28"} & set(ids(searcher.related("1-2-96")))  # other ＤＸ measures
    assert [h.score for h in rel] == sorted((h.score for h in rel), reverse=True)
    assert len(searcher.related("2-5", n=3)) == 3
    with pytest.raises(UnknownMeasure):
        searcher.related("9-9-9")


def test_missing_index_is_a_clear_error(tmp_path):
    with pytest.raises(SearchUnavailable):
        Searcher(tmp_path / "nothing")


def test_index_of_another_version_is_refused(built_dir, tmp_path):
    import shutil

    from db.index import VERSION_FILE

    copy = tmp_path / "index"
    shutil.copytree(paths.index_dir(built_dir), copy)
    (copy / VERSION_FILE).write_text('{"index_version": 1}\n')
    with pytest.raises(SearchUnavailable, match="shisaku build"):
        Searcher(copy)


def test_small_hand_made_index(tmp_path):
    from db.index import build_index
    from db.model import Footnote, Measure

    def measure(seq, mid, title, body, notes=(), ministries=("総務省",)):
        return Measure(
            id=mid,
            seq=seq,
            chapter=1,
            chapter_title="c",
            pillar=1,
            pillar_title="p",
            number=seq + 1,
            title=title,
            body=body,
            footnotes=tuple(Footnote(i + 1, t, 0) for i, t in enumerate(notes)),
            ministries=ministries,
        )

    build_index(
        [
            measure(0, "1-1-1", "港の整備", "ＲＡＩＤＡの活用。", notes=("注の港", "酒蔵の話")),
            measure(1, "1-1-2", "生成ＡＩ", "Beyond 5Gと港湾。", ministries=("国土交通省",)),
        ],
        tmp_path / "ix",
    )
    with Searcher(tmp_path / "ix") as s:
        assert ids(s.search("港")) == ["1-1-1", "1-1-2"]
        assert ids(s.search("ai")) == ["1-1-2"]
        assert ids(s.search("raida")) == ["1-1-1"]
        assert ids(s.search('"beyond 5g"')) == ["1-1-2"]
        assert ids(s.search("港酒")) == []  # two footnotes never join into one text
        assert ids(s.search("酒蔵")) == ["1-1-1"]
        assert ids(s.search("港 府省庁:国土交通省")) == ["1-1-2"]
        assert s.ministries() == ["国土交通省", "総務省"]


def test_typographic_quotes_in_a_query_match_the_printed_text(searcher):
    # 2-6 prints 連携“絆”; the query language reads “ as ", so the text must too
    for q in ("連携“絆", '連携"絆', "ル田園健康特区、連携“絆"):
        assert [h.id for h in searcher.search(q, exact=True)] == ["2-6"], q


def test_benchmark_no_hit_queries_find_nothing(searcher):
    from desktop.search.bench import NO_HITS, QUERIES

    assert set(NO_HITS) <= set(QUERIES) and len(NO_HITS) >= 3
    assert {q: ids(searcher.search(q, exact=True)) for q in NO_HITS} == {q: [] for q in NO_HITS}


# -- the engine's shortcuts give the plain answer ----------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "の",
        "地域",
        "地方",
        "す",
        "地域 NOT 観光",
        "地域 -の",
        "地域 柱:1",
        "の 府省庁:総務省",
        "ai",
    ],
)
def test_top_of_a_long_list_is_the_start_of_the_full_ranking(searcher, query):
    # one common term is ranked from the index's impact lists, other queries select their
    # top before sorting: both must give exactly the start of the full ranking
    full = [(h.id, h.score) for h in searcher.search(query)]
    for limit in (1, 5, 20, 200):
        assert [(h.id, h.score) for h in searcher.search(query, limit=limit)] == full[:limit]


def test_top_with_note_only_matches_is_the_start_of_the_full_ranking(searcher):
    notes = {"1-1-1": "地域のメモ", "2-14": "地域", "1-3-5": "xyz"}
    full = [h.id for h in searcher.search("地域", notes=notes)]
    assert [h.id for h in searcher.search("地域", notes=notes, limit=50)] == full[:50]


def test_phrase_counts_from_positions_equal_counts_in_the_text(searcher, catalogue):
    # tf of a phrase comes from positions; the ranking has always counted in the text
    # (occurrences apart, from the left, unless a Latin word begins or ends it)
    import random

    from db.analysis import is_word_char, normalize
    from desktop.search.matching import match_leaf
    from desktop.search.query import make_leaf

    def count(text: str, needle: str) -> int:
        if not (is_word_char(needle[0]) or is_word_char(needle[-1])):
            return text.count(needle)
        pattern = re.escape(needle)
        if re.match(rf"[{LATIN}]", needle[0]):
            pattern = rf"(?<![{LATIN}])" + pattern
        if re.match(rf"[{LATIN}]", needle[-1]):
            pattern += rf"(?![{LATIN}])"
        return len(re.findall(rf"(?={pattern})", text))  # overlapping ones too

    rng = random.Random(10)
    reader = searcher._reader
    checked = 0
    for m in rng.sample(catalogue.measures, 60):
        body = normalize(m.body)
        for n in (3, 4, 6, 9):
            start = rng.randrange(max(1, len(body) - n))
            edges = body[max(0, start - 1) : start + 1] + body[start + n - 1 : start + n + 1]
            leaf = make_leaf(body[start : start + n])
            if leaf is None or len(leaf.units) < 3 or re.search(rf"[{LATIN}]{{2}}", edges):
                continue  # (a cut inside a Latin word is not a whole word)
            got = match_leaf(reader, leaf).fields["body"]
            num = reader.by_id[m.id]
            tf = dict(zip(got.docs, got.tfs, strict=True))[num]
            assert tf == count(body, leaf.text), (m.id, leaf.text)
            checked += 1
    assert checked > 100
    for text in ("とと", "ととと", "つつ"):  # repeating phrases: counted apart
        leaf = make_leaf(text)
        for f, p in match_leaf(reader, leaf).fields.items():
            for num, tf in zip(p.docs, p.tfs, strict=True):
                m = catalogue.require(reader.ids[num])
                whole = {"title": m.title, "body": m.body}.get(f)
                if whole is not None:
                    assert tf == normalize(whole).count(leaf.text)


def _double_quotation_marks() -> set[str]:
    """Every double quotation mark of Unicode, by name (independently of db.analysis)."""
    import sys

    out = set()
    for code in range(sys.maxunicode + 1):
        name = unicodedata.name(chr(code), "")
        if name in ("QUOTATION MARK", "FULLWIDTH QUOTATION MARK") or (
            "QUOTATION MARK" in name and "DOUBLE" in name and "TAG" not in name
        ):
            out.add(chr(code))
    return out


def test_one_table_of_double_quotes_for_the_text_and_the_queries(searcher):
    from db.analysis import DOUBLE_QUOTE_CHARS, normalize
    from desktop.search.query import parse

    marks = _double_quotation_marks()
    assert set(DOUBLE_QUOTE_CHARS) == marks and "‟" in marks and "〝" in marks
    phrase = parse('"地方 創生"').groups
    expected = ids(searcher.search('"地方創生"'))
    for ch in sorted(marks):
        assert normalize(f"a{ch}b") == 'a"b', ch  # the index reads it as "
        assert parse(f"{ch}地方 創生{ch}").groups == phrase, ch  # the query language too
        assert ids(searcher.search(f"{ch}地方創生{ch}")) == expected, ch
    for ch in "'‘’「」『』":  # single quotes and brackets are text
        assert normalize(ch) != '"' and len(parse(f"{ch}港{ch} 酒").groups) == 2


def test_hits_cut_their_marks_when_read_also_after_the_searcher_closed(built_dir):
    import dataclasses

    with Searcher(paths.index_dir(built_dir)) as s:
        hits = s.search("ai", limit=5)
    # the window reads the marks of the rows it paints, perhaps later: nothing of the
    # searcher is needed by then
    first = hits[0]
    assert "<mark>" in first.snippet + first.title_marked
    assert dataclasses.asdict(first)["snippet"] == first.snippet
    with Searcher(paths.index_dir(built_dir)) as s:
        assert s.search("ai", limit=5) == hits  # equal field by field
