"""Back/Forward over everything opened (measure ids and the preface). Qt-free."""

from __future__ import annotations

PREFACE = "preface"  # location of はじめに
LIMIT = 200


class NavHistory:
    def __init__(self) -> None:
        self._items: list[str] = []
        self._pos = -1

    @property
    def current(self) -> str | None:
        return self._items[self._pos] if self._pos >= 0 else None

    def visit(self, location: str) -> None:
        """Record a newly opened location; forward entries are dropped, like a browser."""
        if location == self.current:
            return
        del self._items[self._pos + 1 :]
        self._items.append(location)
        if len(self._items) > LIMIT:
            del self._items[0]
        self._pos = len(self._items) - 1

    def can_back(self) -> bool:
        return self._pos > 0

    def can_forward(self) -> bool:
        return self._pos < len(self._items) - 1

    def back(self) -> str | None:
        if not self.can_back():
            return None
        self._pos -= 1
        return self.current

    def forward(self) -> str | None:
        if not self.can_forward():
            return None
        self._pos += 1
        return self.current
