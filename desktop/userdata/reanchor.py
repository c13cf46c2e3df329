"""Placing highlights again after the catalogue changed (part of UserStore.relink).

A highlight is looked at only when the text it was anchored against changed: its measure's
body (by hash) or title, or — for an orphan — the whole edition. Then, like a note, it follows
its measure (same id and title; else the one measure with that title) and is placed with
anchoring.place (offsets → exact quote with context → normalised quote → fuzzy). A passage
its measure no longer holds is looked for in every other measure (the one body that holds
the exact quote). What cannot be placed becomes an orphan: kept, listed, and tried again
when a later edition comes.

The placements are worked out without the write lock (fuzzy matching takes a while) and
written in one transaction; a row another process changed meanwhile is left for the next
relink.
"""

from __future__ import annotations

from dataclasses import dataclass

from db.digest import sha256
from desktop.anchoring import TextQuote, find_elsewhere, place, quote_at, text_hash
from desktop.userdata.records import RelinkReport

ROW_COLS = (
    "id, measure_id, title, start_offset, end_offset, exact, prefix, suffix, body_hash, orphan"
)


@dataclass(frozen=True)
class Edition:
    """The parts of a catalogue that anchoring reads, worked out once per relink."""

    titles: dict[str, str]  # id → title
    bodies: dict[str, str]  # id → body
    hashes: dict[str, str]  # id → text_hash(body)
    by_title: dict[str, str]  # title_key → id, for titles only one measure has
    key: str  # a hash of the whole edition: what an orphan was last tried against


def edition(catalogue, by_title: dict[str, str]) -> Edition:
    titles = {m.id: m.title for m in catalogue.measures}
    bodies = {m.id: m.body for m in catalogue.measures}
    h = sha256()
    for mid in titles:
        h.update(f"{mid}\x1f{titles[mid]}\x1f{bodies[mid]}\x1e".encode("utf-8", "surrogatepass"))
    return Edition(
        titles=titles,
        bodies=bodies,
        hashes={mid: text_hash(b) for mid, b in bodies.items()},
        by_title=by_title,
        key="edition:" + h.hexdigest()[:32],
    )


@dataclass(frozen=True)
class Row:
    key: int
    measure_id: str
    title: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    body_hash: str
    orphan: bool


@dataclass(frozen=True)
class Plan:
    row: Row
    measure_id: str
    title: str
    start: int
    end: int
    quote: TextQuote
    body_hash: str
    orphan: bool
    how: str  # anchoring's how, or "orphan"


def stale_rows(con, ed: Edition) -> list[Row]:
    """Highlights whose text changed since they were last anchored (usually none)."""
    out = []
    for r in con.execute(f"SELECT {ROW_COLS} FROM highlights"):
        # mypy lets *r[:9] (length unknown to it) fill every field, then counts one too many
        row = Row(*r[:9], bool(r[9]))  # type: ignore[call-arg]
        if row.orphan:
            if row.body_hash != ed.key:
                out.append(row)
        elif ed.titles.get(row.measure_id) != row.title or (
            ed.hashes.get(row.measure_id) != row.body_hash
        ):
            out.append(row)
    return out


def plan(row: Row, ed: Edition, same_title, title_key) -> Plan:
    """Where the highlight goes in this edition (or that it is an orphan now)."""
    q = TextQuote(row.exact, row.prefix, row.suffix)
    target = follow(row, ed, same_title, title_key)
    if target is not None:
        p = place(q, row.start, ed.bodies[target])
        if p is not None:
            return placed(row, ed, target, p.start, p.end, p.how)
    others = {mid: body for mid, body in ed.bodies.items() if mid != target}
    found = find_elsewhere(q, others)
    if found is not None:
        mid, p = found
        return placed(row, ed, mid, p.start, p.end, p.how)
    return Plan(
        row, row.measure_id, row.title, row.start, row.end, q, ed.key, orphan=True, how="orphan"
    )


def follow(row: Row, ed: Edition, same_title, title_key) -> str | None:
    """The measure the highlight belongs to now: same id and title, else the title's one
    measure (the relinking rule of notes and bookmarks)."""
    tk = title_key(row.title)
    if row.measure_id in ed.titles and same_title(title_key(ed.titles[row.measure_id]), tk):
        return row.measure_id
    return ed.by_title.get(tk)


def placed(row: Row, ed: Edition, mid: str, start: int, end: int, how: str) -> Plan:
    body = ed.bodies[mid]
    return Plan(
        row, mid, ed.titles[mid], start, end, quote_at(body, start, end), ed.hashes[mid], False, how
    )


def apply(con, plans: list[Plan], report: RelinkReport) -> None:
    """Write the plans (inside the write transaction). A row changed since it was read is
    skipped: the next relink looks at it again."""
    for p in plans:
        r = p.row
        cur = con.execute(
            "UPDATE highlights SET measure_id = ?, title = ?, start_offset = ?, end_offset = ?,"
            " exact = ?, prefix = ?, suffix = ?, body_hash = ?, orphan = ?"
            " WHERE id = ? AND measure_id = ? AND start_offset = ? AND end_offset = ?"
            " AND body_hash = ? AND orphan = ?",
            (
                p.measure_id,
                p.title,
                p.start,
                p.end,
                p.quote.exact,
                p.quote.prefix,
                p.quote.suffix,
                p.body_hash,
                int(p.orphan),
                r.key,
                r.measure_id,
                r.start,
                r.end,
                r.body_hash,
                int(r.orphan),
            ),
        )
        if cur.rowcount == 0:
            continue
        if p.orphan:
            if not r.orphan:
                report.orphaned.append(("highlight", r.measure_id, r.title))
            continue
        report.anchored[p.how] = report.anchored.get(p.how, 0) + 1
        if p.measure_id != r.measure_id or r.orphan:
            report.relinked.append(("highlight", r.measure_id, p.measure_id, p.title))
