"""Catalogue + index are one generation, switched in one atomic step (issue 14, item 7):
a build killed at any step leaves the old generation or the new one, never a mix, and
what killed builds leave behind is cleaned up."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from db import generation, paths
from db.build import build, ensure_built, is_stale, verified_meta
from desktop.catalogue import Catalogue
from tests import sources
from tests.conftest import ROOT

posix_only = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")

# The child builds and kills itself (SIGKILL, no clean-up of any kind) at one step.
CHILD = r"""
import importlib, os, signal, sys
from pathlib import Path
from db.build import build

out, src, how = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

kind, _, target = how.partition(":")
if kind == "pointer":  # the new pointer is written to its temp file, not yet in place
    real = os.replace
    os.replace = lambda a, b, *x: die() if Path(b).name == "current" else real(a, b, *x)
else:
    module, name = target.rsplit(":", 1)
    mod = importlib.import_module(module)
    f = getattr(mod, name)
    if kind == "after":
        setattr(mod, name, lambda *a, **k: (f(*a, **k), die()))
    else:
        setattr(mod, name, die)
build(source=src, out=out)
"""

# step → (how the child dies, which generation the next open must see)
STEPS = {
    "catalogue written": ("after:db.build:write_catalogue", "old"),
    "index written": ("after:db.index:build_index", "old"),
    "generation published": ("after:db.generation:publish", "old"),
    "pointer not yet replaced": ("pointer:", "old"),
    "pointer replaced": ("before:db.generation:cleanup", "new"),
    "cleaning up": ("after:db.generation:_remove", "new"),
}


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> tuple[Path, Path, Path]:
    """(old source, new source, a build dir with two old generations and a leftover)."""
    d = tmp_path_factory.mktemp("editions")
    old, new = d / "old.txt", d / "new.txt"
    old.write_text(sources.mini("（旧）"), encoding="utf-8")
    new.write_text(sources.mini("（新）"), encoding="utf-8")
    base = d / "template"
    build(source=old, out=base)
    build(source=old, out=base)
    (base / ".build-killed-long-ago").mkdir()
    (base / ".build-killed-long-ago" / "catalogue.sqlite").write_bytes(b"half")
    return old, new, base


def titles(base: Path) -> tuple[str, str]:
    """Measure 1-1-1's title in the catalogue and in the index of the generation in use."""
    import sqlite3

    from db.index import INDEX_FILE

    cat = Catalogue(paths.catalogue_path(base))
    con = sqlite3.connect(paths.index_dir(base) / INDEX_FILE)
    try:
        (indexed,) = con.execute("select title from docs where id = '1-1-1'").fetchone()
    finally:
        con.close()
    return cat.require("1-1-1").title, indexed


def leftovers(base: Path) -> list[str]:
    return sorted(p.name for p in base.iterdir() if p.name.startswith("."))


@posix_only
@pytest.mark.parametrize("step", list(STEPS))
def test_a_build_killed_at_any_step_leaves_old_or_new_never_a_mix(editions, tmp_path, step):
    old, new, template = editions
    base = tmp_path / "data"
    shutil.copytree(template, base)
    how, expect = STEPS[step]
    r = subprocess.run(
        [sys.executable, "-c", CHILD, str(base), str(new), how], cwd=ROOT, capture_output=True
    )
    assert r.returncode == -9, r.stderr.decode()
    assert verified_meta(base) is not None  # current, catalogue and index agree
    want = "最初の施策（旧）" if expect == "old" else "最初の施策（新）"
    assert titles(base) == (want, want)
    # the next open finds it consistent and fresh, and removes killed builds' folders
    Catalogue.open(base)
    assert titles(base) == (want, want)
    assert leftovers(base) == []
    # the next build switches and keeps at most the generation it replaced
    build(source=new, out=base)
    gens = [p.name for p in base.iterdir() if p.name.startswith("gen-")]
    assert len(gens) <= 2 and paths.current_generation(base) in gens
    assert leftovers(base) == [] and titles(base) == ("最初の施策（新）",) * 2


def test_out_of_step_catalogue_and_index_are_rebuilt_at_open(editions, tmp_path):
    old, _, _ = editions
    base = tmp_path / "data"
    build(source=old, out=base)
    first = paths.current_generation(base)
    build(source=old, out=base)
    # an index from the other generation: the stamps disagree, so it is not used as is
    shutil.rmtree(paths.index_dir(base))
    shutil.copytree(base / first / "index", paths.index_dir(base))
    assert verified_meta(base) is None and is_stale(base)
    Catalogue.open(base)
    assert verified_meta(base) is not None and not is_stale(base)


def test_a_garbled_pointer_is_nothing_built(editions, tmp_path):
    old, _, _ = editions
    base = tmp_path / "data"
    build(source=old, out=base)
    paths.pointer_path(base).write_text("../../etc\n", encoding="utf-8")
    assert paths.current_generation(base) is None and is_stale(base)
    assert paths.catalogue_path(base) == base / paths.NO_GENERATION / "catalogue.sqlite"


def test_the_old_layout_and_its_leftovers_are_removed(editions, tmp_path):
    old, _, template = editions
    base = tmp_path / "data"
    base.mkdir()
    shutil.copyfile(
        template / paths.current_generation(template) / "catalogue.sqlite",
        base / "catalogue.sqlite",
    )
    (base / "index").mkdir()
    (base / ".index.old-1-2").mkdir()
    (base / ".build-abc").mkdir()
    ensure_built(base)  # nothing current: builds, then cleans
    names = sorted(p.name for p in base.iterdir())
    assert names == sorted(["build.lock", "current", paths.current_generation(base)])


def test_cleanup_tolerates_a_folder_it_cannot_remove_yet(editions, tmp_path, monkeypatch):
    """On Windows a generation a running window still reads cannot be removed: cleanup
    leaves it and removes it at a later build."""
    old, _, _ = editions
    base = tmp_path / "data"
    build(source=old, out=base)
    build(source=old, out=base)
    oldest = paths.current_generation(base)
    build(source=old, out=base)  # oldest is now two generations back
    real_rmtree = shutil.rmtree

    def busy(p, *a, **k):
        raise PermissionError(13, "in use", str(p))

    monkeypatch.setattr(shutil, "rmtree", busy)
    build(source=old, out=base)
    assert (base / oldest).is_dir()
    monkeypatch.setattr(shutil, "rmtree", real_rmtree)
    build(source=old, out=base)
    assert not (base / oldest).exists()
    assert len([p for p in base.iterdir() if p.name.startswith("gen-")]) == 2


def test_start_up_check_is_cheap(editions, tmp_path):
    """The staleness check (and the tidy-up) import neither sqlite_utils nor whoosh."""
    old, _, template = editions
    base = tmp_path / "data"
    shutil.copytree(template, base)
    code = (
        "import sys; from pathlib import Path; from db.build import ensure_built, is_stale; "
        f"ensure_built(Path({str(base)!r})); print(is_stale(Path({str(base)!r})), "
        "'sqlite_utils' in sys.modules, 'whoosh' in sys.modules)"
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert r.stdout.split() == ["False", "False", "False"], r.stderr
    assert leftovers(base) == []


def test_a_second_build_waits_for_the_first(editions, tmp_path):
    old, _, _ = editions
    base = tmp_path / "data"
    base.mkdir()
    with generation.lock(base):
        with generation.lock(base, wait=False) as got:
            assert got is False
        code = (
            "from pathlib import Path; from db import generation; "
            f"generation.LOCK_WAIT_S = 0.2; generation.lock(Path({str(base)!r})).__enter__()"
        )
        r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
        assert "another build holds the lock" in r.stderr


@posix_only
@pytest.mark.skipif(os.name != "nt" and os.geteuid() != 0, reason="needs root to become nobody")
def test_leftovers_in_a_read_only_build_dir_do_not_stop_start_up():
    """As a user without write access to an installed checkout's build dir."""
    top = Path(tempfile.mkdtemp(prefix="shisaku-ro-"))  # pytest's tmp is private to root
    try:
        base, src = top / "data", top / "edition.txt"
        src.write_text(sources.mini("（旧）"), encoding="utf-8")
        build(source=src, out=base)
        (base / ".build-killed-long-ago").mkdir()
        (base / "build.lock").unlink()
        for p in [top, base, *base.rglob("*")]:
            os.chmod(p, 0o755 if p.is_dir() else 0o644)
        code = (
            "import os, fcntl, hashlib, sqlite3; from pathlib import Path; import db.build; "
            "from desktop.catalogue import Catalogue; os.setgid(65534); os.setuid(65534); "
            f"print(len(Catalogue.open(Path({str(base)!r}))))"
        )
        r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
        assert r.returncode == 0 and r.stdout.split() == ["4"], r.stderr
        assert (base / ".build-killed-long-ago").is_dir()  # left for someone who may write
    finally:
        shutil.rmtree(top)
