"""Our flattened PDFs read without pdfminer's layout (parse/_pdf_own) give exactly what the
full way gives: the same characters and rectangles, the same tables, the same parsed form.
Anything our writer does not write sends the file the full way."""

from __future__ import annotations

import io
import math
import random
from typing import Any

import pdfplumber
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ContentStream, NameObject, NumberObject

from fupin_forms.models import model_for
from fupin_forms.parse import pdf as pdf_module
from fupin_forms.parse._pdf_own import own_pdf
from fupin_forms.parse._pdf_text import _Glyphs, hint_grey
from fupin_forms.parse.pdf import parse_pdf
from fupin_forms.render.pdf import render_pdf

from .conftest import SAMPLES, load
from .test_pdf_roundtrip import annex3, annex4, annex5

CHAR_KEYS = ("text", "x0", "x1", "top", "bottom", "size", "non_stroking_color")
RECT_KEYS = ("x0", "x1", "y0", "y1", "top", "bottom", "doctop", "width", "height")
EDGE_KEYS = ("x0", "x1", "top", "bottom", "doctop", "width", "height", "orientation")


def _edges(edges: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [tuple(e[k] for k in EDGE_KEYS) for e in edges]


def _same_as_pdfplumber(data: bytes) -> None:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        own = own_pdf(pdf)
        assert own is not None, "our flattened PDF is read the quick way"
        assert len(own.pages) == len(pdf.pages)
        for full, quick in zip(pdf.pages, own.pages, strict=True):
            assert quick.page_number == full.page_number
            assert [tuple(c[k] for k in CHAR_KEYS) for c in quick.chars] == [
                tuple(c[k] for k in CHAR_KEYS) for c in full.chars
            ]
            assert [tuple(r[k] for k in RECT_KEYS) for r in quick.rects] == [
                tuple(r[k] for k in RECT_KEYS) for r in full.rects
            ]
            assert [(c["pts"], *(c[k] for k in RECT_KEYS)) for c in quick.curves] == [
                (c["pts"], *(c[k] for k in RECT_KEYS)) for c in full.curves
            ]
            assert _edges(quick.edges) == _edges(full.edges)
            tables = [(t.bbox, [row.cells for row in t.rows]) for t in full.find_tables()]
            assert [(t.bbox, [row.cells for row in t.rows]) for t in quick.find_tables()] == tables
            assert tables, "the test compares something"


def _parsed_both_ways(data: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    quick = parse_pdf(data)
    with monkeypatch.context() as m:
        m.setattr(pdf_module, "own_pdf", lambda pdf: None)
        full = parse_pdf(data)
    assert quick.form == full.form
    assert {s.method for s in quick.fields.values()} == {"text"}
    assert quick.data == full.data
    assert quick.fields == full.fields
    assert quick.warnings == full.warnings


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.json")), ids=lambda p: p.stem)
def test_samples_read_as_pdfplumber_reads_them(
    sample: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = sample.stem.split("_")[0]
    data = render_pdf(form, model_for(form).model_validate(load(sample)), flatten=True)
    _same_as_pdfplumber(data)
    _parsed_both_ways(data, monkeypatch)


@pytest.mark.parametrize("form", ["annex3", "annex4", "annex5"])
def test_blank_forms(form: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = render_pdf(form, None, flatten=True)
    _same_as_pdfplumber(data)
    _parsed_both_ways(data, monkeypatch)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    case=st.one_of(
        annex3.map(lambda r: ("annex3", r)),
        annex4.map(lambda r: ("annex4", r)),
        annex5.map(lambda r: ("annex5", r)),
    )
)
def test_any_record_reads_as_pdfplumber_reads_it(case: tuple[str, Any]) -> None:
    data = render_pdf(case[0], case[1], flatten=True)
    _same_as_pdfplumber(data)
    with pytest.MonkeyPatch.context() as m:
        _parsed_both_ways(data, m)


def test_fillable_pdfs_are_not_read_the_quick_way() -> None:
    data = render_pdf("annex4", None)  # widgets on the page: pdfminer's business
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert own_pdf(pdf) is None


def _edited(data: bytes, content: bytes | None = None, **page: Any) -> bytes:
    """``data`` with page 1's content stream replaced and/or page entries set."""
    reader = PdfReader(io.BytesIO(data))
    writer = PdfWriter(clone_from=reader)
    first = writer.pages[0]
    if content is not None:
        stream = ContentStream(None, writer)
        stream.set_data(content)
        first.replace_contents(stream)
    for key, value in page.items():
        first[NameObject("/" + key)] = value
    writer.add_metadata({"/Producer": "fupin-forms"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _content(data: bytes) -> bytes:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        stream = pdf.pages[0].page_obj.attrs["Contents"].resolve()
        return bytes(stream.get_data())


@pytest.mark.parametrize(
    ("change", "quick"),
    [
        (lambda c: c, True),  # unchanged, rewritten by pypdf: still ours
        (lambda c: c.replace(b"1 0 0 1 ", b"0 1 -1 0 ", 1), True),  # a rotated line
        (lambda c: b"q " + c + b" Q", False),  # an operator we never write
        (lambda c: c.replace(b"Tf 0 g", b"Tf 0.5 0.5 0.5 rg", 1), False),
        (lambda c: c.replace(b"> Tj", b"00> Tj", 1), False),  # half a glyph code
        (lambda c: c.replace(b"BT", b"BT 2 Tc", 1), False),  # character spacing
        (lambda c: c + b" 1 0 0 1 0 0 cm", False),
        (lambda c: c + b" (text) Tj", False),
        (lambda c: c.replace(b" re", b" 0 re", 1), False),  # an operand too many
        (lambda c: b" " * 100_000 + b"x " + c, False),  # whitespace, then something else
    ],
)
def test_anything_else_goes_the_full_way(
    change: Any, quick: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = render_pdf("annex4", load(SAMPLES / "annex4_dezhou_zhao.json"), flatten=True)
    content = _content(data)
    edited = _edited(data, change(content))
    assert _content(edited) == change(content)
    with pdfplumber.open(io.BytesIO(edited)) as pdf:
        assert pdf.metadata.get("Producer") == "fupin-forms"
        own = own_pdf(pdf)
        assert (own is not None) is quick
        if own is not None:  # accepted only where it gives what pdfminer gives
            for full, mine in zip(pdf.pages, own.pages, strict=True):
                keys = [tuple(c[k] for k in CHAR_KEYS) for c in full.chars]
                assert [tuple(c[k] for k in CHAR_KEYS) for c in mine.chars] == keys
    if own is not None:
        _parsed_both_ways(edited, monkeypatch)


def test_rotated_page_goes_the_full_way() -> None:
    data = _edited(render_pdf("annex5", None, flatten=True), Rotate=NumberObject(90))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert own_pdf(pdf) is None


def test_unknown_glyph_goes_the_full_way() -> None:
    data = render_pdf("annex5", None, flatten=True)
    content = _content(data)
    assert b"<0001" in content
    edited = _edited(data, content.replace(b"<0001", b"<ffff", 1))
    with pdfplumber.open(io.BytesIO(edited)) as pdf:
        assert own_pdf(pdf) is None


def test_glyph_index_picks_what_a_pass_over_the_page_picks() -> None:
    rng = random.Random(15)
    chars: list[dict[str, Any]] = []
    for n in range(400):
        x = math.nan if rng.random() < 0.05 else rng.choice([rng.uniform(0, 100), 30.0])
        y = rng.choice([rng.uniform(0, 100), 50.0, math.nan])
        grey = rng.random() < 0.2
        chars.append(
            {"text": str(n), "x0": x, "x1": x + 2, "top": y, "bottom": y + rng.choice([0, 2]),
             "size": 2, "non_stroking_color": (0.5,) if grey else (0,)}
        )  # fmt: skip
    index = _Glyphs(chars)
    for _ in range(200):
        x0 = rng.choice([rng.uniform(-5, 100), 31.0, 29.0])
        top = rng.choice([rng.uniform(-5, 100), 49.0, 51.0])
        box = (x0, top, x0 + rng.uniform(0, 40), top + rng.uniform(0, 40))
        if rng.random() < 0.05:
            box = (x0, math.nan, box[2], box[3])
        naive = [
            c for c in chars
            if not hint_grey(c)
            and box[0] <= (c["x0"] + c["x1"]) / 2 <= box[2]
            and box[1] <= (c["top"] + c["bottom"]) / 2 <= box[3]
        ]  # fmt: skip
        assert index.inside(box) == naive
