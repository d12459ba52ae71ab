"""Pages of a scan as BGR arrays: PNG/JPG/TIFF (every frame of a multi-page TIFF) or a PDF.

PDFs are rasterised with pypdfium2 (PDFium, BSD-3/Apache-2.0): an image-only PDF from a
scanner, or one of our printable PDFs, comes out as pixels the same way a scan would.
Phone photos carry their orientation in EXIF; it is applied first.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageOps, ImageSequence

from ..errors import ParseError

__all__ = ["IMAGE_SUFFIXES", "load_pages", "to_bgr"]

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp")
PDF_DPI = 200
_MAX_PIXELS = 120_000_000  # a 600-dpi A3 scan; anything bigger is refused, not decoded
_MIN_SIDE = 300  # a readable A4 page at 50 dpi; smaller is not a scan of a form
MAX_PAGES = 50  # a long ledger; every page becomes ~12 MB of pixels at 200 dpi

Array = NDArray[np.uint8]


def to_bgr(image: Image.Image) -> Array:
    rgb = np.asarray(image.convert("RGB"), dtype=np.uint8)
    return np.ascontiguousarray(rgb[:, :, ::-1])


def _load_pdf(path: Path) -> list[Array]:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise ParseError(f"无法打开 PDF：{exc}", str(path)) from exc
    try:
        if len(pdf) > MAX_PAGES:
            raise ParseError(f"扫描件有 {len(pdf)} 页，超过 {MAX_PAGES} 页上限", str(path))
        return [to_bgr(page.render(scale=PDF_DPI / 72).to_pil()) for page in pdf]
    finally:
        pdf.close()


def load_pages(path: str | Path) -> list[Array]:
    """Every page of the scan at ``path``, upright as the EXIF says, as BGR uint8 arrays."""
    path = Path(path)
    if path.suffix.lower() == ".pdf":
        return _load_pdf(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                if img.width * img.height > _MAX_PIXELS:
                    raise ParseError(f"图像过大（{img.width}×{img.height} 像素）", str(path))
                if min(img.width, img.height) < _MIN_SIDE:
                    raise ParseError(
                        f"图像太小（{img.width}×{img.height} 像素），不是表格的扫描件", str(path)
                    )
                frames = int(getattr(img, "n_frames", 1))
                if frames > MAX_PAGES:
                    raise ParseError(f"图像有 {frames} 页，超过 {MAX_PAGES} 页上限", str(path))
                return [to_bgr(ImageOps.exif_transpose(f)) for f in ImageSequence.Iterator(img)]
    except (OSError, Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise ParseError(f"无法读取图像：{exc}", str(path)) from exc
