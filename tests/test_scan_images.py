"""Loading scan pages (``scan._images``): EXIF orientation applied, colours in BGR order."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from fupin_forms.scan._images import load_pages, to_bgr


def _picture() -> Image.Image:
    rgb = np.zeros((320, 480, 3), np.uint8)
    rgb[:, :, 0] = np.arange(480, dtype=np.uint32)[None, :] % 256  # red grows to the right
    rgb[:, :, 2] = 200  # blue everywhere
    return Image.fromarray(rgb)


def test_to_bgr_swaps_channels_for_every_mode() -> None:
    img = _picture()
    bgr = to_bgr(img)
    assert bgr.shape == (320, 480, 3) and bgr.flags.c_contiguous
    assert (bgr[:, :, 0] == 200).all() and bgr[0, 100, 2] == 100
    grey = to_bgr(img.convert("L"))
    assert (grey[:, :, 0] == grey[:, :, 2]).all()


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    img = _picture()
    exif = img.getexif()
    exif[0x0112] = 6  # the camera was turned: show it rotated 90° clockwise
    turned = tmp_path / "turned.jpg"
    img.save(turned, quality=95, exif=exif.tobytes())
    plain = tmp_path / "plain.jpg"
    img.save(plain, quality=95)
    (page,) = load_pages(turned)
    (same,) = load_pages(plain)
    assert page.shape[:2] == (480, 320)
    assert same.shape[:2] == (320, 480)
    assert page[10, 160, 2] < 40 and page[470, 160, 2] > 200  # red now grows downwards
