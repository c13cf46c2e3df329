"""Back/Forward over everything opened, and the recent measures (履歴). Qt-free.

An entry is a Place: what was open and how the window looked when it was opened (query,
filters, whether the result list showed, scroll positions), so that 戻る brings back the
search the user came from, not only the measure.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

PREFACE = "preface"  # location of はじめに
LIMIT = 200
RECENT_LIMIT = 20


@dataclass(frozen=True)
class Place:
    location: str
    query: str = ""
    pillar: str | None = None  # FilterBar item data: "pillar:3", "chapter:2"
    ministry: str | None = None
    tag: str | None = None  # the タグ list's choice
    results: bool = False  # the result list was showing (else the tabs)
    tab: int = 0
    results_scroll: int = 0
    reader_scroll: int = 0

    def same_search(self, other: Place) -> bool:
        return (self.query, self.pillar, self.ministry, self.tag) == (
            other.query,
            other.pillar,
            other.ministry,
            other.tag,
        )


class NavHistory:
    def __init__(self) -> None:
        self._items: list[Place] = []
        self._pos = -1

    @property
    def place(self) -> Place | None:
        return self._items[self._pos] if self._pos >= 0 else None

    @property
    def current(self) -> str | None:
        return self.place.location if self.place else None

    def visit(self, place: Place | str, step: bool = False) -> None:
        """Record a newly opened place; forward entries are dropped, like a browser.
        Opening the same location again only refreshes the entry, unless `step`: a new
        view of the same measure (the breadcrumb shows the 目次 instead of the results)."""
        if isinstance(place, str):
            place = Place(place)
        if self.place is not None and place.location == self.current and not step:
            self._items[self._pos] = place
            return
        del self._items[self._pos + 1 :]
        self._items.append(place)
        if len(self._items) > LIMIT:
            del self._items[0]
        self._pos = len(self._items) - 1

    def leave(self, now: Place) -> None:
        """Remember the scroll positions of the entry being left (not its search: a query
        typed since it was opened belongs to the next entry)."""
        cur = self.place
        if cur is None or cur.location != now.location:
            return
        keep = {"reader_scroll": now.reader_scroll}
        if cur.same_search(now):
            keep["results_scroll"] = now.results_scroll
        self._items[self._pos] = replace(cur, **keep)

    def can_back(self) -> bool:
        return self._pos > 0

    def can_forward(self) -> bool:
        return self._pos < len(self._items) - 1

    def back(self) -> Place | None:
        if not self.can_back():
            return None
        self._pos -= 1
        return self.place

    def forward(self) -> Place | None:
        if not self.can_forward():
            return None
        self._pos += 1
        return self.place


def remember_recent(recent: list[str], location: str) -> list[str]:
    """The recent measures, newest first, each once (the preface is not a measure)."""
    if location == PREFACE:
        return list(recent)
    return [location, *(r for r in recent if r != location)][:RECENT_LIMIT]
