"""Full-text search over the catalogue (Qt-free, plain data out).

    s = Searcher.open()                  # once; index in the build folder, built if stale
    s.search("港 OR 空港 -成田", notes={id: text}, limit=50, ministry=None, pillar=None,
             chapter=None) -> list[Hit]    # never raises on any query text
    s.run(...same...) -> SearchResult(hits, total, messages, facets)
    s.facets(query, notes=...) -> {"pillar": {1: n}, "chapter": {1: n}, "ministry": {name: n}}
    s.related(measure_id, n=5) -> list[Hit]      # UnknownMeasure for a bad id
    s.ministries(), s.resolve_ministry(value)
    s.documents() -> every measure's indexed texts (benchmarks and tools)

Hit: id, title, score, snippet, title_marked, note_hit, note_snippet; snippets and titles
are HTML (escaped text, matches in <mark>…</mark>), cut when first read. To mark a query
in any other text the same way: highlight.match_spans(normalize_map(text), [leaf.text
for leaf in query.parse(q).positive]).
"""

from desktop.search.searcher import Hit, Searcher, SearchResult, SearchUnavailable

__all__ = ["Hit", "SearchResult", "SearchUnavailable", "Searcher"]
