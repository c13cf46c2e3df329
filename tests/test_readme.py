"""README's two commands are the real ones: CI runs the test command verbatim."""

import re

from tests.conftest import ROOT


def readme_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text)[:2]


def test_readme_starts_with_two_commands():
    launch, test = readme_commands()
    assert launch.endswith(".venv/bin/shisaku")
    assert "pytest" in test


def test_ci_runs_the_readme_test_command():
    _, test = readme_commands()
    assert test in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
