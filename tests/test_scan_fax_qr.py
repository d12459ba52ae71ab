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


def test_a_value_written_past_its_box_is_doubted() -> None:
    """scans_blind2's fax of 附件3: the address runs past its box's right edge and is read
    to the edge only (济宁市嘉祥县人民路, no 41号); its ink reaching the zone's edge
    makes it a value for a person to check, not a trusted one."""
    from pathlib import Path

    from fupin_forms import api
    from fupin_forms.scan import REVIEW_THRESHOLD

    path = Path(__file__).parent / "fixtures" / "scans_blind2" / "b2_29_fax_annex3.tif"
    [record] = list(api.parse_paths([path]))
    address = record["data"]["address"]
    named = any(i["path"] == "address" for i in record["issues"])
    assert address == "济宁市嘉祥县人民路41号" or named or (
        record["fields"]["address"]["confidence"] < REVIEW_THRESHOLD
    )
