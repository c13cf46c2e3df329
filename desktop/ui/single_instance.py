"""One window per user and data folder: a second `shisaku` or `shisaku open ID` hands its
request to the running window and exits, instead of a second app typing into the same
notes.

A local socket (QLocalServer: a named pipe on Windows, a Unix socket elsewhere; never the
network) named after the user and a hash of the data folder, so a test or a second user
with their own data folder never meets another's window. The protocol is one line each
way: "open ID" or "show" → "ok" or "error MESSAGE".

Two launches at the same moment (a double double-click) are ordered by a lock file next
to the socket: the one that gets it opens the window; the other waits for that window to
listen and hands over. A lock left by a process that died is taken over (QLockFile checks
that the owner is alive).

If QtNetwork is missing (a build that left it out), every launch simply runs on its own.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import sys

from desktop import paths

TIMEOUT_MS = 2000
WAIT_S = 15.0  # how long a second launch waits for the first window to start listening


def server_name(data_dir=None) -> str:
    folder = os.path.normcase(str(paths.data_dir(data_dir).resolve()))
    try:
        user = getpass.getuser()
    except Exception:  # no user name (some containers): the folder alone still separates
        user = ""
    digest = hashlib.sha256(f"{user}\0{folder}".encode()).hexdigest()[:16]
    return f"shisaku-{digest}"


def _network():
    try:
        from PySide6 import QtNetwork
    except ImportError:
        return None
    return QtNetwork


def request_line(location: str | None) -> str:
    return f"open {location}" if location else "show"


def _may_be_running(name: str) -> bool:
    """Cheap test before loading QtNetwork: on Unix the server is a socket file in Qt's
    temporary folder. Windows (a named pipe): always ask."""
    if sys.platform == "win32":
        return True
    from PySide6.QtCore import QDir

    return os.path.exists(os.path.join(QDir.tempPath(), name))


def claim(data_dir=None):
    """The right to open the window for this data folder: a held QLockFile (keep it until
    exit), or None when another launch holds it."""
    from PySide6.QtCore import QDir, QLockFile

    lock = QLockFile(os.path.join(QDir.tempPath(), server_name(data_dir) + ".lock"))
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
    name = server_name(data_dir)
    if not _may_be_running(name):
        return False, ""
    net = _network()
    if net is None:
        return False, ""
    sock = net.QLocalSocket()
    sock.connectToServer(name)
    if not sock.waitForConnected(TIMEOUT_MS):
        return False, ""
    sock.write((request_line(location) + "\n").encode("utf-8"))
    sock.flush()
    reply = b""
    while not reply.endswith(b"\n") and sock.waitForReadyRead(TIMEOUT_MS * 5):
        reply += bytes(sock.readAll().data())
    sock.disconnectFromServer()
    answer = reply.decode("utf-8", "replace").strip()
    if answer == "ok":
        return True, ""
    if answer.startswith("error "):
        return True, answer[len("error ") :]
    return False, ""  # a window that does not answer: start our own


def serve(window, data_dir=None):
    """Listen for later launches; requests go to window.handle_request(line) → reply.
    Returns the server (keep a reference; close() at exit) or None."""
    net = _network()
    if net is None:
        return None
    name = server_name(data_dir)
    server = net.QLocalServer(window)
    server.setSocketOptions(net.QLocalServer.SocketOption.UserAccessOption)
    if not server.listen(name):
        # a socket file left by a crashed window: nobody answered hand_off, so remove it
        net.QLocalServer.removeServer(name)
        if not server.listen(name):
            return None

    def accept() -> None:
        while server.hasPendingConnections():
            conn = server.nextPendingConnection()
            buf = bytearray()

            def ready(conn=conn, buf=buf) -> None:
                buf.extend(bytes(conn.readAll().data()))
                if b"\n" not in buf:
                    return
                line = bytes(buf).split(b"\n", 1)[0].decode("utf-8", "replace").strip()
                reply = window.handle_request(line)
                conn.write((reply + "\n").encode("utf-8"))
                conn.flush()
                conn.disconnectFromServer()

            conn.readyRead.connect(ready)
            conn.disconnected.connect(conn.deleteLater)

    server.newConnection.connect(accept)
    return server
