"""A degraded-scan set of our own: phone photos, shadows, lost marks, unmarked prints,
slanted small handwriting, crossed-out corrections, shuffled ledger pages.

Our synthetic pages (``synth``) are filled and then photographed *here*, with stronger
faults than ``synth.degrade``: keystone 3–8 % per corner on a dark table, a light gradient
and a soft shadow band, Gaussian blur up to σ 1.5, JPEG. Every condition is made twice,
with different seeds and samples: split ``cal`` (for calibrating thresholds) and ``test``
(held out, for the report). Output: DIR/<split>/<condition>__<sample>.{jpg,tif} and
DIR/<split>/expected/<same stem>.json (the sample record, for score_feed.py).

usage: python bench/make_degraded.py OUTDIR [condition ...]
"""

from __future__ import annotations

import io
import json
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PIL import Image

from fupin_forms.render.pdf import print_geometry, render_pdf
from fupin_forms.scan._images import to_bgr
from fupin_forms.scan.synth import synth_pages

ROOT = Path(__file__).resolve().parents[1]
Array = Any


def _jpeg(bgr: Array, q: int) -> Image.Image:
    ok, data = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, q])
    assert ok
    return Image.open(io.BytesIO(data.tobytes())).convert("RGB")


def _shadow(bgr: Array, rng: random.Random, band: bool, gradient: bool) -> Array:
    h, w = bgr.shape[:2]
    light = np.ones((h, w), np.float32)
    if gradient:
        gx = np.linspace(rng.uniform(0.7, 0.8), 1.0, w, dtype=np.float32)[None, :]
        gy = np.linspace(1.0, rng.uniform(0.8, 0.9), h, dtype=np.float32)[:, None]
        light *= gx * gy
    if band:
        y = np.arange(h, dtype=np.float32)[:, None]
        x = np.arange(w, dtype=np.float32)[None, :]
        c = rng.uniform(0.3, 0.7) * h + (x - w / 2) * rng.uniform(-0.3, 0.3)
        light *= 1.0 - 0.35 * np.exp(-(((y - c) / (0.06 * h)) ** 2))
    return np.clip(bgr.astype(np.float32) * light[:, :, None], 0, 255).astype(np.uint8)


def photo(bgr: Array, rng: random.Random, keystone: tuple[float, float], blur: float,
          band: bool = False, q: int = 70) -> Image.Image:  # fmt: skip
    h, w = bgr.shape[:2]
    pad = int(0.08 * max(h, w))
    bgr = cv2.copyMakeBorder(bgr, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=(70, 75, 85))
    hh, ww = bgr.shape[:2]
    src = np.float32([[pad, pad], [pad + w, pad], [pad + w, pad + h], [pad, pad + h]])
    k = [rng.uniform(*keystone) * w for _ in range(8)]
    dst = np.float32([[pad + k[0], pad + k[1] * 0.5], [pad + w - k[2], pad + k[3] * 0.5],
                      [pad + w - k[4] * 0.3, pad + h - k[5] * 0.3],
                      [pad + k[6] * 0.3, pad + h - k[7] * 0.3]])  # fmt: skip
    m = cv2.getPerspectiveTransform(src, dst)
    bg = np.full_like(bgr, (70, 75, 85))
    warped = cv2.warpPerspective(bgr, m, (ww, hh), borderValue=(70, 75, 85))
    mask = cv2.warpPerspective(np.full((hh, ww), 255, np.uint8), m, (ww, hh)) > 0
    mask &= cv2.warpPerspective(
        cv2.copyMakeBorder(np.full((h, w), 255, np.uint8), pad, pad, pad, pad,
                           cv2.BORDER_CONSTANT, value=0), m, (ww, hh)) > 0  # fmt: skip
    out = np.where(mask[:, :, None], warped, bg)
    out = _shadow(out, rng, band, True)
    out = cv2.GaussianBlur(out, (0, 0), blur)
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 4, out.shape)
    out = np.clip(out.astype(np.float32) + noise, 0, 255).astype(np.uint8)
    return _jpeg(out, q)


def scan(bgr: Array, rng: random.Random, q: int = 75, band: bool = False,
         bilevel: bool = False, scale: float = 1.0) -> Image.Image:  # fmt: skip
    h, w = bgr.shape[:2]
    rot = cv2.getRotationMatrix2D((w / 2, h / 2), rng.uniform(-1.5, 1.5), 1.0)
    out = cv2.warpAffine(bgr, rot, (w, h), borderValue=(250, 250, 250))
    if band:
        out = _shadow(out, rng, True, False)
    out = cv2.GaussianBlur(out, (0, 0), 0.6)
    if scale != 1.0:
        out = cv2.resize(out, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    if bilevel:
        g = cv2.cvtColor(out, cv2.COLOR_BGR2GRAY)
        out = cv2.cvtColor(np.where(g < 160, 0, 255).astype(np.uint8), cv2.COLOR_GRAY2BGR)
    return _jpeg(out, q)


def _erase_marks(img: Image.Image, form: str, rows: int, page: int, dpi: int,
                 which: tuple[int, ...] | None = None) -> Array:  # fmt: skip
    """The page with some corner markers (``which``) or all marks and the QR painted white."""
    bgr = to_bgr(img).copy()
    geo = print_geometry(form, rows)[page]
    k = dpi / 72
    ph = geo.size[1]
    half = geo.marker_size * 0.8
    for n, (mx, my) in enumerate(geo.markers):
        if which is None or n in which:
            cv2.rectangle(bgr, (int((mx - half) * k), int((ph - my - half) * k)),
                          (int((mx + half) * k), int((ph - my + half) * k)), (255, 255, 255), -1)  # fmt: skip
    if which is None:
        x0, y0, x1, y1 = geo.qr
        cv2.rectangle(bgr, (int((x0 - 3) * k), int((ph - y1 - 3) * k)),
                      (int((x1 + 3) * k), int((ph - y0 + 3) * k)), (255, 255, 255), -1)  # fmt: skip
    return bgr


def _unmarked_print(form: str, record: dict[str, Any], dpi: int) -> list[Array]:
    """The form printed by our PDF renderer without marks (values typed in)."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    pdf = pdfium.PdfDocument(render_pdf(form, record, flatten=True))
    try:
        return [to_bgr(p.render(scale=dpi / 72).to_pil()) for p in pdf]
    finally:
        pdf.close()


def _rows(form: str, record: dict[str, Any]) -> int:
    from fupin_forms.layout import page_for
    from fupin_forms.render._pdf_values import counts_of

    repeat = page_for(form).repeats()[0]
    return max(counts_of(page_for(form), record)[repeat.list_path], repeat.min_rows)


Make = Callable[[str, dict[str, Any], random.Random, int], list[Image.Image]]


def _marked(style: str = "print", dpi: int = 200, **kw: Any) -> Callable[..., list[Array]]:
    def pages(form: str, record: dict[str, Any], seed: int) -> list[Array]:
        imgs = synth_pages(form, record, style=style, dpi=dpi, seed=seed, raw=True,  # type: ignore[arg-type]
                           **kw)  # fmt: skip
        return [to_bgr(i) for i in imgs]

    return pages


def cond_clean300(form: str, rec: dict[str, Any], rng: random.Random, seed: int) -> list[Image.Image]:
    return [scan(p, rng, q=85) for p in _marked(dpi=300)(form, rec, seed)]


def cond_photo_strong(form: str, rec: dict[str, Any], rng: random.Random, seed: int) -> list[Image.Image]:
    return [photo(p, rng, (0.05, 0.08), 1.5) for p in _marked()(form, rec, seed)]


def cond_photo_mild(form: str, rec: dict[str, Any], rng: random.Random, seed: int) -> list[Image.Image]:
    return [photo(p, rng, (0.02, 0.04), 1.0) for p in _marked()(form, rec, seed)]


def cond_shadow_band(form: str, rec: dict[str, Any], rng: random.Random, seed: int) -> list[Image.Image]:
    return [scan(p, rng, band=True) for p in _marked()(form, rec, seed)]


def cond_marker_lost(form: str, rec: dict[str, Any], rng: random.Random, seed: int) -> list[Image.Image]:
    imgs = synth_pages(form, rec, dpi=200, seed=seed, raw=True)
    rows = _rows(form, rec)
    corner = rng.randrange(4)
    return [photo(_erase_marks(i, form, rows, n, 200, (corner,)), rng, (0.03, 0.06), 1.2)
            for n, i in enumerate(imgs)]  # fmt: skip


def cond_unmarked_photo(form: str, rec: dict[str, Any], rng: random.Random, seed: int) -> list[Image.Image]:
    return [photo(p, rng, (0.03, 0.06), 1.0) for p in _unmarked_print(form, rec, 200)]


def cond_marks_cropped(form: str, rec: dict[str, Any], rng: random.Random, seed: int) -> list[Image.Image]:
    imgs = synth_pages(form, rec, dpi=200, seed=seed, raw=True)
    rows = _rows(form, rec)
    return [scan(_erase_marks(i, form, rows, n, 200), rng) for n, i in enumerate(imgs)]


def cond_hand_slant(form: str, rec: dict[str, Any], rng: random.Random, seed: int) -> list[Image.Image]:
    pages = _marked("hand", slant=0.25, scale=0.8)(form, rec, seed)
    return [scan(p, rng) for p in pages]


def cond_crossed(form: str, rec: dict[str, Any], rng: random.Random, seed: int) -> list[Image.Image]:
    key = {"annex3": "contact_person", "annex4": "applicant_name", "annex5": "expert"}[form]
    wrong = str(rec.get(key, "张三"))[:2] + "壬"
    return [scan(p, rng) for p in _marked(struck={key: wrong})(form, rec, seed)]


def cond_jpeg25_150bw(form: str, rec: dict[str, Any], rng: random.Random, seed: int) -> list[Image.Image]:
    return [scan(p, rng, q=25, bilevel=True, scale=0.75) for p in _marked()(form, rec, seed)]


def cond_shuffled(form: str, rec: dict[str, Any], rng: random.Random, seed: int) -> list[Image.Image]:
    pages = [scan(p, rng) for p in _marked()(form, rec, seed)]
    return pages[::-1]


CONDITIONS: dict[str, tuple[Callable[..., list[Image.Image]], tuple[str, ...]]] = {
    "clean300": (cond_clean300, ("annex4_dezhou_zhao", "annex3_binzhou_unit", "annex4_heze_liu")),
    "photo_strong": (cond_photo_strong, ("annex4_linyi_meng", "annex4_heze_liu")),
    "photo_mild": (cond_photo_mild, ("annex4_dezhou_zhao", "annex3_binzhou_unit")),
    "shadow_band": (cond_shadow_band, ("annex4_dezhou_zhao", "annex4_linyi_meng")),
    "marker_lost": (cond_marker_lost, ("annex4_heze_liu", "annex3_binzhou_unit")),
    "unmarked_photo": (cond_unmarked_photo, ("annex4_dezhou_zhao", "annex3_binzhou_unit")),
    "marks_cropped": (cond_marks_cropped, ("annex4_linyi_meng",)),
    "hand_slant": (cond_hand_slant, ("annex4_heze_liu", "annex4_dezhou_zhao")),
    "crossed": (cond_crossed, ("annex4_linyi_meng", "annex3_binzhou_unit")),
    "jpeg25_150bw": (cond_jpeg25_150bw, ("annex4_dezhou_zhao",)),
    "shuffled": (cond_shuffled, ("annex5_qingyun_zhao", "annex5_yishui_meng")),
}


def main() -> int:
    out = Path(sys.argv[1])
    only = set(sys.argv[2:])
    for name, (make, samples) in CONDITIONS.items():
        if only and name not in only:
            continue
        for split, offset in (("cal", 0), ("test", 1)):
            sample = samples[offset % len(samples)]
            seed = 1000 * offset + sum(map(ord, name))
            rec = json.loads((ROOT / "samples" / f"{sample}.json").read_text("utf-8"))
            form = sample.split("_")[0]
            pages = make(form, rec, random.Random(seed), seed)
            d = out / split
            (d / "expected").mkdir(parents=True, exist_ok=True)
            stem = f"{name}__{sample}"
            if len(pages) == 1:
                pages[0].save(d / f"{stem}.jpg", quality=80)
            else:
                pages[0].save(d / f"{stem}.tif", save_all=True, append_images=pages[1:],
                              compression="jpeg", quality=80)  # fmt: skip
            (d / "expected" / f"{stem}.json").write_text(
                json.dumps(rec, ensure_ascii=False, indent=1), "utf-8"
            )
            print(split, stem, len(pages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
