"""One registry of formats: the CLI, the window's menus and the README all follow it, and
the export libraries load only when a brief is written."""

from __future__ import annotations

import subprocess
import sys

import pytest

from desktop.brief import FORMATS, UnknownFormat, render, write_brief
from tests.brief.conftest import NAME
from tests.conftest import ROOT


def test_the_registry_has_the_five_formats():
    assert set(FORMATS) == {"md", "csv", "pdf", "docx", "xlsx"}
    for f in FORMATS.values():
        assert f.filter.endswith(f"(*.{f.key})")


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_renders_the_brief(qapp, brief, fmt):
    data = render(brief, fmt)
    magic = {"pdf": b"%PDF-", "docx": b"PK", "xlsx": b"PK", "csv": b"\xef\xbb\xbf"}
    assert data.startswith(magic.get(fmt, b"# "))


def test_an_unknown_format_is_refused_before_anything_is_read(tmp_path):
    with pytest.raises(UnknownFormat, match="未対応の形式です: odt"):
        write_brief(None, None, NAME, "odt", tmp_path / "b.odt")
    assert not (tmp_path / "b.odt").exists()


def test_cli_choices_are_the_registry():
    from desktop.cli.main import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    fmt = next(a for a in sub.choices["brief"]._actions if a.dest == "format")
    assert list(fmt.choices) == list(FORMATS)


def test_readme_and_docs_name_every_format():
    expected = "|".join(FORMATS)
    readme = (ROOT / "README.md").read_text(encoding="utf-8").replace("\\|", "|")
    assert f"--format {expected} " in readme
    docs = (ROOT / "docs" / "brief.md").read_text(encoding="utf-8")
    assert f"--format {expected}" in docs


def test_start_up_loads_no_export_library():
    """The window and the CLI start without python-docx, openpyxl or the PDF renderer."""
    code = (
        "import sys\n"
        "from desktop.cli.main import build_parser\n"
        "build_parser()\n"
        "import desktop.ui.main_window\n"
        "heavy = [m for m in ('docx', 'openpyxl', 'lxml', 'desktop.brief.render_pdf',"
        " 'desktop.brief.render_docx', 'desktop.brief.render_xlsx') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
