"""Pages of a scan as BGR arrays: PNG/JPG/TIFF (every frame of a multi-page TIFF) or a PDF.

PDFs are rasterised with pypdfium2 (PDFium, BSD-3/Apache-2.0): an image-only PDF from a
scanner, or one of our printable PDFs, comes out as pixels the same way a scan would.
Phone photos carry their orientation in EXIF; it is applied first.

Budgets (issue 13): an image's size is read from its header and refused past
``page_pixels`` before any pixel is decoded; frames are counted against ``image_frames``
and their pixels against ``scan_pixels`` as they are decoded; a PDF page is rendered at
200 dpi, or at the DPI that keeps it within ``page_pixels`` when its media box is huge.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageOps, ImageSequence

from ..budgets import BudgetExceeded, Budgets, budgets
from ..errors import ParseError

__all__ = ["IMAGE_SUFFIXES", "load_pages", "to_bgr"]

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp")
PDF_DPI = 200
_MIN_SIDE = 300  # a readable A4 page at 50 dpi; smaller is not a scan of a form
MAX_PAGES = Budgets().image_frames  # a long ledger; a page is ~12 MB of pixels at 200 dpi

Array = NDArray[np.uint8]


def to_bgr(image: Image.Image) -> Array:
    """``image`` as a BGR uint8 array: one copy out of Pillow, one swap by OpenCV (the
    ``[:, :, ::-1]`` view made contiguous cost 3x as much on a 300-dpi page)."""
    rgb = np.asarray(image if image.mode == "RGB" else image.convert("RGB"), dtype=np.uint8)
    return np.asarray(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), dtype=np.uint8)


def _upright(frame: Image.Image) -> Image.Image:
    """``frame`` turned as its EXIF/XMP says; untouched (not copied) when nothing says so."""
    if frame.getexif().get(0x0112, 1) == 1 and not any("xmp" in str(k).lower() for k in frame.info):
        return frame
    return ImageOps.exif_transpose(frame)


def render_scale(width_pt: float, height_pt: float, limits: Budgets) -> float:
    """Pixels per point: 200 dpi, less when that would put the page over ``page_pixels``."""
    scale = PDF_DPI / 72
    area = max(width_pt, 1.0) * max(height_pt, 1.0)
    if area * scale * scale > limits.page_pixels:
        scale = 0.999 * (limits.page_pixels / area) ** 0.5
    return scale


class _Pixels:
    """Frames and pixels decoded so far from one file, against its budgets."""

    def __init__(self, limits: Budgets, path: Path) -> None:
        self.limits, self.path = limits, str(path)
        self.frames = self.pixels = 0

    def add(self, width: int, height: int) -> None:
        self.limits.check("page_pixels", width * height, self.path)
        self.frames += 1
        self.pixels += width * height
        self.limits.check("image_frames", self.frames, self.path)
        self.limits.check("scan_pixels", self.pixels, self.path)


def _load_pdf(path: Path, limits: Budgets) -> list[Array]:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise ParseError(f"无法打开 PDF：{exc}", str(path)) from exc
    try:
        limits.check("image_frames", len(pdf), str(path))
        spent = _Pixels(limits, path)
        out = []
        for page in pdf:
            width, height = page.get_size()
            scale = render_scale(width, height, limits)
            spent.add(round(width * scale), round(height * scale))
            bitmap = page.render(scale=scale)
            try:  # BGR(x) straight from PDFium: one copy, not three via Pillow
                pixels = bitmap.to_numpy()
                mode = bitmap.mode
                out.append(
                    np.ascontiguousarray(pixels[:, :, :3])
                    if mode in ("BGR", "BGRA", "BGRX")
                    else to_bgr(bitmap.to_pil())
                )
            finally:
                bitmap.close()
        return out
    finally:
        pdf.close()


def load_pages(path: str | Path, limits: Budgets | None = None) -> list[Array]:
    """Every page of the scan at ``path``, upright as the EXIF says, as BGR uint8 arrays."""
    path = Path(path)
    limits = limits or budgets()
    if path.suffix.lower() == ".pdf":
        return _load_pdf(path, limits)
    try:
        with warnings.catch_warnings():
            # our page_pixels budget decides; Pillow's own bomb error stays as a backstop
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                if min(img.width, img.height) < _MIN_SIDE:
                    raise ParseError(
                        f"图像太小（{img.width}×{img.height} 像素），不是表格的扫描件", str(path)
                    )
                spent = _Pixels(limits, path)
                out = []
                for frame in ImageSequence.Iterator(img):  # header sizes, checked per frame
                    spent.add(frame.width, frame.height)
                    out.append(to_bgr(_upright(frame)))
                return out
    except BudgetExceeded:
        raise
    except (OSError, Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise ParseError(f"无法读取图像：{exc}", str(path)) from exc
