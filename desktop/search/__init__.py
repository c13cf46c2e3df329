"""Full-text search over the catalogue (Qt-free). See searcher.Searcher."""

from desktop.search.searcher import Hit, Searcher, SearchResult, SearchUnavailable

__all__ = ["Hit", "SearchResult", "SearchUnavailable", "Searcher"]
