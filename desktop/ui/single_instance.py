"""One window per user and data folder: a second `shisaku` or `shisaku open ID` hands its
request to the running window and exits, instead of a second app typing into the same
notes.

The window listens on a local endpoint of the standard library's
multiprocessing.connection — a Unix domain socket in a folder only this user may enter
(macOS, Linux), a named pipe on Windows; never the network — named after the user and a
hash of the data folder, so a test or a second user with their own data folder never meets
another's window. No Qt networking: QtNetwork stays out of the executable, and nothing of
this is loaded before the first paint (a launch with no window running only checks whether
the socket file exists; on Windows it asks whether the pipe exists). The protocol is one
message each way: "open ID" or "show" → "ok" or "error MESSAGE".

The listener waits in a thread; each request is answered on the GUI thread (a queued
signal), so it also reaches a window that is showing a modal dialog.

Two launches at the same moment (a double double-click) are ordered by a lock file next
to the socket: the one that gets it opens the window; the other waits for that window to
listen and hands over. A lock left by a process that died is taken over (QLockFile checks
that the owner is alive).
"""

from __future__ import annotations

import getpass
import os
import sys
import threading

from db.digest import sha256
from desktop import paths

TIMEOUT_MS = 2000
WAIT_S = 15.0  # how long a second launch waits for the first window to start listening
REPLY_S = TIMEOUT_MS * 5 / 1000  # how long a launch waits for the window's answer


def server_name(data_dir=None) -> str:
    folder = os.path.normcase(str(paths.data_dir(data_dir).resolve()))
    try:
        user = getpass.getuser()
    except Exception:  # no user name (some containers): the folder alone still separates
        user = ""
    digest = sha256(f"{user}\0{folder}".encode()).hexdigest()[:16]
    return f"shisaku-{digest}"


def _temp() -> str:
    from PySide6.QtCore import QDir

    return QDir.tempPath()


def _private_folder() -> str | None:
    """A folder in the temp folder that only this user may enter (Unix), made if missing;
    None if it exists but belongs to someone else or is open to others."""
    folder = os.path.join(_temp(), f"shisaku-{os.getuid()}")
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    st = os.lstat(folder)
    import stat

    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o077:
        return None
    return folder


def address(data_dir=None) -> str | None:
    """Where the window of this data folder listens (None: nowhere safe to listen)."""
    name = server_name(data_dir)
    if sys.platform == "win32":
        return rf"\\.\pipe\{name}"
    folder = _private_folder()
    return None if folder is None else os.path.join(folder, name + ".sock")


def request_line(location: str | None) -> str:
    return f"open {location}" if location else "show"


def _may_be_running(addr: str) -> bool:
    """Cheap test before loading anything: on Unix the window's socket file exists; on
    Windows a pipe of that name exists."""
    if sys.platform != "win32":
        return os.path.exists(addr)
    import _winapi

    try:
        _winapi.WaitNamedPipe(addr, 1)
    except FileNotFoundError:
        return False
    except OSError:  # busy or timed out: there is one
        return True
    return True


def claim(data_dir=None):
    """The right to open the window for this data folder: a held QLockFile (keep it until
    exit), or None when another launch holds it."""
    from PySide6.QtCore import QLockFile

    lock = QLockFile(os.path.join(_temp(), server_name(data_dir) + ".lock"))
    lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
    return lock if lock.tryLock(0) else None


def wait_and_hand_off(data_dir=None, location: str | None = None, seconds: float = WAIT_S):
    """Another launch holds the claim: hand over as soon as its window listens. Returns
    what hand_off returns; (False, "") if it never did (then run on our own)."""
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        handed = hand_off(data_dir, location)
        if handed[0]:
            return handed
        time.sleep(0.1)
    return False, ""


def hand_off(data_dir=None, location: str | None = None) -> tuple[bool, str]:
    """Give the request to a running window. (True, "") when it took it; (True, message)
    when it refused it (an unknown id); (False, "") when no window is running."""
    addr = address(data_dir)
    if addr is None or not _may_be_running(addr):
        return False, ""
    from multiprocessing.connection import Client

    try:
        conn = Client(addr)
    except OSError:  # a socket left by a window that crashed: nobody listens
        return False, ""
    try:
        conn.send_bytes(request_line(location).encode("utf-8"))
        if not conn.poll(REPLY_S):
            return False, ""  # a window that does not answer: start our own
        answer = conn.recv_bytes(65536).decode("utf-8", "replace").strip()
    except (OSError, EOFError):
        return False, ""
    finally:
        conn.close()
    if answer == "ok":
        return True, ""
    if answer.startswith("error "):
        return True, answer[len("error ") :]
    return False, ""


class Server:
    """Listens for later launches; requests go to window.handle_request(line) → reply, on
    the GUI thread. close() at exit (it stops the thread and removes the socket file)."""

    def __init__(self, window, addr: str, listener):
        from PySide6.QtCore import QObject, Qt, Signal, Slot

        class Relay(QObject):  # lives on the GUI thread: its slot runs there
            asked = Signal(object)

            @Slot(object)
            def answer(self, box) -> None:
                box.answer(window.handle_request(box.line))

        self.address = addr
        self._listener = listener
        self._closing = False
        self._relay = Relay(window)
        self._relay.asked.connect(self._relay.answer, Qt.ConnectionType.QueuedConnection)
        self._thread = threading.Thread(target=self._loop, name="shisaku-instance", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._closing:
            try:
                conn = self._listener.accept()
            except OSError:
                if self._closing:
                    return
                continue
            with conn:
                if self._closing:
                    return
                try:
                    if not conn.poll(TIMEOUT_MS / 1000):
                        continue
                    line = conn.recv_bytes(4096).decode("utf-8", "replace").strip()
                    box = _Request(line)
                    self._relay.asked.emit(box)
                    if box.done.wait(REPLY_S):
                        conn.send_bytes(box.reply.encode("utf-8"))
                except (OSError, EOFError, RuntimeError):  # RuntimeError: window deleted
                    continue

    def close(self) -> None:
        if self._closing:
            return
        self._closing = True
        from multiprocessing.connection import Client

        try:  # wake the thread out of accept()
            Client(self.address).close()
        except OSError:
            pass
        self._thread.join(5)
        self._listener.close()


class _Request:
    def __init__(self, line: str):
        self.line = line
        self.reply = "error"
        self.done = threading.Event()

    def answer(self, reply: str) -> None:
        self.reply = reply
        self.done.set()


def serve(window, data_dir=None) -> Server | None:
    """Listen for later launches (after the first paint). Returns the server (keep a
    reference; close() at exit) or None when another window already listens here."""
    addr = address(data_dir)
    if addr is None:
        return None
    from multiprocessing.connection import Listener

    try:
        listener = Listener(addr)
    except OSError:
        if sys.platform == "win32" or not os.path.exists(addr):
            return None  # a window of this user listens on that pipe already
        # a socket file left by a crashed window: nobody answered hand_off, so remove it
        try:
            os.unlink(addr)
            listener = Listener(addr)
        except OSError:
            return None
    return Server(window, addr, listener)
