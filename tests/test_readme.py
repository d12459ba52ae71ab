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


def test_readme_points_at_nothing_a_pip_user_lacks() -> None:
    """The README is also the package description on the index: no repository paths."""
    text = (ROOT / "README.md").read_text("utf-8")
    for path in ("../shared", "DESIGN.md", "tools/", "src/", "templates/", "bench/", "samples/",
                 "tests/", ".ci/"):  # fmt: skip
        assert path not in text, path
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 3 |"):
        assert code in text, code  # exit codes


def test_contributing_covers_layout_tools_and_benchmarks() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    for word in ("cli/", "parse/", "models/_values.py", "ruff", "mypy", "lint-imports",
                 "tools/build_templates.py", "bench/run.py", "FUPIN_REQUIRE_INTEROP"):  # fmt: skip
        assert word in text, word


def test_cli_help_lists_the_exit_codes() -> None:
    from click.testing import CliRunner

    from fupin_forms.cli import main

    out = CliRunner().invoke(main, ["--help"]).output
    assert all(f"  {code}  " in out for code in "0123"), out
