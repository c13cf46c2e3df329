"""Collections of bookmarks; positions within a collection are the user's order (0-based)."""

from __future__ import annotations

import unicodedata

from desktop.errors import UserError
from desktop.userdata.connection import now_iso
from desktop.userdata.errors import UnknownCollection
from desktop.userdata.mixin import StoreMixin
from desktop.userdata.notes import check_id, check_text
from desktop.userdata.records import Bookmark, Collection
from desktop.userdata.schema import DEFAULT_COLLECTION

MAX_NAME = 200


def check_name(name: str) -> str:
    check_text(name, "collection name")
    name = name.strip()
    if not name:
        raise UserError("コレクション名が空です (empty collection name)")
    if len(name) > MAX_NAME:
        raise UserError(f"コレクション名が長すぎます (more than {MAX_NAME} characters)")
    if any(unicodedata.category(c) == "Cc" for c in name):
        raise UserError("コレクション名に制御文字は使えません (control characters in name)")
    return name


def collection_id(con, name: str) -> int:
    r = con.execute("SELECT id FROM collections WHERE name = ?", (name,)).fetchone()
    if r is None:
        raise UnknownCollection(name)
    return r[0]


def renumber(con, table: str, where: str = "1", args: tuple = ()) -> None:
    """Make positions 0..n-1 again after a removal."""
    rows = con.execute(
        f"SELECT id FROM {table} WHERE {where} ORDER BY position, id", args
    ).fetchall()
    for i, (rid,) in enumerate(rows):
        con.execute(f"UPDATE {table} SET position = ? WHERE id = ? AND position != ?", (i, rid, i))


def insert_at(con, cid: int, index: int | None) -> int:
    """Open a gap at `index` (None: the end) and return the position to use."""
    n = con.execute("SELECT count(*) FROM bookmarks WHERE collection_id = ?", (cid,)).fetchone()[0]
    if index is None or index >= n:
        return n
    index = max(0, index)
    con.execute(
        "UPDATE bookmarks SET position = position + 1 WHERE collection_id = ? AND position >= ?",
        (cid, index),
    )
    return index


BOOKMARK_SQL = (
    "SELECT b.id, c.name, b.measure_id, b.title, b.position, b.added, b.orphan"
    " FROM bookmarks b JOIN collections c ON c.id = b.collection_id"
)


class BookmarksMixin(StoreMixin):
    # collections
    def collections(self) -> list[Collection]:
        with self._read() as con:
            rows = con.execute(
                "SELECT c.id, c.name, c.position, count(b.id), c.created FROM collections c"
                " LEFT JOIN bookmarks b ON b.collection_id = c.id"
                " GROUP BY c.id ORDER BY c.position, c.id"
            ).fetchall()
        return [Collection(*r) for r in rows]

    def collection(self, name: str) -> Collection:
        for c in self.collections():
            if c.name == name:
                return c
        raise UnknownCollection(name)

    def create_collection(self, name: str) -> Collection:
        name = check_name(name)
        with self._write() as con:
            if con.execute("SELECT 1 FROM collections WHERE name = ?", (name,)).fetchone():
                raise UserError(f"コレクション「{name}」は既にあります (collection exists)")
            pos = con.execute("SELECT coalesce(max(position) + 1, 0) FROM collections").fetchone()[
                0
            ]
            con.execute(
                "INSERT INTO collections (name, position, created) VALUES (?, ?, ?)",
                (name, pos, now_iso()),
            )
        return self.collection(name)

    def rename_collection(self, old: str, new: str) -> Collection:
        new = check_name(new)
        if old == DEFAULT_COLLECTION:
            raise UserError(f"「{DEFAULT_COLLECTION}」は名前を変更できません (default collection)")
        with self._write() as con:
            cid = collection_id(con, old)
            if (
                new != old
                and con.execute("SELECT 1 FROM collections WHERE name = ?", (new,)).fetchone()
            ):
                raise UserError(f"コレクション「{new}」は既にあります (collection exists)")
            con.execute("UPDATE collections SET name = ? WHERE id = ?", (new, cid))
        return self.collection(new)

    def delete_collection(self, name: str) -> int:
        """Delete a collection and its bookmarks (the UI asks first). Returns how many."""
        if name == DEFAULT_COLLECTION:
            raise UserError(f"「{DEFAULT_COLLECTION}」は削除できません (default collection)")
        with self._write() as con:
            cid = collection_id(con, name)
            n = con.execute(
                "SELECT count(*) FROM bookmarks WHERE collection_id = ?", (cid,)
            ).fetchone()[0]
            con.execute("DELETE FROM collections WHERE id = ?", (cid,))
            renumber(con, "collections")
        return n

    # bookmarks
    def bookmarks(self, collection: str = DEFAULT_COLLECTION) -> list[Bookmark]:
        with self._read() as con:
            cid = collection_id(con, collection)
            rows = con.execute(
                BOOKMARK_SQL + " WHERE b.collection_id = ? ORDER BY b.position, b.id", (cid,)
            ).fetchall()
        return [Bookmark(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6])) for r in rows]

    def all_bookmarks(self) -> dict[str, list[Bookmark]]:
        return {c.name: self.bookmarks(c.name) for c in self.collections()}

    def collections_of(self, measure_id: str) -> list[str]:
        """Names of the collections the measure is in (for the bookmark toggle)."""
        with self._read() as con:
            return [
                r[0]
                for r in con.execute(
                    "SELECT c.name FROM bookmarks b JOIN collections c ON c.id = b.collection_id"
                    " WHERE b.measure_id = ? AND b.orphan = 0 ORDER BY c.position",
                    (measure_id,),
                )
            ]

    def add_bookmark(
        self,
        measure_id: str,
        title: str,
        collection: str = DEFAULT_COLLECTION,
        index: int | None = None,
    ) -> bool:
        """Add at `index` (None: the end). False if the measure was already there."""
        check_id(measure_id)
        check_text(title, "title")
        with self._write() as con:
            cid = collection_id(con, collection)
            if con.execute(
                "SELECT 1 FROM bookmarks WHERE collection_id = ? AND measure_id = ? AND orphan = 0",
                (cid, measure_id),
            ).fetchone():
                return False
            pos = insert_at(con, cid, index)
            con.execute(
                "INSERT INTO bookmarks (collection_id, measure_id, title, position, added)"
                " VALUES (?, ?, ?, ?, ?)",
                (cid, measure_id, title, pos, now_iso()),
            )
        return True

    def remove_bookmark(self, measure_id: str, collection: str = DEFAULT_COLLECTION) -> bool:
        with self._write() as con:
            cid = collection_id(con, collection)
            cur = con.execute(
                "DELETE FROM bookmarks WHERE collection_id = ? AND measure_id = ? AND orphan = 0",
                (cid, measure_id),
            )
            renumber(con, "bookmarks", "collection_id = ?", (cid,))
        return cur.rowcount > 0

    def remove_bookmark_key(self, key: int) -> bool:
        """Remove one bookmark by key (how the app removes an orphan)."""
        with self._write() as con:
            r = con.execute("SELECT collection_id FROM bookmarks WHERE id = ?", (key,)).fetchone()
            if r is None:
                return False
            con.execute("DELETE FROM bookmarks WHERE id = ?", (key,))
            renumber(con, "bookmarks", "collection_id = ?", (r[0],))
        return True

    def move_bookmark(self, measure_id: str, collection: str, index: int) -> None:
        """Move within the collection to 0-based `index` (others shift to make room)."""
        with self._write() as con:
            cid = collection_id(con, collection)
            r = con.execute(
                "SELECT id, position FROM bookmarks WHERE collection_id = ?"
                " AND measure_id = ? AND orphan = 0",
                (cid, measure_id),
            ).fetchone()
            if r is None:
                raise UserError(f"「{collection}」に {measure_id} はありません (not bookmarked)")
            n = con.execute(
                "SELECT count(*) FROM bookmarks WHERE collection_id = ?", (cid,)
            ).fetchone()[0]
            if not 0 <= index < n:
                raise UserError(f"位置は 1〜{n} で指定してください (position out of range)")
            key, old = r
            if index > old:
                con.execute(
                    "UPDATE bookmarks SET position = position - 1 WHERE collection_id = ?"
                    " AND position > ? AND position <= ?",
                    (cid, old, index),
                )
            elif index < old:
                con.execute(
                    "UPDATE bookmarks SET position = position + 1 WHERE collection_id = ?"
                    " AND position >= ? AND position < ?",
                    (cid, index, old),
                )
            con.execute("UPDATE bookmarks SET position = ? WHERE id = ?", (index, key))

    def transfer_bookmark(
        self, measure_id: str, source: str, target: str, index: int | None = None
    ) -> bool:
        """Move a bookmark to another collection (drag and drop) in one transaction.

        False if the target already had the measure (it is then only removed from source).
        """
        with self._write() as con:
            src, dst = collection_id(con, source), collection_id(con, target)
            r = con.execute(
                "SELECT id, title, added FROM bookmarks WHERE collection_id = ?"
                " AND measure_id = ? AND orphan = 0",
                (src, measure_id),
            ).fetchone()
            if r is None:
                raise UserError(f"「{source}」に {measure_id} はありません (not bookmarked)")
            if src == dst:
                return False
            con.execute("DELETE FROM bookmarks WHERE id = ?", (r[0],))
            renumber(con, "bookmarks", "collection_id = ?", (src,))
            if con.execute(
                "SELECT 1 FROM bookmarks WHERE collection_id = ? AND measure_id = ? AND orphan = 0",
                (dst, measure_id),
            ).fetchone():
                return False
            pos = insert_at(con, dst, index)
            con.execute(
                "INSERT INTO bookmarks (collection_id, measure_id, title, position, added)"
                " VALUES (?, ?, ?, ?, ?)",
                (dst, measure_id, r[1], pos, r[2]),
            )
        return True
