"""Re-anchoring highlights in real measure bodies after the text changed."""

from __future__ import annotations

from desktop.anchoring import find_elsewhere, place, quote_at


def _span(body: str, passage: str) -> tuple[int, int]:
    start = body.index(passage)
    return start, start + len(passage)


def test_unchanged_body_places_by_offset(catalogue):
    body = catalogue.require("1-1-28").body
    start, end = _span(body, body[40:70])
    q = quote_at(body, start, end)
    p = place(q, start, body)
    assert (p.start, p.end, p.how) == (start, end, "offset")


def test_text_inserted_before_moves_the_highlight(catalogue):
    body = catalogue.require("1-1-28").body
    start, end = 60, 90
    q = quote_at(body, start, end)
    new = "（追記）新たな一文を加える。" + body
    p = place(q, start, new)
    assert new[p.start : p.end] == body[start:end]
    assert p.how == "quote"


def test_reworded_passage_is_found_fuzzily(catalogue):
    body = catalogue.require("1-2-1").body
    start, end = 20, 60
    q = quote_at(body, start, end)
    passage = body[start:end]
    reworded = passage[:10] + "一層" + passage[12:]  # two characters changed, one added
    new = body[:start] + reworded + body[end:]
    p = place(q, start, new)
    assert p is not None and p.how == "fuzzy"
    assert abs(p.start - start) <= 2 and abs(p.end - (start + len(reworded))) <= 2


def test_deleted_passage_is_gone(catalogue):
    body = catalogue.require("1-2-1").body
    start, end = 20, 60
    q = quote_at(body, start, end)
    assert place(q, start, body[:start] + body[end:]) is None
    other = catalogue.require("2-3").body
    assert place(q, start, other) is None


def test_short_quote_needs_its_context(catalogue):
    body = catalogue.require("1-1-28").body
    i = body.index("する")
    q = quote_at(body, i, i + 2)
    unrelated = catalogue.require("2-1").body
    p = place(q, i, unrelated)
    # "する" is everywhere: without the old neighbours it is not placed at random
    assert p is None or unrelated[p.start - 3 : p.start] == body[i - 3 : i]


def test_a_repeated_quote_goes_to_the_occurrence_with_its_context():
    text = "港湾の整備を進める。空港の整備を進める。"
    i = text.index("整備を進める", 5)
    q = quote_at(text, i, i + 6)
    moved = "はじめに。" + text
    p = place(q, i, moved)
    assert moved[p.start - 3 : p.start] == "空港の"


def test_find_elsewhere_follows_a_moved_measure(catalogue):
    src = catalogue.require("1-3-5").body
    q = quote_at(src, 10, 50)
    texts = {m.id: m.body for m in catalogue.measures if m.id != "1-3-5"}
    texts["9-9-9"] = src  # the same measure under a new id
    key, p = find_elsewhere(q, texts)
    assert key == "9-9-9" and texts[key][p.start : p.end] == src[10:50]


def test_occurrences_ignore_width_case_spaces_and_line_breaks(catalogue):
    from desktop.anchoring import occurrences

    body = catalogue.require("1-1-23").body
    # as copied from the PDF: half-width letters, a line break where the page wrapped
    (span,) = occurrences("ai活用による英語での地域の\n魅力発信", body)
    assert body[span[0] : span[1]] == "ＡＩ活用による英語での地域の魅力発信"
    several = occurrences("地域", body)
    assert len(several) == body.count("地域") and several == sorted(several)
    assert all(body[s:e] == "地域" for s, e in several)
    assert occurrences("本文にない文", body) == [] and occurrences(" \n", body) == []


def test_a_width_change_is_found_as_normalised_text(catalogue):
    body = catalogue.require("1-1-23").body
    start, end = _span(body, "ＡＩ活用による英語")
    q = quote_at(body, start, end)
    fixed = body.replace("ＡＩ", "AI").replace("、", "、 ")  # a parser fix: widths and spaces
    p = place(q, start, fixed)
    assert p.how == "normalised" and fixed[p.start : p.end] == "AI活用による英語"


def test_text_hash_tells_bodies_apart():
    from desktop.anchoring import text_hash

    assert text_hash("本文") == text_hash("本文") != text_hash("本文。")
    assert len(text_hash("")) == 32


def test_a_short_phrase_found_in_one_other_measure_stays_put(catalogue):
    """「検討を行い、必要な措置を講ず」 of 1-4-22 is also in 1-3-4: when 1-4-22 is gone the
    highlight is an orphan, not moved to a measure where the phrase has other neighbours."""
    src = catalogue.require("1-4-22").body
    start, end = _span(src, "検討を行い、必要な措置を講ず")
    q = quote_at(src, start, end)
    texts = {m.id: m.body for m in catalogue.measures if m.id != "1-4-22"}
    assert sum(q.exact in t for t in texts.values()) == 1
    assert find_elsewhere(q, texts) is None
