"""The public API is explicit: a sorted ``__all__`` of names that exist."""

from __future__ import annotations

import importlib

import pytest

import fupin_forms


def test_all_is_sorted_and_complete() -> None:
    names = fupin_forms.__all__
    # isort-style, as ruff's RUF022 keeps it: CONSTANTS, then Classes, then functions
    assert list(names) == sorted(names, key=lambda n: (not n.isupper(), not n[:1].isupper(), n))
    for name in names:
        assert hasattr(fupin_forms, name), name
    assert "validate_record" in names and "check_paths" in names


@pytest.mark.parametrize("module", ["fupin_forms.models", "fupin_forms.rules"])
def test_subpackage_exports(module: str) -> None:
    mod = importlib.import_module(module)
    for name in mod.__all__:
        assert hasattr(mod, name), name


def test_models_import_no_file_format_library() -> None:
    import subprocess
    import sys

    code = (
        "import sys, fupin_forms.models, fupin_forms.rules, fupin_forms.records;"
        "fmts = ('docx', 'docxtpl', 'openpyxl', 'pdfplumber', 'lxml');"
        "bad = [m for m in fmts if m in sys.modules];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_quota_table() -> None:
    quota = fupin_forms.load_quota()
    assert quota.total == 240 and len(quota.quota) == 16
    assert quota.by_city()["临沂"] == 45 and quota.by_city()["莱芜"] == 5


@pytest.mark.parametrize(
    ("alias", "form"),
    [("附件4", "annex4"), ("expert", "annex4"), ("台账", "annex5"), ("ANNEX3", "annex3")],
)
def test_form_aliases(alias: str, form: str) -> None:
    assert fupin_forms.resolve_form_id(alias) == form


def test_lazy_exports_match_all() -> None:
    """Every name in __all__ loads on first use; the package import itself stays light."""
    import subprocess
    import sys

    assert set(fupin_forms._HOME) | {"__version__"} == set(fupin_forms.__all__)
    code = (
        "import sys, fupin_forms.cli;"
        "heavy = [m for m in ('pydantic', 'cn2an', 'fupin_forms.models', 'numpy') if m in sys.modules];"
        "print(heavy); sys.exit(1 if heavy else 0)"
    )
    run = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
