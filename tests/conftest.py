"""Shared fixtures: one real catalogue + index built once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# CI replays the same examples every run (a red CI then means a real regression, and the
# example is in the log); local runs keep exploring new ones.
if os.environ.get("CI"):
    from hypothesis import settings

    settings.register_profile("ci", derandomize=True)
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "source" / "000_e79990f1ab181f0e.txt"


@pytest.fixture(scope="session")
def source_text() -> str:
    return SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def document(source_text):
    from db.parse import parse

    return parse(source_text)


@pytest.fixture(scope="session")
def built_dir(tmp_path_factory) -> Path:
    """A build folder with catalogue.sqlite and index/, built from the real source."""
    from db.build import build

    out = tmp_path_factory.mktemp("built")
    build(source=SOURCE, out=out)
    return out


@pytest.fixture(scope="session")
def catalogue(built_dir):
    from desktop.catalogue import Catalogue

    return Catalogue.open(built_dir, ensure=False)


@pytest.fixture(autouse=True)
def _isolated_dirs(built_dir, tmp_path, monkeypatch):
    """Every test reads the session build and writes user data only in its own tmp dir."""
    monkeypatch.setenv("SHISAKU_BUILD_DIR", str(built_dir))
    monkeypatch.setenv("SHISAKU_DATA_DIR", str(tmp_path / "userdata"))
