"""Synthetic scans: print a blank marked form, fill it as a person would, scan it badly.

For tests and benchmarks only (no OCR model is trained on this). The blank form comes from
the real renderer (``render_pdf(..., marks=True)``) rasterised by PDFium; values are drawn
into the zones of the shared geometry with the packaged Noto Sans SC subset, either straight
("print") or glyph by glyph with jitter in blue ink ("hand": no open-licence Chinese
handwriting font is on PyPI, so this imitates one); boxes get a hand-drawn tick, approval
boxes a red seal and a scribbled signature; then rotation, skew, perspective, blur, noise
and JPEG.
"""

from __future__ import annotations

import io
import math
import random
import re
from importlib import resources
from typing import Any, Literal

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from ..layout import page_for
from ..render import counts_of, field_values
from ..render.pdf import Zone, print_geometry, render_pdf
from ._images import to_bgr

__all__ = ["Style", "degrade", "expected_values", "fill_page", "synth_pages"]

Style = Literal["print", "hand"]
_INK = {"print": (20, 20, 20), "hand": (30, 40, 125)}
_NO_LINE_START = "。，、；：！？）"
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def _font(px: int) -> ImageFont.FreeTypeFont:
    path = resources.files("fupin_forms").joinpath("_fonts", "NotoSansSC-GBK.ttf")
    return ImageFont.truetype(io.BytesIO(path.read_bytes()), px)


def expected_values(form: str, record: dict[str, Any]) -> dict[str, str | bool]:
    """What a perfect reader returns per field key (display strings, box states)."""
    return field_values(page_for(form), record)


class _Pen:
    def __init__(self, image: Image.Image, dpi: int, style: Style, rng: random.Random,
                 slant: float = 0.0, scale: float = 1.0) -> None:  # fmt: skip
        self.image, self.draw = image, ImageDraw.Draw(image)
        self.k, self.style, self.rng = dpi / 72, style, rng
        self.ink = _INK[style]
        self.slant, self.scale = slant, scale  # a hand leaning right; writing smaller

    def px(self, x: float, y: float) -> tuple[float, float]:
        return x * self.k, (841.89 - y) * self.k

    def text(self, x: float, y_mid: float, text: str, size: float) -> float:
        """Write ``text`` from ``x`` (points) centred on ``y_mid``; returns the end x."""
        size *= self.scale
        font = _font(max(6, round(size * self.k)))
        px, py = self.px(x, y_mid)
        for ch in text:
            w = font.getlength(ch)
            if self.style == "print":
                self.draw.text((px, py), ch, font=font, fill=self.ink, anchor="lm")
            else:
                glyph = Image.new("L", (int(w * 1.6) + 4, int(size * self.k * 1.8)), 0)
                ImageDraw.Draw(glyph).text(
                    (glyph.width / 2, glyph.height / 2), ch, font=font, fill=255, anchor="mm"
                )
                glyph = glyph.rotate(
                    self.rng.uniform(-6, 6), Image.Resampling.BICUBIC, expand=False
                )
                if self.slant:
                    sh = self.slant
                    glyph = glyph.transform(
                        glyph.size, Image.Transform.AFFINE,
                        (1, sh, -sh * glyph.height / 2, 0, 1, 0), Image.Resampling.BICUBIC,
                    )  # fmt: skip
                s = self.rng.uniform(0.9, 1.1)
                glyph = glyph.resize((max(1, int(glyph.width * s)), max(1, int(glyph.height * s))))
                dy = self.rng.uniform(-0.08, 0.08) * size * self.k
                box = (int(px + w / 2 - glyph.width / 2), int(py + dy - glyph.height / 2))
                self.image.paste(Image.new("RGB", glyph.size, self.ink), box, glyph)
                w *= self.rng.uniform(0.95, 1.12)
            px += w
        return px / self.k

    def tick(self, rect: tuple[float, float, float, float]) -> None:
        x0, y0, x1, y1 = rect
        j = self.rng.uniform
        pts = [
            self.px(x0 + (x1 - x0) * j(0.1, 0.25), y0 + (y1 - y0) * j(0.45, 0.6)),
            self.px(x0 + (x1 - x0) * j(0.4, 0.5), y0 + (y1 - y0) * j(0.05, 0.2)),
            self.px(x1 + (x1 - x0) * j(0.1, 0.5), y1 + (y1 - y0) * j(0.2, 0.6)),
        ]
        self.draw.line(pts, fill=self.ink, width=max(2, round(1.1 * self.k)), joint="curve")

    def scribble(self, rect: tuple[float, float, float, float]) -> None:
        x0, y0, x1, y1 = rect
        pts = []
        for n in range(14):
            x = x0 + 6 + (min(x1, x0 + 90) - x0 - 12) * n / 13
            y = (y0 + y1) / 2 + math.sin(n * 1.7 + self.rng.uniform(0, 2)) * (y1 - y0) * 0.3
            pts.append(self.px(x, y))
        self.draw.line(pts, fill=self.ink, width=max(2, round(0.9 * self.k)), joint="curve")

    def seal(self, cx: float, cy: float, text: str) -> None:
        """A red round seal, 32 mm, blended by multiply so print under it stays black."""
        r = 45 * self.k
        size = int(2 * r + 8)
        seal = Image.new("L", (size, size), 0)
        d = ImageDraw.Draw(seal)
        c = size / 2
        d.ellipse((c - r, c - r, c + r, c + r), outline=255, width=max(3, int(r * 0.07)))
        star = [(c + r * 0.28 * math.cos(a) * (1 if i % 2 == 0 else 0.4),
                 c - r * 0.28 * math.sin(a) * (1 if i % 2 == 0 else 0.4))
                for i, a in enumerate(math.pi / 2 + k * math.pi / 5 for k in range(10))]  # fmt: skip
        d.polygon(star, fill=255)
        font = _font(int(r * 0.3))
        for i, ch in enumerate(text):
            a = math.radians(200 - i * (220 / max(1, len(text) - 1)))
            d.text((c + r * 0.72 * math.cos(a), c - r * 0.72 * math.sin(a)), ch, font=font,
                   fill=255, anchor="mm")  # fmt: skip
        seal = seal.rotate(self.rng.uniform(-20, 20), Image.Resampling.BICUBIC)
        px, py = self.px(cx, cy)
        box = (int(px - c), int(py - c))
        region = self.image.crop((box[0], box[1], box[0] + size, box[1] + size))
        red = Image.new("RGB", (size, size), (215, 35, 40))
        tinted = Image.composite(red, Image.new("RGB", (size, size), (255, 255, 255)), seal)
        from PIL import ImageChops

        self.image.paste(ImageChops.multiply(region, tinted), box)


def _wrap(value: str, size: float, width: float, k: float) -> list[str]:
    """Lines of ``value`` written at ``size`` points in ``width`` points; each paragraph
    starts a new line and no line starts with closing punctuation, as a person writes."""
    font = _font(round(size * k))
    lines: list[str] = []
    for paragraph in value.split("\n"):
        line = ""
        for ch in paragraph:
            if font.getlength(line + ch) / k > width and ch not in _NO_LINE_START:
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
    return lines


def fill_page(image: Image.Image, zones: tuple[Zone, ...], values: dict[str, str | bool],
              pen: _Pen, struck: dict[str, str] | None = None) -> None:  # fmt: skip
    """Write ``values`` into their zones; ``struck[key]`` is a wrong word written first in
    that zone and crossed out, the right value beside it (a correction on paper)."""
    for z in zones:
        value = values.get(z.key)
        x0, y0, x1, y1 = z.rect
        if z.kind in ("check", "option"):
            if value is True:
                side = min(x1 - x0, y1 - y0)
                cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
                pen.tick((cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2))
            continue
        if not isinstance(value, str) or not value:
            continue
        m = _DATE.fullmatch(value)
        if z.kind == "date" and m:  # digits into the gaps of the printed 　　年　月　日
            s = min(10.5, (x1 - x0 - 5) / 7)
            for part, gap in zip(m.groups(), (0.0, 3.0, 5.0), strict=True):
                width = (2.0 if gap == 0 else 1.0) * s
                size = min(s * 0.95, width / (0.58 * len(part)))
                start = x0 + 2.5 + gap * s + (width - 0.56 * size * len(part)) / 2
                pen.text(start, (y0 + y1) / 2, part, size)
            continue
        size = 10.0
        spread = 1.12 if pen.style == "hand" else 1.0  # a hand drifts wider, and wraps early
        if z.kind == "multiline":
            lines = _wrap(value, size, (x1 - x0 - 10) / spread, pen.k)
            while len(lines) * 1.5 * size > y1 - y0 + 2 and size > 6:  # write smaller to fit
                size -= 0.5
                lines = _wrap(value, size, (x1 - x0 - 10) / spread, pen.k)
            for n, text in enumerate(lines):
                pen.text(x0 + 3, y1 - size * (1.0 + 1.5 * n), text, size)
        else:
            wrong = (struck or {}).get(z.key, "")
            written = f"{wrong} {value}" if wrong else value
            width = _font(round(size * pen.k)).getlength(written) / pen.k
            size = min(size, size * (x1 - x0 - 6) / max(width * spread, 1))
            start = x0 + 3
            if wrong:
                end = pen.text(start, (y0 + y1) / 2, wrong, size)
                a, b = pen.px(start - 1, (y0 + y1) / 2), pen.px(end + 1, (y0 + y1) / 2 + 1)
                pen.draw.line([a, b], fill=pen.ink, width=max(2, round(0.9 * pen.k)))
                start = end + 0.5 * size
            pen.text(start, (y0 + y1) / 2, value, size)


def degrade(image: Image.Image, rng: random.Random, *, turn: int = 0, photo: bool = False,
            quality: int = 75) -> Image.Image:  # fmt: skip
    """Skew ±3°, optional phone perspective, blur, noise, a quarter turn, JPEG."""
    bgr: Any = to_bgr(image)
    h, w = bgr.shape[:2]
    pad = int(0.04 * max(h, w))
    bgr = cv2.copyMakeBorder(bgr, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=(250, 250, 250))
    h, w = bgr.shape[:2]
    src = np.asarray([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
    if photo:
        d = [rng.uniform(0.02, 0.07) * w for _ in range(8)]
        dst = np.asarray(
            [[d[0], d[1]], [w - d[2], d[3]], [w - d[4], h - d[5]], [d[6], h - d[7]]],
            dtype=np.float32,
        )
        bgr = cv2.warpPerspective(bgr, cv2.getPerspectiveTransform(src, dst), (w, h),
                                  borderValue=(90, 80, 70))  # fmt: skip
        shade = np.linspace(0.82, 1.0, w, dtype=np.float32)[None, :, None]
        bgr = np.clip(bgr.astype(np.float32) * shade, 0, 255).astype(np.uint8)
    angle = rng.uniform(-3, 3)
    rot = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    bgr = cv2.warpAffine(bgr, rot, (w, h), borderValue=(250, 250, 250))
    bgr = cv2.GaussianBlur(bgr, (0, 0), rng.uniform(0.5, 0.9))
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 6, bgr.shape)
    bgr = np.clip(bgr.astype(np.float32) + noise, 0, 255).astype(np.uint8)
    if turn:
        bgr = np.ascontiguousarray(np.rot90(bgr, k=-turn // 90))
    ok, data = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return Image.open(io.BytesIO(data.tobytes()))


def synth_pages(form: str, record: dict[str, Any], *, style: Style = "print", dpi: int = 200,
                seed: int = 0, turn: int = 0, photo: bool = False,
                quality: int = 75, raw: bool = False, slant: float = 0.0,
                scale: float = 1.0, struck: dict[str, str] | None = None,
                ) -> list[Image.Image]:  # fmt: skip
    """The scanned pages of ``record`` printed blank, filled in ``style`` and degraded
    (``raw``: filled but not degraded, for a caller that degrades its own way)."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    rng = random.Random(seed)
    page = page_for(form)
    repeat = page.repeats()[0]
    rows = max(counts_of(page, record)[repeat.list_path], repeat.min_rows)
    blank = render_pdf(form, {repeat.list_path: [{}] * rows}, flatten=True, marks=True)
    values = expected_values(form, record)
    pdf = pdfium.PdfDocument(blank)
    out = []
    try:
        for geo, pdf_page in zip(print_geometry(form, rows), pdf, strict=True):
            image = pdf_page.render(scale=dpi / 72).to_pil().convert("RGB")
            pen = _Pen(image, dpi, style, rng, slant, scale)
            fill_page(image, geo.zones, values, pen, struck)
            for box in geo.approvals:
                if box.name == "expert":
                    if values.get("expert_signed") is True:
                        pen.scribble(box.signature)
                    continue
                if values.get(f"reviews.{box.name}.stamped") is True:
                    pen.scribble(box.signature)
                    cx = box.stamp[0] + (box.stamp[2] - box.stamp[0]) * rng.uniform(0.45, 0.6)
                    pen.seal(cx, box.cell[1] + 14 + rng.uniform(-4, 4), "山东省科学技术协会")
            out.append(image if raw else degrade(image, rng, turn=turn, photo=photo, quality=quality))
    finally:
        pdf.close()
    return out


def observed_values(form: str, data: dict[str, Any], keys: list[str]) -> dict[str, str | bool]:
    """A parsed record in the shape of :func:`expected_values`, for the given field keys."""
    from ..render import lookup

    out: dict[str, str | bool] = {}
    for key in keys:
        path, _, option = key.partition("=")
        value = lookup(data, path)
        if option:
            out[key] = value == option or (isinstance(value, list) and option in value)
        elif isinstance(value, bool) or key.endswith(("stamped", "expert_signed")):
            out[key] = bool(value)
        elif value is not None:
            out[key] = str(value)
    return out
