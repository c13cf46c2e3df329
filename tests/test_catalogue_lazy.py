"""The catalogue answers what the first paint asks (one measure, a pillar, the groups and
their sizes, the count) without reading every measure's header, and the records it hands
out before reading them all are the records after (issue 16, decision 0006)."""

from __future__ import annotations

import dataclasses

from desktop.catalogue import Catalogue


def fields(m) -> dict:
    return dataclasses.asdict(m)


def test_records_before_the_full_load_are_the_records_after(built_dir):
    whole = Catalogue.open(built_dir, ensure=False)
    expected = {m.id: fields(m) for m in whole.measures}
    lazy = Catalogue.open(built_dir, ensure=False)
    first = lazy.get("1-1-28")
    assert fields(first) == expected["1-1-28"]  # body, bureaus, page … read on demand
    pillar = lazy.in_pillar(1, 1)
    assert any(m is first for m in pillar)
    later = lazy.get("1-1-29")  # made after its neighbours' bodies were read
    assert fields(later) == expected["1-1-29"]
    assert len(lazy) == len(whole)
    everything = lazy.measures
    assert [m.id for m in everything] == [m.id for m in whole.measures]
    assert next(m for m in everything if m.id == "1-1-28") is first
    assert next(m for m in everything if m.id == "1-1-29") is later
    assert [fields(m) for m in everything] == list(expected.values())
    assert lazy.get("9-9-9") is None and "9-9-9" not in lazy and "1-1-28" in lazy


def test_groups_are_the_measures_places_in_document_order(built_dir):
    lazy = Catalogue.open(built_dir, ensure=False)
    groups = lazy.groups()  # from the index, before any header is read
    expected: dict = {}
    for m in Catalogue.open(built_dir, ensure=False).measures:
        expected[(m.chapter, m.pillar)] = expected.get((m.chapter, m.pillar), 0) + 1
    assert groups == [(c, p, n) for (c, p), n in expected.items()]
    assert lazy.groups() == groups and (lazy.measures and lazy.groups() == groups)
    assert [m.id for m in lazy.in_chapter(2)] == [m.id for m in lazy.measures if m.chapter == 2]
