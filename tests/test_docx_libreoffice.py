"""Interop with LibreOffice: a form re-saved as .docx, or as .doc and back, reads the same;
the PDF export prints the annex's labels in the annex's order."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from fupin_forms.models import Annex3, Annex4, Annex5
from fupin_forms.parse.docx import parse_docx
from fupin_forms.render.docx import render_docx

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def _convert(sources: list[Path], to: str, outdir: Path) -> list[Path]:
    """All ``sources`` in one LibreOffice process (its start-up is most of a conversion)."""
    profile = (outdir / "profile").resolve().as_uri()
    subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    out = [outdir / f"{src.stem}.{to.split(':')[0]}" for src in sources]
    assert all(path.is_file() for path in out)
    return out


@pytest.fixture(scope="module")
def filled(tmp_path_factory: Any) -> dict[str, tuple[Any, Path]]:
    from tests.conftest import SAMPLES, load

    folder = tmp_path_factory.mktemp("lo")
    models = [
        Annex4.model_validate(load(SAMPLES / "annex4_linyi_meng.json")),
        Annex3.model_validate(load(SAMPLES / "annex3_binzhou_unit.json")),
        Annex5.model_validate(load(SAMPLES / "annex5_yishui_meng.json")),
    ]
    out = {}
    for model in models:
        path = folder / f"{model.form_id}.docx"
        path.write_bytes(render_docx(model.form_id, model))
        out[model.form_id] = (model, path)
    return out


def _converted(filled: dict[str, tuple[Any, Path]], to: str, outdir: Path) -> dict[str, Path]:
    ids = sorted(filled)
    return dict(zip(ids, _convert([filled[i][1] for i in ids], to, outdir), strict=True))


@pytest.fixture(scope="module")
def resaved(filled: dict[str, tuple[Any, Path]], tmp_path_factory: Any) -> dict[str, Path]:
    """Each filled form re-saved as .docx by LibreOffice (one process for the three)."""
    return _converted(filled, "docx", tmp_path_factory.mktemp("lo-docx"))


@pytest.fixture(scope="module")
def legacy(filled: dict[str, tuple[Any, Path]], tmp_path_factory: Any) -> dict[str, Path]:
    """Each filled form saved as .doc by LibreOffice (one process for the three)."""
    return _converted(filled, "doc", tmp_path_factory.mktemp("lo-doc"))


@pytest.fixture(scope="module")
def blank_pdfs(tmp_path_factory: Any) -> dict[str, Path]:
    """Each blank form exported to PDF by LibreOffice (one process for the three)."""
    folder = tmp_path_factory.mktemp("lo-blank")
    blanks = {}
    for form_id in ("annex3", "annex4", "annex5"):
        blanks[form_id] = (None, folder / f"{form_id}.docx")
        blanks[form_id][1].write_bytes(render_docx(form_id))
    return _converted(blanks, "pdf", folder / "pdf")


@pytest.mark.parametrize("form_id", ["annex3", "annex4", "annex5"])
def test_resaved_docx_reads_the_same(filled: dict, form_id: str, resaved: dict) -> None:
    model, _ = filled[form_id]
    parsed = parse_docx(resaved[form_id])
    assert type(model).model_validate(parsed.data).model_dump() == model.model_dump()


@pytest.mark.parametrize("form_id", ["annex3", "annex4", "annex5"])
def test_doc_and_back_reads_the_same(filled: dict, form_id: str, legacy: dict) -> None:
    model, _ = filled[form_id]
    parsed = parse_docx(legacy[form_id])  # converts .doc → .docx with soffice itself
    assert type(model).model_validate(parsed.data).model_dump() == model.model_dump()


@pytest.mark.parametrize(
    ("form_id", "labels"),
    [
        (
            "annex3",
            [
                "附件3",
                "项目书（一）",
                "填表时间",
                "申报单位",
                "通信地址",
                "单位负责人",
                "联系电话",
                "贫困村名称",
                "项目名称",
                "项目内容",
                "单位意见",
                "县扶贫办核审意见",
                "县级科协意见",
                "市级科协意见",
                "备注",
            ],
        ),
        (
            "annex4",
            [
                "附件4",
                "项目书（二）",
                "填表时间",
                "申报人姓名",
                "通信地址",
                "申报人专业",
                "联系电话",
                "贫困村名称",
                "项目名称",
                "项目类别",
                "项目内容",
                "专家签名",
                "所在单位意见",
                "县扶贫办核审意见",
                "县级科协意见",
                "市级科协意见",
                "备注",
            ],
        ),
        (
            "annex5",
            [
                "附件5",
                "工作台帐",
                "县（市、区）科协",
                "承担项目专家",
                "序号",
                "时间",
                "地点",
                "帮扶活动形式、内容",
            ],
        ),
    ],
)
def test_blank_pdf_is_one_page_in_annex_order(
    form_id: str, labels: list, request: pytest.FixtureRequest
) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    pdf = request.getfixturevalue("blank_pdfs")[form_id]
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert text.count("\f") <= 1, "the blank form should fit one page"
    flat = re.sub(r"\s+", "", text)
    positions = [flat.find(label) for label in labels]
    assert all(p >= 0 for p in positions), dict(zip(labels, positions, strict=True))
    assert positions == sorted(positions)
