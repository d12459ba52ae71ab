"""Interop: a ledger or roster re-saved by LibreOffice Calc still parses to the same data.

Runs only where ``soffice`` is on PATH. Each run uses its own LibreOffice profile, so it
does not collide with another soffice running on the machine.
"""

from __future__ import annotations

import shutil
import subprocess
import warnings
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fupin_forms.models import Annex4, Annex5
from fupin_forms.parse.xlsx import parse_xlsx
from fupin_forms.records import validate_record
from fupin_forms.render.xlsx import render_ledger_xlsx
from fupin_forms.render.xlsx_roster import render_roster

from .conftest import SAMPLES, load

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not on PATH")
_XLSX = "xlsx:Calc MS Excel 2007 XML"


def _convert(files: list[Path], target: str, outdir: Path, profile: Path) -> list[Path]:
    assert SOFFICE is not None
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", target, "--outdir", str(outdir), *map(str, files)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    suffix = "." + target.split(":")[0]
    out = [outdir / (f.stem + suffix) for f in files]
    assert all(p.is_file() for p in out), list(outdir.iterdir())
    return out


@pytest.fixture(scope="module")
def resaved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """Each source file, and its xlsx→xlsx and xlsx→ods→xlsx copies."""
    root = tmp_path_factory.mktemp("lo")
    profile = root / "profile"
    src = root / "src"
    src.mkdir()
    ledgers = [Annex5.model_validate(load(p)) for p in sorted(SAMPLES.glob("annex5_*.json"))]
    tricky = Annex5(
        county="=1+1",
        expert="测试专家",
        entries=[
            {"seq": 1, "place": "@村", "activity": "-培训\n第二行", "participants": 0},
            {"seq": 2, "date": "2016-02-29", "activity": "+咨询", "outcome": "=SUM(A1:A2)"},
        ],
    )
    experts = [Annex4.model_validate(load(p)) for p in sorted(SAMPLES.glob("annex4_*.json"))]
    files = {
        "ledgers": render_ledger_xlsx(ledgers),
        "tricky": render_ledger_xlsx([tricky]),
        "blank": render_ledger_xlsx([]),
        "roster": render_roster(experts),
    }
    paths = []
    for name, data in files.items():
        (src / f"{name}.xlsx").write_bytes(data)
        paths.append(src / f"{name}.xlsx")
    direct = _convert(paths, _XLSX, root / "xlsx", profile)
    ods = _convert(paths, "ods", root / "ods", profile)
    via_ods = _convert(ods, _XLSX, root / "via_ods", profile)
    return {
        p.stem: {"original": p, "xlsx": d, "ods": v}
        for p, d, v in zip(paths, direct, via_ods, strict=True)
    }


def _models(path: Path) -> list[tuple[str, object]]:
    out = []
    for parsed in parse_xlsx(path):
        checked = validate_record(parsed.form, parsed.data)
        assert not [i for i in checked.issues if i.code == "invalid"], checked.issues
        out.append((parsed.form, checked.model))
    return out


@pytest.mark.parametrize("name", ["ledgers", "tricky", "blank", "roster"])
@pytest.mark.parametrize("route", ["xlsx", "ods"])
def test_resaved_file_parses_to_the_same_data(
    resaved: dict[str, dict[str, Path]], name: str, route: str
) -> None:
    files = resaved[name]
    expected = _models(files["original"])
    assert expected or name == "blank"
    assert _models(files[route]) == expected


@pytest.mark.parametrize("route", ["xlsx", "ods"])
def test_formula_looking_text_stays_text_after_libreoffice(
    resaved: dict[str, dict[str, Path]], route: str
) -> None:
    with warnings.catch_warnings():
        # LibreOffice writes its data validations as x14 extensions, which openpyxl drops
        # with a UserWarning; only the cell values matter here.
        warnings.filterwarnings(
            "ignore", message=".*extension is not supported", category=UserWarning
        )
        wb = load_workbook(resaved["tricky"][route])
    ws = wb.worksheets[0]
    texts = {ws["C2"].value, ws["C4"].value, ws["D4"].value, ws["D5"].value, ws["F5"].value}
    assert texts == {"=1+1", "@村", "-培训\n第二行", "+咨询", "=SUM(A1:A2)"}
    assert all(ws[ref].data_type == "s" for ref in ("C2", "C4", "D4", "D5", "F5"))
    assert ws.print_title_rows == "$1:$3"  # printing setup survives too
    assert ws.page_setup.orientation == "landscape"
