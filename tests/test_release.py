"""Release plumbing: one version number, lock files in step with pyproject, the changelog."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import pytest

import desktop
from tests.conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def pinned(requirements: list[str]) -> dict[str, str]:
    """{normalised name: version} of the `name==version` requirements."""
    pins = {}
    for req in requirements:
        m = re.match(r"\s*([A-Za-z0-9_.-]+)\s*==\s*([^\s;]+)", req)
        assert m, f"not pinned with ==: {req}"
        pins[re.sub(r"[-_.]+", "-", m[1]).lower()] = m[2]
    return pins


def locked(name: str) -> dict[str, str]:
    text = (ROOT / "requirements" / f"{name}.txt").read_text(encoding="utf-8")
    pins = {}
    for m in re.finditer(r"^([A-Za-z0-9_.-]+)==(\S+)", text, re.M):
        pins[re.sub(r"[-_.]+", "-", m[1]).lower()] = m[2]
    return pins


def test_the_version_lives_in_one_place():
    assert "version" not in PYPROJECT["project"]
    assert "version" in PYPROJECT["project"]["dynamic"]
    dynamic = PYPROJECT["tool"]["setuptools"]["dynamic"]["version"]
    assert dynamic == {"attr": "desktop.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", desktop.__version__)


def test_version_flag_prints_it(capsys):
    from desktop.cli.main import main

    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0
    assert desktop.__version__ in capsys.readouterr().out


@pytest.mark.parametrize("lock, extras", [("runtime", []), ("dev", ["dev"])])
def test_lock_files_pin_what_pyproject_pins(lock, extras):
    """After a dependency change in pyproject.toml, run scripts/lock (RELEASING.md)."""
    wanted = pinned(PYPROJECT["project"]["dependencies"])
    for extra in extras:
        wanted |= pinned(PYPROJECT["project"]["optional-dependencies"][extra])
    have = locked(lock)
    stale = {n: (v, have.get(n)) for n, v in wanted.items() if have.get(n) != v}
    assert not stale, f"requirements/{lock}.txt is stale (pyproject, lock): {stale}"


def test_every_locked_package_has_hashes():
    for lock in ("runtime", "dev"):
        text = (ROOT / "requirements" / f"{lock}.txt").read_text(encoding="utf-8")
        for block in re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2]):
            assert "--hash=sha256:" in block, f"{lock}.txt: no hash for {block.split()[0]}"


def test_release_notes_come_from_the_changelog():
    p = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "release-notes"), desktop.__version__],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip()
    assert not p.stdout.lstrip().startswith("## ")  # the body, without its heading


def test_the_tag_check_wants_the_version_and_a_dated_changelog_section(tmp_path):
    script = str(ROOT / "scripts" / "release-notes")
    v = desktop.__version__

    def check(tag, changelog):
        path = tmp_path / "CHANGELOG.md"
        path.write_text(changelog, encoding="utf-8")
        return subprocess.run(
            [sys.executable, script, "--check-tag", tag, "--changelog", str(path)],
            capture_output=True,
            text=True,
            encoding="utf-8",
        )

    dated = f"# Changelog\n\n## [{v}] - 2026-12-01\n### Added\n- x\n"
    assert check(f"v{v}", dated).returncode == 0
    bad = check("v99.0.0", dated)
    assert bad.returncode == 1
    assert v in bad.stderr
    undated = check(f"v{v}", dated.replace("2026-12-01", "Unreleased"))
    assert undated.returncode == 1
    assert "dated" in undated.stderr
