"""A fax's QR code: bi-level at 150 dpi with specks and broken modules (issue 12). The
plain decoder gives up on it; the page must still register as our marked form, not fall
to the unmarked reader."""

from __future__ import annotations

import cv2
import numpy as np
import zxingcpp

from fupin_forms.scan import register
from fupin_forms.scan._images import to_bgr
from fupin_forms.scan.synth import synth_pages


def test_a_specked_fax_still_registers() -> None:
    page = synth_pages("annex4", {}, dpi=150, raw=True)[0]
    gray = cv2.cvtColor(to_bgr(page), cv2.COLOR_BGR2GRAY)
    fax = np.where(gray < 160, 0, 255).astype(np.uint8)
    flip = np.random.default_rng(3).random(fax.shape) < 0.05  # specks and holes
    fax[flip] = 255 - fax[flip]
    assert zxingcpp.read_barcodes(fax, formats=zxingcpp.BarcodeFormat.QRCode) == []
    reg = register(cv2.cvtColor(fax, cv2.COLOR_GRAY2BGR))
    assert reg is not None and reg.info.form == "annex4" and reg.fit > 0.8
