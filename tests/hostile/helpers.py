"""Shared by the hostile tests: real stores tampered with through sqlite3 directly, and the
CLI run in a fresh process as a user runs it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from desktop.userdata.connection import FILE_NAME

ROOT = Path(__file__).resolve().parents[2]


def tamper(folder: Path, sql: str, *args) -> None:
    """Change the store behind the app's back (as a disk error or another tool would)."""
    con = sqlite3.connect(folder / FILE_NAME, isolation_level=None)
    try:
        con.execute(sql, args)
    finally:
        con.close()


def raw_values(path: Path) -> list[bytes]:
    """Every text or blob value in every table of a SQLite file, as the bytes stored."""
    con = sqlite3.connect(path)
    con.text_factory = bytes
    out = []
    try:
        tables = [
            r[0].decode() for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        for t in tables:
            cols = [r[1].decode() for r in con.execute(f"PRAGMA table_info({t})")]
            for col in cols:
                out += [v for (v,) in con.execute(f"SELECT {col} FROM {t}") if isinstance(v, bytes)]
    finally:
        con.close()
    return out


def run(
    *args: str, data_dir: Path, env: dict | None = None, stdin=None, timeout=120, cwd=ROOT, **kw
):
    """`python -m desktop ARGS` in a fresh process; bytes out, like a terminal gets them."""
    e = dict(os.environ)
    e["SHISAKU_DATA_DIR"] = str(data_dir)
    e["PYTHONPATH"] = str(ROOT)  # the checkout under test, whatever the working folder
    e.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=cwd,
        env=e,
        input=stdin,
        capture_output=True,
        timeout=timeout,
        **kw,
    )


def no_traceback(r: subprocess.CompletedProcess) -> None:
    assert b"Traceback" not in r.stderr, r.stderr.decode("utf-8", "replace")
