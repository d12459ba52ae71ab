"""README's two commands exist, and CI runs exactly the README's test command."""

from __future__ import annotations

import re

from .conftest import ROOT


def _commands() -> list[str]:
    text = (ROOT / "README.md").read_text("utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text)


def test_readme_has_the_two_commands() -> None:
    install_demo, test = _commands()[:2]
    assert "pip install ." in install_demo and install_demo.endswith("fupin-forms demo")
    assert "[test]" in test and "pytest" in test


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert _commands()[1] in ci.splitlines()
