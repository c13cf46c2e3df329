"""What restoring a backup would change, worked out before anything is changed (the window
shows it and asks first; `desktop.userdata.backup.restore` then does the merge). Qt-free,
and it reads the store only through its public methods.

Restore merges: a note the store lacks is added; a note whose text differs keeps both (the
newer text is current, the other becomes a version in the note's history); a collection
the store lacks is added, and a collection of the same name gets the bookmarks it lacks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from desktop.brief.model import first_line
from desktop.userdata.bookmarks import check_name


@dataclass(frozen=True)
class NoteDiff:
    measure_id: str
    title: str
    local: str
    incoming: str
    backup_newer: bool  # the backup's text becomes the current one

    def outcome(self) -> str:
        return (
            "バックアップのメモを現在のメモにし、今のメモは履歴に残します"
            if self.backup_newer
            else "今のメモをそのまま使い、バックアップのメモは履歴に残します"
        )


@dataclass
class RestorePreview:
    exported: str = ""  # when the backup was written
    notes_new: list[tuple[str, str]] = field(default_factory=list)  # (measure id, title)
    notes_differ: list[NoteDiff] = field(default_factory=list)
    notes_same: int = 0
    collections_new: list[tuple[str, int]] = field(default_factory=list)  # (name, items)
    bookmarks_new: list[tuple[str, int]] = field(default_factory=list)  # into existing ones
    highlights_new: int = 0  # version 2 (issue 12): highlights the store lacks (by uid)
    highlights_updated: int = 0  # the backup's colour or comment is newer
    tags_new: int = 0  # measure↔tag links the store lacks

    @property
    def changes(self) -> bool:
        return bool(
            self.notes_new
            or self.notes_differ
            or self.collections_new
            or self.bookmarks_new
            or self.highlights_new
            or self.highlights_updated
            or self.tags_new
        )

    def summary(self) -> str:
        """One sentence, naming only what changes."""
        added = sum(n for _, n in self.bookmarks_new)
        parts = [
            (len(self.notes_new), f"メモ {len(self.notes_new)} 件を追加"),
            (
                len(self.notes_differ),
                f"内容が異なるメモ {len(self.notes_differ)} 件は両方を残します",
            ),
            (len(self.collections_new), f"コレクション {len(self.collections_new)} 件を追加"),
            (added, f"既存のコレクションにブックマーク {added} 件を追加"),
            (self.highlights_new, f"ハイライト {self.highlights_new} 件を追加"),
            (
                self.highlights_updated,
                f"ハイライト {self.highlights_updated} 件の色・コメントを更新",
            ),
            (self.tags_new, f"タグ {self.tags_new} 件を追加"),
        ]
        return "、".join(text for n, text in parts if n) or "変わるものはありません"

    def lines(self) -> list[str]:
        """The preview as text (what the window lists, one line each)."""
        out = []
        if self.notes_new:
            out.append(f"追加するメモ: {len(self.notes_new)} 件")
            out += [f"  + {mid}\t{title}" for mid, title in self.notes_new]
        if self.notes_differ:
            out.append(f"内容が異なるメモ（両方を残します）: {len(self.notes_differ)} 件")
            for d in self.notes_differ:
                out.append(f"  ! {d.measure_id}\t{d.title}")
                out.append(f"      今のメモ: {first_line(d.local, 40) or '（空）'}")
                out.append(f"      バックアップのメモ: {first_line(d.incoming, 40) or '（空）'}")
                out.append(f"      → {d.outcome()}")
        if self.notes_same:
            out.append(f"同じ内容のメモ: {self.notes_same} 件（そのまま）")
        if self.collections_new:
            out.append(f"追加するコレクション: {len(self.collections_new)} 件")
            out += [f"  + {name}（{n} 件）" for name, n in self.collections_new]
        if self.bookmarks_new:
            out.append("既存のコレクションに追加するブックマーク:")
            out += [f"  + {name}: {n} 件" for name, n in self.bookmarks_new]
        if self.highlights_new or self.highlights_updated or self.tags_new:
            out.append(
                f"ハイライト: {self.highlights_new} 件を追加、{self.highlights_updated} 件を更新"
                f"（新しい方の色・コメント）、タグ: {self.tags_new} 件を追加"
            )
        if not self.changes:
            out.append("復元して変わるものはありません")
        return out


def later(a: str, b: str) -> bool:
    """Whether ISO time `a` is after `b` (the backup's times are validated already)."""
    try:
        return datetime.fromisoformat(a).astimezone(UTC) > datetime.fromisoformat(b).astimezone(UTC)
    except ValueError:
        return False


def kept_already(store, local, n: dict) -> bool:
    """The backup's older text is in the note's history already (restored before)."""
    if later(n["updated"], local.updated):
        return False  # newer: it would become the current text
    return any(v.text == n["text"] for v in store.note_history(local.measure_id))


def preview_restore(store, data: dict) -> RestorePreview:
    """What `restore(store, data)` would do to the store as it is now (data: a backup that
    read_backup validated). Changes nothing."""
    preview = RestorePreview(exported=str(data.get("exported", "")))
    notes = store.list_notes(include_empty=True)
    linked = {n.measure_id: n for n in notes if not n.orphan}
    orphans = {(n.measure_id, n.title, n.text) for n in notes if n.orphan}
    for n in data.get("notes", []):
        if n.get("orphan", False):
            if (n["measure_id"], n["title"], n["text"]) not in orphans and n["text"]:
                preview.notes_new.append((n["measure_id"], n["title"]))
            continue
        local = linked.get(n["measure_id"])
        if local is None:
            if n["text"]:  # an emptied note carries only history: nothing to show
                preview.notes_new.append((n["measure_id"], n["title"]))
        elif local.text == n["text"] or kept_already(store, local, n):
            preview.notes_same += 1
        else:
            newer = later(n["updated"], local.updated)
            preview.notes_differ.append(
                NoteDiff(n["measure_id"], local.title, local.text, n["text"], newer)
            )
    have = {c.name: c for c in store.collections()}
    for c in data.get("collections", []):
        name = check_name(c["name"])
        if name not in have:
            preview.collections_new.append((name, len(c["items"])))
            continue
        present = {(b.measure_id, b.title if b.orphan else None) for b in store.bookmarks(name)}
        added = {
            (b["measure_id"], b["title"] if b.get("orphan", False) else None) for b in c["items"]
        } - present
        if added:
            preview.bookmarks_new.append((name, len(added)))
    annotation_changes(store, data, preview)
    return preview


def annotation_changes(store, data: dict, preview: RestorePreview) -> None:
    """Highlights and tags of a version-2 backup (issue 12), by restore's rules: a highlight
    is its uid (the later `updated` decides colour and comment); a tag link is (tag, measure),
    the tag's name compared as the store does (ASCII letters without case)."""
    get = getattr(store, "get_highlight", None)
    for h in data.get("highlights", []):
        local = get(h["uid"]) if get is not None else None
        if local is None:
            preview.highlights_new += 1
        elif later(h["updated"], local.updated) and (h["colour"], h["comment"]) != (
            local.colour,
            local.comment,
        ):
            preview.highlights_updated += 1
    tags = data.get("tags", [])
    if not tags:
        return
    have = store.tags_map() if hasattr(store, "tags_map") else {}
    have = {mid: {fold(t) for t in names} for mid, names in have.items()}
    for t in tags:
        for b in t["items"]:
            if not b.get("orphan", False) and fold(t["name"]) not in have.get(b["measure_id"], ()):
                preview.tags_new += 1


def fold(name: str) -> str:
    return "".join(c.lower() if c.isascii() else c for c in name)
