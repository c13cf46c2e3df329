"""The highlights and tags of a backup (format version 2): dump, check, merge.

  "highlights": [{"uid", "measure_id", "title", "start", "end", "exact", "prefix", "suffix",
                  "colour", "comment", "created", "updated", "body_hash", "orphan"}],
  "tags": [{"name", "created", "items": [{"measure_id", "title", "added", "orphan"}]}]

Merge rules (as for notes, never losing the newer one): a highlight is identified by its uid;
one the store lacks is added as it was; when both have it, the later `updated` decides the
colour and the comment (the store keeps its own placement, made against its catalogue). Tags
are matched by name (as tag_name stores it) and their measures added; nothing is removed.
"""

from __future__ import annotations

from desktop.errors import UserError
from desktop.userdata.errors import BadBackup
from desktop.userdata.highlights import HL_COLS, UID
from desktop.userdata.schema import COLOURS
from desktop.userdata.tags import fold, tag_id, tag_name

MAX_OFFSET = 10_000_000  # far beyond any body; keeps a hostile number out of SQLite
MAX_CONTEXT = 1000


def dump_highlights(con) -> list[dict]:
    rows = con.execute(
        f"SELECT {HL_COLS} FROM highlights ORDER BY orphan, measure_id, start_offset, uid"
    ).fetchall()
    keys = (
        "uid measure_id title start end exact prefix suffix colour comment created updated"
        " body_hash"
    ).split()
    return [{**dict(zip(keys, r[:13], strict=True)), "orphan": bool(r[13])} for r in rows]


def dump_groups(con, groups_sql: str, members_sql: str) -> list[dict]:
    """Named groups of measures, collections and tags alike: {name, created, items} with the
    items {measure_id, title, added, orphan} that `members_sql` (? = the group's id) lists."""
    out = []
    for gid, name, created in con.execute(groups_sql).fetchall():
        items = [
            {"measure_id": m, "title": t, "added": a, "orphan": bool(o)}
            for m, t, a, o in con.execute(members_sql, (gid,))
        ]
        out.append({"name": name, "created": created, "items": items})
    return out


def dump_tags(con) -> list[dict]:
    return dump_groups(
        con,
        "SELECT id, name, created FROM tags ORDER BY name, id",
        "SELECT measure_id, title, added, orphan FROM measure_tags WHERE tag_id = ? ORDER BY id",
    )


# --- checking --------------------------------------------------------------------------


def _int(obj: dict, key: str, where: str) -> int:
    v = obj.get(key)
    if type(v) is not int or not 0 <= v <= MAX_OFFSET:
        raise BadBackup(f"{where}.{key}: 0〜{MAX_OFFSET} の整数が必要です (expected an offset)")
    return v


def objects(items: list, where: str):
    """(`where[i]`, item) for each item of a backup's list, each a JSON object."""
    for i, obj in enumerate(items):
        w = f"{where}[{i}]"
        if not isinstance(obj, dict):
            raise BadBackup(f"{w}: オブジェクトが必要です")
        yield w, obj


def measure_id(obj: dict, where: str, _str) -> str:
    """An item's measure id: text, not empty."""
    mid = _str(obj, "measure_id", where)
    if not mid.strip():
        raise BadBackup(f"{where}.measure_id: 空です")
    return mid


def validate_highlights(items: list, kinds) -> None:
    """kinds: backup.py's checkers (_str, _time, _bool), passed in to keep one rule each."""
    _str, _time, _bool = kinds
    uids = set()
    for w, h in objects(items, "highlights"):
        uid = _str(h, "uid", w)
        if not UID.fullmatch(uid):
            raise BadBackup(f"{w}.uid: 32 桁の16進が必要です (bad uid)")
        if uid in uids:
            raise BadBackup(f"{w}: ハイライト {uid} が重複しています (duplicate highlight)")
        uids.add(uid)
        if not _str(h, "measure_id", w).strip():
            raise BadBackup(f"{w}.measure_id: 空です")
        _str(h, "title", w)
        start, end = _int(h, "start", w), _int(h, "end", w)
        exact = _str(h, "exact", w)
        if not exact or end - start != len(exact):
            raise BadBackup(f"{w}: start/end が exact と合いません (offsets do not fit the quote)")
        for key in ("prefix", "suffix"):
            if len(_str(h, key, w)) > MAX_CONTEXT:
                raise BadBackup(f"{w}.{key}: 長すぎます")
        if _str(h, "colour", w) not in COLOURS:
            raise BadBackup(f"{w}.colour: {'、'.join(COLOURS)} のいずれかです (unknown colour)")
        _str(h, "comment", w)
        _time(h, "created", w)
        _time(h, "updated", w)
        if len(_str(h, "body_hash", w)) > 100:
            raise BadBackup(f"{w}.body_hash: 長すぎます")
        _bool(h, "orphan", w)


def validate_tags(items: list, kinds, _list) -> None:
    _str, _time, _bool = kinds
    names = set()
    for w, t in objects(items, "tags"):
        try:
            name = fold(tag_name(_str(t, "name", w)))
        except UserError as e:
            if isinstance(e, BadBackup):
                raise
            raise BadBackup(f"{w}.name: {e}") from e
        if name in names:
            raise BadBackup(f"{w}.name: 重複しています (duplicate tag {name!r})")
        names.add(name)
        _time(t, "created", w)
        validate_members(_list(t, "items", w), w, kinds, "tag link")


def validate_members(items: list, where: str, kinds, what: str) -> None:
    """The items of a group (a collection's bookmarks, a tag's measures): each measure once,
    except orphans (the same id may have left and come back)."""
    _str, _time, _bool = kinds
    ids = set()
    for bw, b in objects(items, f"{where}.items"):
        mid = measure_id(b, bw, _str)
        _str(b, "title", bw)
        _time(b, "added", bw)
        if not _bool(b, "orphan", bw):
            if mid in ids:
                raise BadBackup(f"{bw}: 重複しています (duplicate {what} {mid})")
            ids.add(mid)


# --- merging (inside restore's one transaction) ------------------------------------------


def restore_highlights(con, items: list[dict], report, later, earlier_of) -> None:
    local = {
        uid: (created, updated, colour, comment)
        for uid, created, updated, colour, comment in con.execute(
            "SELECT uid, created, updated, colour, comment FROM highlights"
        )
    }
    for h in items:
        have = local.get(h["uid"])
        if have is None:
            con.execute(
                f"INSERT INTO highlights ({HL_COLS})"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    h["uid"],
                    h["measure_id"],
                    h["title"],
                    h["start"],
                    h["end"],
                    h["exact"],
                    h["prefix"],
                    h["suffix"],
                    h["colour"],
                    h["comment"],
                    h["created"],
                    h["updated"],
                    h["body_hash"],
                    int(h.get("orphan", False)),
                ),
            )
            local[h["uid"]] = (h["created"], h["updated"], h["colour"], h["comment"])
            report.highlights_added += 1
            continue
        created, updated, colour, comment = have
        newer = later(h["updated"], updated) and (h["colour"], h["comment"]) != (colour, comment)
        if newer:
            con.execute(
                "UPDATE highlights SET colour = ?, comment = ?, updated = ? WHERE uid = ?",
                (h["colour"], h["comment"], h["updated"], h["uid"]),
            )
            report.highlights_updated += 1
        first = earlier_of(created, h["created"])
        if first != created:
            con.execute("UPDATE highlights SET created = ? WHERE uid = ?", (first, h["uid"]))


def restore_tags(con, items: list[dict], report, earlier_of) -> None:
    for t in items:
        name = tag_name(t["name"])
        tid = tag_id(con, name)
        if tid is None:
            tid = con.execute(
                "INSERT INTO tags (name, created) VALUES (?, ?)", (name, t["created"])
            ).lastrowid
        else:
            (created,) = con.execute("SELECT created FROM tags WHERE id = ?", (tid,)).fetchone()
            con.execute(
                "UPDATE tags SET created = ? WHERE id = ?",
                (earlier_of(created, t["created"]), tid),
            )
        have = {
            (mid, title if orphan else None)
            for mid, title, orphan in con.execute(
                "SELECT measure_id, title, orphan FROM measure_tags WHERE tag_id = ?", (tid,)
            )
        }
        for b in t["items"]:
            orphan = b.get("orphan", False)
            ident = (b["measure_id"], b["title"] if orphan else None)
            if ident in have:
                continue
            con.execute(
                "INSERT INTO measure_tags (tag_id, measure_id, title, added, orphan)"
                " VALUES (?, ?, ?, ?, ?)",
                (tid, b["measure_id"], b["title"], b["added"], int(orphan)),
            )
            have.add(ident)
            report.tags_added += 1
