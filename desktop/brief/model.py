"""The brief as one document model: what every output (md, csv, pdf, print, docx, xlsx)
renders. Qt-free and library-free, so building it costs nothing at start-up.

A 局長レク brief is a first page with the collection name, the date and a 一覧 table, then
one section per measure: title, id, 「地方創生2.0 施策集 p.NN」, body with footnotes, bureaus,
the user's note and highlights (the quoted passage and its comment). Tags fill the 一覧's
タグ column (left out when no item has a tag). Notes, highlights and tags are the user's own:
BriefOptions(notes=False) leaves all three out.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from desktop.brief.errors import EmptyBrief
from desktop.userdata.relink import title_key

SOURCE_TITLE = "地方創生2.0 施策集"
ORPHAN_TEXT = "（この施策は現在の施策集にありません。保存時の施策名を表示しています）"


@dataclass(frozen=True)
class BriefOptions:
    """What goes in: a brief for others may leave the private notes out; without bodies
    the brief is the 一覧 alone."""

    notes: bool = True
    bodies: bool = True


@dataclass(frozen=True)
class Highlight:
    """A marked passage with an optional comment."""

    text: str
    comment: str = ""
    colour: str = ""  # yellow, green, blue, pink (the PDF tints the passage)
    orphan: bool = False  # the passage is no longer in the current text of the measure

    def line(self) -> str:
        """「passage」 — comment, one entry of the CSV/xlsx ハイライト cell."""
        gone = GONE_TEXT if self.orphan else ""
        return f"「{self.text}」{gone}" + (f" — {self.comment}" if self.comment else "")


GONE_TEXT = "（現在の本文には見つかりません）"


@dataclass
class BriefItem:
    position: int  # 1-based, the user's order
    measure_id: str
    title: str
    chapter: str = ""  # 第1章 title
    pillar: str = ""  # 1．title, empty in 第2章
    label: str = ""  # 第1章 1．(28) (Catalogue.label)
    page: int | None = None  # page of the source the officials cite
    ministries: list[str] = field(default_factory=list)
    bureaus: list[tuple[str, list[str]]] = field(default_factory=list)  # (ministry, [bureau])
    body: str = ""
    body_marked: str = ""  # body with （注n） where the footnote markers stood
    footnotes: list[tuple[int, str]] = field(default_factory=list)
    note: str = ""
    tags: list[str] = field(default_factory=list)  # issue 12
    highlights: list[Highlight] = field(default_factory=list)  # issue 12
    orphan: bool = False

    def source_ref(self, source_title: str = SOURCE_TITLE) -> str:
        """「地方創生2.0 施策集 p.12」, the citation officials use; empty without a page."""
        return f"{source_title} p.{self.page}" if self.page else ""

    def page_label(self) -> str:
        return f"p.{self.page}" if self.page else ""

    def where(self) -> str:
        """章 › 柱 (the pillar is empty in 第2章)."""
        return " › ".join(x for x in (self.chapter, self.pillar) if x)

    def ministries_text(self) -> str:
        return "、".join(self.ministries)

    def bureaus_text(self) -> str:
        return "／".join(f"{ministry}（{'、'.join(names)}）" for ministry, names in self.bureaus)

    def footnotes_text(self) -> str:
        return "\n".join(f"注{n}: {t}" for n, t in self.footnotes)

    def note_first_line(self) -> str:
        return first_line(self.note)

    def tags_text(self) -> str:
        return "、".join(self.tags)

    def highlights_text(self) -> str:
        return "\n".join(h.line() for h in self.highlights)


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: float  # share of the page width (the PDF/docx table) or characters /4 (xlsx)


# The 一覧 on the first page. Which columns show depends on the options and the data.
OVERVIEW = (
    Column("position", "No.", 0.05),
    Column("title", "施策名", 0.39),
    Column("ministries", "担当府省庁", 0.17),
    Column("page", "出典ページ", 0.11),
    Column("note", "メモ", 0.20),
    Column("tags", "タグ", 0.08),
)


# One row per measure (CSV and xlsx). The first eleven keep the CSV's original order.
TABLE = (
    Column("position", "順番", 6),
    Column("measure_id", "ID", 9),
    Column("chapter", "章", 16),
    Column("pillar", "柱", 20),
    Column("title", "施策名", 36),
    Column("ministries", "府省庁", 14),
    Column("bureaus", "担当部局", 30),
    Column("body", "本文", 60),
    Column("footnotes", "脚注", 36),
    Column("note", "メモ", 36),
    Column("state", "状態", 6),
    Column("page", "出典ページ", 9),
    Column("tags", "タグ", 14),
    Column("highlights", "ハイライト", 40),
)


@dataclass
class Brief:
    name: str  # the collection's name
    day: date
    items: list[BriefItem]
    options: BriefOptions = BriefOptions()
    source_title: str = SOURCE_TITLE

    @property
    def count(self) -> int:
        return len(self.items)

    def date_label(self) -> str:
        return date_label(self.day)

    @property
    def with_overview(self) -> bool:
        """The 一覧 table: left out of a brief of one measure with its body (printing the
        measure open in the reader), where a one-row table would only cost a page."""
        return not (self.count == 1 and self.options.bodies)

    def subtitle(self) -> str:
        """The line under the name on the first page."""
        return f"{self.source_title}　{self.date_label()}　{self.count} 件"

    def overview_columns(self) -> list[Column]:
        return [c for c in OVERVIEW if self.shows(c.key)]

    def overview_rows(self) -> list[list[str]]:
        """The 一覧's cells as text, one row per measure, in overview_columns() order."""
        keys = [c.key for c in self.overview_columns()]
        return [[overview_cell(it, k) for k in keys] for it in self.items]

    def table_columns(self) -> list[Column]:
        return [c for c in TABLE if self.shows(c.key)]

    def table_rows(self) -> list[list]:
        """Cells of the CSV/xlsx: numbers stay numbers, everything else is text."""
        keys = [c.key for c in self.table_columns()]
        return [[table_cell(it, k) for k in keys] for it in self.items]

    def shows(self, key: str) -> bool:
        """Whether a part is in this brief (options and data decide)."""
        if key in ("body", "footnotes"):
            return self.options.bodies
        if key == "note":
            return self.options.notes
        if key == "tags":
            return any(it.tags for it in self.items)
        if key == "highlights":
            return any(it.highlights for it in self.items)
        return True


def overview_cell(it: BriefItem, key: str) -> str:
    if key == "position":
        return str(it.position)
    if key == "title":
        return it.title
    if key == "ministries":
        return it.ministries_text()
    if key == "page":
        return it.page_label()
    if key == "note":
        return it.note_first_line()
    if key == "tags":
        return it.tags_text()
    raise KeyError(key)


def table_cell(it: BriefItem, key: str):
    if key == "position":
        return it.position
    if key == "page":
        return it.page or ""
    if key == "chapter":
        return it.chapter
    if key == "pillar":
        return it.pillar
    if key == "bureaus":
        return it.bureaus_text()
    if key == "body":
        return it.body_marked
    if key == "footnotes":
        return it.footnotes_text()
    if key == "note":
        return it.note
    if key == "state":
        return "孤立" if it.orphan else ""
    if key == "measure_id":
        return it.measure_id
    if key == "highlights":
        return it.highlights_text()
    return overview_cell(it, key)


def first_line(text: str, width: int = 60) -> str:
    """The first non-empty line, cut at `width` characters (the 一覧 has no room for more)."""
    line = next((s.strip() for s in text.splitlines() if s.strip()), "")
    return line if len(line) <= width else line[: width - 1] + "…"


def date_label(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


# --- building it from the catalogue and the store ----------------------------------------


def marked_body(m, mark: str = "（注{n}）") -> str:
    """The body with `mark` (formatted with the footnote number) where each marker stood."""
    out, last = [], 0
    for f in sorted(m.footnotes, key=lambda f: f.offset):
        out.append(m.body[last : f.offset])
        out.append(mark.format(n=f.number))
        last = f.offset
    out.append(m.body[last:])
    return "".join(out)


def group_bureaus(m) -> list[tuple[str, list[str]]]:
    groups: dict[str, list[str]] = {}
    for o in m.bureaus:
        groups.setdefault(o.ministry, []).append(o.name)
    return list(groups.items())


def measure_item(
    catalogue, m, position: int, note: str, annotations: Annotations | None = None
) -> BriefItem:
    annotations = annotations or Annotations()
    pillar = f"{m.pillar}．{m.pillar_title}" if m.pillar is not None else ""
    return BriefItem(
        position=position,
        measure_id=m.id,
        title=m.title,
        chapter=f"第{m.chapter}章 {m.chapter_title}",
        pillar=pillar,
        label=catalogue.label(m),
        page=m.page,
        ministries=list(m.ministries),
        bureaus=group_bureaus(m),
        body=m.body,
        body_marked=marked_body(m),
        footnotes=[(f.number, f.text) for f in m.footnotes],
        note=note,
        tags=annotations.tags.get(m.id, []),
        highlights=annotations.of(m.id, m.title),
    )


def orphan_item(b, annotations: Annotations | None = None) -> BriefItem:
    """A bookmark whose measure left the catalogue: listed with the title it had, and the
    highlights that were on it (kept as orphans too)."""
    annotations = annotations or Annotations()
    return BriefItem(
        position=b.position + 1,
        measure_id=b.measure_id,
        title=b.title,
        body=ORPHAN_TEXT,
        body_marked=ORPHAN_TEXT,
        highlights=annotations.of(b.measure_id, b.title),
        orphan=True,
    )


@dataclass
class Annotations:
    """The store's highlights and tags, read once for a whole brief."""

    highlights: dict[str, list] = field(default_factory=dict)  # measure id → store records
    tags: dict[str, list[str]] = field(default_factory=dict)  # measure id → tag names

    @classmethod
    def read(cls, store) -> Annotations:
        if store is None:
            return cls()
        by_measure: dict[str, list] = {}
        for h in store.highlights():
            by_measure.setdefault(h.measure_id, []).append(h)
        return cls(by_measure, store.tags_map())

    def of(self, measure_id: str, title: str) -> list[Highlight]:
        """The measure's highlights in body order: placed ones, and orphans last seen on this
        very measure (same id and title) whose passage is gone from it."""
        key = title_key(title)
        return [
            Highlight(h.exact, h.comment, h.colour, h.orphan)
            for h in sorted(self.highlights.get(measure_id, []), key=lambda h: (h.orphan, h.start))
            if not h.orphan or title_key(h.title) == key
        ]


def brief_items(catalogue, store, collection: str) -> list[BriefItem]:
    """Every bookmark of the collection in the user's order, with the user's notes,
    highlights and tags."""
    notes = store.notes_map()
    annotations = Annotations.read(store)
    items = []
    for b in store.bookmarks(collection):  # raises UnknownCollection
        m = None if b.orphan else catalogue.get(b.measure_id)
        if m is None:
            items.append(orphan_item(b, annotations))
        else:
            items.append(
                measure_item(catalogue, m, b.position + 1, notes.get(m.id, ""), annotations)
            )
    return items


def build_brief(
    catalogue,
    store,
    collection: str,
    options: BriefOptions | None = None,
    day: date | None = None,
) -> Brief:
    """The brief of a collection. An empty collection is refused: a 「0 件」 brief helps no one."""
    items = brief_items(catalogue, store, collection)
    if not items:
        raise EmptyBrief(collection)
    return make_brief(catalogue, collection, items, options, day)


def measure_brief(
    catalogue, store, measure_id: str, options: BriefOptions | None = None, day=None
) -> Brief:
    """A brief of one measure (printing or exporting what the reader shows)."""
    m = catalogue.require(measure_id)
    note = store.notes_map().get(m.id, "") if store is not None else ""
    item = measure_item(catalogue, m, 1, note, Annotations.read(store))
    return make_brief(catalogue, m.title, [item], options, day)


def make_brief(catalogue, name: str, items: list[BriefItem], options, day) -> Brief:
    options = options or BriefOptions()
    if not options.notes:  # private annotations stay home: notes, highlights and tags
        items = [replace(it, note="", highlights=[], tags=[]) for it in items]
    source = catalogue.meta.get("source_title", SOURCE_TITLE)
    return Brief(name, day or date.today(), items, options, source)
