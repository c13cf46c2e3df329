"""Highlights: marked passages of a measure's body, with a colour and an optional comment.

A highlight is stored the way the W3C Web Annotation model stores a text-quote selector —
the passage with a little context (desktop/anchoring.py) — plus its offsets into the body and
a hash of that body, so that after a rebuilt catalogue it is placed again only where the
body changed (desktop/userdata/reanchor.py). Each has a random uid that backups and share
files carry, so merging recognises it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from desktop.anchoring import quote_at, text_hash
from desktop.errors import UserError
from desktop.userdata.connection import now_iso
from desktop.userdata.mixin import StoreMixin
from desktop.userdata.notes import check_id, check_text
from desktop.userdata.records import Highlight
from desktop.userdata.schema import COLOURS

HL_COLS = (
    "uid, measure_id, title, start_offset, end_offset, exact, prefix, suffix, colour, comment,"
    " created, updated, body_hash, orphan"
)
UID = re.compile(r"[0-9a-f]{32}")
MIN_UID_PREFIX = 6  # the CLI prints 8 digits; any unique prefix this long names one
DEFAULT_COLOUR = "yellow"
COLOUR_LABELS = {"yellow": "黄", "green": "緑", "blue": "青", "pink": "桃"}


class UnknownHighlight(UserError):
    def __init__(self, ref: str, why: str = "ありません"):
        super().__init__(f"ハイライト「{ref}」は{why} (unknown highlight: {ref!r})")
        self.ref = ref


def highlight_from_row(r) -> Highlight:
    return Highlight(
        uid=r[0],
        measure_id=r[1],
        title=r[2],
        start=r[3],
        end=r[4],
        exact=r[5],
        prefix=r[6],
        suffix=r[7],
        colour=r[8],
        comment=r[9],
        created=r[10],
        updated=r[11],
        body_hash=r[12],
        orphan=bool(r[13]),
    )


def check_colour(colour: str) -> str:
    if colour not in COLOURS:
        raise UserError(f"色は {'、'.join(COLOURS)} のいずれかです (unknown colour: {colour!r})")
    return colour


def check_span(body: str, start: int, end: int) -> None:
    if not all(type(x) is int for x in (start, end)) or not 0 <= start < end <= len(body):
        raise UserError(
            f"範囲が本文の外です: {start}〜{end} (本文 {len(body)} 文字)"
            " (the span is not inside the body)"
        )
    if not body[start:end].strip():
        raise UserError("空白だけの範囲はハイライトできません (the span is only white space)")


def new_uid() -> str:
    import uuid  # here: it loads `platform`, ~0.5 MB a window that only reads never needs

    return uuid.uuid4().hex


def reading_order(highlights: Iterable[Highlight], catalogue) -> list[Highlight]:
    """Placed highlights in the catalogue's order of measures, then body order; orphans last
    (the メモ tab's list, `highlight list`)."""
    seq = {m.id: m.seq for m in catalogue.measures}
    return sorted(
        highlights,
        key=lambda h: (h.orphan, seq.get(h.measure_id, len(seq)), h.measure_id, h.start, h.end),
    )


class HighlightsMixin(StoreMixin):
    def add_highlight(
        self,
        measure,
        start: int,
        end: int,
        *,
        colour: str = DEFAULT_COLOUR,
        comment: str = "",
        uid: str | None = None,
    ) -> Highlight:
        """Highlight measure.body[start:end] (`measure`: a catalogue Measure, or anything with
        .id, .title and .body). Offsets are Python string indices into the body. `uid`: keep
        the one a share file gave (an import run twice then adds nothing twice)."""
        if uid is not None and not UID.fullmatch(uid):
            raise UserError(f"ハイライトの uid が正しくありません: {uid!r}")
        check_id(measure.id)
        check_text(measure.title, "title")
        body = check_text(measure.body, "body")
        check_span(body, start, end)
        check_colour(colour)
        check_text(comment, "comment")
        q = quote_at(body, start, end)
        now = now_iso()
        uid = uid or new_uid()
        with self._write() as con:
            if con.execute("SELECT 1 FROM highlights WHERE uid = ?", (uid,)).fetchone():
                raise UserError(f"ハイライト {uid[:8]} は既にあります (already there)")
            con.execute(
                f"INSERT INTO highlights ({HL_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                (
                    uid,
                    measure.id,
                    measure.title,
                    start,
                    end,
                    q.exact,
                    q.prefix,
                    q.suffix,
                    colour,
                    comment,
                    now,
                    now,
                    text_hash(body),
                ),
            )
        return self._written(uid)

    def get_highlight(self, uid: str) -> Highlight | None:
        with self._read() as con:
            r = con.execute(f"SELECT {HL_COLS} FROM highlights WHERE uid = ?", (uid,)).fetchone()
        return highlight_from_row(r) if r else None

    def _written(self, uid: str) -> Highlight:
        """The highlight just written, as stored; UnknownHighlight (a clear message, not a
        None the caller trips over) if another process deleted it in the moment since."""
        h = self.get_highlight(uid)
        if h is None:
            raise UnknownHighlight(uid)
        return h

    def find_highlight(self, ref: str) -> Highlight:
        """The highlight whose uid is `ref` or starts with it (at least 6 digits, one match);
        UnknownHighlight otherwise. How the CLI takes the short uid it prints."""
        ref = (ref or "").strip().lower()
        if len(ref) < MIN_UID_PREFIX or not re.fullmatch(r"[0-9a-f]+", ref):
            raise UnknownHighlight(ref, f"ありません（{MIN_UID_PREFIX} 桁以上の16進で指定）")
        with self._read() as con:
            rows = con.execute(
                f"SELECT {HL_COLS} FROM highlights WHERE uid >= ? AND uid < ? LIMIT 2",
                (ref, ref + "g"),
            ).fetchall()
        if not rows:
            raise UnknownHighlight(ref)
        if len(rows) > 1:
            raise UnknownHighlight(ref, "複数あります。もっと長く指定してください (ambiguous)")
        return highlight_from_row(rows[0])

    def highlights(
        self, measure_id: str | None = None, *, include_orphans: bool = True
    ) -> list[Highlight]:
        """Highlights in body order: all of them (by measure id), or one measure's (its
        placed ones, then the orphans that were last on that id)."""
        sql = f"SELECT {HL_COLS} FROM highlights WHERE 1"
        args: tuple = ()
        if measure_id is not None:
            sql += " AND measure_id = ?"
            args = (measure_id,)
        if not include_orphans:
            sql += " AND orphan = 0"
        with self._read() as con:
            rows = con.execute(
                sql + " ORDER BY orphan, measure_id, start_offset, end_offset, id", args
            ).fetchall()
        return [highlight_from_row(r) for r in rows]

    def orphan_highlights(self) -> list[Highlight]:
        return [h for h in self.highlights() if h.orphan]

    def update_highlight(
        self, uid: str, *, colour: str | None = None, comment: str | None = None
    ) -> Highlight:
        """Change the colour and/or the comment. Undo: call it again with the old values."""
        if colour is not None:
            check_colour(colour)
        if comment is not None:
            check_text(comment, "comment")
        with self._write() as con:
            r = con.execute(
                "SELECT colour, comment FROM highlights WHERE uid = ?", (uid,)
            ).fetchone()
            if r is None:
                raise UnknownHighlight(uid)
            new = (r[0] if colour is None else colour, r[1] if comment is None else comment)
            if new != tuple(r):
                con.execute(
                    "UPDATE highlights SET colour = ?, comment = ?, updated = ? WHERE uid = ?",
                    (*new, now_iso(), uid),
                )
        return self._written(uid)

    def delete_highlight(self, uid: str) -> Highlight:
        """Delete it and return it whole: restore_highlight(that) undoes the delete."""
        with self._write() as con:
            r = con.execute(f"SELECT {HL_COLS} FROM highlights WHERE uid = ?", (uid,)).fetchone()
            if r is None:
                raise UnknownHighlight(uid)
            con.execute("DELETE FROM highlights WHERE uid = ?", (uid,))
        return highlight_from_row(r)

    def restore_highlight(self, h: Highlight) -> Highlight:
        """Put a deleted highlight back exactly as it was (same uid, times and place): undo.
        If the catalogue changed meanwhile, the next relink places it again."""
        if not UID.fullmatch(h.uid or ""):
            raise UserError(f"ハイライトの uid が正しくありません: {h.uid!r}")
        check_id(h.measure_id)
        check_colour(h.colour)
        for text in (h.title, h.exact, h.prefix, h.suffix, h.comment):
            check_text(text)
        if not (0 <= h.start < h.end) or not h.exact:
            raise UserError("ハイライトの範囲が正しくありません (bad span)")
        with self._write() as con:
            if con.execute("SELECT 1 FROM highlights WHERE uid = ?", (h.uid,)).fetchone():
                raise UserError(f"ハイライト {h.uid[:8]} は既にあります (already there)")
            con.execute(
                f"INSERT INTO highlights ({HL_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    h.uid,
                    h.measure_id,
                    h.title,
                    h.start,
                    h.end,
                    h.exact,
                    h.prefix,
                    h.suffix,
                    h.colour,
                    h.comment,
                    h.created,
                    h.updated,
                    h.body_hash,
                    int(h.orphan),
                ),
            )
        return self._written(h.uid)

    # --- what search and the lists read ----------------------------------------------------

    def highlight_comments(self) -> dict[str, list[tuple[str, str]]]:
        """{measure id: [(uid, comment), …]} of placed highlights with a comment, in body
        order: what search looks in (a hit there is the user's own text)."""
        out: dict[str, list[tuple[str, str]]] = {}
        with self._read() as con:
            for mid, uid, comment in con.execute(
                "SELECT measure_id, uid, comment FROM highlights WHERE orphan = 0"
                " AND comment != '' ORDER BY measure_id, start_offset, id"
            ):
                out.setdefault(mid, []).append((uid, comment))
        return out

    def highlight_counts(self) -> dict[str, int]:
        """{measure id: number of placed highlights} (a marker in the tree or result rows)."""
        with self._read() as con:
            return dict(
                con.execute(
                    "SELECT measure_id, count(*) FROM highlights WHERE orphan = 0"
                    " GROUP BY measure_id"
                )
            )
