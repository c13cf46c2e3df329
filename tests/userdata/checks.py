"""Checks that acknowledged writes of tests.userdata.writer are in a store."""

from __future__ import annotations

from desktop.userdata import DEFAULT_COLLECTION, UserStore


def check_acked(store: UserStore, prefix: str, acked: list[int]) -> None:
    notes = {n.measure_id: n.text for n in store.list_notes(include_empty=True)}
    marks = [b.measure_id for b in store.bookmarks(DEFAULT_COLLECTION)]
    assert [b.position for b in store.bookmarks(DEFAULT_COLLECTION)] == list(range(len(marks)))
    marks = set(marks)
    for i in acked:
        kind = i % 4
        if kind == 0:
            assert notes[f"{prefix}n{i}"].startswith((f"text {i} ", f"edited {i}")), i
        elif kind == 1:
            assert int(notes[f"{prefix}shared"]) >= i, i
        elif kind == 2:
            assert f"{prefix}b{i}" in marks, i
        else:
            assert notes[f"{prefix}n{i - 3}"] == f"edited {i - 3}", i


def acks(lines: list[str]) -> list[int]:
    return [int(line.split()[1]) for line in lines if line.startswith("ack ")]
