"""Helpers for user-data tests: real stores, real catalogue copies, real subprocesses."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

from db import paths

ROOT = Path(__file__).resolve().parents[2]


def edited_catalogue(
    built_dir: Path,
    dest: Path,
    titles: dict[str, str],
    delete: tuple[str, ...] = (),
    bodies: dict[str, str] | None = None,
):
    """A real catalogue file copied from the build, with some titles (and bodies) changed
    (a new edition: like every build, it gets a generation id of its own)."""
    from desktop.catalogue import Catalogue

    dest.mkdir(parents=True, exist_ok=True)
    path = dest / "catalogue.sqlite"
    shutil.copyfile(paths.catalogue_path(built_dir), path)
    con = sqlite3.connect(path)
    with con:
        con.execute(
            "UPDATE meta SET value = ? WHERE key = 'generation'", (f"edited-{uuid.uuid4().hex}",)
        )
        for mid, title in titles.items():
            con.execute("UPDATE measures SET title = ? WHERE id = ?", (title, mid))
        for mid, body in (bodies or {}).items():
            con.execute("UPDATE measures SET body = ? WHERE id = ?", (body, mid))
        for mid in delete:
            for table, col in (
                ("footnotes", "measure_id"),
                ("measure_bureaus", "measure_id"),
                ("measures", "id"),
            ):
                con.execute(f"DELETE FROM {table} WHERE {col} = ?", (mid,))
    con.close()
    return Catalogue(path)


def run_cli(
    *args: str, data_dir: Path, stdin: bytes | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    """`python -m desktop ARGS` in a fresh process, as a user would run it."""
    e = dict(os.environ)
    e["SHISAKU_DATA_DIR"] = str(data_dir)
    e.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=ROOT,
        env=e,
        input=stdin,
        capture_output=True,
        timeout=120,
    )
