"""Where the build side finds the source and puts the catalogue and index.

Built data is read-only at run time. In a source checkout it goes to build/data/; in a
frozen app it is bundled next to the code. User data never goes here (see desktop.paths).

The build dir holds generations: `gen-<id>/` with catalogue.sqlite and index/, built
together, and the file `current` naming the generation in use (see db.generation). Every
reader finds the catalogue and the index through catalogue_path() / index_dir(), which
resolve `current`, so both always come from the same generation.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

SOURCE_NAME = "000_e79990f1ab181f0e.txt"
POINTER = "current"  # names the generation in use
GENERATION = re.compile(r"^gen-[0-9A-Za-z-]{1,64}$")
NO_GENERATION = "gen-none"  # where paths point before anything is built (never created)


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


def pointer_path(base: Path | None = None) -> Path:
    return (base or build_dir()) / POINTER


def current_generation(base: Path | None = None) -> str | None:
    """The name of the generation in use (`gen-…`), None if nothing valid is built."""
    try:
        name = pointer_path(base).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return name if GENERATION.match(name) else None


def generation_dir(base: Path | None = None) -> Path:
    """The folder of the generation in use (a path that does not exist if none is)."""
    return (base or build_dir()) / (current_generation(base) or NO_GENERATION)


def catalogue_path(base: Path | None = None) -> Path:
    return generation_dir(base) / "catalogue.sqlite"


def index_dir(base: Path | None = None) -> Path:
    return generation_dir(base) / "index"
