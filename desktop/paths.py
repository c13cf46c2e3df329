"""Where things live: shipped resources and built data (from db.paths), and user data.

User data never goes into the build folder: it lives in its own folder (data_dir).
"""

from __future__ import annotations

import os
from pathlib import Path

from db.paths import (  # noqa: F401  (re-exported: the core asks desktop.paths)
    SOURCE_NAME,
    build_dir,
    catalogue_path,
    frozen,
    generation_dir,
    index_dir,
    pointer_path,
    resources_dir,
    root,
    source_path,
)
from desktop import APP_NAME


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """User data folder: --data-dir, then SHISAKU_DATA_DIR, then platformdirs."""
    if override:
        return Path(override)
    env = os.environ.get("SHISAKU_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))
