"""Release plumbing: one version number, lock files in step with pyproject, the changelog."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib

import pytest

import desktop
from tests.conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def pinned(requirements: list[str]) -> dict[str, str]:
    """{normalised name: version} of the `name==version` requirements; an extra of our own
    (`shisaku-navi[variants]`) stands for its requirements."""
    pins = {}
    for req in requirements:
        own = re.match(r"\s*shisaku-navi\[([a-z0-9_,-]+)\]\s*$", req)
        if own:
            for extra in own[1].split(","):
                pins |= pinned(PYPROJECT["project"]["optional-dependencies"][extra])
            continue
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


def load_script(name: str):
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_files(root, *names):
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")


def test_the_smoke_test_finds_both_executables_in_each_layout(tmp_path):
    """build.spec's three layouts, made as real folders (the script runs on each system)."""
    sf = load_script("smoke_frozen")
    x = sf.EXE_SUFFIX
    onedir = tmp_path / "施策ナビ"
    make_files(onedir, f"shisaku{x}", f"shisaku-cli{x}", "_internal/data/catalogue.sqlite")
    inst = sf.Install(onedir / f"shisaku{x}")
    assert (inst.onefile, inst.in_app, inst.root) == (False, False, onedir)
    assert inst.cli == onedir / f"shisaku-cli{x}"
    shutil.copytree(onedir, tmp_path / "copy" / "施策ナビ")
    moved = inst.relocated(tmp_path / "copy" / "施策ナビ")
    assert moved.cli == tmp_path / "copy" / "施策ナビ" / f"shisaku-cli{x}"

    app = tmp_path / "施策ナビ.app"
    make_files(
        app,
        "Contents/MacOS/shisaku",
        f"Contents/MacOS/shisaku-cli{x}",
        "Contents/Frameworks/libx.dylib",
    )
    inst = sf.Install(app / "Contents" / "MacOS" / "shisaku")
    assert (inst.onefile, inst.in_app, inst.root) == (False, True, app)
    assert inst.cli.name == f"shisaku-cli{x}"

    onefile = tmp_path / "dist" / f"shisaku{x}"
    make_files(onefile.parent, onefile.name)
    inst = sf.Install(onefile)
    assert (inst.onefile, inst.root, inst.cli) == (True, onefile, onefile)


def test_the_windows_zip_has_ascii_names_under_one_folder(tmp_path):
    """Explorer on Japanese Windows must not mangle the names: the top folder is renamed."""
    ci = load_script("ci")
    folder = tmp_path / "施策ナビ"
    make_files(folder, "shisaku.exe", "shisaku-cli.exe", "_internal/data/catalogue.sqlite")
    target = tmp_path / "out.zip"
    ci.write_zip(folder, target, top="shisaku-navi-0.1.0-windows-x64")
    import zipfile

    with zipfile.ZipFile(target) as z:
        names = z.namelist()
        assert z.testzip() is None
    assert sorted(names) == [
        "shisaku-navi-0.1.0-windows-x64/_internal/data/catalogue.sqlite",
        "shisaku-navi-0.1.0-windows-x64/shisaku-cli.exe",
        "shisaku-navi-0.1.0-windows-x64/shisaku.exe",
    ]
    assert all(n.isascii() for n in names)
    assert ci.archive_name().startswith(f"shisaku-navi-{desktop.__version__}-")


def lint_commands() -> list[list[str]]:
    """The commands of scripts/ci.py's lint step: the constant arguments of each sh(...)."""
    import ast

    tree = ast.parse((ROOT / "scripts" / "ci.py").read_text(encoding="utf-8"))
    lint = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "lint")
    return [
        [a.value for a in call.args if isinstance(a, ast.Constant)]
        for call in ast.walk(lint)
        if isinstance(call, ast.Call) and getattr(call.func, "id", None) == "sh"
    ]


def test_lint_type_checks_the_qt_free_core():
    """Every CI leg lints through scripts/ci.py (.ci/run on Linux, the workflow elsewhere),
    and its lint runs mypy with [tool.mypy]: db/ and desktop/ without the window, at the
    oldest Python the project supports, with no blanket pass for missing imports."""
    assert any(cmd[:2] == ["-m", "mypy"] for cmd in lint_commands())
    assert "scripts/ci.py lint" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    workflow = (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    assert "run: python scripts/ci.py lint" in workflow
    mypy = PYPROJECT["tool"]["mypy"]
    assert (mypy["files"], mypy["exclude"]) == (["db", "desktop"], ["^desktop/ui/"])
    assert mypy["check_untyped_defs"] is True
    assert "ignore_missing_imports" not in mypy  # only per module, each named
    floor = re.fullmatch(r">=(\d+\.\d+)", PYPROJECT["project"]["requires-python"])
    assert floor and mypy["python_version"] == floor[1]
