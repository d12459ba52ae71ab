"""Print marks: four corner markers and a QR code, so a scan or phone photo can be read back.

Why these marks: the markers give four known points for a homography (skew, rotation and a
phone's perspective in one step); the QR code says which form, which layout version, which
page of how many, how many repeated rows (the geometry depends on it) and, for a prefilled
form, a short id of the record. Everything is drawn as vector rectangles in the page content:
no image, no font, crisp at any printer resolution.

The markers are nested squares (black ring, white ring, black core) like a QR finder pattern
but 1.7 × larger than the QR's own, so the reader tells them apart by size. They sit 7–14 mm
from the paper's edges, inside any printer's margin and outside the table.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

import segno

from ._pdf_layout import PAGE_H, PAGE_W

__all__ = [
    "LAYOUT_VERSION",
    "MARK_CENTRES",
    "MARK_SIZE",
    "QR_MODULE",
    "QR_RECT",
    "MarkInfo",
    "marks_ops",
    "parse_payload",
    "payload",
    "record_id",
]

LAYOUT_VERSION = 1
MARK_UNIT = 2.4  # points; the marker is 7 units wide
MARK_SIZE = 7 * MARK_UNIT
_INSET = 30.0  # marker centre from the paper's edges, points
# top-left, top-right, bottom-right, bottom-left (PDF points, origin bottom-left)
MARK_CENTRES: tuple[tuple[float, float], ...] = (
    (_INSET, PAGE_H - _INSET),
    (PAGE_W - _INSET, PAGE_H - _INSET),
    (PAGE_W - _INSET, _INSET),
    (_INSET, _INSET),
)
QR_MODULE = 1.4
_QR_RIGHT, _QR_TOP = 518.8, PAGE_H - 21.0  # right edge of the table; level with the markers
_QR_SIDE = 25 * QR_MODULE  # version 2
QR_RECT = (_QR_RIGHT - _QR_SIDE, _QR_TOP - _QR_SIDE, _QR_RIGHT, _QR_TOP)
_FORMS = {"annex3": "3", "annex4": "4", "annex5": "5"}
_PAYLOAD = re.compile(r"FPF:([345]):(\d+):(\d+)/(\d+):(\d+)(?::([0-9A-F]{8}))?")


@dataclass(frozen=True)
class MarkInfo:
    """What a page's QR code says. ``page`` is 1-based; ``rows`` = repeated rows printed."""

    form: str
    version: int
    page: int
    pages: int
    rows: int
    record: str | None = None


def record_id(data: dict[str, Any]) -> str:
    """Eight hex digits of the SHA-256 of the record's canonical JSON: enough to match a
    scanned page to the record it was printed from, short enough for a small QR code."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8].upper()


def payload(info: MarkInfo) -> str:
    """QR text in the alphanumeric character set (upper case, ``:``, ``/``), which keeps the
    code at version 2 (25 × 25 modules)."""
    text = f"FPF:{_FORMS[info.form]}:{info.version}:{info.page}/{info.pages}:{info.rows}"
    return f"{text}:{info.record}" if info.record else text


def parse_payload(text: str) -> MarkInfo | None:
    """The ``MarkInfo`` in a decoded QR text, or None if it is not one of ours."""
    m = _PAYLOAD.fullmatch(text.strip())
    if m is None:
        return None
    form, version, page, pages, rows, record = m.groups()
    return MarkInfo(f"annex{form}", int(version), int(page), int(pages), int(rows), record)


def _square(x: float, y: float, side: float) -> str:
    return f"{x:.2f} {y:.2f} {side:.2f} {side:.2f} re"


def marks_ops(info: MarkInfo) -> bytes:
    """Page-content operators drawing the four markers and the QR code of ``info``."""
    ops = ["q 0 g"]
    u = MARK_UNIT
    for cx, cy in MARK_CENTRES:
        x, y = cx - 3.5 * u, cy - 3.5 * u
        # even-odd fill of outer and ring-inner squares leaves the white ring; then the core
        ops.append(f"{_square(x, y, 7 * u)} {_square(x + u, y + u, 5 * u)} f*")
        ops.append(f"{_square(x + 2 * u, y + 2 * u, 3 * u)} f")
    qr = segno.make(payload(info), error="m", micro=False, boost_error=False)
    x0, top = QR_RECT[0], QR_RECT[3]
    scale = _QR_SIDE / qr.symbol_size(border=0)[0]
    for r, row in enumerate(qr.matrix):
        c = 0
        while c < len(row):  # one rectangle per horizontal run of dark modules
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                ops.append(
                    f"{x0 + start * scale:.3f} {top - (r + 1) * scale:.3f} "
                    f"{(c - start) * scale:.3f} {scale:.3f} re"
                )
            else:
                c += 1
    ops.append("f Q")
    return "\n".join(ops).encode("ascii")
