"""The fillable PDF: fields named by JSON path, Chinese tooltips, embedded subset font, size."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from fupin_forms.layout import page_for
from fupin_forms.models import model_for
from fupin_forms.render.pdf import TYPING_FONT, render_pdf

from .conftest import SAMPLES, load

FORMS = ("annex3", "annex4", "annex5")
MB = 1024 * 1024


def _fields(pdf: bytes) -> dict[str, object]:
    return dict(PdfReader(io.BytesIO(pdf)).get_fields() or {})


@pytest.mark.parametrize("form", FORMS)
def test_blank_form_has_every_layout_field(form: str) -> None:
    pdf = render_pdf(form, None)
    assert len(pdf) <= MB
    names = set(_fields(pdf))
    page = page_for(form)
    for f in page.fields():
        if f.kind == "check" or "{i}" not in f.path:
            if "participants" in f.path or "outcome" in f.path:
                continue
            assert f.key in names
    if form == "annex5":
        assert {f"entries[{i}].activity" for i in range(7)} <= names
    else:
        assert {f"villages[{i}].phone" for i in range(3)} <= names
        assert "villages[3].phone" not in names


def test_fields_carry_chinese_tooltips_and_typing_font(expert: dict[str, object]) -> None:
    pdf = render_pdf("annex4", model_for("annex4").model_validate(expert))
    fields = _fields(pdf)
    county = fields["reviews.county_cast.opinion"]
    assert county["/TU"] == "县级科协意见"  # type: ignore[index]
    reader = PdfReader(io.BytesIO(pdf))
    acro = reader.trailer["/Root"]["/AcroForm"]
    assert f"/{TYPING_FONT}" in acro["/DA"]
    song = acro["/DR"]["/Font"][f"/{TYPING_FONT}"]
    assert song["/BaseFont"] == "/STSong-Light" and song["/Encoding"] == "/UniGB-UCS2-H"
    assert "/NeedAppearances" not in acro
    assert fields["category=产业技术类"]["/V"] == "/Yes"  # type: ignore[index]
    assert fields["category=技术培训类"]["/V"] == "/Off"  # type: ignore[index]
    assert fields["villages[3].name"]["/V"] == "蒙阴县野店镇烟庄村"  # type: ignore[index]


def test_static_and_values_use_one_embedded_subset(expert: dict[str, object]) -> None:
    reader = PdfReader(io.BytesIO(render_pdf("annex4", model_for("annex4").model_validate(expert))))
    font = reader.pages[0]["/Resources"]["/Font"]["/F1"]
    descendant = font["/DescendantFonts"][0]
    name = str(font["/BaseFont"]).lstrip("/")
    assert name[6] == "+" and name.endswith("NotoSansSC-Regular")
    program = descendant["/FontDescriptor"]["/FontFile2"].get_data()
    assert 1_000 < len(program) < 200_000  # a subset, not the 2 MB font
    assert "山东省科协精准扶贫专家服务行动项目书" in reader.pages[0].extract_text()
    widget = reader.get_fields()["applicant_name"].indirect_reference.get_object()  # type: ignore[index,union-attr]
    appearance = widget["/AP"]["/N"]
    assert appearance["/Resources"]["/Font"]["/F1"] == font  # the value's glyphs: same subset
    flat = PdfReader(io.BytesIO(render_pdf("annex4", expert, flatten=True)))
    assert "孟庆华" in flat.pages[0].extract_text()


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.json")), ids=lambda p: p.stem)
@pytest.mark.parametrize("flatten", [False, True])
def test_samples_stay_under_1mb(path: object, flatten: bool) -> None:
    data = load(path)  # type: ignore[arg-type]
    form = data.pop("form", None) or path.stem.split("_")[0]  # type: ignore[attr-defined]
    pdf = render_pdf(form, model_for(form).model_validate(data), flatten=flatten)
    assert pdf.startswith(b"%PDF-") and len(pdf) <= MB
    assert (b"/AcroForm" in pdf) is not flatten


def test_long_ledger_runs_onto_more_pages(ledger: dict[str, object]) -> None:
    entries = list(ledger["entries"]) * 4  # type: ignore[call-overload]
    data = {**ledger, "entries": entries}
    reader = PdfReader(io.BytesIO(render_pdf("annex5", data)))
    assert len(reader.pages) >= 3
    assert f"entries[{len(entries) - 1}].place" in (reader.get_fields() or {})
    # the header row repeats on every page
    assert all("帮扶活动形式、内容" in p.extract_text() for p in reader.pages)


def test_output_is_deterministic(unit: dict[str, object]) -> None:
    assert render_pdf("annex3", unit) == render_pdf("annex3", unit)
