"""The `.shisaku` share file: one collection, versioned JSON. Qt-free.

    {"format": "shisaku-collection", "version": 1,
     "exported": "2025-12-03T09:30:00+00:00", "app_version": "0.1.0",
     "source": {"title": "地方創生2.0 施策集", "sha256": "…"},   # the edition it was made from
     "collection": {"name": "12/3 局長レク",
                    "items": [{"id": "1-1-28", "title": "…", "note": "…"}, …]}}

`note` is present only when the sender chose to share notes. Version 2 (issue 12) adds, with
the notes, `highlights` and `tags` to an item:

     "highlights": [{"uid": "…32 hex…", "start": 10, "end": 30, "text": "…", "prefix": "…",
                     "suffix": "…", "colour": "yellow", "comment": "…"}],
     "tags": ["要確認", "予算"]

A file that carries neither is still written as version 1, so a colleague on the previous
release can read it. A file of a newer version than this app knows is refused with a message
saying so. Reading refuses anything else — too big, too deep, wrong types, unknown keys, bad
ids — before the store is touched.
"""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from desktop import __version__
from desktop.errors import UserError
from desktop.userdata.bookmarks import check_name
from desktop.userdata.highlights import UID
from desktop.userdata.schema import COLOURS
from desktop.userdata.tags import fold, tag_name

FORMAT = "shisaku-collection"
VERSION = 2  # 2: highlights and tags (issue 12); files without them are still written as 1
SUFFIX = ".shisaku"
MAX_BYTES = 16 * 1024 * 1024  # 344 measures with long notes fit many times over
MAX_DEPTH = 6  # root › collection › items › item › highlights › highlight
MAX_ITEMS = 2000
MAX_TITLE = 1000
MAX_NOTE = 1_000_000
MAX_DIGITS = 20  # a number longer than this is not a count or a version
MAX_HIGHLIGHTS = 1000  # per measure
MAX_TAGS = 100  # per measure
MAX_OFFSET = 10_000_000
MAX_CONTEXT = 1000
MEASURE_ID = re.compile(r"[0-9]{1,3}(-[0-9]{1,5}){1,2}")


class BadShareFile(UserError):
    """A share file that cannot be imported; nothing was changed."""


@dataclass(frozen=True)
class SharedHighlight:
    uid: str
    start: int  # offsets into the sender's body (the edition of source.sha256)
    end: int
    text: str
    prefix: str = ""
    suffix: str = ""
    colour: str = "yellow"
    comment: str = ""


@dataclass(frozen=True)
class SharedItem:
    measure_id: str
    title: str
    note: str | None = None  # None: the sender did not share notes
    highlights: tuple[SharedHighlight, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass
class SharedCollection:
    name: str
    items: list[SharedItem] = field(default_factory=list)
    source_title: str = ""
    source_sha256: str = ""
    exported: str = ""
    app_version: str = ""

    @property
    def with_notes(self) -> bool:
        return any(i.note is not None for i in self.items)

    @property
    def version(self) -> int:
        """1 unless an item carries highlights or tags (the previous release reads 1)."""
        return VERSION if any(i.highlights or i.tags for i in self.items) else 1


# --- writing ---------------------------------------------------------------------------


def encode(shared: SharedCollection) -> bytes:
    items = []
    for it in shared.items:
        d: dict[str, object] = {"id": it.measure_id, "title": it.title}
        if it.note is not None:
            d["note"] = it.note
        if it.highlights:
            d["highlights"] = [
                {
                    "uid": h.uid,
                    "start": h.start,
                    "end": h.end,
                    "text": h.text,
                    "prefix": h.prefix,
                    "suffix": h.suffix,
                    "colour": h.colour,
                    "comment": h.comment,
                }
                for h in it.highlights
            ]
        if it.tags:
            d["tags"] = list(it.tags)
        items.append(d)
    data = {
        "format": FORMAT,
        "version": shared.version,
        "exported": shared.exported or datetime.now(UTC).isoformat(timespec="seconds"),
        "app_version": shared.app_version or __version__,
        "source": {"title": shared.source_title, "sha256": shared.source_sha256},
        "collection": {"name": shared.name, "items": items},
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


# --- reading ---------------------------------------------------------------------------


def read_bytes(path: str | os.PathLike) -> bytes:
    """At most MAX_BYTES + 1 bytes of a regular file (never a device, FIFO or folder)."""
    p = Path(path)
    try:
        st = os.stat(p)
        if not stat.S_ISREG(st.st_mode):
            raise BadShareFile(f"通常のファイルではありません: {p} (not a regular file)")
        with open(p, "rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except OSError as e:
        raise BadShareFile(f"ファイルを読めません: {p} ({e.strerror or e})") from e
    if len(raw) > MAX_BYTES:
        raise BadShareFile(
            f"ファイルが大きすぎます: {p} (more than {MAX_BYTES // (1024 * 1024)} MiB)"
        )
    return raw


def decode(raw: bytes, where: str = "file") -> SharedCollection:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise BadShareFile(f"UTF-8 ではありません: {where} (byte {e.start})") from e
    check_depth(text, where)
    try:
        data = json.loads(text, parse_int=bounded_int, parse_constant=no_constant)
    except (ValueError, RecursionError) as e:
        raise BadShareFile(f"施策ナビの共有ファイルではありません: {where} ({e})") from e
    return validate(data, where)


def read_share(path: str | os.PathLike) -> SharedCollection:
    """Read and check a share file; raises BadShareFile (exit 2) naming the first problem."""
    return decode(read_bytes(path), str(path))


def check_depth(text: str, where: str) -> None:
    """Refuse deep nesting before parsing (json would recurse into it)."""
    depth, in_string, escaped = 0, False, False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise BadShareFile(f"入れ子が深すぎます: {where} (nesting deeper than {MAX_DEPTH})")
        elif ch in "]}":
            depth -= 1


def bounded_int(s: str) -> int:
    if len(s.lstrip("-")) > MAX_DIGITS:
        raise ValueError(f"number too long ({len(s)} digits)")
    return int(s)


def no_constant(name: str):
    raise ValueError(f"{name} is not allowed")


# --- checking the parsed data ----------------------------------------------------------


def bad(where: str, what: str) -> BadShareFile:
    return BadShareFile(f"共有ファイルの内容が正しくありません: {where}: {what}")


def obj(value, keys: set[str], required: set[str], path: str, where: str) -> dict:
    if not isinstance(value, dict):
        raise bad(where, f"{path} must be an object, not {type(value).__name__}")
    unknown = set(value) - keys
    if unknown:
        raise bad(where, f"{path} has unknown keys {sorted(unknown)}")
    missing = required - set(value)
    if missing:
        raise bad(where, f"{path} lacks {sorted(missing)}")
    return value


def text(value, path: str, where: str, limit: int, empty: bool = True) -> str:
    if not isinstance(value, str):
        raise bad(where, f"{path} must be text, not {type(value).__name__}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as e:
        raise bad(where, f"{path} is not valid Unicode (position {e.start})") from e
    if len(value) > limit:
        raise bad(where, f"{path} is longer than {limit} characters")
    if not empty and not value.strip():
        raise bad(where, f"{path} is empty")
    return value


def validate(data, where: str) -> SharedCollection:
    top = obj(
        data,
        {"format", "version", "exported", "app_version", "source", "collection"},
        {"format", "version", "collection"},
        "the file",
        where,
    )
    if top["format"] != FORMAT:
        raise BadShareFile(
            f"施策ナビの共有ファイルではありません: {where} (format is not {FORMAT})"
        )
    version = top["version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise bad(where, "version must be a positive whole number")
    if version > VERSION:
        raise BadShareFile(
            f"このファイルは新しい版の施策ナビで作られています。アプリを更新してください:"
            f" {where} (file version {version}; this app reads up to {VERSION})"
        )
    source = obj(top.get("source", {}), {"title", "sha256"}, set(), "source", where)
    col = obj(top["collection"], {"name", "items"}, {"name", "items"}, "collection", where)
    name = text(col["name"], "collection.name", where, 1000, empty=False)
    try:
        name = check_name(name)  # the store's own rule for a collection name
    except UserError as e:
        raise bad(where, f"collection.name: {e}") from e
    if not isinstance(col["items"], list):
        raise bad(where, "collection.items must be a list")
    if len(col["items"]) > MAX_ITEMS:
        raise bad(where, f"more than {MAX_ITEMS} items")
    items, seen = [], set()
    for i, raw in enumerate(col["items"]):
        item = read_item(raw, f"collection.items[{i}]", where, version)
        if item.measure_id in seen:
            raise bad(where, f"collection.items[{i}]: {item.measure_id} appears twice")
        seen.add(item.measure_id)
        items.append(item)
    return SharedCollection(
        name=name,
        items=items,
        source_title=text(source.get("title", ""), "source.title", where, MAX_TITLE),
        source_sha256=text(source.get("sha256", ""), "source.sha256", where, 128),
        exported=text(top.get("exported", ""), "exported", where, 64),
        app_version=text(top.get("app_version", ""), "app_version", where, 64),
    )


def read_item(raw, path: str, where: str, version: int = VERSION) -> SharedItem:
    keys = {"id", "title", "note"} | ({"highlights", "tags"} if version >= 2 else set())
    d = obj(raw, keys, {"id", "title"}, path, where)
    mid = text(d["id"], f"{path}.id", where, 20, empty=False)
    if not MEASURE_ID.fullmatch(mid):
        raise bad(where, f"{path}.id {mid!r} is not a measure id (like 1-1-28 or 2-3)")
    title = text(d["title"], f"{path}.title", where, MAX_TITLE, empty=False)
    note = text(d["note"], f"{path}.note", where, MAX_NOTE) if "note" in d else None
    highlights = read_highlights(d.get("highlights", []), f"{path}.highlights", where)
    tags = read_tags(d.get("tags", []), f"{path}.tags", where)
    return SharedItem(mid, title, note, highlights, tags)


def listed(value, path: str, where: str, limit: int) -> list:
    if not isinstance(value, list):
        raise bad(where, f"{path} must be a list")
    if len(value) > limit:
        raise bad(where, f"{path} has more than {limit} entries")
    return value


def offset(value, path: str, where: str) -> int:
    if type(value) is not int or not 0 <= value <= MAX_OFFSET:
        raise bad(where, f"{path} must be a whole number from 0 to {MAX_OFFSET}")
    return value


def read_highlights(value, path: str, where: str) -> tuple[SharedHighlight, ...]:
    keys = {"uid", "start", "end", "text", "prefix", "suffix", "colour", "comment"}
    out, seen = [], set()
    for i, raw in enumerate(listed(value, path, where, MAX_HIGHLIGHTS)):
        p = f"{path}[{i}]"
        d = obj(raw, keys, {"uid", "start", "end", "text"}, p, where)
        uid = text(d["uid"], f"{p}.uid", where, 32)
        if not UID.fullmatch(uid) or uid in seen:
            raise bad(where, f"{p}.uid must be 32 hex digits, once in the file")
        seen.add(uid)
        start, end = offset(d["start"], f"{p}.start", where), offset(d["end"], f"{p}.end", where)
        quoted = text(d["text"], f"{p}.text", where, MAX_NOTE, empty=False)
        if end - start != len(quoted):
            raise bad(where, f"{p}: start and end do not fit the text")
        colour = d.get("colour", "yellow")
        if colour not in COLOURS:
            raise bad(where, f"{p}.colour must be one of {', '.join(COLOURS)}")
        out.append(
            SharedHighlight(
                uid,
                start,
                end,
                quoted,
                text(d.get("prefix", ""), f"{p}.prefix", where, MAX_CONTEXT),
                text(d.get("suffix", ""), f"{p}.suffix", where, MAX_CONTEXT),
                colour,
                text(d.get("comment", ""), f"{p}.comment", where, MAX_NOTE),
            )
        )
    return tuple(out)


def read_tags(value, path: str, where: str) -> tuple[str, ...]:
    out, seen = [], set()
    for i, raw in enumerate(listed(value, path, where, MAX_TAGS)):
        try:
            name = tag_name(text(raw, f"{path}[{i}]", where, 1000))
        except BadShareFile:
            raise
        except UserError as e:
            raise bad(where, f"{path}[{i}]: {e}") from e
        if fold(name) in seen:
            raise bad(where, f"{path}[{i}]: {name!r} appears twice")
        seen.add(fold(name))
        out.append(name)
    return tuple(out)
