"""Window state restored on the next start; no network; `shisaku --self-test`."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.ui.settings import FILE_NAME, Settings
from tests.ui.conftest import reopen, search

ROOT = Path(__file__).resolve().parents[2]


def test_window_state_is_restored(window, open_window):
    window.resize(760, 560)  # within the offscreen 800×600 screen
    window.splitter.setSizes([250, 500])
    window.open_location("1-3-7")
    window.show_tab(2)
    window.set_zoom(3)
    QApplication.processEvents()  # the panes' minimum widths at that zoom, as shown
    sizes = window.splitter.sizes()
    win2 = reopen(window, open_window)
    assert win2.location == "1-3-7"
    assert win2.tabs.currentIndex() == 2
    assert win2.zoom == 3
    assert win2.size().width() == 760 and win2.size().height() == 560
    assert win2.splitter.sizes() == sizes
    saved = json.loads((Path(os.environ["SHISAKU_DATA_DIR"]) / FILE_NAME).read_text("utf-8"))
    assert saved["last_location"] == "1-3-7" and saved["zoom"] == 3


def test_damaged_settings_fall_back_to_defaults(tmp_path):
    path = tmp_path / FILE_NAME
    path.write_text('{"zoom": "big", "last_tab": 1, "main_splitter": [1, "x"]', "utf-8")
    s = Settings(path)
    assert s.get("zoom") == 0 and s.get("last_tab") == 0
    path.write_text('{"zoom": "big", "last_tab": 1}', "utf-8")
    s = Settings(path)
    assert s.get("zoom") == 0 and s.get("last_tab") == 1


def test_a_ui_session_opens_no_socket(open_window, qtbot, monkeypatch, tmp_path):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError("the app tried to use the network")

    monkeypatch.setattr(socket.socket, "__init__", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    win = open_window()
    search(qtbot, win, "ＤＸ")
    win.open_current_result()
    win.editor.edit.setPlainText("ネットワークなし")
    win.toggle_bookmark()
    win.bookmarks.export_brief(tmp_path / "b.pdf", "pdf")
    win.copy_citation()
    win.about_text()
    win.close()
    assert attempts == []
    assert inet_sockets() == set()  # Qt opened none either (a local socket is not network)


def inet_sockets() -> set[int]:
    """Inodes of this process's open TCP/UDP sockets (Linux /proc; empty elsewhere)."""
    if not os.path.isdir("/proc/self/fd"):
        return set()
    mine = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            mine.add(int(target[8:-1]))
    inet = set()
    for table in ("tcp", "tcp6", "udp", "udp6"):
        try:
            lines = Path(f"/proc/net/{table}").read_text(encoding="utf-8").splitlines()[1:]
        except OSError:
            continue
        inet.update(int(line.split()[9]) for line in lines if len(line.split()) > 9)
    return mine & inet


def run_cli(*args, env=None):
    env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_self_test_exits_0(tmp_path):
    before = (
        set(os.listdir(os.environ["SHISAKU_DATA_DIR"]))
        if os.path.isdir(os.environ["SHISAKU_DATA_DIR"])
        else set()
    )
    r = run_cli("--self-test")
    assert r.returncode == 0, r.stderr
    assert "self-test: OK" in r.stdout
    after = (
        set(os.listdir(os.environ["SHISAKU_DATA_DIR"]))
        if os.path.isdir(os.environ["SHISAKU_DATA_DIR"])
        else set()
    )
    assert after == before  # it used a temporary data folder, not the user's


def test_self_test_fails_with_a_reason(tmp_path):
    broken = tmp_path / "not-a-folder"  # the build folder is a file: nothing can load
    broken.write_text("x")
    r = run_cli("--self-test", env={"SHISAKU_BUILD_DIR": str(broken)})
    assert r.returncode == 1
    assert "self-test: 失敗 (施策集・索引・ユーザーデータの読み込み)" in r.stderr


def test_open_unknown_id_is_a_clear_error():
    r = run_cli("open", "9-9-9")
    assert r.returncode == 2 and "9-9-9" in r.stderr


@pytest.mark.parametrize("mid", ["1-1-28"])
def test_open_id_shows_the_measure(mid, monkeypatch):
    from desktop.ui.app import open_window

    win, ctx = open_window(location=mid)
    try:
        assert win.location == mid
    finally:
        win.close()
        ctx.close()
