"""The wheel carries the templates, schemas and samples, so an installed copy finds them, and
nothing a user does not need (the scan images under samples/scans are for tests and benchmarks)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from fupin_forms._resources import resource_dir

from .conftest import ROOT


def test_wheel_ships_templates_schemas_and_samples(tmp_path: Path) -> None:
    import hatchling  # noqa: F401  (the test extra: a missing build backend fails here)
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("fupin_forms-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for form in ("annex3", "annex4", "annex5"):
        assert f"fupin_forms/_resources/templates/annex/{form}.docx" in names
        assert f"fupin_forms/_resources/schemas/{form}.schema.json" in names
    assert "fupin_forms/_resources/samples/annex4_linyi_meng.json" in names
    assert "fupin_forms/_resources/samples/invalid/annex4_bad_values.expected.json" in names
    assert not [n for n in names if "/scans/" in n or n.endswith((".jpg", ".tif"))]
    assert all(n.startswith(("fupin_forms/", "fupin_forms-")) for n in names)
    assert "fupin_forms/data/annex2_quota.json" in names
    assert "fupin_forms/py.typed" in names
    assert "fupin_forms/_fonts/NotoSansSC-GBK.ttf" in names  # Chinese PDFs need no system font
    assert "fupin_forms/_fonts/OFL.txt" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "fupin-forms = fupin_forms.cli:main" in text


def test_resources_resolve() -> None:
    assert (resource_dir("schemas") / "annex4.schema.json").is_file()
    assert (resource_dir("samples") / "annex4_linyi_meng.json").is_file()


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "fupin_forms", "--version"], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 0 and "fupin-forms" in result.stdout
