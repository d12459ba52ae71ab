"""Plain dictionaries read the quick way (parse/_pdf_objects) are exactly what pdfminer reads:
every object of the test corpus is read both ways and compared, type for type."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pdfminer.pdftypes import PDFObjRef
from pdfminer.psparser import PSLiteral

from fupin_forms.models import model_for
from fupin_forms.parse import pdf as pdf_module
from fupin_forms.parse._pdf_objects import _MISS, ObjectReader
from fupin_forms.parse.pdf import parse_pdf
from fupin_forms.render.pdf import render_pdf

from .conftest import SAMPLES, load
from .hostile import round2

FIXTURES = Path(__file__).parent / "fixtures"
HOSTILE = [
    name for name in round2.CASES
    if name.endswith(".pdf") and not any(
        big in name for big in ("1gb", "100mb", "450000", "mediabox")
    )
]  # fmt: skip


def _same(a: Any, b: Any) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, PDFObjRef):
        return a.objid == b.objid and a.doc is b.doc
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, PSLiteral):
        return a is b
    return bool(a == b)


def _compare(data: bytes, limit: int = 3000) -> tuple[int, int]:
    """(objects read the quick way, objects in the file); fails on any difference."""
    quick = total = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        doc = pdf.doc
        reader = ObjectReader(doc, pdf.stream)
        ids = sorted({i for xref in doc.xrefs for i in xref.get_objids()})[:limit]
        for objid in ids:
            total += 1
            got = reader._read(objid)
            try:
                want = doc.getobj(objid)
            except Exception:  # pdfminer cannot read it: the quick way must not either
                assert got is _MISS, objid
                continue
            if isinstance(got, dict):
                quick += 1
                assert _same(got, want), (objid, got, want)
    return quick, total


def _filled_by_pypdf(data: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.update_page_form_field_values(
        writer.pages[0], {"applicant_name": "王五", "specialty": "果树（苹果）"},
        auto_regenerate=False,
    )  # fmt: skip
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.json")), ids=lambda p: p.stem)
def test_our_fillable_pdfs(sample: Path) -> None:
    form = sample.stem.split("_")[0]
    data = render_pdf(form, model_for(form).model_validate(load(sample)))
    quick, total = _compare(data)
    assert quick > total // 2, "the form fields are read the quick way"


def test_pdf_filled_by_pypdf() -> None:
    data = _filled_by_pypdf(render_pdf("annex4", load(SAMPLES / "annex4_dezhou_zhao.json")))
    quick, _ = _compare(data)
    assert quick > 0
    assert parse_pdf(data).data["applicant_name"] == "王五"


@pytest.mark.parametrize(
    "path", sorted(FIXTURES.rglob("*.pdf")), ids=lambda p: str(p.relative_to(FIXTURES))
)
def test_fixtures(path: Path) -> None:
    _compare(path.read_bytes())


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_pdfs(name: str, tmp_path: Path) -> None:
    (made,) = round2.build(tmp_path, [name])
    _compare(made.read_bytes())


@pytest.mark.parametrize(
    "text",
    [
        b"<</A 1 /B 2.5 /C -.5 /D +3 /E 4. /F [1 2 3 0 R] /G (x y) /H <00ff> /I true /J null>>",
        b"<</Kids [4 0 R 5 0 R]/T(name)/V/Yes/AS/Off/Rect[0 0 10.5 -3]>>",
        b"<</A [null true false [[]] <<>>] /B<</C 1>>>>",
        b"<</A 1 /A null /B 2 /B 3>>",  # null leaves a key out; the last of two wins
        b"<</A <0001>>>",
    ],
)
def test_syntax_read_both_ways(text: bytes) -> None:
    data = _one_object_pdf(text)
    quick, _ = _compare(data)
    assert quick >= 1


@pytest.mark.parametrize(
    "text",
    [
        b"<</A (a\\)b)>>",  # escapes: pdfminer's
        b"<</A (a(b)c)>>",  # nested parentheses
        b"<</A#20B 1>>",  # # in a name
        b"<</A 1 % comment\n>>",
        b"<</A 1 0 R0>>",
        b"<</A <0 0 0 1>>>",  # spaces in a hex string
        b"<</A 1>> stream\nxx\nendstream",
        b"<</A [1 2>>",  # unbalanced
        b"[1 2 3]",  # not a dictionary
        b"<</A 1.2.3>>",
        b"<</A 1 /B>>",  # odd number of items
    ],
)
def test_anything_else_is_pdfminers(text: bytes) -> None:
    data = _one_object_pdf(text)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert ObjectReader(pdf.doc, pdf.stream)._read(3) is _MISS
    _compare(data)


def test_parse_reads_the_same_with_and_without(monkeypatch: pytest.MonkeyPatch) -> None:
    for sample in sorted(SAMPLES.glob("*.json")):
        form = sample.stem.split("_")[0]
        data = render_pdf(form, model_for(form).model_validate(load(sample)))
        quick = parse_pdf(data)
        with monkeypatch.context() as m:

            class Slow(ObjectReader):
                def _read(self, objid: int) -> Any:
                    return super()._read(-1)  # never found: pdfminer reads everything

            m.setattr(pdf_module, "ObjectReader", Slow)
            slow = parse_pdf(data)
        assert (quick.data, quick.fields, quick.warnings) == (slow.data, slow.fields, slow.warnings)


def _one_object_pdf(text: bytes) -> bytes:
    """A one-page PDF whose object 3 is ``text``, with a correct cross-reference table."""
    objects = [
        b"<</Type /Catalog /Pages 2 0 R>>",
        b"<</Type /Pages /Kids [4 0 R] /Count 1>>",
        text,
        b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 100 100]>>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
