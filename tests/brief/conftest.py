"""A real store with a 6-measure collection (ids with one to three digits, 第2章, footnotes,
several bureaus) and notes, and the tools that read the outputs back (pdftotext, LibreOffice).

PDF tests take pytest-qt's `qapp` so that this process's one Qt application is a QApplication
(the brief would otherwise make a QGuiApplication, which later widget tests cannot use).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from desktop.brief import build_brief
from desktop.userdata import UserStore

NAME = "12/3 局長レク"
DAY = date(2025, 12, 3)
IDS = ("1-1-28", "2-3", "1-1-1", "1-2-5", "1-3-10", "1-1-100")
NOTE = '=HYPERLINK("http://x")\n<script>alert(1)</script>\n局長に確認 😀'
PLAIN_NOTE = "予算額は 2025年度 1,234億円。office の fi 合字も確認"


def tool(name: str) -> str:
    """The path of an outside program a test reads outputs with. CI must have it (fail);
    a developer's machine may not (skip, saying what to install)."""
    path = shutil.which(name)
    if path:
        return path
    hint = {
        "soffice": "apt-get install -y --no-install-recommends libreoffice-writer libreoffice-calc",
        "pdftotext": "apt-get install -y poppler-utils",
        "pdftoppm": "apt-get install -y poppler-utils",
    }.get(name, name)
    if os.environ.get("CI"):
        pytest.fail(f"{name} is required in CI ({hint})")
    pytest.skip(f"{name} is not installed ({hint})")


def pdftotext(path: Path, layout: bool = False) -> str:
    args = [tool("pdftotext")] + (["-layout"] if layout else []) + [str(path), "-"]
    return subprocess.run(args, capture_output=True, check=True).stdout.decode("utf-8")


def soffice_pdf(src: Path, outdir: Path) -> Path:
    """Convert a docx/xlsx to PDF with LibreOffice headless, in a private profile."""
    exe = tool("soffice")
    profile = outdir / "lo-profile"
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(src),
        ],
        capture_output=True,
        check=True,
        timeout=180,
    )
    out = outdir / (src.stem + ".pdf")
    assert out.exists(), f"LibreOffice made no PDF of {src.name}"
    return out


def flat(text: str) -> str:
    """Text without any whitespace (line wrapping and table layout differ by renderer)."""
    return re.sub(r"\s+", "", text)


def without_page_numbers(text: str) -> str:
    return re.sub(r"(?m)^\s*\d+\s*/\s*\d+\s*$", "", text)


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@pytest.fixture
def store(tmp_path):
    with UserStore.open(tmp_path / "ud") as s:
        yield s


@pytest.fixture
def meeting(store, catalogue):
    """The store with the meeting's collection and two notes."""
    store.create_collection(NAME)
    for mid in IDS:
        store.add_bookmark(mid, catalogue.require(mid).title, NAME)
    store.set_note("1-2-5", catalogue.require("1-2-5").title, NOTE)
    store.set_note("1-1-28", catalogue.require("1-1-28").title, PLAIN_NOTE)
    return store


@pytest.fixture
def brief(meeting, catalogue):
    return build_brief(catalogue, meeting, NAME, day=DAY)
