"""Checks that acknowledged writes of tests.userdata.writer are in a store."""

from __future__ import annotations

from desktop.userdata import DEFAULT_COLLECTION, UserStore
from tests.userdata.writer import KINDS


def check_acked(store: UserStore, prefix: str, acked: list[int]) -> None:
    notes = {n.measure_id: n.text for n in store.list_notes(include_empty=True)}
    marks = [b.measure_id for b in store.bookmarks(DEFAULT_COLLECTION)]
    assert [b.position for b in store.bookmarks(DEFAULT_COLLECTION)] == list(range(len(marks)))
    marks = set(marks)
    comments: dict[str, list[str]] = {}
    for h in store.highlights():
        assert h.exact == f"本文 {h.measure_id.rsplit('h', 1)[1]}"[:4]
        comments.setdefault(h.measure_id, []).append(h.comment)
    tags = store.tags_map()
    for i in acked:
        kind = i % KINDS
        if kind == 0:
            assert notes[f"{prefix}n{i}"].startswith((f"text {i} ", f"edited {i}")), i
        elif kind == 1:
            assert int(notes[f"{prefix}shared"]) >= i, i
        elif kind == 2:
            assert f"{prefix}b{i}" in marks, i
        elif kind == 3:
            assert notes[f"{prefix}n{i - 3}"] == f"edited {i - 3}", i
        elif kind == 4:
            assert set(comments[f"{prefix}h{i}"]) <= {f"hl {i}", f"edited {i}"}, i
        elif kind == 5:
            assert f"{prefix}tag{i % 3}" in tags[f"{prefix}h{i - 1}"], i
        else:
            assert f"edited {i - 2}" in comments[f"{prefix}h{i - 2}"], i


def writes_of(kind: int, count: int, start: int = 0) -> int:
    """How many of writes start..start+count-1 are of `kind`."""
    return sum(1 for i in range(start, start + count) if i % KINDS == kind)


def acks(lines: list[str]) -> list[int]:
    return [int(line.split()[1]) for line in lines if line.startswith("ack ")]
