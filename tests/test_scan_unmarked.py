"""Reading annexes printed from our Word forms, which carry no marks: LibreOffice turns the
rendered .docx into a PDF, PDFium rasterises it at 200 dpi (a clean scan), the page is turned
a little or upside down and noised, and ``read_unmarked`` must find the table by its rules,
the cells by their labels, and read the sample's values back. Also: Word print marks."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytest
import zxingcpp

from fupin_forms import api
from fupin_forms.layout import Field, page_for
from fupin_forms.models import cn_date, model_for
from fupin_forms.render._docx_context import get_path
from fupin_forms.scan._images import to_bgr
from fupin_forms.scan._unmarked import read_unmarked

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
SAMPLES = Path(__file__).resolve().parents[1] / "samples"
CASES = {
    "annex4": "annex4_dezhou_zhao",
    "annex3": "annex3_binzhou_unit",
    "annex5": "annex5_yishui_meng",
}


def _sample(form: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SAMPLES / f"{CASES[form]}.json").read_text("utf-8"))
    return data


def _to_pdf(tmp: Path, docs: dict[str, bytes]) -> dict[str, Path]:
    for name, data in docs.items():
        (tmp / f"{name}.docx").write_bytes(data)
    profile = (tmp / "profile").as_uri()
    subprocess.run(
        [SOFFICE or "soffice", f"-env:UserInstallation={profile}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp), *(str(tmp / f"{n}.docx") for n in docs)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return {name: tmp / f"{name}.pdf" for name in docs}


def _raster(pdf: Path, page: int = 0) -> np.ndarray:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return to_bgr(doc[page].render(scale=200 / 72).to_pil())
    finally:
        doc.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, np.ndarray]:
    """Page 1 of each sample as printed from Word, plus a blank 附件3."""
    tmp = tmp_path_factory.mktemp("unmarked")
    docs = {
        form: api.render_form(form, model_for(form).model_validate(_sample(form)), "docx")
        for form in CASES
    }
    docs["blank3"] = api.render_form("annex3", None, "docx")
    return {name: _raster(pdf) for name, pdf in _to_pdf(tmp, docs).items()}


def _scanned(image: np.ndarray, angle: float, seed: int) -> np.ndarray:
    """A small rotation about the centre and sensor noise, like a flatbed scan."""
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    turned = cv2.warpAffine(image, matrix, (w, h), borderValue=(255, 255, 255))
    noise = np.random.default_rng(seed).normal(0, 6, turned.shape)
    return np.clip(turned.astype(np.float64) + noise, 0, 255).astype(np.uint8)


def _shown(f: Field, value: Any) -> str | bool:
    if f.kind == "option":
        return value == f.option
    if f.kind == "check":
        return bool(value)
    if f.kind == "date" and value and "-" in str(value):
        return cn_date(value)
    return "" if value is None else str(value)


def _compare(
    form: str, data: dict[str, Any], got: dict[str, Any], rows: int = 99
) -> tuple[int, list[Any]]:
    """(fields compared, mismatches) over every field the sample fills or leaves blank."""
    page = page_for(form)
    total, wrong = 0, []
    concrete: list[Field] = [f for f in page.fields() if "{i}" not in f.path]
    for repeat in page.repeats():
        n = min(len(data.get(repeat.list_path) or []), rows)
        concrete += [f.at(i) for i in range(n) for f in repeat.fields]
    for f in concrete:
        path = f.path.replace("[", ".").replace("]", "")
        want = _shown(f, _get(data, path))
        have = _shown(f, _get(got, path))
        if f.kind == "option":
            have = _get(got, path) == f.option
        total += 1
        if want != have:
            wrong.append((f.key, want, have))
    return total, wrong


def _get(data: Any, path: str) -> Any:
    for step in path.split("."):
        if isinstance(data, list):
            data = data[int(step)] if step.isdigit() and int(step) < len(data) else None
        else:
            data = get_path(data, step)
    return data


@pytest.mark.parametrize(
    ("form", "angle", "flip"), [("annex4", 1.5, False), ("annex3", -1.0, True)]
)
def test_word_print_reads_back(
    pages: dict[str, np.ndarray], form: str, angle: float, flip: bool
) -> None:
    image = _scanned(pages[form], angle, seed=7)
    if flip:
        image = np.ascontiguousarray(image[::-1, ::-1])
    parsed = read_unmarked(image)
    assert parsed.form == form
    total, wrong = _compare(form, _sample(form), parsed.data)
    assert total >= 25
    assert len(wrong) <= 0.05 * total, wrong
    h, w = image.shape[:2]
    for key, source in parsed.fields.items():
        assert source.method == "ocr" and source.page == 1 and source.where, key
        assert source.bbox is not None and 0.0 <= source.confidence <= 1.0
        x0, y0, x1, y1 = source.bbox
        assert -5 <= x0 < x1 <= w + 5 and -5 <= y0 < y1 <= h + 5, (key, source.bbox)


def test_ledger_page_reads_rows(pages: dict[str, np.ndarray]) -> None:
    parsed = read_unmarked(_scanned(pages["annex5"], 0.8, seed=3), form_hint="ledger")
    data = _sample("annex5")
    rows = len(parsed.data["entries"])
    assert rows == 10  # page 1 of 2 holds ten of the thirteen activities
    total, wrong = _compare("annex5", data, parsed.data, rows=rows)
    assert len(wrong) <= 0.05 * total, wrong


def test_blank_annex3_has_no_values(pages: dict[str, np.ndarray]) -> None:
    parsed = read_unmarked(pages["blank3"])
    assert parsed.form == "annex3"
    assert parsed.data["villages"] == []
    flat = json.dumps(parsed.data, ensure_ascii=False)
    assert "请填写" not in flat
    assert parsed.data["unit_name"] is None and parsed.data["filled_on"] is None
    assert all(parsed.data["reviews"][k]["stamped"] is None for k in parsed.data["reviews"])


def test_word_marks_print_on_every_page(tmp_path: Path) -> None:
    import io
    import zipfile

    from fupin_forms.render._docx_marks import render_docx_marked
    from fupin_forms.render.docx import render_docx

    record = model_for("annex5").model_validate(_sample("annex5"))
    plain = api.render_form("annex5", record, "docx")
    marked = render_docx_marked("annex5", record)
    # marks are opt-in: the API's default is the plain renderer's output, with no mark parts
    assert plain == render_docx("annex5", record)
    mark_parts = {"word/header_fpw.xml", "word/media/fpw_qr.png", "word/media/fpw_marker.png"}
    assert not mark_parts & set(zipfile.ZipFile(io.BytesIO(plain)).namelist())
    assert mark_parts <= set(zipfile.ZipFile(io.BytesIO(marked)).namelist())
    pdf = _to_pdf(tmp_path, {"marked": marked, "plain": plain})
    for n in range(2):
        marked = _raster(pdf["marked"], n)
        codes = [c.text for c in zxingcpp.read_barcodes(marked)]
        assert any(c.startswith("FPW:5:1:0/0:13:") for c in codes), codes
        assert zxingcpp.read_barcodes(_raster(pdf["plain"], n)) == []
    # the table does not move: the body's ink below the header band is the same
    a, b = _raster(pdf["marked"]), _raster(pdf["plain"])
    band = slice(200, a.shape[0] - 200), slice(150, a.shape[1] - 150)
    assert float(np.abs(a[band].astype(int) - b[band].astype(int)).mean()) < 0.5
