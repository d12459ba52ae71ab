"""Other tools on our PDFs: qpdf checks them, pdftk fills them, poppler and MuPDF render their
Chinese with no system font at all. Each test skips when its tool is not installed."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from fupin_forms.models import model_for
from fupin_forms.parse.pdf import parse_pdf
from fupin_forms.render.pdf import render_pdf

from .conftest import SAMPLES, load


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed")
    return path


def _all_pdfs() -> list[tuple[str, bytes]]:
    out = [(f"{f}_blank", render_pdf(f, None)) for f in ("annex3", "annex4", "annex5")]
    for path in sorted(SAMPLES.glob("*.json")):
        data = load(path)
        form = data.pop("form", None) or path.stem.split("_")[0]
        model = model_for(form).model_validate(data)
        out += [
            (path.stem, render_pdf(form, model)),
            (path.stem + "_flat", render_pdf(form, model, flatten=True)),
        ]
    return out


def test_qpdf_check_passes_on_every_generated_pdf(tmp_path: Path) -> None:
    qpdf = _need("qpdf")
    for name, pdf in _all_pdfs():
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(pdf)
        result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, f"{name}: {result.stdout}{result.stderr}"
        assert "No syntax or stream encoding errors" in result.stdout


XFDF = """<?xml version="1.0" encoding="UTF-8"?>
<xfdf xmlns="http://ns.adobe.com/xfdf/" xml:space="preserve"><fields>
<field name="applicant_name"><value>欧阳明</value></field>
<field name="villages[0].name"><value>费县朱田镇大井村</value></field>
<field name="reviews.county_cast.opinion"><value>同意推荐，请市科协审核。</value></field>
<field name="category=科普教育类"><value>Yes</value></field>
</fields></xfdf>
"""


def test_pdftk_reads_our_field_names_and_chinese_values(
    tmp_path: Path, expert: dict[str, object]
) -> None:
    pdftk = _need("pdftk")
    path = tmp_path / "filled.pdf"
    path.write_bytes(render_pdf("annex4", expert))
    result = subprocess.run(
        [pdftk, str(path), "dump_data_fields_utf8"], capture_output=True, check=True
    )
    dump = result.stdout.decode("utf-8")
    assert "FieldName: reviews.county_cast.opinion" in dump
    assert "FieldNameAlt: 县级科协意见" in dump
    assert "FieldValue: 孟庆华" in dump


def test_pdftk_fill_form_with_utf8_xfdf_parses_exactly(tmp_path: Path) -> None:
    """pdftk-java ≥ 3.3 fills Chinese with ``replacement_font`` (its bundled iText has no CJK
    CMaps for the STSong-Light typing font): we point it at the font fupin-forms ships."""
    from importlib import resources

    pdftk = _need("pdftk")
    blank = tmp_path / "blank.pdf"
    blank.write_bytes(render_pdf("annex4", None))
    xfdf = tmp_path / "values.xfdf"
    xfdf.write_text(XFDF, "utf-8")
    out = tmp_path / "filled.pdf"
    font = resources.files("fupin_forms").joinpath("_fonts", "NotoSansSC-GBK.ttf")
    result = subprocess.run(
        [pdftk, str(blank), "fill_form", str(xfdf), "output", str(out), "replacement_font", str(font)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = parse_pdf(out).data
    assert data["applicant_name"] == "欧阳明"
    assert data["villages"][0]["name"] == "费县朱田镇大井村"
    assert data["reviews"]["county_cast"]["opinion"] == "同意推荐，请市科协审核。"
    assert data["category"] == "科普教育类"


def _no_fonts_env(tmp_path: Path) -> dict[str, str]:
    """fontconfig pointed at an empty font directory: no CJK (or any) system font."""
    (tmp_path / "fonts").mkdir()
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<dir>{tmp_path / 'fonts'}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>"
    )
    return {**os.environ, "FONTCONFIG_FILE": str(conf), "FONTCONFIG_PATH": str(tmp_path)}


def _ink(ppm: bytes, box: tuple[int, int, int, int]) -> int:
    """Dark pixels of a binary PPM (P6) inside ``box`` (x0, y0, x1, y1 in pixels from top)."""
    parts = ppm.split(maxsplit=4)
    width = int(parts[1])
    pixels = parts[4]
    x0, y0, x1, y1 = box
    return sum(1 for y in range(y0, y1) for x in range(x0, x1) if pixels[3 * (y * width + x)] < 128)


def _value_boxes(dpi: int) -> list[tuple[int, int, int, int]]:
    """Pixel boxes of the applicant-name and first-village cells, from the widgets' rects."""
    import io

    from pypdf import PdfReader

    pdf = render_pdf("annex4", None)
    fields = PdfReader(io.BytesIO(pdf)).get_fields() or {}
    boxes = []
    for key in ("applicant_name", "villages[0].name", "reviews.unit.opinion"):
        widget = fields[key].indirect_reference.get_object()  # type: ignore[union-attr]
        x0, y0, x1, y1 = (float(v) for v in widget["/Rect"])
        k = dpi / 72
        boxes.append(
            (int(x0 * k) + 2, int((842 - y1) * k) + 2, int(x1 * k) - 2, int((842 - y0) * k) - 2)
        )
    return boxes


@pytest.mark.parametrize("tool", ["pdftoppm", "mutool"])
def test_values_render_without_any_system_font(
    tool: str, tmp_path: Path, expert: dict[str, object]
) -> None:
    exe = _need(tool)
    env = _no_fonts_env(tmp_path)
    dpi = 72
    images = {}
    for name, record in (("blank", None), ("filled", expert)):
        pdf = tmp_path / f"{name}.pdf"
        pdf.write_bytes(render_pdf("annex4", record))
        if tool == "pdftoppm":
            cmd = [exe, "-r", str(dpi), "-f", "1", "-l", "1", str(pdf)]
            images[name] = subprocess.run(cmd, env=env, capture_output=True, check=True).stdout
        else:
            out = tmp_path / f"{name}.ppm"
            cmd = [exe, "draw", "-q", "-r", str(dpi), "-o", str(out), str(pdf), "1"]
            subprocess.run(cmd, env=env, capture_output=True, check=True)
            images[name] = out.read_bytes()
    for box in _value_boxes(dpi):
        assert _ink(images["blank"], box) == 0
        assert _ink(images["filled"], box) > 20, f"{tool} drew no value in {box}"


def test_values_render_in_pdfium(tmp_path: Path, expert: dict[str, object]) -> None:
    """PDFium (Chrome's PDF engine, via pypdfium2) draws the prefilled values too."""
    import pypdfium2 as pdfium
    dpi = 72
    images = {}
    for name, record in (("blank", None), ("filled", expert)):
        doc = pdfium.PdfDocument(render_pdf("annex4", record))
        doc.init_forms()  # as a viewer does: PDFium then draws the fields' appearance streams
        try:
            bitmap = doc[0].render(scale=dpi / 72, may_draw_forms=True)
            image = bitmap.to_pil().convert("RGB")
        finally:
            doc.close()
        header = f"P6 {image.width} {image.height} 255\n".encode()
        images[name] = header + image.tobytes()
    for box in _value_boxes(dpi):
        assert _ink(images["blank"], box) == 0
        assert _ink(images["filled"], box) > 20, f"PDFium drew no value in {box}"
