"""Starting the window: errors are visible (a dialog, not only stderr), no display is a clear
error instead of an invisible window, and `shisaku open ID` loads the catalogue once."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.catalogue import Catalogue
from desktop.cli.main import main
from desktop.ui.main_window import MainWindow
from desktop.userdata import UserStore

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def desktop_session(qapp, monkeypatch):
    """As in a desktop session: a display, no forced Qt platform (the test's QApplication
    stays offscreen; it exists already)."""
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    shown = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda *a, **k: shown.append(a[2]) or QMessageBox.StandardButton.Ok
    )
    return shown


def newer_store(folder: Path) -> None:
    UserStore.open(folder).close()
    con = sqlite3.connect(folder / "userdata.sqlite")
    con.execute("PRAGMA user_version = 999")
    con.commit()
    con.close()


def test_a_start_up_error_is_shown_in_a_dialog_and_on_stderr(desktop_session, tmp_path, capsys):
    folder = tmp_path / "ud"
    newer_store(folder)
    assert main(["--data-dir", str(folder)]) == 2
    assert len(desktop_session) == 1
    assert "新しい版の施策ナビ" in desktop_session[0] and "起動できません" in desktop_session[0]
    assert "新しい版の施策ナビ" in capsys.readouterr().err


def test_unknown_id_is_shown_in_a_dialog(desktop_session, capsys):
    assert main(["open", "9-9-9"]) == 2
    assert len(desktop_session) == 1 and "9-9-9" in desktop_session[0]
    assert "9-9-9" in capsys.readouterr().err


def test_open_loads_the_catalogue_once(desktop_session, monkeypatch):
    calls = []
    real = Catalogue.open.__func__

    def counting(cls, *a, **k):
        calls.append(a)
        return real(cls, *a, **k)

    monkeypatch.setattr(Catalogue, "open", classmethod(counting))
    seen = []

    def close_windows():  # like the user: closing the last window ends the event loop
        for w in QApplication.topLevelWidgets():
            if isinstance(w, MainWindow) and w.isVisible():
                seen.append(w.location)
                w.close()

    # not QApplication.quit(): in Qt 6 it posts a second Quit event that would end the next
    # test's event loop at once
    QTimer.singleShot(300, close_windows)
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(QApplication.instance().quit)
    guard.start(20000)  # never hang the suite if the window did not close
    try:
        assert main(["open", "1-1-28"]) == 0
    finally:
        guard.stop()
    assert seen == ["1-1-28"]
    assert len(calls) == 1


def run_cli(*args, timeout=60):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    try:
        return subprocess.run(
            [sys.executable, "-m", "desktop", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(
            f"`shisaku {' '.join(args)}` without a display was still running after {timeout} s"
        )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux display detection")
def test_no_display_is_a_clear_error_not_an_invisible_window():
    r = run_cli(timeout=30)
    assert r.returncode == 2, r.stderr
    assert "画面がありません" in r.stderr and "--self-test" in r.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux display detection")
def test_self_test_still_runs_without_a_display():
    r = run_cli("--self-test", timeout=120)
    assert r.returncode == 0, r.stderr
    assert "self-test: OK" in r.stdout
