"""Prefilled PDF generation and parsing speed, against two baselines, in one run.

    python bench/bench_pdf.py [--reps N]

(a) pypdf filling our blank form and embedding the full Noto Sans SC TrueType (what a
    generic filler must do for Chinese to show everywhere), (b) LibreOffice converting our
    prefilled .docx to PDF (skipped when render.docx or soffice is missing).
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from fupin_forms.models import model_for  # noqa: E402
from fupin_forms.parse.pdf import parse_pdf  # noqa: E402
from fupin_forms.render.pdf import render_pdf  # noqa: E402


def _median_ms(fn, reps: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def _full_font() -> bytes | None:
    try:
        from importlib import resources

        pkg = resources.files("justmytype_intl_cjk") / "fonts" / "ofl" / "notosanssc"
        return (pkg / "NotoSansSC[wght].ttf").read_bytes()
    except (ImportError, FileNotFoundError):
        return None


def _pypdf_fill(form: str, model, font: bytes) -> bytes:  # type: ignore[no-untyped-def]
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    from fupin_forms.layout import page_for
    from fupin_forms.render._pdf_values import field_values

    values = field_values(page_for(form), model.model_dump(mode="json"))
    writer = PdfWriter(clone_from=io.BytesIO(render_pdf(form, None)))
    text = {k: v for k, v in values.items() if isinstance(v, str)}
    for page in writer.pages:
        writer.update_page_form_field_values(page, text, auto_regenerate=False)
    stream = DecodedStreamObject()
    stream.set_data(zlib.compress(font, 6))
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    writer._add_object(stream)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def main() -> None:
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=30)
    reps = parser.parse_args().reps
    samples = {}
    for path in sorted((ROOT / "samples").glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        form = data.pop("form", None) or path.stem.split("_")[0]
        samples.setdefault(form, model_for(form).model_validate(data))
    render_pdf("annex3", None)  # load the font once
    font = _full_font()
    ours_all = []
    print(f"{'form':8} {'ours ms':>8} {'flat ms':>8} {'KB':>6} {'pypdf+font ms':>14} {'ratio':>6}")
    for form, model in samples.items():
        ours = _median_ms(lambda f=form, m=model: render_pdf(f, m), reps)
        flat = _median_ms(lambda f=form, m=model: render_pdf(f, m, flatten=True), reps)
        size = len(render_pdf(form, model)) / 1024
        ours_all.append(ours)
        if font is not None:
            base = _median_ms(lambda f=form, m=model: _pypdf_fill(f, m, font), 3)
            extra = f"{base:14.0f} {base / ours:5.0f}x"
        else:
            extra = "  (justmytype-intl-cjk not installed: skipped)"
        print(f"{form:8} {ours:8.1f} {flat:8.1f} {size:6.0f} {extra}")
    print(f"median prefilled PDF: {statistics.median(ours_all):.1f} ms (goal <= 25 ms)")
    _libreoffice(samples, statistics.median(ours_all))
    pdfs = [render_pdf(f, m, flatten=flat) for f, m in samples.items() for flat in (False, True)]
    t = time.perf_counter()
    for _ in range(3):
        for pdf in pdfs:
            parse_pdf(pdf)
    rate = 3 * len(pdfs) / (time.perf_counter() - t)
    print(f"parse rate: {rate:.1f} PDFs/s (fillable and flattened mixed)")


def _libreoffice(samples, ours: float) -> None:  # type: ignore[no-untyped-def]
    soffice = shutil.which("soffice")
    try:
        from fupin_forms.render.docx import render_docx
    except ImportError:
        print("LibreOffice baseline skipped: fupin_forms.render.docx not available")
        return
    if soffice is None:
        print("LibreOffice baseline skipped: soffice not installed")
        return
    form, model = next(iter(samples.items()))
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"{form}.docx"
        src.write_bytes(render_docx(form, model))
        cmd = [soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile",
               "--convert-to", "pdf", "--outdir", tmp, str(src)]  # fmt: skip
        times = []
        for _ in range(2):
            t = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=True)
            times.append((time.perf_counter() - t) * 1000)
    lo = statistics.median(times)
    print(f"LibreOffice docx->pdf ({form}): {lo:.0f} ms per file, {lo / ours:.0f}x ours")


if __name__ == "__main__":
    main()
