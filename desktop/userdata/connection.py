"""Opening userdata.sqlite: create it private, recover from a damaged file, migrate.

A file that SQLite says is not a database or is corrupt is moved aside (never deleted) and a
fresh store is started. Any other failure (folder not writable, locked, newer schema) is an
error with a clear message and leaves the file alone.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from desktop.userdata import schema
from desktop.userdata.errors import StoreUnavailable
from desktop.userdata.records import Recovery

FILE_NAME = "userdata.sqlite"
BUSY_TIMEOUT_S = 15.0  # the app and the CLI may write at once; wait rather than fail
SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26
SIDE_FILES = ("-wal", "-shm", "-journal")


class Damaged(Exception):
    """The file is not a readable SQLite database."""


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode: every change runs in an explicit BEGIN IMMEDIATE."""
    con = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
    )
    try:
        con.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        mode = con.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise StoreUnavailable(f"WAL を有効にできません (journal_mode={mode}): {path}")
        # FULL: an acknowledged change survives a power cut, not only a crash.
        con.execute("PRAGMA synchronous = FULL")
        con.execute("PRAGMA foreign_keys = ON")
        status = con.execute("PRAGMA quick_check").fetchall()
        if status != [("ok",)]:
            raise Damaged("quick_check: " + "; ".join(r[0] for r in status[:3]).replace("\n", " "))
    except sqlite3.DatabaseError as e:
        con.close()
        if getattr(e, "sqlite_errorcode", None) in (SQLITE_CORRUPT, SQLITE_NOTADB):
            raise Damaged(str(e)) from e
        raise
    except BaseException:
        con.close()
        raise
    return con


def create_private(path: Path) -> None:
    """Create an empty file readable by its owner only (SQLite copies the mode to -wal/-shm)."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(fd)


def move_aside(path: Path, reason: str) -> Recovery:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    os.replace(path, target)
    for suffix in SIDE_FILES:  # keep the journal with the file: it may hold the last changes
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    return Recovery(moved_to=target, reason=reason)


def prepare_dir(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as e:
        raise StoreUnavailable(
            f"ユーザーデータのフォルダを作成できません: {folder} ({e.strerror or e})"
        ) from e


def open_store_file(folder: Path) -> tuple[sqlite3.Connection, Path, Recovery | None]:
    """Open (creating, recovering and migrating as needed) the store in `folder`."""
    prepare_dir(folder)
    path = folder / FILE_NAME
    recovery = None
    try:
        create_private(path)
        if os.name == "posix":
            os.chmod(path, 0o600)
        try:
            con = connect(path)
        except Damaged as e:
            recovery = move_aside(path, str(e))
            create_private(path)
            con = connect(path)
    except sqlite3.Error as e:
        raise StoreUnavailable(
            f"ユーザーデータを開けません: {path} ({e}). フォルダに書き込めるか確認してください"
            f" (cannot open user data; is the folder writable?)"
        ) from e
    except OSError as e:
        raise StoreUnavailable(
            f"ユーザーデータを開けません: {path} ({e.strerror or e}). フォルダに書き込めるか"
            f"確認してください (cannot open user data; is the folder writable?)"
        ) from e
    try:
        migrate(con, path)
    except sqlite3.Error as e:
        con.close()
        raise StoreUnavailable(f"ユーザーデータを更新できません: {path} ({e})") from e
    except BaseException:
        con.close()
        raise
    return con, path, recovery


def statements(script: str) -> list[str]:
    """Split a migration script into statements (executescript would commit mid-way)."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return [s for s in out if s]


def user_version(con: sqlite3.Connection) -> int:
    return con.execute("PRAGMA user_version").fetchone()[0]


def migrate(con: sqlite3.Connection, path: Path) -> None:
    version = user_version(con)
    if version > schema.LATEST:
        raise StoreUnavailable(
            f"ユーザーデータは新しい版の施策ナビで作成されています (schema {version} > "
            f"{schema.LATEST}): {path}. アプリを更新してください"
        )
    if version == schema.LATEST:
        return
    if version > 0:
        keep_copy(con, path, version)
    # Table rebuilds need foreign keys off; the pragma is a no-op inside a transaction.
    con.execute("PRAGMA foreign_keys = OFF")
    try:
        while True:
            con.execute("BEGIN IMMEDIATE")
            try:
                version = user_version(con)  # another process may have migrated meanwhile
                if version >= schema.LATEST:
                    con.execute("COMMIT")
                    break
                for stmt in statements(schema.MIGRATIONS[version]):
                    con.execute(stmt)
                bad = con.execute("PRAGMA foreign_key_check").fetchall()
                if bad:
                    raise StoreUnavailable(f"移行に失敗しました (foreign keys: {bad[:3]}): {path}")
                con.execute(f"PRAGMA user_version = {version + 1}")
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
    finally:
        con.execute("PRAGMA foreign_keys = ON")


def keep_copy(con: sqlite3.Connection, path: Path, version: int) -> None:
    """Before changing an existing file's schema, keep a consistent copy next to it."""
    target = path.with_name(f"{path.name}.v{version}-backup")
    if target.exists():
        return
    tmp = target.with_name(target.name + ".tmp")
    dst = sqlite3.connect(tmp)
    try:
        con.backup(dst)
    finally:
        dst.close()
    os.replace(tmp, target)
    if os.name == "posix":
        os.chmod(target, 0o600)
