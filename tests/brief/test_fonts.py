"""Each system's Japanese font first (Yu Gothic / Meiryo on Windows, Hiragino on macOS,
Noto CJK on Linux); the installed one is used by the PDF and offered to the window."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from desktop import fonts
from tests.conftest import ROOT


@pytest.mark.parametrize(
    "platform,first",
    [("win32", "Yu Gothic"), ("darwin", "Hiragino Sans"), ("linux", "Noto Sans CJK JP")],
)
def test_each_system_prefers_its_own_font(platform, first):
    assert fonts.candidates("document", platform)[0] == first
    assert fonts.document_family(platform) == first


def test_windows_falls_back_to_meiryo_then_ms_gothic():
    assert fonts.pick(["Arial", "Meiryo", "MS Gothic"], platform="win32") == "Meiryo"
    assert fonts.pick(["Arial", "MS Gothic"], platform="win32") == "MS Gothic"
    assert fonts.pick(["Yu Gothic UI", "Yu Gothic"], "ui", "win32") == "Yu Gothic UI"


def test_a_font_copied_from_another_system_is_still_found():
    assert fonts.pick(["DejaVu Sans", "Noto Sans CJK JP"], platform="win32") == "Noto Sans CJK JP"


def test_no_japanese_font_is_none():
    assert fonts.pick(["Arial", "Segoe UI"], platform="win32") is None


def test_the_window_gets_the_japanese_font_behind_its_own():
    """In a fresh process (the app font is process-wide)."""
    code = (
        "from PySide6.QtGui import QGuiApplication\n"
        "from desktop.qtfonts import apply_ui_font\n"
        "app = QGuiApplication([])\n"
        "own = app.font().family()\n"
        "used = apply_ui_font(app)\n"
        "fams = app.font().families()\n"
        "print(used, fams[-1] == used, fams[0] == own, sep='|')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert out.returncode == 0, out.stderr
    family, last, first = out.stdout.strip().splitlines()[-1].split("|")
    assert family in fonts.candidates("ui") and last == "True" and first == "True"
