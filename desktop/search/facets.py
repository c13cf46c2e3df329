"""Filters (府省庁, 柱, 章) and the counts for the filter lists, from per-measure arrays
loaded with the index; the set of measures of each value is built once, when first asked.
"""

from __future__ import annotations

from itertools import repeat
from operator import contains, eq

from db.analysis import normalize
from desktop.search.index_reader import IndexReader
from desktop.search.query import ParsedQuery


class Facets:
    def __init__(self, reader: IndexReader):
        self.reader = reader
        self.all = frozenset(range(len(reader)))
        self._names: list[str] | None = None
        self._sets: dict[tuple[str, object], frozenset[int]] = {}
        self._everything: dict[str, dict] | None = None
        self._masks: dict[tuple[str, object], int] = {}

    def ministries(self) -> list[str]:
        if self._names is None:
            self._names = sorted({m for names in set(self.reader.ministries) for m in names})
        return self._names

    def resolve_ministry(self, value: str) -> set[str]:
        v = normalize(value)
        names = self.ministries()
        exact = {m for m in names if normalize(m) == v}
        return exact or {m for m in names if v and v in normalize(m)}

    def _set(self, kind: str, value) -> frozenset[int]:
        got = self._sets.get((kind, value))
        if got is None:
            r = self.reader
            if kind == "ministry":
                got = frozenset(n for n, names in enumerate(r.ministries) if value in names)
            elif kind == "pillar":
                got = frozenset(
                    n
                    for n, (c, p) in enumerate(zip(r.chapter, r.pillar, strict=True))
                    if c == 1 and p == value
                )
            else:
                got = frozenset(n for n, c in enumerate(r.chapter) if c == value)
            self._sets[(kind, value)] = got
        return got

    def filter_sets(self, pq: ParsedQuery) -> dict[str, set[int] | frozenset[int] | None]:
        """Allowed docnums per facet; None where the query has no such filter."""
        out: dict[str, set[int] | frozenset[int] | None] = {
            "ministry": None,
            "pillar": None,
            "chapter": None,
        }
        if pq.ministries:
            names: set[str] = set()
            for value in pq.ministries:
                found = self.resolve_ministry(value)
                if not found:
                    pq.messages.append(f"府省庁「{value}」は見つかりません (unknown ministry)")
                names |= found
            out["ministry"] = _union(self._set("ministry", m) for m in sorted(names))
        if pq.pillars:
            out["pillar"] = _union(self._set("pillar", p) for p in pq.pillars)
        if pq.chapters:
            out["chapter"] = _union(self._set("chapter", c) for c in pq.chapters)
        return out

    def counts(self, text_set, pq: ParsedQuery, narrow=None) -> dict[str, dict]:
        """Each facet counts the query's matches under the other facets' filters; `narrow`:
        only these measures (the user's tag filters, which are no facet here)."""
        everything = not (pq.groups or pq.excluded)
        sets = self.filter_sets(pq)
        if narrow is None and everything and all(v is None for v in sets.values()):
            if self._everything is None:  # the lists at rest: the same every time
                self._everything = self._count(self.all, sets)
            return {k: dict(v) for k, v in self._everything.items()}
        base = self.all if everything else text_set
        return self._count(base if narrow is None else base & narrow, sets)

    def _count(self, base, sets) -> dict[str, dict]:
        """Counts by masks: a set of measures as an int with one byte per measure (1 in,
        0 out), so that intersecting and counting are C-level operations on n bytes."""
        full = self._full()
        masks = {k: full if v is None else self._mask(v) for k, v in sets.items()}
        base_mask = self._mask(base)

        def counted(kind: str, values, within: int) -> dict:
            out = {}
            for value in values:
                c = (within & self._value_mask(kind, value)).bit_count()
                if c:
                    out[value] = c
            return out

        r = self.reader
        pillars = counted(
            "pillar", sorted(set(r.pillar) - {0}), base_mask & masks["ministry"] & masks["chapter"]
        )
        chapters = counted(
            "chapter", sorted(set(r.chapter)), base_mask & masks["ministry"] & masks["pillar"]
        )
        ministries = counted(
            "ministry", self.ministries(), base_mask & masks["pillar"] & masks["chapter"]
        )
        return {
            "pillar": pillars,
            "chapter": chapters,
            "ministry": dict(sorted(ministries.items(), key=lambda kv: (-kv[1], kv[0]))),
        }

    def _mask(self, docs) -> int:
        n = len(self.reader)
        if len(docs) * 8 < n:  # few: set their bytes one by one
            flags = bytearray(n)
            for d in docs:
                flags[d] = 1
            return int.from_bytes(flags, "little")
        return int.from_bytes(bytes(map(docs.__contains__, range(n))), "little")

    def _full(self) -> int:
        return self._value_mask("all", None)

    def _value_mask(self, kind: str, value) -> int:
        """Measures of one facet value (a pillar counted wherever it is set)."""
        got = self._masks.get((kind, value))
        if got is None:
            r = self.reader
            if kind == "ministry":
                flags = bytes(map(contains, r.ministries, repeat(value)))
            elif kind == "pillar":
                flags = bytes(map(eq, r.pillar, repeat(value)))
            elif kind == "chapter":
                flags = bytes(map(eq, r.chapter, repeat(value)))
            else:
                flags = bytes([1]) * len(r)
            got = self._masks[(kind, value)] = int.from_bytes(flags, "little")
        return got


def _union(sets) -> set[int]:
    out: set[int] = set()
    for s in sets:
        out |= s
    return out
