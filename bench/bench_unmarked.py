"""Unmarked reading (``scan._unmarked``) on every sample printed from Word through LibreOffice,
page 1 at 200 dpi, turned by ±1.5° with noise: field exact-match accuracy and seconds/page.

Run: ``python bench/bench_unmarked.py`` (needs soffice).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium  # type: ignore[import-untyped]

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.test_scan_unmarked import _compare

from fupin_forms import api
from fupin_forms.models import model_for
from fupin_forms.scan._images import to_bgr
from fupin_forms.scan._unmarked import read_unmarked

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def main() -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        sys.exit("soffice not installed")
    tmp = Path(tempfile.mkdtemp())
    names = sorted(p.stem for p in SAMPLES.glob("annex*.json"))
    for name in names:
        form = name.split("_")[0]
        data = json.loads((SAMPLES / f"{name}.json").read_text("utf-8"))
        record = model_for(form).model_validate(data)
        (tmp / f"{name}.docx").write_bytes(api.render_form(form, record, "docx"))
    subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp / 'p').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp), *(str(tmp / f"{n}.docx") for n in names)],
        check=True, capture_output=True,
    )  # fmt: skip
    total = wrong = 0
    seconds = []
    for n, name in enumerate(names):
        form = name.split("_")[0]
        doc = pdfium.PdfDocument(str(tmp / f"{name}.pdf"))
        image = to_bgr(doc[0].render(scale=200 / 72).to_pil())
        doc.close()
        h, w = image.shape[:2]
        angle = 1.5 if n % 2 else -1.5
        m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        image = cv2.warpAffine(image, m, (w, h), borderValue=(255, 255, 255))
        noise = np.random.default_rng(n).normal(0, 6, image.shape)
        image = np.clip(image + noise, 0, 255).astype(np.uint8)
        start = time.perf_counter()
        parsed = read_unmarked(image)
        seconds.append(time.perf_counter() - start)
        data = json.loads((SAMPLES / f"{name}.json").read_text("utf-8"))
        rows = len(parsed.data.get("entries", [])) if form == "annex5" else 99
        t, bad = _compare(form, data, parsed.data, rows=rows)
        total += t
        wrong += len(bad)
        print(f"{name}: {t - len(bad)}/{t} exact, {seconds[-1]:.1f} s", bad)
    print(f"fields exact {100 * (total - wrong) / total:.1f}% of {total}; "
          f"{sum(seconds) / len(seconds):.1f} s/page (first includes model load)")  # fmt: skip


if __name__ == "__main__":
    main()
