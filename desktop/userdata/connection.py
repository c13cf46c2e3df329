"""Opening userdata.sqlite: create it private, refuse what is not a store, recover, migrate.

- A new store is built under a temporary name and linked into place whole, so a store file
  that exists is never one we were half-way creating: an empty or cut-off file is damage.
- A file that SQLite says is not a database or is corrupt (or that is shorter than one page) is
  moved aside (never deleted) and a fresh store is started.
- A -wal whose damage would make SQLite drop acknowledged changes is copied aside, with the
  store, before SQLite opens (and, on close, deletes) it.
- A directory, device, FIFO or socket in the store's place, or a symlink to anything but a
  SQLite file, is refused with a clear message; nothing is changed (no chmod through a link).
- On a full disk an existing store opens read-only, so reading and backing up still work.
Any other failure (folder not writable, locked, newer schema) is an error with a clear message
and leaves the file alone.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from desktop.atomicfile import retry_in_use
from desktop.userdata import schema, walcheck
from desktop.userdata.errors import StoreUnavailable
from desktop.userdata.records import Recovery, WalRecovery

FILE_NAME = "userdata.sqlite"
BUSY_TIMEOUT_S = 15.0  # the app and the CLI may write at once; wait rather than fail
UI_BUSY_TIMEOUT_S = 0.25  # the window's writes run on the UI thread: fail fast, retry later
SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26
SIDE_FILES = ("-wal", "-shm", "-journal")
SQLITE_HEADER = b"SQLite format 3\x00"
MIN_STORE_BYTES = 512  # SQLite's smallest page: a shorter file was cut, never written whole
DISK_FULL_BYTES = 1024 * 1024  # less free space than this, and a failure is a full disk
STALE_NEW_S = 3600  # a store being created takes well under a second
DISK_FULL = "ディスクの空きがありません (disk full)"
SQLITE_MAX_PATH_BYTES = 512  # mxPathname of SQLite's unix file layer
WIN_MAX_PATH = 260

# Stored text that is not UTF-8 reads as U+FFFD instead of stopping every query (damage.py).
decode_text = partial(str, encoding="utf-8", errors="replace")


class Damaged(Exception):
    """The file is not a readable SQLite database."""


@dataclass
class Opened:
    con: sqlite3.Connection
    path: Path
    recovery: Recovery | None = None
    wal: WalRecovery | None = None
    read_only: str = ""  # why the store is open read-only ("" = writable)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def connect(path: Path, read_only: str = "") -> sqlite3.Connection:
    """A connection in autocommit mode: every change runs in an explicit BEGIN IMMEDIATE.

    read_only: "" (normal), "ro" (SQLite's read-only mode) or "immutable" (reads the main file
    only, needs neither -shm nor -wal: the last resort on a full disk when there is no -wal).
    """
    params = {"ro": "mode=ro", "immutable": "immutable=1"}.get(read_only, "")
    if long_windows_path(path):
        params = "&".join(p for p in (params, "vfs=win32-longpath") if p)
    target = str(path)
    if params:
        target = Path(path).absolute().as_uri() + "?" + params
    con = sqlite3.connect(
        target,
        timeout=BUSY_TIMEOUT_S,
        isolation_level=None,
        check_same_thread=False,
        uri=bool(params),
    )
    con.text_factory = decode_text
    try:
        con.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        if not read_only:
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


def long_windows_path(path: Path) -> bool:
    """Past Windows' MAX_PATH, SQLite needs its win32-longpath file layer (part of every
    Windows build of SQLite). Only the Windows CI leg runs this."""
    return os.name == "nt" and len(str(Path(path).absolute())) >= WIN_MAX_PATH - 20


def too_long(folder: Path) -> int:
    """The store's longest name in bytes when SQLite cannot open it (POSIX: SQLite's unix
    file layer takes at most 512 bytes, 170 Japanese characters), else 0."""
    if os.name == "nt":
        return 0
    longest = Path(folder).absolute() / f".{FILE_NAME}.new-{'9' * 7}-{'f' * 8}"
    n = len(os.fsencode(str(longest)))
    return n if n > SQLITE_MAX_PATH_BYTES else 0


def create_private(path: Path) -> None:
    """Create an empty file readable by its owner only (SQLite copies the mode to -wal/-shm).
    On Windows the mode means nothing: the data folder's ACL (the user's own profile) does."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0), 0o600)
    os.close(fd)


def side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def link_noreplace(src: Path, dst: Path) -> None:
    """Put src at dst unless dst exists (FileExistsError): never replaces another store."""
    if os.name == "nt":
        # Windows' rename refuses an existing target; antivirus may hold the new file a moment
        retry_in_use(os.rename, src, dst)
        return
    try:
        os.link(src, dst)
    except FileExistsError:
        raise
    except OSError:  # no hard links (FAT, some network shares): a tiny window, checked first
        if dst.exists():
            raise FileExistsError(dst) from None
        os.rename(src, dst)


def create_store(path: Path) -> None:
    """A complete new store, built aside and linked into place in one step."""
    tmp = path.with_name(f".{path.name}.new-{os.getpid()}-{os.urandom(4).hex()}")
    try:
        create_private(tmp)
        con = connect(tmp)
        try:
            migrate(con, tmp)
        finally:
            con.close()  # checkpoints and removes the temporary -wal
        try:
            link_noreplace(tmp, path)
        except FileExistsError:
            pass  # another process created it first: use theirs
    finally:
        for p in (tmp, side(tmp, "-wal"), side(tmp, "-shm")):
            try:
                p.unlink()
            except FileNotFoundError:
                pass
    clean_stale_new(path)


def clean_stale_new(path: Path) -> None:
    """Temporary stores of a creation that was killed (empty, never user data)."""
    now = time.time()
    for p in path.parent.glob(f".{path.name}.new-*"):
        try:
            if now - p.lstat().st_mtime > STALE_NEW_S:
                p.unlink()
        except OSError:
            pass


def refuse(path: Path, what: str, english: str) -> StoreUnavailable:
    return StoreUnavailable(
        f"ユーザーデータの場所 {path} は{what}。施策ナビのデータではないため開きません。"
        f"移動するか別の --data-dir を指定してください (refusing to open the store: {english})"
    )


def kind_of(mode: int) -> tuple[str, str]:
    if stat.S_ISDIR(mode):
        return "フォルダです", "a directory"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "デバイスです", "a device"
    if stat.S_ISFIFO(mode):
        return "名前付きパイプ (FIFO) です", "a FIFO"
    if stat.S_ISSOCK(mode):
        return "ソケットです", "a socket"
    return "通常のファイルではありません", "not a regular file"


def is_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def inspect(path: Path) -> str:
    """'missing', 'file' or 'link' (to a SQLite file); anything else is refused, untouched."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return "missing"
    if stat.S_ISLNK(st.st_mode):
        try:
            target = os.stat(path)
        except OSError:
            raise refuse(path, "行き先のないシンボリックリンクです", "a dangling symlink") from None
        if not stat.S_ISREG(target.st_mode):
            what, english = kind_of(target.st_mode)
            raise refuse(path, f"シンボリックリンクで、行き先が{what}", f"a symlink to {english}")
        if not is_sqlite(path):
            raise refuse(
                path,
                "SQLite のファイルではないものを指すシンボリックリンクです",
                "a symlink to a file that is not a SQLite database",
            )
        return "link"
    if not stat.S_ISREG(st.st_mode):
        raise refuse(path, *kind_of(st.st_mode))
    if st.st_size < MIN_STORE_BYTES:
        raise Damaged(
            f"ファイルが {st.st_size} バイトしかありません (truncated to {st.st_size} bytes)"
        )
    return "file"


def make_private(path: Path) -> None:
    """Tighten a store made by an older version or copied in, never through a symlink (POSIX;
    on Windows the data folder's ACL protects it)."""
    if sys.platform == "win32":  # (not os.name: the type check reads sys.platform)
        return
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return
    try:
        st = os.fstat(fd)
        if stat.S_ISREG(st.st_mode) and st.st_mode & 0o077:
            os.fchmod(fd, 0o600)
    except OSError:
        pass  # not our file to change (another owner, read-only medium): reading still works
    finally:
        os.close(fd)


def copy_private(src: Path, dst: Path) -> None:
    """A copy readable by its owner only from the first byte."""
    fd = os.open(dst, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as out, open(src, "rb") as f:
            shutil.copyfileobj(f, out)
            out.flush()
            os.fsync(out.fileno())
    except OSError:
        dst.unlink()  # a partial copy is no evidence; the originals are untouched
        raise


def stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def move_aside(path: Path, reason: str) -> Recovery:
    target = path.with_name(f"{path.name}.corrupt-{stamp()}")
    os.replace(path, target)
    for suffix in SIDE_FILES:  # keep the journal with the file: it may hold the last changes
        if side(path, suffix).exists():
            os.replace(side(path, suffix), side(target, suffix))
    return Recovery(moved_to=target, reason=reason)


def keep_damaged_wal(path: Path) -> WalRecovery | None:
    """Copy the store and its -wal aside when SQLite would drop acknowledged changes."""
    wal = side(path, "-wal")
    found = walcheck.check(wal)
    if found is None:
        return None
    target = path.with_name(f"{path.name}.corrupt-{stamp()}")
    copy_private(path, target)
    copy_private(wal, side(target, "-wal"))
    return WalRecovery(copy=target, kept=found.kept, lost=found.lost, reason=found.reason)


def prepare_dir(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as e:
        raise StoreUnavailable(
            f"ユーザーデータのフォルダを作成できません: {folder} ({e.strerror or e})"
            + (f"。{DISK_FULL}" if disk_full(folder) else "")
        ) from e


def disk_full(folder: Path) -> bool:
    for place in (folder, *folder.parents):
        try:
            return shutil.disk_usage(place).free < DISK_FULL_BYTES
        except OSError:
            continue
    return False


def open_store_file(folder: Path) -> Opened:
    """Open (creating, recovering and migrating as needed) the store in `folder`."""
    if n := too_long(folder):
        raise StoreUnavailable(
            f"ユーザーデータのフォルダのパスが長すぎます ({n} バイト、SQLite の上限は"
            f" {SQLITE_MAX_PATH_BYTES} バイト): {folder}。短い場所を --data-dir で指定して"
            "ください (path too long for SQLite)"
        )
    prepare_dir(folder)
    path = folder / FILE_NAME
    opened = None
    try:
        opened = open_writable(path)
    except (sqlite3.Error, OSError) as e:
        if not disk_full(folder) or not path.exists():
            raise StoreUnavailable(
                f"ユーザーデータを開けません: {path} ({getattr(e, 'strerror', None) or e})."
                + (
                    f" {DISK_FULL}"
                    if disk_full(folder)
                    else " フォルダに書き込めるか確認してください (cannot open user data;"
                    " is the folder writable?)"
                )
            ) from e
        opened = open_read_only(path)
    try:
        migrate(opened.con, path, read_only=opened.read_only)
    except sqlite3.Error as e:
        opened.con.close()
        raise StoreUnavailable(f"ユーザーデータを更新できません: {path} ({e})") from e
    except BaseException:
        opened.con.close()
        raise
    return opened


def open_writable(path: Path) -> Opened:
    recovery = wal = None
    try:
        kind = inspect(path)
        if kind == "missing":
            create_store(path)
        else:
            wal = keep_damaged_wal(path)
            make_private(path)
        con = connect(path)
    except Damaged as e:
        recovery = move_aside(path, str(e))
        create_store(path)
        con = connect(path)
    return Opened(con, path, recovery, wal)


def open_read_only(path: Path) -> Opened:
    """Full disk: SQLite cannot make its -shm, so read the store as it is on disk."""
    if inspect(path) == "missing":
        raise StoreUnavailable(f"ユーザーデータを作成できません: {path}。{DISK_FULL}")
    wal = side(path, "-wal")
    try:
        con = connect(path, read_only="ro")
    except (sqlite3.Error, Damaged):
        if wal.exists() and wal.stat().st_size > 0:  # immutable would miss the last changes
            raise StoreUnavailable(
                f"ユーザーデータを開けません: {path}。{DISK_FULL}。空きを作ってから"
                "もう一度実行してください"
            ) from None
        try:
            con = connect(path, read_only="immutable")
        except (sqlite3.Error, Damaged) as e:
            raise StoreUnavailable(f"ユーザーデータを開けません: {path}。{DISK_FULL} ({e})") from e
    return Opened(con, path, read_only=DISK_FULL)


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


def migrate(con: sqlite3.Connection, path: Path, read_only: str = "") -> None:
    version = user_version(con)
    if version > schema.LATEST:
        raise StoreUnavailable(
            f"ユーザーデータは新しい版の施策ナビで作成されています (schema {version} > "
            f"{schema.LATEST}): {path}. アプリを更新してください"
        )
    if version == schema.LATEST:
        return
    if read_only:
        raise StoreUnavailable(f"ユーザーデータを新しい形式に更新できません: {path}。{read_only}")
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
    """Before changing an existing file's schema, keep a consistent copy next to it; the copy
    is private from the first byte (created 0600, so a kill never leaves it readable)."""
    target = path.with_name(f"{path.name}.v{version}-backup")
    if target.exists():
        return
    tmp = side(target, ".tmp")
    for p in (tmp, side(tmp, "-journal")):  # what a killed earlier attempt left
        try:
            p.unlink()
        except FileNotFoundError:
            pass
    create_private(tmp)
    dst = sqlite3.connect(tmp)
    try:
        con.backup(dst)
    finally:
        dst.close()
    os.replace(tmp, target)
