"""Plain records the store returns (no Qt, no sqlite rows leak out)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Note:
    key: int  # row id; the handle for orphans, whose measure id may be taken by a new note
    measure_id: str
    title: str  # the measure's title when the note was last linked
    text: str
    created: str  # ISO 8601 UTC
    updated: str
    orphan: bool = False


@dataclass(frozen=True)
class NoteVersion:
    text: str
    saved: str  # when this text was written
    replaced: str  # when newer text replaced it


@dataclass(frozen=True)
class Collection:
    id: int
    name: str
    position: int
    count: int
    created: str


@dataclass(frozen=True)
class Bookmark:
    key: int
    collection: str
    measure_id: str
    title: str
    position: int  # 0-based, in the user's order
    added: str
    orphan: bool = False


@dataclass(frozen=True)
class Highlight:
    """A marked passage of a measure's body, with an optional comment (issue 12).

    start/end are Python string indices into the measure's body as the catalogue holds it
    (code points; no footnote markers): the reader maps them onto what it shows. exact,
    prefix and suffix are the W3C text-quote selector (desktop/anchoring.py) of the passage
    where it was last placed, so exact == body[start:end] while it is placed. An orphan
    could not be placed in the current edition: it keeps the measure id, title and passage
    it had, is listed, and is placed again when a later edition brings its text back.
    """

    uid: str  # 32 hex digits, stable across backup, restore and share files
    measure_id: str
    title: str  # the measure's title when the highlight was last placed
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    colour: str  # one of schema.COLOURS: yellow, green, blue, pink
    comment: str
    created: str  # ISO 8601 UTC
    updated: str  # the last change by the user (colour, comment); re-anchoring keeps it
    body_hash: str
    orphan: bool = False

    @property
    def quote(self):
        from desktop.anchoring import TextQuote

        return TextQuote(self.exact, self.prefix, self.suffix)


@dataclass(frozen=True)
class Tag:
    name: str
    count: int  # measures of the current edition with the tag
    orphans: int  # links kept for measures this edition lacks
    created: str


@dataclass(frozen=True)
class TagRename:
    old: str
    new: str
    merged: bool  # NEW existed: OLD's measures joined it and OLD is gone
    measures: int  # links NEW has now


@dataclass(frozen=True)
class Recovery:
    """A damaged store file was moved aside and a fresh store started."""

    moved_to: Path
    reason: str
    salvaged: str = ""  # what could be read back from the damaged file, if anything

    @property
    def message(self) -> str:
        saved = f"読み取れたデータを復元しました ({self.salvaged})。" if self.salvaged else ""
        return (
            f"ユーザーデータのファイルが壊れていたため、新しいファイルで開始しました。{saved}"
            f"元のファイルは {self.moved_to} にあります。"
            f" (user data file was unreadable: {self.reason}; moved to {self.moved_to})"
        )


@dataclass(frozen=True)
class WalRecovery:
    """The store's -wal was damaged: SQLite recovers the changes before the damage only. The
    store and the -wal as found were copied aside first."""

    copy: Path  # the store as found; its -wal is beside it with "-wal" appended
    kept: int  # transactions in the -wal before the damage (recovered)
    lost: int  # transactions after it that could not be read (-1: the whole -wal)
    reason: str

    @property
    def message(self) -> str:
        lost = "すべて" if self.lost < 0 else f"{self.lost} 件"
        lost_en = "all" if self.lost < 0 else str(self.lost)
        return (
            f"ユーザーデータの変更記録 (userdata.sqlite-wal) が壊れていました ({self.reason})。"
            f"壊れた箇所より前の変更 {self.kept} 件は読み込みましたが、それより後の変更{lost}は"
            f"読めませんでした。見つかったときのファイルの写しを {self.copy} と"
            f" {self.copy.name}-wal に保管しました。 (the write-ahead log was damaged:"
            f" {self.kept} transactions recovered, {lost_en} after the damage unreadable;"
            f" copies kept at {self.copy})"
        )


@dataclass
class RelinkReport:
    relinked: list[tuple[str, str, str, str]] = field(default_factory=list)  # kind, old, new, title
    orphaned: list[tuple[str, str, str]] = field(default_factory=list)  # kind, id, title (new)
    orphans: int = 0  # orphans in the store after relinking
    # highlights placed again in a changed body, by how: offset, quote, normalised, fuzzy
    anchored: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.relinked or self.orphaned)
