"""scripts/system-deps: a newcomer who is not root gets one line to paste and a stopped chain."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "system-deps"
DPKG_STATUS = Path("/var/lib/dpkg/status")

# a bash script for Debian/Ubuntu (on Windows `bash` may even be WSL's launcher)
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="not for Windows")


def listed(*args: str) -> list[str]:
    out = subprocess.run(
        ["bash", str(SCRIPT), *args, "--list"], capture_output=True, text=True, check=True
    ).stdout
    return out.split()


def test_the_app_set_has_only_what_the_app_needs():
    app, test = listed(), listed("--test")
    for tool in ("xvfb", "xauth", "binutils", "poppler-utils", "libreoffice-writer"):
        assert tool not in app
        assert tool in test
    assert "libreoffice-calc" in test
    assert set(app) < set(test)
    assert "fonts-noto-cjk" in app  # the PDF brief embeds a Japanese font


def test_an_unknown_option_is_refused():
    p = subprocess.run(["bash", str(SCRIPT), "--tests"], capture_output=True, text=True)
    assert p.returncode == 2
    assert "usage" in p.stderr


@pytest.fixture
def nobody_dir():
    """A folder `nobody` can read (pytest's tmp_path sits under a root-only folder)."""
    d = Path(tempfile.mkdtemp(prefix="shisaku-sysdeps-"))
    yield d
    shutil.rmtree(d, ignore_errors=True)


def dpkg_status_without(package: str, admindir: Path) -> None:
    """A dpkg database like this machine's, less one package (dpkg honours DPKG_ADMINDIR)."""
    stanzas = DPKG_STATUS.read_text(encoding="utf-8").split("\n\n")
    kept = [s for s in stanzas if s.strip() and not s.startswith(f"Package: {package}\n")]
    assert len(kept) < len([s for s in stanzas if s.strip()]), f"{package} not installed here"
    admindir.mkdir()
    (admindir / "status").write_text("\n\n".join(kept) + "\n", encoding="utf-8")


@pytest.mark.skipif(
    not (
        sys.platform.startswith("linux")
        and DPKG_STATUS.exists()
        and hasattr(os, "geteuid")
        and os.geteuid() == 0
        and shutil.which("setpriv")
    ),
    reason="needs root on Debian/Ubuntu to run the script as nobody",
)
def test_not_root_stops_the_readme_chain_with_one_line_to_paste(nobody_dir):
    tmp_path = nobody_dir
    dpkg_status_without("xauth", tmp_path / "dpkg")
    script = tmp_path / "system-deps"
    shutil.copy(SCRIPT, script)  # nobody may not be able to reach the checkout
    tmp_path.chmod(0o755)
    for p in tmp_path.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "DPKG_ADMINDIR": str(tmp_path / "dpkg"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
    }
    chain = f"bash {script} --test && echo 'the chain went on'"
    p = subprocess.run(
        ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "bash", "-c", chain],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert p.returncode == 1, p.stderr
    assert "the chain went on" not in p.stdout
    (line,) = p.stdout.splitlines()
    assert line.startswith(
        "sudo apt-get update && sudo apt-get install -y --no-install-recommends "
    )
    assert "xauth" in line.split()
    assert "not root" in p.stderr
