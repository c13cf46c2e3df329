"""What the window works on: the catalogue, the search index and the user's store.

The index is opened once, lazily (the window paints with the tree before it is needed).
The notes map for search is cached and dropped whenever a note is saved; the highlight
comments and the tags (search, the タグ list, the chips in the rows) likewise whenever
highlights or tags change.
"""

from __future__ import annotations

from pathlib import Path

from desktop.catalogue import Catalogue
from desktop.userdata import UserStore
from desktop.userdata.connection import UI_BUSY_TIMEOUT_S


class AppContext:
    def __init__(self, catalogue: Catalogue, store: UserStore, build_dir: Path | None = None):
        self.catalogue = catalogue
        self.store = store
        self.build_dir = build_dir
        self._searcher = None
        self._notes: dict[str, str] | None = None
        self._comments: dict | None = None
        self._tags: dict[str, list[str]] | None = None

    @classmethod
    def open(cls, data_dir: str | Path | None = None, build_dir: Path | None = None) -> AppContext:
        catalogue = Catalogue.open(build_dir)
        store = UserStore.open(data_dir)
        store.relink(catalogue)  # a new edition: re-link by title, keep the rest as orphans
        # the window writes on the UI thread: never freeze it for another process's lock (a
        # failed autosave retries by itself; other writes say the store is busy)
        store.set_busy_timeout(UI_BUSY_TIMEOUT_S)
        return cls(catalogue, store, build_dir)

    @property
    def searcher_open(self) -> bool:
        return self._searcher is not None

    @property
    def searcher(self):
        if self._searcher is None:
            from desktop.search import Searcher

            # the index of the catalogue's own generation: never two builds in one window
            self._searcher = Searcher(self.catalogue.index_dir)
        return self._searcher

    def notes_map(self) -> dict[str, str]:
        if self._notes is None:
            self._notes = self.store.notes_map()
        return self._notes

    def notes_changed(self) -> None:
        self._notes = None

    def comments_map(self) -> dict:
        """{measure id: [(uid, comment), …]}: the highlight comments search looks in."""
        if self._comments is None:
            self._comments = self.store.highlight_comments()
        return self._comments

    def tags_map(self) -> dict[str, list[str]]:
        """{measure id: [tag, …]}: one read of the store for every row's chips."""
        if self._tags is None:
            self._tags = self.store.tags_map()
        return self._tags

    def annotations_changed(self) -> None:
        self._comments = self._tags = None

    def user_search(self) -> dict:
        """The user's data every search is given (keyword arguments of Searcher.run)."""
        return {
            "notes": self.notes_map(),
            "comments": self.comments_map(),
            "tags": self.tags_map(),
        }

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        self.store.close()
