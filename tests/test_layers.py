"""The design card's boundaries: db/ stands alone; the core never imports Qt widgets
(QtGui for rendering a PDF without a window is allowed)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
    return out


def offenders(folder: Path, banned: str, skip: str | None = None) -> list[str]:
    bad = []
    for py in sorted(folder.rglob("*.py")):
        if skip and skip in py.relative_to(ROOT).parts:
            continue
        for mod in imported_modules(py):
            if mod == banned or mod.startswith(banned + "."):
                bad.append(f"{py.relative_to(ROOT)} imports {mod}")
    return bad


def test_build_side_never_imports_the_core():
    assert offenders(ROOT / "db", "desktop") == []


def test_core_never_imports_qt_widgets():
    assert offenders(ROOT / "desktop", "PySide6.QtWidgets", skip="ui") == []


def test_build_side_never_imports_qt():
    assert offenders(ROOT / "db", "PySide6") == []
