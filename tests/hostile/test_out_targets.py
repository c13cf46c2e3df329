"""#14 items 2 and 6: every `--out` (backup, brief, export) goes through desktop.outfile.
It used to replace the live store (`--out <data dir>/userdata.sqlite`: notes and history
gone), read-only files, symlinks, FIFOs and device nodes. Now: regular files only, never in
the data folder or onto the store, read-only only with --force, and `-` is standard output."""

from __future__ import annotations

import json
import os
import stat

import pytest

from desktop.cli.main import main
from desktop.userdata import UserStore
from desktop.userdata.connection import FILE_NAME
from tests.hostile.helpers import no_traceback, run

posix = pytest.mark.skipif(os.name != "posix", reason="POSIX symlinks, FIFOs, devices")

SITES = {
    "backup": ["backup"],
    "brief": ["brief", "--collection", "ブックマーク", "--format", "md"],
    "export": ["export", "--format", "jsonl"],
}


@pytest.fixture
def data(tmp_path, catalogue):
    folder = tmp_path / "ud"
    m = catalogue.require("1-1-28")
    with UserStore.open(folder) as s:
        s.set_note(m.id, m.title, "消えてはいけないメモ")
        s.set_note(m.id, m.title, "消えてはいけないメモ (2)")
        s.add_bookmark(m.id, m.title)
    return folder


def cli(capsys, data, site, target, *extra):
    code = main(["--data-dir", str(data), *SITES[site], "--out", str(target), *extra])
    return code, capsys.readouterr()


def intact(data) -> None:
    with UserStore.open(data) as s:
        assert s.get_note("1-1-28").text == "消えてはいけないメモ (2)"
        assert [v.text for v in s.note_history("1-1-28")] == ["消えてはいけないメモ"]


def targets(data, tmp_path):
    """Places that are the store, its copies, or inside its folder, however spelled."""
    UserStore.open(data).close()
    (data / f"{FILE_NAME}.v2-backup").write_bytes(b"an earlier copy")
    (tmp_path / "via").symlink_to(data, target_is_directory=True)
    os.link(data / FILE_NAME, tmp_path / "hardlink.sqlite")
    return {
        "store": data / FILE_NAME,
        "wal": data / (FILE_NAME + "-wal"),
        "copy": data / f"{FILE_NAME}.v2-backup",
        "new file in the data folder": data / "brief.md",
        "dot-dot": data / "sub" / ".." / FILE_NAME,
        "through a symlinked folder": tmp_path / "via" / FILE_NAME,
        "hard link to the store": tmp_path / "hardlink.sqlite",
    }


@posix
@pytest.mark.parametrize("site", SITES)
def test_never_onto_the_store_or_into_its_folder(capsys, data, tmp_path, site):
    (data / "sub").mkdir()
    for name, target in targets(data, tmp_path).items():
        before = target.read_bytes() if target.exists() else None
        code, cap = cli(capsys, data, site, target)
        assert code == 2, (name, cap.out)
        assert "書き出" in cap.err, name
        assert (target.read_bytes() if target.exists() else None) == before, name
        intact(data)


@posix
@pytest.mark.parametrize("site", SITES)
def test_only_regular_files(capsys, data, tmp_path, site):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(victim)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    cases = [link, fifo, folder]
    if os.geteuid() == 0:  # a device node of our own (what /dev/stdout was for root)
        node = tmp_path / "null"
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        cases.append(node)
    for target in cases:
        kind = stat.S_IFMT(os.lstat(target).st_mode)
        code, cap = cli(capsys, data, site, target)
        assert code == 2 and str(target) in cap.err, target
        assert stat.S_IFMT(os.lstat(target).st_mode) == kind, target  # not replaced
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    assert link.is_symlink()


@posix
@pytest.mark.parametrize("site", SITES)
def test_read_only_target_needs_force(capsys, data, tmp_path, site):
    target = tmp_path / "kept.out"
    target.write_text("read-only\n", encoding="utf-8")
    os.chmod(target, 0o444)
    code, cap = cli(capsys, data, site, target)
    assert code == 2 and "--force" in cap.err
    assert target.read_text(encoding="utf-8") == "read-only\n"
    code, cap = cli(capsys, data, site, target, "--force")
    assert code == 0, cap.err
    assert target.read_text(encoding="utf-8") != "read-only\n"


def test_a_new_file_elsewhere_is_still_written(capsys, data, tmp_path):
    for site in SITES:
        target = tmp_path / "出力 フォルダ" / f"{site}.out"
        target.parent.mkdir(exist_ok=True)
        code, cap = cli(capsys, data, site, target)
        assert code == 0, cap.err
        assert target.stat().st_size > 0
    intact(data)


def test_dash_is_standard_output(data, tmp_path):
    r = run("backup", "--out", "-", data_dir=data, cwd=tmp_path)
    no_traceback(r)
    assert r.returncode == 0, r.stderr.decode()
    notes = json.loads(r.stdout)["notes"]
    assert notes[0]["text"] == "消えてはいけないメモ (2)"
    r = run(
        "brief", "--collection", "ブックマーク", "--format", "pdf", "--out", "-",
        data_dir=data, cwd=tmp_path,
    )  # fmt: skip
    no_traceback(r)
    assert r.returncode == 0 and r.stdout.startswith(b"%PDF")
    r = run("export", "--format", "csv", "--out", "-", data_dir=data, cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.startswith("\ufeff".encode())
    assert not (tmp_path / "-").exists()
