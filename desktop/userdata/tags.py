"""Tags: free labels on measures (要確認, 予算, 局長関心), renamed and merged by the user.

A tag's name is NFKC-normalised and trimmed, and runs of white space become one space, so
ＡＩ and AI, 「要確認 」 and 「要確認」 are one tag; ASCII letters compare without case (the
name keeps the case it was last given). A measure↔tag link stores the measure id and title
like a bookmark, and becomes an orphan, kept and listed, when an edition lacks the measure
(desktop/userdata/relink.py). A tag exists while some measure has it.
"""

from __future__ import annotations

import unicodedata

from desktop.errors import UserError
from desktop.userdata.connection import now_iso
from desktop.userdata.mixin import StoreMixin
from desktop.userdata.notes import check_id, check_text
from desktop.userdata.records import Tag, TagRename

MAX_TAG = 50


class UnknownTag(UserError):
    def __init__(self, name: str):
        super().__init__(f"タグ「{name}」はありません (unknown tag: {name!r})")
        self.name = name


def tag_name(name: str) -> str:
    """The tag as stored: NFKC, trimmed, inner white space one space; refused when empty."""
    check_text(name, "tag")
    name = " ".join(unicodedata.normalize("NFKC", name).split())
    if not name:
        raise UserError("タグが空です (empty tag)")
    if len(name) > MAX_TAG:
        raise UserError(f"タグが長すぎます (more than {MAX_TAG} characters)")
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn") for c in name):
        raise UserError("タグに制御文字は使えません (control or unassigned characters in tag)")
    return name


def fold(name: str) -> str:
    """How the store tells tag names apart (SQLite's NOCASE: ASCII letters only)."""
    return "".join(c.lower() if c.isascii() else c for c in name)


def tag_key(name: str) -> str | None:
    """The key two spellings of one tag share (tag_name, then fold); None for a name the
    store would refuse. Search resolves `タグ:…` with it, as the store compares names."""
    try:
        return fold(tag_name(name))
    except UserError:
        return None


def tag_id(con, name: str) -> int | None:
    r = con.execute("SELECT id FROM tags WHERE name = ?", (name,)).fetchone()
    return r[0] if r else None


def drop_if_unused(con, tid: int) -> None:
    con.execute(
        "DELETE FROM tags WHERE id = ? AND NOT EXISTS"
        " (SELECT 1 FROM measure_tags WHERE tag_id = ?)",
        (tid, tid),
    )


class TagsMixin(StoreMixin):
    def add_tag(self, measure_id: str, title: str, name: str) -> bool:
        """Tag a measure (the tag is made if new). False if it already had the tag."""
        check_id(measure_id)
        check_text(title, "title")
        name = tag_name(name)
        with self._write() as con:
            tid = tag_id(con, name)
            if tid is None:
                tid = con.execute(
                    "INSERT INTO tags (name, created) VALUES (?, ?)", (name, now_iso())
                ).lastrowid
            elif con.execute(
                "SELECT 1 FROM measure_tags WHERE tag_id = ? AND measure_id = ? AND orphan = 0",
                (tid, measure_id),
            ).fetchone():
                return False
            con.execute(
                "INSERT INTO measure_tags (tag_id, measure_id, title, added) VALUES (?, ?, ?, ?)",
                (tid, measure_id, title, now_iso()),
            )
        return True

    def remove_tag(self, measure_id: str, name: str) -> bool:
        """Take the tag off the measure; False if the measure did not have it. UnknownTag if
        no measure has that tag. A tag no measure has any more is gone."""
        name = tag_name(name)
        with self._write() as con:
            tid = tag_id(con, name)
            if tid is None:
                raise UnknownTag(name)
            cur = con.execute(
                "DELETE FROM measure_tags WHERE tag_id = ? AND measure_id = ? AND orphan = 0",
                (tid, measure_id),
            )
            drop_if_unused(con, tid)
        return cur.rowcount > 0

    def remove_tag_key(self, key: int) -> bool:
        """Remove one measure↔tag link by its row id (how the app removes an orphan link)."""
        with self._write() as con:
            r = con.execute("SELECT tag_id FROM measure_tags WHERE id = ?", (key,)).fetchone()
            if r is None:
                return False
            con.execute("DELETE FROM measure_tags WHERE id = ?", (key,))
            drop_if_unused(con, r[0])
        return True

    def tags_of(self, measure_id: str) -> list[str]:
        """The measure's tags, in the order they were added (chips in the reader)."""
        with self._read() as con:
            return [
                r[0]
                for r in con.execute(
                    "SELECT t.name FROM measure_tags mt JOIN tags t ON t.id = mt.tag_id"
                    " WHERE mt.measure_id = ? AND mt.orphan = 0 ORDER BY mt.id",
                    (measure_id,),
                )
            ]

    def tags(self) -> list[Tag]:
        """Every tag with its counts, most used first (completion, the tag list, facets)."""
        with self._read() as con:
            rows = con.execute(
                "SELECT t.name, coalesce(sum(mt.orphan = 0), 0), coalesce(sum(mt.orphan = 1), 0),"
                " t.created FROM tags t LEFT JOIN measure_tags mt ON mt.tag_id = t.id"
                " GROUP BY t.id ORDER BY 2 DESC, t.name"
            ).fetchall()
        return [Tag(*r) for r in rows]

    def tag_counts(self) -> dict[str, int]:
        """{tag: measures of this edition with it}."""
        return {t.name: t.count for t in self.tags()}

    def tags_map(self) -> dict[str, list[str]]:
        """{measure id: [tag, …]} of linked measures: chips in the tree and result rows, the
        brief, and the facet's counts over a result set."""
        out: dict[str, list[str]] = {}
        with self._read() as con:
            for mid, name in con.execute(
                "SELECT mt.measure_id, t.name FROM measure_tags mt JOIN tags t ON t.id = mt.tag_id"
                " WHERE mt.orphan = 0 ORDER BY mt.measure_id, mt.id"
            ):
                out.setdefault(mid, []).append(name)
        return out

    def measures_with_tag(self, name: str) -> list[str]:
        """Ids of the measures that have the tag (`タグ:要確認`); [] for an unknown tag. The
        name is compared as stored (tag_name), so ＡＩ finds AI."""
        try:
            name = tag_name(name)
        except UserError:
            return []
        with self._read() as con:
            return [
                r[0]
                for r in con.execute(
                    "SELECT mt.measure_id FROM measure_tags mt JOIN tags t ON t.id = mt.tag_id"
                    " WHERE t.name = ? AND mt.orphan = 0 ORDER BY mt.id",
                    (name,),
                )
            ]

    def rename_tag(self, old: str, new: str) -> TagRename:
        """Rename OLD to NEW; if NEW exists, OLD's measures join it (a merge) and OLD is gone."""
        old, new = tag_name(old), tag_name(new)
        with self._write() as con:
            src = tag_id(con, old)
            if src is None:
                raise UnknownTag(old)
            dst = tag_id(con, new)
            merged = dst is not None and dst != src
            if dst is None or not merged:  # a new name, or the same tag spelt in another case
                con.execute("UPDATE tags SET name = ? WHERE id = ?", (new, src))
                dst = src
            else:
                merge_into(con, src, dst)
            count = con.execute(
                "SELECT count(*) FROM measure_tags WHERE tag_id = ? AND orphan = 0", (dst,)
            ).fetchone()[0]
        return TagRename(old, new, merged, count)

    def delete_tag(self, name: str) -> int:
        """Take the tag off every measure. Returns how many measures had it."""
        name = tag_name(name)
        with self._write() as con:
            tid = tag_id(con, name)
            if tid is None:
                raise UnknownTag(name)
            n = con.execute(
                "SELECT count(*) FROM measure_tags WHERE tag_id = ? AND orphan = 0", (tid,)
            ).fetchone()[0]
            con.execute("DELETE FROM tags WHERE id = ?", (tid,))  # links go by cascade
        return n


def merge_into(con, src: int, dst: int) -> None:
    """Move every link of tag `src` to `dst` (a measure that has both keeps one), then drop
    `src`; the merged tag was made when the earlier of the two was."""
    con.execute(
        "DELETE FROM measure_tags WHERE tag_id = ? AND orphan = 0 AND measure_id IN"
        " (SELECT measure_id FROM measure_tags WHERE tag_id = ? AND orphan = 0)",
        (src, dst),
    )
    con.execute("UPDATE measure_tags SET tag_id = ? WHERE tag_id = ?", (dst, src))
    con.execute(
        "UPDATE tags SET created = min(created, (SELECT created FROM tags WHERE id = ?))"
        " WHERE id = ?",
        (src, dst),
    )
    con.execute("DELETE FROM tags WHERE id = ?", (src,))
