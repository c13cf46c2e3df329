"""UserStore: the user's notes, collections, bookmarks, highlights and tags in one SQLite file.

Every method that changes something runs in its own BEGIN IMMEDIATE transaction and commits
before it returns, so nothing waits for a clean exit, and a second process (the app and the
CLI at once) waits for the lock instead of overwriting a change it has not seen.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from desktop import paths
from desktop.userdata import damage
from desktop.userdata.bookmarks import BookmarksMixin
from desktop.userdata.connection import BUSY_TIMEOUT_S, Opened, now_iso, open_store_file
from desktop.userdata.errors import StoreError, StoreUnavailable, StoreWriteError
from desktop.userdata.highlights import HighlightsMixin
from desktop.userdata.notes import NotesMixin
from desktop.userdata.records import Recovery, WalRecovery
from desktop.userdata.relink import RelinkMixin
from desktop.userdata.tags import TagsMixin

SQLITE_FULL = 13
SQLITE_IOERR = 10


class UserStore(NotesMixin, BookmarksMixin, HighlightsMixin, TagsMixin, RelinkMixin):
    def __init__(self, con: sqlite3.Connection, path: Path, recovery: Recovery | None = None):
        self._con = con
        self._lock = threading.RLock()  # one connection, possibly used from a worker thread
        self.path = path
        self.recovery = recovery  # set when a damaged file was moved aside: show its message
        self.wal_recovery: WalRecovery | None = None  # the -wal was damaged (copies kept)
        self.read_only = ""  # why the store is read-only (a full disk); "" when writable
        self.damaged: list[damage.Damage] = []  # stored text that is not valid UTF-8

    @classmethod
    def open(cls, data_dir: str | Path | None = None) -> UserStore:
        """Open the store in the user data folder (--data-dir / SHISAKU_DATA_DIR / platformdirs)."""
        folder = paths.data_dir(data_dir)
        refuse_shipped_folder(folder)
        opened: Opened = open_store_file(folder)
        store = cls(opened.con, opened.path, opened.recovery)
        store.wal_recovery, store.read_only = opened.wal, opened.read_only
        try:
            if store.recovery is not None:
                store._salvage(store.recovery)
            store._check_text()
        except BaseException:
            store.close()
            raise
        return store

    @property
    def notice(self) -> str:
        """What the user must be told about this store on opening ("" when all is well)."""
        parts = [
            self.recovery.message if self.recovery else "",
            self.wal_recovery.message if self.wal_recovery else "",
            damage.message(self.damaged) if self.damaged else "",
            (
                f"{self.read_only}。ユーザーデータを読み取り専用で開いています。"
                "メモやブックマークの変更は保存できません (opened read-only)"
                if self.read_only
                else ""
            ),
        ]
        return "\n".join(p for p in parts if p)

    def _check_text(self) -> None:
        """Find stored text that is not UTF-8 and keep its exact bytes (damage.py)."""
        with self._read() as con:
            self.damaged = damage.find(con)
            if not self.damaged or self.read_only or not damage.unkept(con, self.damaged):
                return
        with self._write() as con:
            damage.keep(con, damage.find(con), now_iso())

    def set_busy_timeout(self, seconds: float = BUSY_TIMEOUT_S) -> None:
        """How long a write waits for another process's lock before it fails. The window sets
        it short: its writes run on the UI thread, and an autosave that fails is retried."""
        with self._lock:
            self._con.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")

    def _salvage(self, recovery: Recovery) -> None:
        """Put back into the fresh store whatever the damaged file still lets us read."""
        from desktop.userdata.backup import restore
        from desktop.userdata.salvage import salvage

        data = salvage(recovery.moved_to)
        if data is None:
            return
        try:
            report = restore(self, data)
        except StoreError:
            return  # the damaged file is still there, untouched
        self.recovery = replace(recovery, salvaged=report.summary())

    def close(self) -> None:
        with self._lock:
            self._con.close()

    def __enter__(self) -> UserStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def data_version(self) -> int:
        """Changes when another connection commits: poll it to refresh views after a CLI write."""
        with self._lock:
            return self._con.execute("PRAGMA data_version").fetchone()[0]

    def change_count(self) -> int:
        """Rows this store has written since it opened (SQLite's total_changes): a redo is
        only offered while nothing else was written after the undo."""
        with self._lock:
            return self._con.total_changes

    def integrity_ok(self) -> bool:
        with self._lock:
            return self._con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            yield self._con

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: all of it is committed, or none of it (and a clear error)."""
        with self._lock:
            con = self._con
            if self.read_only:
                raise StoreWriteError(
                    f"変更を保存できませんでした: {self.read_only}。変更は行われていません。"
                    f"ファイル: {self.path} (the store is read-only; nothing was changed)"
                )
            try:
                con.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as e:
                raise write_error(e, self.path) from e
            try:
                yield con
                con.execute("COMMIT")
            except sqlite3.Error as e:
                rollback(con)
                raise write_error(e, self.path) from e
            except BaseException:
                rollback(con)
                raise


def refuse_shipped_folder(folder: Path) -> None:
    """User data must survive an update, so never inside the build or install folder."""
    target = Path(folder).resolve()
    shipped = [paths.build_dir()] + ([paths.root()] if paths.frozen() else [])
    for place in shipped:
        place = Path(place).resolve()
        if target == place or place in target.parents:
            raise StoreUnavailable(
                f"ユーザーデータをアプリやカタログのフォルダ ({place}) に置くことはできません:"
                f" {folder} (user data must not live in the install or build folder)"
            )


def rollback(con: sqlite3.Connection) -> None:
    if con.in_transaction:
        try:
            con.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # SQLite already rolled back (e.g. after SQLITE_FULL)


def write_error(e: sqlite3.Error, path: Path) -> StoreError:
    code = getattr(e, "sqlite_errorcode", None)
    if code is not None and code & 0xFF == SQLITE_FULL:
        what = "ディスクの空きがありません (disk full)"
    elif code is not None and code & 0xFF == SQLITE_IOERR:
        what = (
            "ディスクへの書き込みに失敗しました。空き容量を確認してください"
            " (disk I/O error: is the disk full or gone?)"
        )
    elif "locked" in str(e) or "busy" in str(e):
        what = "別のプロセスが使用中です (store is locked by another process)"
    elif "readonly" in str(e):
        what = "書き込みできません (read-only)"
    else:
        what = str(e)
    return StoreWriteError(
        f"変更を保存できませんでした: {what}。変更は行われていません。ファイル: {path}"
        f" (the change was not saved; nothing was changed)"
    )
