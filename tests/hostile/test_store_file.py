"""#14 items 5, 12, 13: what sits where the store should be. A symlink is never chmod'ed
through, and one that points at anything but a store is refused, as are directories, devices
and FIFOs; copies are private from their first byte; a cut-off store is kept aside, not
silently replaced by an empty one."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from desktop.userdata import UserStore
from desktop.userdata.connection import FILE_NAME
from tests.hostile.helpers import no_traceback, run
from tests.userdata.test_migrations import make_file

posix = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes, symlinks and FIFOs")


def mode(p: Path) -> int:
    return stat.S_IMODE(os.stat(p).st_mode)


def refused(r, word: str) -> None:
    no_traceback(r)
    err = r.stderr.decode("utf-8")
    assert r.returncode == 2, err
    assert word in err and FILE_NAME in err, err


@posix
def test_symlink_to_a_plain_file_is_refused_and_left_alone(tmp_path):
    folder = tmp_path / "ud"
    folder.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("not a store\n", encoding="utf-8")
    os.chmod(victim, 0o644)
    (folder / FILE_NAME).symlink_to(victim)
    refused(run("collection", "list", data_dir=folder), "シンボリックリンク")
    assert mode(victim) == 0o644 and victim.read_text(encoding="utf-8") == "not a store\n"
    assert (folder / FILE_NAME).is_symlink() and sorted(os.listdir(folder)) == [FILE_NAME]


@posix
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="mknod needs root")
def test_symlink_to_a_device_is_refused_and_its_mode_kept(tmp_path):
    node = tmp_path / "null"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # our own /dev/null
    os.chmod(node, 0o666)
    folder = tmp_path / "ud"
    folder.mkdir()
    (folder / FILE_NAME).symlink_to(node)
    refused(run("note", "list", data_dir=folder), "デバイス")
    assert mode(node) == 0o666


@posix
@pytest.mark.parametrize("kind", ["directory", "fifo", "symlink-to-directory", "dangling"])
def test_store_that_is_not_a_file_is_refused(tmp_path, kind):
    folder = tmp_path / "ud"
    folder.mkdir()
    path = folder / FILE_NAME
    if kind == "directory":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "symlink-to-directory":
        (tmp_path / "elsewhere").mkdir()
        path.symlink_to(tmp_path / "elsewhere")
    else:
        path.symlink_to(tmp_path / "nowhere")
    word = {"directory": "フォルダです", "fifo": "FIFO"}.get(kind, "シンボリックリンク")
    refused(run("collection", "list", data_dir=folder, timeout=60), word)
    assert sorted(os.listdir(folder)) == [FILE_NAME]  # nothing moved, nothing created
    assert not (tmp_path / "nowhere").exists()


@posix
def test_symlink_to_a_store_works_without_chmod_through_it(tmp_path):
    real = tmp_path / "synced"
    with UserStore.open(real) as s:
        s.set_note("1-1-1", "t", "kept elsewhere")
    os.chmod(real / FILE_NAME, 0o640)
    folder = tmp_path / "ud"
    folder.mkdir()
    (folder / FILE_NAME).symlink_to(real / FILE_NAME)
    with UserStore.open(folder) as s:
        assert s.get_note("1-1-1").text == "kept elsewhere" and not s.notice
        s.set_note("1-1-1", "t", "written through the link")
    assert mode(real / FILE_NAME) == 0o640
    with UserStore.open(real) as s:
        assert s.get_note("1-1-1").text == "written through the link"


@posix
def test_pre_migration_copy_is_private_even_when_stopped_half_way(tmp_path, monkeypatch):
    """The copy used to be created 0644 and chmod'ed after the rename: a kill in between left
    the user's notes readable by everyone. Stop the migration right before that rename."""
    folder = tmp_path / "ud"
    make_file(folder, 2)
    old_umask = os.umask(0o022)
    real_replace = os.replace

    def killed(src, dst, *a, **k):
        if str(dst).endswith("-backup"):
            raise KeyboardInterrupt  # the process stops here, as SIGKILL would stop it
        return real_replace(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", killed)
    try:
        with pytest.raises(KeyboardInterrupt):
            UserStore.open(folder)
    finally:
        os.umask(old_umask)
        monkeypatch.undo()
    left = [p for p in folder.iterdir() if ".v2-backup" in p.name]
    assert left, sorted(os.listdir(folder))
    assert {p.name: mode(p) for p in left} == {p.name: 0o600 for p in left}
    with UserStore.open(folder) as s:  # and the next start finishes the job
        assert s.get_note("1-1-1").text == "note one 😀"
    assert mode(folder / f"{FILE_NAME}.v2-backup") == 0o600


@pytest.mark.parametrize("size", [0, 1, 100])
def test_cut_off_store_is_kept_aside_and_reported(tmp_path, size):
    folder = tmp_path / "ud"
    with UserStore.open(folder) as s:
        s.set_note("1-1-1", "t", "a note that was there")
    path = folder / FILE_NAME
    with open(path, "r+b") as f:
        f.truncate(size)
    cut = path.read_bytes()
    r = run("note", "list", data_dir=folder)
    no_traceback(r)
    assert r.returncode == 0
    err = r.stderr.decode("utf-8")
    moved = list(folder.glob(f"{FILE_NAME}.corrupt-*"))
    assert len(moved) == 1 and moved[0].read_bytes() == cut
    assert str(moved[0]) in err and "壊れて" in err


def test_a_new_store_is_never_an_empty_file(tmp_path):
    """Created under a temporary name and linked into place whole: the store file either does
    not exist or is a complete database (what makes an empty file mean damage, above)."""
    folder = tmp_path / "ud"
    with UserStore.open(folder) as s:
        assert not s.notice
    assert (folder / FILE_NAME).stat().st_size >= 512
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(FILE_NAME)) == []
    if os.name == "posix":
        assert mode(folder / FILE_NAME) == 0o600
