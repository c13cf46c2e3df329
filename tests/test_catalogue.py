"""The catalogue reads bodies on demand: the records are the same as the source's."""

from __future__ import annotations

import dataclasses

from desktop import catalogue as catalogue_module
from desktop.catalogue import Catalogue, Measure


def test_records_equal_the_parsed_source(built_dir, document):
    cat = Catalogue.open(built_dir, ensure=False)
    assert not any({"body", "bureaus"} & set(m.__dict__) for m in cat.measures)  # not read yet
    assert [dataclasses.asdict(m) for m in cat.measures] == [
        dataclasses.asdict(m) for m in document.measures
    ]
    assert all(isinstance(m, Measure) for m in cat.measures)
    assert [m.to_json() for m in cat.measures[:5]] == [m.to_json() for m in document.measures[:5]]
    m = cat.require("1-1-28")
    assert dataclasses.replace(m) == m and repr(m).startswith("Measure(")


def test_bodies_stay_right_when_few_are_kept(built_dir, document, monkeypatch):
    monkeypatch.setattr(catalogue_module, "BODY_CACHE", 3)
    monkeypatch.setattr(catalogue_module, "READ_AHEAD", 2)
    cat = Catalogue.open(built_dir, ensure=False)
    expected = {m.id: m.body for m in document.measures}
    for m in list(reversed(cat.measures)) + cat.measures[::5]:  # out of order, evicted
        assert m.body == expected[m.id]
    assert len(cat._bodies) <= 3
    assert cat.require("1-1-28").body == expected["1-1-28"]
