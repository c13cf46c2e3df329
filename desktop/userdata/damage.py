"""Text in the store that is not valid UTF-8 (a disk error, another tool writing to the file).

SQLite's integrity_check does not look at encodings, and Python's sqlite3 refuses to read such a
value at all, so one bad byte used to stop every command that read the notes. The connection
now decodes with replacement (U+FFFD) so that reading never fails; this module finds which
rows were damaged, so the user is told, and copies their exact bytes into `damaged_text`
before anything can overwrite them (an edit, history pruning, a restore).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

# (table, column, what the user calls it, SQL giving the measure id or name it belongs to)
COLUMNS = (
    ("notes", "text", "メモ", "t.measure_id"),
    ("notes", "title", "メモの題名", "t.measure_id"),
    ("notes", "measure_id", "メモの施策ID", "t.measure_id"),
    (
        "note_history",
        "text",
        "メモの以前の版",
        "(SELECT measure_id FROM notes n WHERE n.id = t.note_id)",
    ),
    ("bookmarks", "title", "ブックマークの題名", "t.measure_id"),
    ("bookmarks", "measure_id", "ブックマークの施策ID", "t.measure_id"),
    ("collections", "name", "コレクション名", "t.name"),
    ("highlights", "comment", "ハイライトのコメント", "t.measure_id"),
    ("highlights", "exact", "ハイライトの文", "t.measure_id"),
    ("highlights", "prefix", "ハイライトの前後", "t.measure_id"),
    ("highlights", "suffix", "ハイライトの前後", "t.measure_id"),
    ("highlights", "title", "ハイライトの題名", "t.measure_id"),
    ("highlights", "measure_id", "ハイライトの施策ID", "t.measure_id"),
    ("tags", "name", "タグ", "t.name"),
    ("measure_tags", "title", "タグ付けの題名", "t.measure_id"),
    ("measure_tags", "measure_id", "タグ付けの施策ID", "t.measure_id"),
)


@dataclass(frozen=True)
class Damage:
    table: str
    row_id: int
    column: str
    owner: str  # measure id (or collection name), itself shown with U+FFFD if damaged
    what: str
    raw: bytes

    @property
    def label(self) -> str:
        return f"{self.owner}（{self.what}）"


def bad_utf8(raw: bytes | None) -> int:
    if raw is None:
        return 0
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return 1
    return 0


def find(con: sqlite3.Connection) -> list[Damage]:
    """Every damaged value, read as the bytes stored (a full scan: milliseconds for a real
    store of a few hundred notes with their history)."""
    con.create_function("shisaku_bad_utf8", 1, bad_utf8, deterministic=True)
    out = []
    for table, col, what, owner in COLUMNS:
        for row_id, who, raw in con.execute(
            f"SELECT t.id, {owner}, CAST(t.{col} AS BLOB) FROM {table} t"
            f" WHERE shisaku_bad_utf8(CAST(t.{col} AS BLOB))"
        ):
            out.append(Damage(table, row_id, col, who or "?", what, raw))
    return out


def keep(con: sqlite3.Connection, damages: list[Damage], now: str) -> None:
    """Copy the exact bytes aside (inside an open write transaction); once per value."""
    for d in damages:
        con.execute(
            "INSERT OR IGNORE INTO damaged_text (tbl, row_id, col, owner, raw, found)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (d.table, d.row_id, d.column, d.owner, d.raw, now),
        )


def unkept(con: sqlite3.Connection, damages: list[Damage]) -> list[Damage]:
    return [
        d
        for d in damages
        if con.execute(
            "SELECT 1 FROM damaged_text WHERE tbl = ? AND row_id = ? AND col = ? AND raw = ?",
            (d.table, d.row_id, d.column, d.raw),
        ).fetchone()
        is None
    ]


def message(damages: list[Damage]) -> str:
    labels = list(dict.fromkeys(d.label for d in damages))
    shown = "、".join(labels[:10]) + (f" ほか {len(labels) - 10} 件" if len(labels) > 10 else "")
    return (
        f"保存されている文字の一部が壊れています (invalid UTF-8): {shown}。"
        "読めない部分は「\ufffd」で表示しています。元のバイト列はユーザーデータ内に保管してあり、"
        "編集しても失われません。 (stored text is not valid UTF-8; shown with U+FFFD, the raw"
        " bytes are kept in the store)"
    )
