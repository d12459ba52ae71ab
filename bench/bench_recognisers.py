"""Recognisers side by side on handwriting-like line crops, per field kind.

Crops: every single-line value zone of synthetic marked pages filled in the ``hand`` style
(glyph jitter, blue ink), upright and slanted (shear 0.25, 80 % size), registered and cut
by ``_lines`` exactly as the reader does. Recognisers (all offline, no hub download):

- ``v6-small``: PP-OCRv6 small rec, inside the ``rapidocr`` 3.10 wheel (the default);
- ``v4-mobile``: PP-OCRv4 mobile rec, inside the ``rapidocr-onnxruntime`` 1.4.4 wheel
  (pass the .onnx path: ``--v4 PATH``), run through the same rapidocr 3.10 code.

Prints exact-line rate per kind (name, digits, date, text) and ms per line (one process,
2 ONNX threads). usage: python bench/bench_recognisers.py --v4 PATH/ch_PP-OCRv4_rec_infer.onnx
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from fupin_forms.scan._images import to_bgr
from fupin_forms.scan._lines import ink_gray, ink_only, split_lines
from fupin_forms.scan._ocr import normalise
from fupin_forms.scan._read import _EM, _MARGIN, _zone_px
from fupin_forms.scan._register import register
from fupin_forms.scan.synth import expected_values, synth_pages

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ["annex4_dezhou_zhao", "annex4_heze_liu", "annex4_linyi_meng", "annex3_binzhou_unit"]


def kind_of(path: str, kind: str) -> str:
    leaf = path.rsplit(".", 1)[-1]
    if kind == "date":
        return "date"
    if leaf in ("phone", "postcode"):
        return "digits"
    if leaf in ("applicant_name", "contact", "contact_person", "unit_head", "expert"):
        return "name"
    return "text"


def crops() -> list[tuple[str, str, Any]]:
    out = []
    for i, sample in enumerate(SAMPLES):
        record = json.loads((ROOT / "samples" / f"{sample}.json").read_text("utf-8"))
        form = sample.split("_")[0]
        exp = expected_values(form, record)
        for slant, scale in ((0.0, 1.0), (0.25, 0.8)):
            page = synth_pages(form, record, style="hand", seed=50 + i, slant=slant, scale=scale)[0]
            reg = register(to_bgr(page))
            if reg is None:
                continue
            gray, ink = ink_gray(reg.image), ink_only(reg.image)
            for z in reg.geometry.zones:
                want = exp.get(z.key)
                if z.kind in ("check", "option", "multiline") or not isinstance(want, str) or not want:
                    continue
                x0, y0, x1, y1 = _zone_px(z, reg.geometry.size[1])
                cuts = split_lines(ink[y0:y1, x0:x1], _EM)
                if len(cuts) != 1:
                    continue
                c = cuts[0]
                zx0, zx1 = (0, x1 - x0) if z.kind == "date" else (c.x0, c.x1)
                line = gray[y0 + c.y0 : y0 + c.y1, x0 + zx0 : x0 + zx1]
                crop = np.pad(line, ((_MARGIN, _MARGIN), (0, 0)), constant_values=255)
                out.append((kind_of(z.path, z.kind), want, crop))
    return out


def recogniser(model: str | None) -> Any:
    from rapidocr import OCRVersion, RapidOCR

    params: dict[str, Any] = {"Global.log_level": "error", "Rec.rec_img_shape": [3, 48, 64],
                              "EngineConfig.onnxruntime.intra_op_num_threads": 2}  # fmt: skip
    if model:
        params.update({"Rec.model_path": model, "Rec.ocr_version": OCRVersion.PPOCRV4})
    return RapidOCR(params=params)._load_rec_model()


def main() -> int:
    from rapidocr.ch_ppocr_rec import TextRecInput

    args = sys.argv[1:]
    v4 = args[args.index("--v4") + 1] if "--v4" in args else None
    lines = crops()
    print(f"{len(lines)} line crops")
    models = {"v6-small": None, **({"v4-mobile": v4} if v4 else {})}
    for name, path in models.items():
        rec = recogniser(path)
        images = [np.repeat(c[:, :, None], 3, axis=2) for _, _, c in lines]
        rec(TextRecInput(img=images[:4]))  # warm up
        t = time.perf_counter()
        result = rec(TextRecInput(img=images))
        ms = (time.perf_counter() - t) * 1000 / len(images)
        ok: dict[str, list[bool]] = defaultdict(list)
        for (kind, want, _), text in zip(lines, result.txts, strict=True):
            got = normalise(str(text))
            if kind == "date":
                from fupin_forms.scan._dates import fix_date

                got = fix_date(got, 1.0)[0]
            ok[kind].append(got == want.replace("\n", ""))
        cells = "  ".join(f"{k} {sum(v) / len(v):6.1%} ({len(v)})" for k, v in sorted(ok.items()))
        total = sum(sum(v) for v in ok.values()) / sum(len(v) for v in ok.values())
        print(f"{name:10} all {total:6.1%}  {cells}  {ms:6.1f} ms/line")
    return 0


if __name__ == "__main__":
    sys.exit(main())
