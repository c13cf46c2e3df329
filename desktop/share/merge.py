"""Importing a shared collection: a preview first (a plain object the CLI prints and the
window will show), then the same plan applied through the store's public methods.

Nothing is overwritten: measures already in the collection stay where they are and new ones
are appended in the file's order; a note that differs from the user's is appended to it
under a marked line (the user's text also stays in the note's history); a measure this
edition of the 施策集 lacks is matched by title like the store's relinking, or else kept as
an orphan bookmark. Highlights (version 2) are placed in this edition's body the way relinking
places them (anchoring.place) and keep the sender's uid, so importing twice adds nothing twice;
a comment that differs from the user's on the same highlight is appended like a note; tags
are added to the measure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.anchoring import TextQuote, place
from desktop.brief.model import first_line
from desktop.share.fileformat import SharedCollection
from desktop.userdata.errors import UnknownCollection
from desktop.userdata.relink import title_key
from desktop.userdata.tags import fold

ADD, PRESENT, RELINKED, UNKNOWN, CLASH = "add", "present", "relinked", "unknown", "clash"
NOTE_ADD, NOTE_SAME, NOTE_MERGE, NOTE_SKIP = "add", "same", "merge", "skip"
HL_ADD, HL_SAME, HL_MERGE, HL_SKIP = "add", "same", "merge", "skip"


@dataclass(frozen=True)
class PlannedItem:
    measure_id: str  # the id in this edition (the file's id when unknown here)
    title: str
    file_id: str  # the id in the file
    status: str  # ADD, PRESENT, RELINKED (added under its id in this edition), UNKNOWN, CLASH

    @property
    def adds(self) -> bool:
        return self.status in (ADD, RELINKED, UNKNOWN)


@dataclass(frozen=True)
class NoteChange:
    measure_id: str
    title: str
    incoming: str
    local: str  # "" when the user has none
    kind: str  # NOTE_ADD, NOTE_SAME, NOTE_MERGE (both kept), NOTE_SKIP (measure not here)

    def merged(self, stamp: str) -> str:
        if self.kind == NOTE_ADD:
            return self.incoming
        return f"{self.local.rstrip()}\n\n――― 共有ファイルのメモ（{stamp}）―――\n{self.incoming}"


@dataclass(frozen=True)
class HighlightChange:
    measure_id: str
    title: str
    uid: str  # the sender's
    text: str  # the passage as the sender marked it
    comment: str
    colour: str
    kind: str  # HL_ADD, HL_SAME, HL_MERGE (comments differ: both kept), HL_SKIP (not placed)
    start: int = 0  # where it goes in this edition's body (HL_ADD)
    end: int = 0
    local_uid: str = ""  # the user's highlight of the same passage (HL_SAME, HL_MERGE)
    local_comment: str = ""

    def merged(self, stamp: str) -> str:
        if not self.local_comment.strip():
            return self.comment
        return (
            f"{self.local_comment.rstrip()}\n――― 共有ファイルのコメント（{stamp}）―――\n"
            f"{self.comment}"
        )


@dataclass(frozen=True)
class TagChange:
    measure_id: str
    title: str
    tag: str


@dataclass
class ImportPreview:
    collection: str
    creates: bool  # the collection does not exist yet
    items: list[PlannedItem] = field(default_factory=list)
    notes: list[NoteChange] = field(default_factory=list)
    highlights: list[HighlightChange] = field(default_factory=list)
    tags: list[TagChange] = field(default_factory=list)  # tags the measures do not have yet
    other_edition: bool = False  # made from another edition of the 施策集
    stamp: str = ""  # when the file was exported (shown in merged notes)

    def having(self, *statuses: str) -> list[PlannedItem]:
        return [i for i in self.items if i.status in statuses]

    def notes_of(self, kind: str) -> list[NoteChange]:
        return [n for n in self.notes if n.kind == kind]

    def highlights_of(self, kind: str) -> list[HighlightChange]:
        return [h for h in self.highlights if h.kind == kind]

    @property
    def changes(self) -> bool:
        return (
            self.creates
            or any(i.adds for i in self.items)
            or any(n.kind in (NOTE_ADD, NOTE_MERGE) for n in self.notes)
            or any(h.kind in (HL_ADD, HL_MERGE) for h in self.highlights)
            or bool(self.tags)
        )

    def lines(self) -> list[str]:
        """The preview as text (Japanese, as the rest of the CLI)."""
        out = [
            f"コレクション「{self.collection}」を新しく作成します"
            if self.creates
            else f"既存のコレクション「{self.collection}」に追加します"
        ]
        if self.other_edition:
            out.append("（別の版の施策集で作られたファイルです。施策名で照合しました）")
        groups = [
            (self.having(ADD), "追加する施策", "+"),
            (self.having(RELINKED), "IDを付け替えて追加する施策（施策名で照合）", "+"),
            (self.having(UNKNOWN), "この施策集にない施策（孤立として追加）", "?"),
            (self.having(CLASH), "追加できない施策（同じIDの別の施策が既にあります）", "!"),
            (self.having(PRESENT), "既にある施策（そのまま）", "="),
        ]
        for items, label, mark in groups:
            if items:
                out.append(f"{label}: {len(items)} 件")
                out += [f"  {mark} {i.measure_id}\t{i.title}" for i in items]
        for kind, label in (
            (NOTE_ADD, "メモを追加"),
            (NOTE_MERGE, "メモが異なる（両方を残します: 取り込むメモを今のメモの後に追記）"),
            (NOTE_SAME, "メモは同じ（変更なし）"),
            (NOTE_SKIP, "この施策集にない施策のメモ（取り込みません。ファイルには残っています）"),
        ):
            notes = self.notes_of(kind)
            if notes:
                out.append(f"{label}: {len(notes)} 件")
                for n in notes:
                    out.append(f"  {n.measure_id}\t{n.title}")
                    if kind == NOTE_MERGE:
                        out.append(f"      今のメモ: {first_line(n.local, 40)}")
                        out.append(f"      取り込むメモ: {first_line(n.incoming, 40)}")
        out += self.annotation_lines()
        if not self.changes:
            out.append("取り込む変更はありません")
        return out

    def annotation_lines(self) -> list[str]:
        out = []
        for kind, label in (
            (HL_ADD, "ハイライトを追加"),
            (HL_MERGE, "ハイライトのコメントが異なる（両方を残します: 今のコメントの後に追記）"),
            (HL_SAME, "ハイライトは同じ（変更なし）"),
            (HL_SKIP, "この施策集の本文に見つからないハイライト（取り込みません）"),
        ):
            found = self.highlights_of(kind)
            if found:
                out.append(f"{label}: {len(found)} 件")
                out += [f"  {h.measure_id}\t「{first_line(h.text, 40)}」" for h in found]
        if self.tags:
            out.append(f"タグを追加: {len(self.tags)} 件")
            out += [f"  {t.measure_id}\t{t.tag}" for t in self.tags]
        return out


@dataclass
class ImportReport:
    collection: str
    created: bool = False
    bookmarks_added: int = 0
    notes_added: int = 0
    notes_merged: int = 0
    highlights_added: int = 0
    highlights_merged: int = 0
    tags_added: int = 0

    def __str__(self) -> str:
        made = "作成し、" if self.created else ""
        text = (
            f"コレクション「{self.collection}」を{made}施策 {self.bookmarks_added} 件、"
            f"メモ {self.notes_added} 件を追加、{self.notes_merged} 件のメモに追記しました"
        )
        if self.highlights_added or self.highlights_merged or self.tags_added:
            text += (
                f"。ハイライト {self.highlights_added} 件を追加、{self.highlights_merged} 件の"
                f"コメントに追記、タグ {self.tags_added} 件を追加しました"
            )
        return text


def preview_import(store, catalogue, shared: SharedCollection, target: str | None = None):
    """What importing `shared` would do to the store as it is now. Changes nothing."""
    name = target or shared.name
    try:
        local = [b for b in store.bookmarks(name) if not b.orphan]
        creates = False
    except UnknownCollection:
        local, creates = [], True
    have = {b.measure_id for b in local}
    current = {m.id: m.title for m in catalogue.measures}
    by_title = unique_titles(current)
    edition = catalogue.meta.get("source_sha256", "")
    preview = ImportPreview(
        name,
        creates,
        other_edition=bool(shared.source_sha256 and edition and shared.source_sha256 != edition),
        stamp=shared.exported[:10] or "日付なし",
    )
    notes = store.notes_map()
    for it in shared.items:
        planned = resolve(it, current, by_title, have)
        preview.items.append(planned)
        if it.note:
            preview.notes.append(note_change(planned, it.note, notes))
        here = planned.status not in (UNKNOWN, CLASH)
        m = catalogue.get(planned.measure_id) if here else None
        for h in it.highlights:
            preview.highlights.append(highlight_change(store, planned, m, h))
        if m is not None:
            mine = {fold(t) for t in store.tags_of(m.id)}
            preview.tags += [TagChange(m.id, m.title, t) for t in it.tags if fold(t) not in mine]
    return preview


def highlight_change(store, planned: PlannedItem, m, h) -> HighlightChange:
    """What one shared highlight does here: placed in this edition's body as relinking
    would place it, or the same as (or a differing comment on) one the user has."""

    def change(kind: str, start=0, end=0, local=None) -> HighlightChange:
        return HighlightChange(
            planned.measure_id, planned.title, h.uid, h.text, h.comment, h.colour, kind,
            start, end, local.uid if local else "", local.comment if local else "",
        )  # fmt: skip

    local = store.get_highlight(h.uid)
    if local is None and m is not None:
        placed = place(TextQuote(h.text, h.prefix, h.suffix), h.start, m.body)
        if placed is None:
            return change(HL_SKIP)
        local = next(
            (
                x
                for x in store.highlights(m.id, include_orphans=False)
                if (x.start, x.end) == (placed.start, placed.end)
            ),
            None,
        )
        if local is None:
            return change(HL_ADD, placed.start, placed.end)
    if local is None:
        return change(HL_SKIP)
    if not h.comment.strip() or h.comment.strip() in local.comment:  # same, or merged before
        return change(HL_SAME, local=local)
    return change(HL_MERGE, local=local)


def unique_titles(current: dict[str, str]) -> dict[str, str]:
    keys: dict[str, list[str]] = {}
    for mid, title in current.items():
        keys.setdefault(title_key(title), []).append(mid)
    return {k: ids[0] for k, ids in keys.items() if len(ids) == 1}


def resolve(it, current: dict[str, str], by_title: dict[str, str], have: set[str]):
    """Where a shared item lands in this edition (the store's relinking rule)."""
    key = title_key(it.title)
    if it.measure_id in current and title_key(current[it.measure_id]) == key:
        mid, status = it.measure_id, ADD
    elif key in by_title:
        mid, status = by_title[key], RELINKED
    else:  # not in this edition: kept as an orphan, unless its id is taken here
        status = CLASH if it.measure_id in have else UNKNOWN
        return PlannedItem(it.measure_id, it.title, it.measure_id, status)
    return PlannedItem(mid, current[mid], it.measure_id, PRESENT if mid in have else status)


def note_change(planned: PlannedItem, incoming: str, notes: dict[str, str]) -> NoteChange:
    if planned.status in (UNKNOWN, CLASH):
        return NoteChange(planned.measure_id, planned.title, incoming, "", NOTE_SKIP)
    local = notes.get(planned.measure_id, "")
    if not local:
        kind = NOTE_ADD
    elif local == incoming or incoming.strip() in local:  # same, or merged before
        kind = NOTE_SAME
    else:
        kind = NOTE_MERGE
    return NoteChange(planned.measure_id, planned.title, incoming, local, kind)


def apply_import(store, catalogue, shared: SharedCollection, target: str | None = None):
    """Import `shared` as previewed (the plan is made again against the store as it is now)."""
    plan = preview_import(store, catalogue, shared, target)
    report = ImportReport(plan.collection, created=plan.creates)
    if plan.creates:
        store.create_collection(plan.collection)
    for it in plan.items:
        if it.adds and store.add_bookmark(it.measure_id, it.title, plan.collection):
            report.bookmarks_added += 1
    for n in plan.notes:
        if n.kind in (NOTE_ADD, NOTE_MERGE):
            store.set_note(n.measure_id, n.title, n.merged(plan.stamp))
            if n.kind == NOTE_ADD:
                report.notes_added += 1
            else:
                report.notes_merged += 1
    apply_annotations(store, catalogue, plan, report)
    if plan.having(UNKNOWN):
        store.relink(catalogue)  # marks them orphans: kept and listed, like any orphan
    return report


def apply_annotations(store, catalogue, plan: ImportPreview, report: ImportReport) -> None:
    for h in plan.highlights:
        if h.kind == HL_ADD:
            m = catalogue.require(h.measure_id)
            store.add_highlight(m, h.start, h.end, colour=h.colour, comment=h.comment, uid=h.uid)
            report.highlights_added += 1
        elif h.kind == HL_MERGE:
            store.update_highlight(h.local_uid, comment=h.merged(plan.stamp))
            report.highlights_merged += 1
    for t in plan.tags:
        report.tags_added += store.add_tag(t.measure_id, t.title, t.tag)
