"""`bench scale`'s N× catalogue: built with the real build functions, realistic, usable."""

from __future__ import annotations

from collections import Counter

from db.build import is_stale
from desktop import paths
from desktop.catalogue import Catalogue
from desktop.search import Searcher
from desktop.search.scale import prepare, reusable
from desktop.search.synthetic import synthetic_document


def test_copies_are_new_measures_with_varied_text(document):
    doc = synthetic_document(document, 3)
    ms = doc.measures
    assert len(ms) == 3 * len(document.measures)
    assert len({m.id for m in ms}) == len(ms)
    assert [m.seq for m in ms] == list(range(len(ms)))
    numbers = [f.number for m in ms for f in m.footnotes]
    assert len(set(numbers)) == len(numbers)  # the catalogue's primary key
    real = {m.id: m for m in document.measures}
    assert all(real[m.id].body == m.body for m in ms if m.id in real)  # copy 0 is the real one
    copies = [m for m in ms if m.id not in real]
    assert all(f.offset <= len(m.body) for m in copies for f in m.footnotes)
    assert len({m.title for m in ms}) == len(ms)  # every title differs
    # each pillar keeps its share; the copies come after the group's real measures
    assert Counter(m.pillar for m in ms) == {
        k: 3 * v for k, v in Counter(m.pillar for m in document.measures).items()
    }


def test_built_catalogue_is_used_as_is_and_reused(tmp_path):
    out, info, temporary = prepare(2, tmp_path / "x2")
    assert not temporary and not info["reused"] and info["measures"] == 688
    assert not is_stale(out)  # the app's own start-up opens it without rebuilding
    cat = Catalogue.open(out)
    assert len(cat) == 688 and cat.meta["synthetic_factor"] == "2"
    with Searcher.open(out) as s:
        assert len(s) == 688
        copy = next(m for m in cat.measures if m.id not in {"1-1-1"} and m.seq > 344)
        assert copy.id in [h.id for h in s.search(f'"{copy.title}"')]
    assert reusable(out, 2)["reused"] and reusable(out, 3) is None
    again, info2, _ = prepare(2, out)
    assert again == out and info2["reused"]
    assert paths.index_dir(out).is_dir()


def test_bench_scale_runs_the_real_window_on_the_built_catalogue(tmp_path, capsys):
    # a quick run: 1×, one start-up pair, the first 3 benchmark queries
    from desktop.cli.main import main

    code = main(
        ["bench", "scale", "--factor", "1", "--runs", "1", "--rounds", "1", "--queries", "3"]
        + ["--build-dir", str(tmp_path / "x1"), "--json"]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    import json

    report = json.loads(out)
    assert report["measures"] == 344 and report["index_mb"] > 0
    fp, w = report["first_paint"], report["window"]
    assert fp["median_s"] > 0 and fp["baseline_median_s"] > 0
    assert w["measures"] == 344 and w["keystrokes"] == 3  # 港, 酒, 森: one character each
    assert 0 < w["search"]["p50_ms"] <= w["search"]["p95_ms"] <= w["search"]["max_ms"]
    assert w["opens"] >= 50 and w["peak_rss_mb"] > 0
