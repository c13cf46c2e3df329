"""Backup to a versioned JSON file, and restore that merges and is all-or-nothing.

Format (FORMAT / VERSION below):
  {"format": "shisaku-userdata", "version": 2, "exported": ISO, "app_version": str,
   "notes": [{"measure_id", "title", "text", "created", "updated", "orphan",
              "history": [{"text", "saved", "replaced"}]}],
   "collections": [{"name", "created",
                    "items": [{"measure_id", "title", "added", "orphan"}]}],
   "highlights": [...], "tags": [...]}          # version 2: see backup_annot.py
Version 1 (no highlights or tags) is still read. Restore never silently replaces a newer
note: when texts differ the newer one is current and the other becomes a history version;
both are kept.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop import __version__
from desktop.errors import UserError
from desktop.infile import read_limited
from desktop.outfile import write_out
from desktop.userdata import backup_annot
from desktop.userdata.bookmarks import check_name
from desktop.userdata.connection import decode_text, now_iso
from desktop.userdata.errors import BadBackup
from desktop.userdata.notes import check_text, push_history
from desktop.userdata.schema import HISTORY_KEEP

FORMAT = "shisaku-userdata"
VERSION = 2  # 2: highlights and tags (issue 12)
READS = (1, 2)  # versions restore accepts
MAX_BYTES = 512 * 1024 * 1024


@dataclass
class RestoreReport:
    notes_added: int = 0
    notes_merged: int = 0  # existing notes that gained a version from the backup
    collections_added: int = 0
    bookmarks_added: int = 0
    highlights_added: int = 0
    highlights_updated: int = 0  # the backup's colour or comment was newer
    tags_added: int = 0  # measure↔tag links

    def summary(self) -> str:
        text = (
            f"メモ {self.notes_added} 件を追加、{self.notes_merged} 件に版を統合、"
            f"コレクション {self.collections_added} 件、ブックマーク {self.bookmarks_added} 件を追加"
        )
        if self.highlights_added or self.highlights_updated or self.tags_added:
            text += (
                f"、ハイライト {self.highlights_added} 件を追加、{self.highlights_updated} 件を更新、"
                f"タグ {self.tags_added} 件を追加"
            )
        return text


def dump(store) -> dict:
    """Everything in the store as plain JSON-ready data, in a stable order."""
    with store._read() as con:
        notes = []
        for key, mid, title, text, created, updated, orphan in con.execute(
            "SELECT id, measure_id, title, text, created, updated, orphan FROM notes"
            " ORDER BY orphan, measure_id, created, id"
        ).fetchall():
            history = [
                {"text": t, "saved": s, "replaced": r}
                for t, s, r in con.execute(
                    "SELECT text, saved, replaced FROM note_history WHERE note_id = ?"
                    " ORDER BY id DESC",
                    (key,),
                )
            ]
            notes.append(
                {
                    "measure_id": mid,
                    "title": title,
                    "text": text,
                    "created": created,
                    "updated": updated,
                    "orphan": bool(orphan),
                    "history": history,
                }
            )
        collections = backup_annot.dump_groups(
            con,
            "SELECT id, name, created FROM collections ORDER BY position, id",
            "SELECT measure_id, title, added, orphan FROM bookmarks"
            " WHERE collection_id = ? ORDER BY position, id",
        )
        highlights = backup_annot.dump_highlights(con)
        tags = backup_annot.dump_tags(con)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported": now_iso(),
        "app_version": __version__,
        "notes": notes,
        "collections": collections,
        "highlights": highlights,
        "tags": tags,
    }


def write_backup(store, out: str | Path, *, force: bool = False) -> Path | None:
    """Write the backup to `out` (a file, or "-" for standard output: returns None)."""
    data = json.dumps(dump(store), ensure_ascii=False, indent=1).encode("utf-8")
    return write_out(out, data + b"\n", data_dir=store.path.parent, force=force)


def read_backup(path: str | Path) -> dict:
    """Load and validate a backup file; BadBackup names the first problem found."""
    path = Path(path)
    try:
        raw = read_limited(path, MAX_BYTES, f"バックアップ {path}")
    except UserError as e:
        raise BadBackup(str(e)) from e
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as e:
        # ValueError: also a number too long to convert; RecursionError: arrays nested deeper
        # than the parser goes
        what = "入れ子が深すぎます" if isinstance(e, RecursionError) else e
        raise BadBackup(f"バックアップの形式が正しくありません (not JSON): {path}: {what}") from e
    try:
        validate(data)
    except BadBackup as e:
        raise BadBackup(f"バックアップの形式が正しくありません: {path}: {e}") from e
    return data


def _str(obj: dict, key: str, where: str) -> str:
    v = obj.get(key) if isinstance(obj, dict) else None
    if type(v) is not str:
        raise BadBackup(f"{where}.{key}: 文字列が必要です (expected a string)")
    if not v.isascii():  # ASCII is always valid: skip the check for most ids and times
        try:
            check_text(v)
        except UserError as e:
            raise BadBackup(f"{where}.{key}: 不正な文字 (invalid Unicode)") from e
    return v


def canonical(v: str) -> bool:
    """A valid time (parsed already) written as the store writes it: UTC, microseconds,
    2025-06-01T09:00:00.000000+00:00. It needs no conversion (most times in a backup)."""
    return len(v) == 32 and v[10] == "T" and v[19] == "." and v.endswith("+00:00")


def _time(obj: dict, key: str, where: str) -> str:
    v = _str(obj, key, where)
    try:
        t = datetime.fromisoformat(v)
    except ValueError as e:
        raise BadBackup(f"{where}.{key}: 日時ではありません (not an ISO time: {v!r})") from e
    if t.tzinfo is None:
        raise BadBackup(f"{where}.{key}: タイムゾーンがありません (time without zone)")
    if not canonical(v):
        try:
            t.astimezone(UTC)  # 0001-01-01T00:00+09:00 has no UTC time
        except (OverflowError, ValueError) as e:
            raise BadBackup(f"{where}.{key}: 範囲外の日時です (time out of range: {v!r})") from e
    return v


def _list(obj: dict, key: str, where: str) -> list:
    v = obj.get(key)
    if not isinstance(v, list):
        raise BadBackup(f"{where}.{key}: リストが必要です (expected a list)")
    return v


def _bool(obj: dict, key: str, where: str) -> bool:
    v = obj.get(key, False)
    if not isinstance(v, bool):
        raise BadBackup(f"{where}.{key}: true/false が必要です")
    return v


def validate(data) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BadBackup(f"施策ナビのバックアップではありません (format is not {FORMAT!r})")
    version = data.get("version")
    if type(version) is not int or version not in READS:
        raise BadBackup(f"未対応の版です (version {version!r}, expected 1 to {VERSION})")
    seen = set()
    for w, n in backup_annot.objects(_list(data, "notes", "$"), "notes"):
        mid = backup_annot.measure_id(n, w, _str)
        _str(n, "title", w)
        _str(n, "text", w)
        _time(n, "created", w)
        _time(n, "updated", w)
        if not _bool(n, "orphan", w):
            if mid in seen:
                raise BadBackup(f"{w}: 施策 {mid} のメモが重複しています (duplicate note)")
            seen.add(mid)
        for j, h in enumerate(_list(n, "history", w)):
            hw = f"{w}.history[{j}]"
            _str(h, "text", hw)
            _time(h, "saved", hw)
            _time(h, "replaced", hw)
    kinds = (_str, _time, _bool)
    names = set()
    for i, c in enumerate(_list(data, "collections", "$")):
        w = f"collections[{i}]"
        name = _str(c, "name", w)
        try:
            name = check_name(name)
        except Exception as e:
            raise BadBackup(f"{w}.name: {e}") from e
        if name in names:
            raise BadBackup(f"{w}.name: 重複しています (duplicate collection {name!r})")
        names.add(name)
        _time(c, "created", w)
        backup_annot.validate_members(_list(c, "items", w), w, kinds, "bookmark")
    if version >= 2:
        backup_annot.validate_highlights(_list(data, "highlights", "$"), kinds)
        backup_annot.validate_tags(_list(data, "tags", "$"), kinds, _list)


def _later(a: str, b: str) -> bool:
    return datetime.fromisoformat(a).astimezone(UTC) > datetime.fromisoformat(b).astimezone(UTC)


def _earlier_of(a: str, b: str) -> str:
    return b if _later(a, b) else a


def utc(v: str) -> str:
    if canonical(v):
        return v
    return datetime.fromisoformat(v).astimezone(UTC).isoformat(timespec="microseconds")


def normalised(data: dict) -> dict:
    """Times as the store writes them (UTC, microseconds), so that they sort as text."""
    notes = [
        {
            **n,
            "created": utc(n["created"]),
            "updated": utc(n["updated"]),
            "history": [
                {**h, "saved": utc(h["saved"]), "replaced": utc(h["replaced"])}
                for h in n["history"]
            ],
        }
        for n in data["notes"]
    ]
    cols = [
        {
            **c,
            "created": utc(c["created"]),
            "items": [{**b, "added": utc(b["added"])} for b in c["items"]],
        }
        for c in data["collections"]
    ]
    highlights = [
        {**h, "created": utc(h["created"]), "updated": utc(h["updated"])}
        for h in data.get("highlights", [])
    ]
    tags = [
        {
            **t,
            "created": utc(t["created"]),
            "items": [{**b, "added": utc(b["added"])} for b in t["items"]],
        }
        for t in data.get("tags", [])
    ]
    return {**data, "notes": notes, "collections": cols, "highlights": highlights, "tags": tags}


def restore(store, data: dict, *, validated: bool = False) -> RestoreReport:
    """Merge a backup into the store in one transaction (validated first unless read_backup
    already did). Linear in the size of the store and the backup: every lookup is an index or
    a dict built once (matching orphans by scanning the table for each note made 10⁵ notes take
    minutes with the write lock held)."""
    if not validated:
        validate(data)
    data = normalised(data)
    report = RestoreReport()
    with store._write() as con:
        orphans = orphan_notes(con)
        for n in data["notes"]:
            restore_note(con, n, report, orphans)
        for c in data["collections"]:
            restore_collection(con, c, report)
        backup_annot.restore_highlights(con, data["highlights"], report, _later, _earlier_of)
        backup_annot.restore_tags(con, data["tags"], report, _earlier_of)
    return report


def orphan_notes(con) -> dict[tuple[str, str, str], tuple]:
    """The store's orphan notes by (measure id, title, text), read once."""
    return {
        (mid, title, text): (key, text, created, updated)
        for key, mid, title, text, created, updated in con.execute(
            "SELECT id, measure_id, title, text, created, updated FROM notes WHERE orphan = 1"
        )
    }


def restore_note(con, n: dict, report: RestoreReport, orphans: dict) -> None:
    orphan = n.get("orphan", False)
    if orphan:
        local = orphans.get((n["measure_id"], n["title"], n["text"]))
    else:
        local = con.execute(
            "SELECT id, text, created, updated FROM notes WHERE orphan = 0 AND measure_id = ?",
            (n["measure_id"],),
        ).fetchone()
    if local is None:
        key = con.execute(
            "INSERT INTO notes (measure_id, title, text, created, updated, orphan)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (n["measure_id"], n["title"], n["text"], n["created"], n["updated"], int(orphan)),
        ).lastrowid
        # oldest first, so that insertion order is the backup's order
        versions = [(h["text"], h["saved"], h["replaced"]) for h in reversed(n["history"])]
        write_history(con, key, versions)
        if orphan:
            orphans[(n["measure_id"], n["title"], n["text"])] = (
                key,
                n["text"],
                n["created"],
                n["updated"],
            )
        report.notes_added += 1
        return
    key, text, created, updated = local
    history = con.execute(
        "SELECT CAST(text AS BLOB), saved, replaced FROM note_history WHERE note_id = ?"
        " ORDER BY id",
        (key,),
    ).fetchall()
    known = {(decode_text(raw), saved) for raw, saved, _ in history}
    known.add((text, updated))
    added = []
    merged = False
    now = now_iso()
    if n["text"] != text:
        if _later(n["updated"], updated):  # the backup's text is newer: it becomes current
            raw = con.execute("SELECT CAST(text AS BLOB) FROM notes WHERE id = ?", (key,))
            added.append((raw.fetchone()[0], updated, now))
            con.execute(
                "UPDATE notes SET text = ?, updated = ? WHERE id = ?",
                (n["text"], n["updated"], key),
            )
        elif (n["text"], n["updated"]) not in known:
            added.append((n["text"], n["updated"], now))
        known.add((n["text"], n["updated"]))
        merged = True
    con.execute(
        "UPDATE notes SET created = ? WHERE id = ?", (_earlier_of(created, n["created"]), key)
    )
    for h in reversed(n["history"]):
        if (h["text"], h["saved"]) not in known:
            added.append((h["text"], h["saved"], h["replaced"]))
            known.add((h["text"], h["saved"]))
    if added:
        # two histories meet: merge them by time once; from then on, insertion order rules
        both = sorted(list(history) + added, key=lambda v: v[2])
        con.execute("DELETE FROM note_history WHERE note_id = ?", (key,))
        write_history(con, key, both)
        merged = True
    report.notes_merged += merged


def write_history(con, key: int, versions: list[tuple]) -> None:
    """A note's whole history (the note has none yet): its newest HISTORY_KEEP versions,
    oldest first; text as str, or bytes kept exactly. Nothing to prune afterwards."""
    for text, saved, replaced in versions[-HISTORY_KEEP:]:
        push_history(con, key, text, saved, replaced, prune=False)


def restore_collection(con, c: dict, report: RestoreReport) -> None:
    name = check_name(c["name"])
    r = con.execute("SELECT id, created FROM collections WHERE name = ?", (name,)).fetchone()
    if r is None:
        pos = con.execute("SELECT coalesce(max(position) + 1, 0) FROM collections").fetchone()[0]
        cid = con.execute(
            "INSERT INTO collections (name, position, created) VALUES (?, ?, ?)",
            (name, pos, c["created"]),
        ).lastrowid
        report.collections_added += 1
    else:
        cid = r[0]
        con.execute(
            "UPDATE collections SET created = ? WHERE id = ?",
            (_earlier_of(r[1], c["created"]), cid),
        )
    # what the collection holds, read once: linked by id, orphans by (id, title)
    have = {
        (mid, title if orphan else None)
        for mid, title, orphan in con.execute(
            "SELECT measure_id, title, orphan FROM bookmarks WHERE collection_id = ?", (cid,)
        )
    }
    pos = con.execute("SELECT count(*) FROM bookmarks WHERE collection_id = ?", (cid,)).fetchone()[
        0
    ]
    for b in c["items"]:
        orphan = b.get("orphan", False)
        ident = (b["measure_id"], b["title"] if orphan else None)
        if ident in have:
            continue
        con.execute(
            "INSERT INTO bookmarks (collection_id, measure_id, title, position, added,"
            " orphan) VALUES (?, ?, ?, ?, ?, ?)",
            (cid, b["measure_id"], b["title"], pos, b["added"], int(orphan)),
        )
        have.add(ident)
        pos += 1
        report.bookmarks_added += 1
