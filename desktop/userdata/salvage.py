"""Read what can still be read from a damaged store, as backup-format data to restore.

Works on a temporary copy (with its -wal), so the moved-aside file stays exactly as found.
Rows are read one at a time; a damaged page ends that table's reading, not the salvage.
Anything that would not pass backup validation is skipped.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Sequence
from pathlib import Path

from desktop import __version__
from desktop.userdata.backup import FORMAT, VERSION, validate
from desktop.userdata.connection import decode_text, now_iso
from desktop.userdata.errors import BadBackup
from desktop.userdata.highlights import HL_COLS


def rows(con: sqlite3.Connection, sql: str) -> list[tuple]:
    out = []
    try:
        for r in con.execute(sql):
            out.append(tuple(r))
    except sqlite3.DatabaseError:
        pass
    return out


def valid(
    notes: Sequence[dict] = (),
    collections: Sequence[dict] = (),
    highlights: Sequence[dict] = (),
    tags: Sequence[dict] = (),
) -> bool:
    try:
        validate(
            {
                "format": FORMAT,
                "version": VERSION,
                "notes": list(notes),
                "collections": list(collections),
                "highlights": list(highlights),
                "tags": list(tags),
            }
        )
    except BadBackup:
        return False
    return True


def read_damaged(con: sqlite3.Connection) -> dict:
    notes_v3 = rows(con, "SELECT id, measure_id, title, text, created, updated, orphan FROM notes")
    if not notes_v3:  # files from before v3 keyed notes on the measure id
        notes_v3 = [
            (mid, mid, t, x, c, u, 0)
            for mid, t, x, c, u in rows(
                con, "SELECT measure_id, title, text, created, updated FROM notes"
            )
        ]
    history: dict = {}
    for key, text, saved, replaced in rows(
        con, "SELECT note_id, text, saved, replaced FROM note_history"
    ) or rows(con, "SELECT measure_id, text, saved, replaced FROM note_history"):
        history.setdefault(key, []).append({"text": text, "saved": saved, "replaced": replaced})
    notes, seen = [], set()
    for key, mid, title, text, created, updated, orphan in notes_v3:
        hist = sorted(
            (
                h
                for h in history.get(key, [])
                if valid(
                    [
                        {
                            "measure_id": "x",
                            "title": "",
                            "text": "",
                            "created": created,
                            "updated": updated,
                            "history": [h],
                        }
                    ]
                )
            ),
            key=lambda h: h["replaced"],
            reverse=True,
        )
        n = {
            "measure_id": mid,
            "title": title,
            "text": text,
            "created": created,
            "updated": updated,
            "orphan": bool(orphan),
            "history": hist,
        }
        if valid([n]) and (orphan or mid not in seen):
            notes.append(n)
            if not orphan:
                seen.add(mid)
    items: dict = {}
    for cid, mid, title, added, orphan in rows(
        con,
        "SELECT collection_id, measure_id, title, added, orphan FROM bookmarks"
        " ORDER BY collection_id, position",
    ) or rows(
        con,
        "SELECT collection_id, measure_id, title, added, 0 FROM bookmarks"
        " ORDER BY collection_id, position",
    ):
        items.setdefault(cid, []).append(
            {"measure_id": mid, "title": title, "added": added, "orphan": bool(orphan)}
        )
    collections: list[dict] = []
    for cid, name, created in rows(
        con, "SELECT id, name, created FROM collections ORDER BY position"
    ):
        c = {"name": name, "created": created, "items": []}
        if not valid(collections=[c]) or any(x["name"] == name for x in collections):
            continue
        ids = set()
        for b in items.get(cid, []):
            if b["orphan"] or b["measure_id"] not in ids:
                if valid(collections=[{**c, "items": [b]}]):
                    c["items"].append(b)
                    if not b["orphan"]:
                        ids.add(b["measure_id"])
        collections.append(c)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported": now_iso(),
        "app_version": __version__,
        "notes": notes,
        "collections": collections,
        "highlights": read_highlights(con),
        "tags": read_tags(con),
    }


HL_KEYS = (
    "uid measure_id title start end exact prefix suffix colour comment created updated body_hash"
).split()


def read_highlights(con: sqlite3.Connection) -> list[dict]:
    """Highlights of a v5+ file, each kept only if it would pass backup validation."""
    out, seen = [], set()
    for r in rows(con, f"SELECT {HL_COLS} FROM highlights ORDER BY id"):
        h = {**dict(zip(HL_KEYS, r[:13], strict=True)), "orphan": bool(r[13])}
        if h["uid"] not in seen and valid(highlights=[h]):
            out.append(h)
            seen.add(h["uid"])
    return out


def read_tags(con: sqlite3.Connection) -> list[dict]:
    items: dict = {}
    for tid, mid, title, added, orphan in rows(
        con, "SELECT tag_id, measure_id, title, added, orphan FROM measure_tags ORDER BY id"
    ):
        items.setdefault(tid, []).append(
            {"measure_id": mid, "title": title, "added": added, "orphan": bool(orphan)}
        )
    out: list[dict] = []
    for tid, name, created in rows(con, "SELECT id, name, created FROM tags ORDER BY id"):
        t = {"name": name, "created": created, "items": []}
        if not valid(tags=[t]) or not valid(tags=[*out, t]):
            continue
        ids = set()
        for b in items.get(tid, []):
            if (b["orphan"] or b["measure_id"] not in ids) and valid(tags=[{**t, "items": [b]}]):
                t["items"].append(b)
                if not b["orphan"]:
                    ids.add(b["measure_id"])
        out.append(t)
    return out


def salvage(damaged: Path) -> dict | None:
    """Backup-format data read from the damaged file, or None if nothing could be read."""
    with tempfile.TemporaryDirectory(prefix="shisaku-salvage-") as tmp:
        copy = Path(tmp) / "damaged.sqlite"
        try:
            shutil.copyfile(damaged, copy)
            wal = damaged.with_name(damaged.name + "-wal")
            if wal.exists():
                shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
            con = sqlite3.connect(copy)
            con.text_factory = decode_text  # text that is not UTF-8 must not end the salvage
            # lets SQLite read the schema of a truncated file instead of refusing it whole
            con.execute("PRAGMA writable_schema = ON")
        except (OSError, sqlite3.Error):
            return None
        try:
            data = read_damaged(con)
        finally:
            con.close()
    if (
        not data["notes"]
        and not any(c["items"] for c in data["collections"])
        and not data["highlights"]
        and not any(t["items"] for t in data["tags"])
    ):
        return None
    return data
