"""Where the build side finds the source and puts the catalogue and index.

Built data is read-only at run time. In a source checkout it goes to build/data/; in a
frozen app it is bundled next to the code. User data never goes here (see desktop.paths).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SOURCE_NAME = "000_e79990f1ab181f0e.txt"


def frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def root() -> Path:
    if frozen():
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return root() / "resources"


def source_path() -> Path:
    return resources_dir() / "source" / SOURCE_NAME


def build_dir() -> Path:
    env = os.environ.get("SHISAKU_BUILD_DIR")
    if env:
        return Path(env)
    if frozen():
        return root() / "data"
    return root() / "build" / "data"


def catalogue_path(base: Path | None = None) -> Path:
    return (base or build_dir()) / "catalogue.sqlite"


def index_dir(base: Path | None = None) -> Path:
    return (base or build_dir()) / "index"
