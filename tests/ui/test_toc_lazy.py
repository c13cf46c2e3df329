"""The 目次 makes the nodes of a chapter's or pillar's measures only when they are first
needed (issue 16: at 100× a node for each of 34,400 measures made the first paint late),
and the tree it shows is the same."""

from __future__ import annotations

from desktop.ui.models.toc_model import LOCATION_ROLE, TocModel


def made_measures(model) -> set[str]:
    return {k for k, n in model.by_key.items() if n.location and n.location != "preface"}


def test_no_measure_node_before_it_is_needed(qapp, catalogue):
    model = TocModel(catalogue)
    assert made_measures(model) == set()
    # every group is listed with its count, and says it can be opened
    pillar = model.index_of("pillar:1:1")
    n = sum(1 for m in catalogue.measures if m.chapter == 1 and m.pillar == 1)
    assert pillar.data().endswith(f"（{n}）") and model.hasChildren(pillar)
    assert made_measures(model) == set()
    # showing one measure makes its pillar's nodes, and no others
    idx = model.index_of("1-2-3")
    assert idx.data(LOCATION_ROLE) == "1-2-3" and idx.parent() == model.index_of("pillar:1:2")
    assert made_measures(model) == {m.id for m in catalogue.in_pillar(1, 2)}
    # expanding 第2章 (the view asks for its rows) makes its measures
    chapter2 = model.index_of("chapter:2")
    assert model.rowCount(chapter2) == len(catalogue.in_pillar(2, None))


def test_the_whole_tree_is_the_catalogue_in_document_order(qapp, catalogue):
    model = TocModel(catalogue)
    assert [n.location for n in model.measure_nodes()] == [m.id for m in catalogue.measures]
    labels = [n.label for n in model.all_nodes()]
    assert labels[0] == "はじめに" and labels[1].startswith("第1章") and labels[1].endswith("）")
    m = catalogue.require("1-1-28")
    assert f"（{m.number}）{m.title}" in labels
