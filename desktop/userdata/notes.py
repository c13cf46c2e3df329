"""Notes: one per measure, with the last 20 replaced texts kept as history."""

from __future__ import annotations

from desktop.errors import UserError
from desktop.userdata.connection import now_iso
from desktop.userdata.mixin import StoreMixin
from desktop.userdata.records import Note, NoteVersion
from desktop.userdata.schema import HISTORY_KEEP

NOTE_COLS = "id, measure_id, title, text, created, updated, orphan"


def note_from_row(r) -> Note:
    return Note(
        key=r[0],
        measure_id=r[1],
        title=r[2],
        text=r[3],
        created=r[4],
        updated=r[5],
        orphan=bool(r[6]),
    )


def check_text(text: str, what: str = "text") -> str:
    if not isinstance(text, str):
        raise UserError(f"{what} must be text, not {type(text).__name__}")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise UserError(f"{what} is not valid Unicode (position {e.start})") from e
    return text


def check_id(measure_id: str) -> str:
    if not isinstance(measure_id, str) or not measure_id.strip():
        raise UserError(f"施策IDが空です (empty measure id: {measure_id!r})")
    return check_text(measure_id, "measure id")


def push_history(
    con, note_id: int, text: str | bytes, saved: str, replaced: str, *, prune: bool = True
) -> None:
    """Add a version; bytes (a text that is not valid UTF-8) are stored exactly as given."""
    con.execute(
        "INSERT INTO note_history (note_id, text, saved, replaced) VALUES (?, CAST(? AS TEXT), ?, ?)",
        (note_id, text, saved, replaced),
    )
    if prune:
        prune_history(con, note_id)


def prune_history(con, note_id: int) -> None:
    """Keep the HISTORY_KEEP most recently added versions: by insertion order (row id), never
    by their times. A clock that went back, or a restored backup dated in the future, used to
    make the version just replaced the first to go."""
    con.execute(
        "DELETE FROM note_history WHERE note_id = ? AND id NOT IN ("
        " SELECT id FROM note_history WHERE note_id = ? ORDER BY id DESC LIMIT ?)",
        (note_id, note_id, HISTORY_KEEP),
    )


class NotesMixin(StoreMixin):
    def get_note(self, measure_id: str) -> Note | None:
        with self._read() as con:
            r = con.execute(
                f"SELECT {NOTE_COLS} FROM notes WHERE measure_id = ? AND orphan = 0", (measure_id,)
            ).fetchone()
        return note_from_row(r) if r else None

    def set_note(
        self, measure_id: str, title: str, text: str, *, amend: str | None = None
    ) -> Note | None:
        """Save the note's text; the text it replaces goes to history.

        amend: an autosaving editor passes the text it saved last, so that its keystroke saves
        do not push every intermediate text into the 20-version history. The stored text is
        replaced without a version only while it still equals `amend`; if anyone else (the
        CLI, another window) changed the note meanwhile, their text is kept as a version.
        Saving "" on a measure without a note creates nothing and returns None.
        """
        check_id(measure_id)
        check_text(title, "title")
        check_text(text)
        with self._write() as con:
            r = con.execute(
                f"SELECT {NOTE_COLS} FROM notes WHERE measure_id = ? AND orphan = 0", (measure_id,)
            ).fetchone()
            now = now_iso()
            if r is None:
                if text == "":
                    return None
                con.execute(
                    "INSERT INTO notes (measure_id, title, text, created, updated)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (measure_id, title, text, now, now),
                )
            elif r[3] != text:
                if amend is None or r[3] != amend:
                    # copied inside SQLite: the replaced text keeps its exact stored bytes
                    con.execute(
                        "INSERT INTO note_history (note_id, text, saved, replaced)"
                        " SELECT id, text, updated, ? FROM notes WHERE id = ?",
                        (now, r[0]),
                    )
                    prune_history(con, r[0])
                con.execute(
                    "UPDATE notes SET text = ?, title = ?, updated = ? WHERE id = ?",
                    (text, title, now, r[0]),
                )
            else:
                return note_from_row(r)
            r = con.execute(
                f"SELECT {NOTE_COLS} FROM notes WHERE measure_id = ? AND orphan = 0", (measure_id,)
            ).fetchone()
        return note_from_row(r)

    def delete_note(self, measure_id: str) -> bool:
        """Delete the measure's note and its history. False if there was none."""
        with self._write() as con:
            cur = con.execute(
                "DELETE FROM notes WHERE measure_id = ? AND orphan = 0", (measure_id,)
            )
        return cur.rowcount > 0

    def delete_note_key(self, key: int) -> bool:
        """Delete a note by its key (how the app deletes an orphan)."""
        with self._write() as con:
            cur = con.execute("DELETE FROM notes WHERE id = ?", (key,))
        return cur.rowcount > 0

    def list_notes(
        self, *, include_orphans: bool = True, include_empty: bool = False
    ) -> list[Note]:
        """Notes newest first. Emptied notes (text "") are hidden but keep their history."""
        sql = f"SELECT {NOTE_COLS} FROM notes WHERE 1"
        if not include_orphans:
            sql += " AND orphan = 0"
        if not include_empty:
            sql += " AND text != ''"
        with self._read() as con:
            rows = con.execute(sql + " ORDER BY updated DESC, id DESC").fetchall()
        return [note_from_row(r) for r in rows]

    def orphan_notes(self) -> list[Note]:
        return [n for n in self.list_notes(include_empty=True) if n.orphan]

    def note_history(
        self, measure_id: str | None = None, *, key: int | None = None
    ) -> list[NoteVersion]:
        """Earlier texts of a note, newest first (by measure id, or by key for an orphan)."""
        with self._read() as con:
            if key is None:
                r = con.execute(
                    "SELECT id FROM notes WHERE measure_id = ? AND orphan = 0", (measure_id,)
                ).fetchone()
                if r is None:
                    return []
                key = r[0]
            rows = con.execute(
                "SELECT text, saved, replaced FROM note_history WHERE note_id = ?"
                " ORDER BY id DESC",  # the order they were added: see prune_history
                (key,),
            ).fetchall()
        return [NoteVersion(*r) for r in rows]

    def notes_map(self) -> dict[str, str]:
        """{measure id: note text} of linked, non-empty notes: what search looks in."""
        with self._read() as con:
            return dict(
                con.execute("SELECT measure_id, text FROM notes WHERE orphan = 0 AND text != ''")
            )
