"""Re-linking notes, bookmarks, tags and highlights when a new catalogue edition changes what
an id means.

Every link stores the measure id and the title it had. A link is still good when the id's
title is the same; otherwise it moves to the measure with exactly that title; failing that it
becomes an orphan, which is kept and listed, never dropped. Titles are compared after NFKC
and with whitespace removed, so a re-wrapped or re-spaced title is still "the same".
Highlights follow the same rule and are then placed again in the body (reanchor.py).

Every start checks this, so the check costs nothing in the usual case: linked titles are
compared with the catalogue's as they are (one lookup a link), and the catalogue's titles
are normalised (about 5 µs a title: 0.2 s at 100× the catalogue) only when there are
orphans that were not yet checked against this catalogue generation. Which orphans were
checked against which generation is remembered in a small file beside the store
(CHECKED_FILE, a cache: deleting it only makes the next start check again). Linked
highlights also need their measure's body unchanged (its hash); only highlighted bodies are
read for that.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter

from db.digest import sha256
from desktop.userdata.mixin import StoreMixin
from desktop.userdata.records import RelinkReport

_SPACE = re.compile(r"\s+")
CHECKED_FILE = "relink-checked.json"  # {"generation": id, "orphans": digest}
# every table whose rows link to a measure (measure_id, title, orphan): what the cheap
# check at start reads; a table added to relink() must be added here too
CHECKED_TABLES = ("notes", "bookmarks", "measure_tags", "highlights")


def title_key(title: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", title))


def same_title(now: str, stored: str) -> bool:
    """Equal keys, or the stored one is most of the start of the current one: a title an
    older parser cut short now reads whole (1-1-58 and 1-1-62 before parser 3)."""
    return now == stored or (now.startswith(stored) and 2 * len(stored) >= len(now) > 0)


# (table, the column a link is unique within, what the report calls it)
LINKS = (
    ("notes", None, "note"),
    ("bookmarks", "collection_id", "bookmark"),
    ("measure_tags", "tag_id", "tag"),
)


class RelinkMixin(StoreMixin):
    def relink(self, catalogue) -> RelinkReport:
        """Bring every link in line with `catalogue` (its .measures with .id, .title, .body)."""
        with self._read() as con:
            links = link_rows(con)
            marks = linked_highlights(con)
        memo = checked_memo(catalogue, links)
        if (
            memo is not None
            and _nothing_to_do(self, catalogue, links, memo)
            and _highlights_in_place(catalogue, marks)
        ):
            return RelinkReport(orphans=sum(1 for _t, _m, _ti, orphan in links if orphan))
        report = self._relink_all(catalogue)
        if memo is not None and not self.read_only:
            with self._read() as con:
                _remember(self, checked_memo(catalogue, link_rows(con)))
        return report

    def _relink_all(self, catalogue) -> RelinkReport:
        # placing highlights again is needed only here (a new catalogue, an unchecked
        # orphan): not imported by the usual start, which returns before (decision 0007)
        from desktop.userdata import reanchor

        current = {m.id: m.title for m in catalogue.measures}
        counts = Counter(title_key(t) for t in current.values())
        by_title = {title_key(t): mid for mid, t in current.items() if counts[title_key(t)] == 1}
        ed = reanchor.edition(catalogue, by_title)
        with self._read() as con:
            stale = needs_relink(con, current, by_title)
            moved = reanchor.stale_rows(con, ed)
            orphans = count_orphans(con)
        # Nothing to change (the usual case): no write lock, so a read-only store (full disk)
        # and a store another process is writing to still open for reading.
        if not (stale or moved) or self.read_only:
            return RelinkReport(orphans=orphans)
        # placing highlights may take a while: worked out before taking the write lock
        plans = [reanchor.plan(row, ed, same_title, title_key) for row in moved]
        report = RelinkReport()
        with self._write() as con:
            if stale:
                for table, scope, kind in LINKS:
                    if scope is None:
                        relink_table(con, table, None, current, by_title, report, kind=kind)
                        continue
                    for (sid,) in con.execute(f"SELECT DISTINCT {scope} FROM {table}").fetchall():
                        relink_table(
                            con, table, sid, current, by_title, report, scope=scope, kind=kind
                        )
            reanchor.apply(con, plans, report)
            report.orphans = count_orphans(con)
        return report


def link_rows(con) -> list[tuple[str, str, str, int]]:
    """(table, measure id, title, orphan) of every link (CHECKED_TABLES)."""
    return [
        (table, mid, title, orphan)
        for table in CHECKED_TABLES
        for mid, title, orphan in con.execute(f"SELECT measure_id, title, orphan FROM {table}")
    ]


def linked_highlights(con) -> list[tuple[str, str]]:
    """(measure id, body hash) of every highlight that is not an orphan."""
    return list(con.execute("SELECT measure_id, body_hash FROM highlights WHERE orphan = 0"))


def _highlights_in_place(catalogue, marks: list[tuple[str, str]]) -> bool:
    """True when every linked highlight's measure still has the body it was placed in
    (titles are checked with the other links)."""
    from desktop.anchoring import text_hash

    get = getattr(catalogue, "get", None)
    for mid, body_hash in marks:
        m = get(mid) if get else None
        if m is None or text_hash(m.body) != body_hash:
            return False
    return True


def checked_memo(catalogue, links) -> dict | None:
    """What a finished check of these orphans against this catalogue generation is
    remembered as; None for a catalogue without a generation id (then always check)."""
    generation = (getattr(catalogue, "meta", None) or {}).get("generation")
    if not generation:
        return None
    h = sha256()
    for table, mid, title, orphan in sorted(links):
        if orphan:
            h.update(f"{table}\0{mid}\0{title}\n".encode())
    return {"generation": generation, "orphans": h.hexdigest()}


def _nothing_to_do(store, catalogue, links, memo: dict) -> bool:
    """True when no link can change: every linked title is its measure's, and there are
    no orphans or they were checked against this generation already."""
    get = getattr(catalogue, "get", None)
    for _table, mid, title, orphan in links:
        if not orphan:
            m = get(mid) if get else None
            if m is None or m.title != title:
                return False
    if not any(orphan for *_rest, orphan in links):
        return True
    return _remembered(store) == memo


def _checked_path(store):
    return store.path.parent / CHECKED_FILE


def _remembered(store) -> dict | None:
    try:
        data = json.loads(_checked_path(store).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _remember(store, memo: dict | None) -> None:
    if _remembered(store) == memo:
        return
    from desktop.atomicfile import atomic_write

    try:
        atomic_write(_checked_path(store), json.dumps(memo).encode("utf-8"))
    except OSError:  # a cache: the next start checks again
        pass


def count_orphans(con) -> int:
    return sum(
        con.execute(f"SELECT count(*) FROM {t} WHERE orphan = 1").fetchone()[0]
        for t in ("notes", "bookmarks", "measure_tags", "highlights")
    )


def needs_relink(con, current: dict[str, str], by_title: dict[str, str]) -> bool:
    """Would relink_table change anything? (the same rules, read only)"""
    for table, _, _ in LINKS:
        for mid, title, orphan in con.execute(f"SELECT measure_id, title, orphan FROM {table}"):
            if not orphan:
                if current.get(mid) != title:
                    return True
                continue
            tk = title_key(title)
            if (mid in current and title_key(current[mid]) == tk) or tk in by_title:
                return True
    return False


def relink_table(
    con,
    table: str,
    sid: int | None,
    current: dict[str, str],
    by_title: dict[str, str],
    report: RelinkReport,
    *,
    scope: str = "collection_id",
    kind: str = "bookmark",
) -> None:
    """Relink one table's links (within one collection or tag: a measure is linked once
    there)."""
    scope, args = (f"{scope} = ?", (sid,)) if sid is not None else ("1", ())
    rows = con.execute(
        f"SELECT id, measure_id, title, orphan FROM {table} WHERE {scope}", args
    ).fetchall()
    moves = []
    for key, mid, title, orphan in rows:
        tk = title_key(title)
        if mid in current and same_title(title_key(current[mid]), tk):
            if orphan:  # the id means this measure again
                moves.append((key, mid, title, orphan, mid))
            elif current[mid] != title:  # same measure, reformatted title
                con.execute(f"UPDATE {table} SET title = ? WHERE id = ?", (current[mid], key))
            continue
        target = by_title.get(tk)
        if target is None:
            if not orphan:
                con.execute(f"UPDATE {table} SET orphan = 1 WHERE id = ?", (key,))
                report.orphaned.append((kind, mid, title))
            continue
        moves.append((key, mid, title, orphan, target))
    # Unlink every mover first so that swapped ids do not collide on the unique index.
    for key, *_ in moves:
        con.execute(f"UPDATE {table} SET orphan = 1 WHERE id = ?", (key,))
    for key, mid, title, orphan, target in moves:
        taken = con.execute(
            f"SELECT 1 FROM {table} WHERE {scope} AND measure_id = ? AND orphan = 0",
            (*args, target),
        ).fetchone()
        if taken:
            if not orphan:
                report.orphaned.append((kind, mid, title))
            continue
        con.execute(
            f"UPDATE {table} SET measure_id = ?, title = ?, orphan = 0 WHERE id = ?",
            (target, current[target], key),
        )
        if target != mid or orphan:
            report.relinked.append((kind, mid, target, current[target]))
