#!/usr/bin/env python3
"""The CI steps, one portable script for Windows, macOS and Linux.

    python scripts/ci.py STEP [STEP ...]

Steps, in the order CI runs them:
  install  create .venv and install the locked dev set, then the project (no deps)
  lint     ruff format --check, ruff check, mypy on the Qt-free core ([tool.mypy] in
           pyproject.toml), and the workflow linter on .github/ (Linux)
  test     the whole pytest suite, Qt offscreen
  exe      build the onedir executable and smoke-test it (scripts/smoke_frozen.py --build)
  onefile  build the one-file executable (a launcher that unpacks the app once per version,
           decision 0008) and smoke-test it (scripts/smoke_frozen.py --build --onefile)
  package  the release archive of the built executable in dist/release/, with its sha256:
           Windows .zip, macOS .zip of 施策ナビ.app (ditto keeps its symlinks), Linux .tar.gz

.ci/run runs the README's test command (= install + test), then lint, exe (as
scripts/build-exe), onefile and package, so the Linux CI leg is what .ci/run proves here; the
Windows and macOS legs run these same steps (.github/workflows/ci.yml). Only the standard
library, so it runs with the system Python before .venv exists.
"""

from __future__ import annotations

import hashlib
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import smoke_frozen  # noqa: E402  (the layout of a build: one source of truth)

VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def say(msg: str) -> None:
    print(f"ci: {msg}", flush=True)


def sh(*cmd: str | Path, env: dict[str, str] | None = None) -> None:
    print("+ " + " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], cwd=ROOT, check=True, env=env)


def install() -> None:
    if not PY.exists():
        say(f"creating {VENV.name}")
        sh(sys.executable, "-m", "venv", VENV)
    say("installing the locked dev set (requirements/dev.txt, hashes checked)")
    sh(PY, "-m", "pip", "install", "--require-hashes", "-r", "requirements/dev.txt")
    sh(PY, "-m", "pip", "install", "-q", "--no-deps", "-e", ".")


def lint() -> None:
    sh(PY, "-m", "ruff", "format", "--check", ".")
    sh(PY, "-m", "ruff", "check", ".")
    sh(PY, "-m", "mypy")  # db/ and desktop/ without desktop/ui/: [tool.mypy] in pyproject.toml
    actionlint = shutil.which("actionlint", path=str(BIN))
    if actionlint:
        sh(actionlint, "-no-color")  # reads .github/workflows/*.yml
        say("workflows OK (actionlint)")
    elif sys.platform.startswith("linux"):
        raise SystemExit("ci: actionlint is missing from .venv (requirements/dev.txt has it)")
    else:
        say("actionlint runs on the Linux leg only")


def test() -> None:
    sh(PY, "-m", "pytest", "-q", env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))


def exe() -> None:
    sh(PY, "scripts/smoke_frozen.py", "--build")


def onefile() -> None:
    sh(PY, "scripts/smoke_frozen.py", "--build", "--onefile")


def archive_name() -> str:
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, "linux")
    machine = platform.machine().lower()
    machine = {"amd64": "x64", "x86_64": "x64", "aarch64": "arm64"}.get(machine, machine)
    return f"shisaku-navi-{smoke_frozen.app_version()}-{system}-{machine}"


def package() -> Path:
    inst = smoke_frozen.Install.default(onefile=False)
    if not inst.gui.is_file():
        raise SystemExit(f"ci: nothing to package: {inst.gui} is missing (run the exe step)")
    out = ROOT / "dist" / "release"
    out.mkdir(parents=True, exist_ok=True)
    name = archive_name()
    start = time.monotonic()
    if sys.platform == "darwin":
        target = out / f"{name}.zip"
        # Finder's own zip format: keeps the .app's symlinks and extended attributes
        sh("ditto", "-c", "-k", "--sequesterRsrc", "--keepParent", inst.root, target)
    elif sys.platform == "win32":
        target = out / f"{name}.zip"
        write_zip(inst.root, target, top=name)
    else:
        target = out / f"{name}.tar.gz"
        with tarfile.open(target, "w:gz", compresslevel=6) as tar:
            tar.add(inst.root, arcname=name)  # keeps the shisaku-cli symlink
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    Path(f"{target}.sha256").write_text(f"{digest}  {target.name}\n", encoding="utf-8")
    say(
        f"{target.relative_to(ROOT)}: {target.stat().st_size / 1e6:.1f} MB in "
        f"{time.monotonic() - start:.0f} s (sha256 {digest[:16]}…)"
    )
    return target


def write_zip(folder: Path, target: Path, top: str) -> None:
    """A zip whose names are ASCII (the top folder is renamed), so that every unzip tool,
    Explorer on Japanese Windows included, extracts it without mangling the names."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for path in sorted(folder.rglob("*")):
            arcname = f"{top}/{path.relative_to(folder).as_posix()}"
            if path.is_dir():
                continue
            z.write(path, arcname)


STEPS = {
    "install": install,
    "lint": lint,
    "test": test,
    "exe": exe,
    "onefile": onefile,
    "package": package,
}


def main(argv: list[str]) -> int:
    unknown = [s for s in argv if s not in STEPS]
    if not argv or unknown:
        print(__doc__, file=sys.stderr)
        return 2
    for step in argv:
        say(f"--- {step}")
        try:
            STEPS[step]()
        except subprocess.CalledProcessError as e:
            print(f"ci: {step} failed: exit {e.returncode} from {e.cmd[0]}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
