"""One registered page → values per field, with a confidence and a bbox each.

Text zones are copied onto a white page with stamp red removed, and the whole composite goes
through RapidOCR once: one detection pass is cheaper than one per zone, and nothing printed
outside the zones (labels, rules) can leak into a value. Each recognised line belongs to the
zone that holds its centre. Boxes, stamps and signatures are read from pixels (``_ink``).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from ..parse._pdf_data import Collector
from ..parse._result import FieldSource
from ..render.pdf import Zone
from ._ink import dark_share, read_box, red_mask, seal_centres, stamp_present
from ._ocr import Line, normalise, read_lines
from ._register import SCALE, Registered, to_px

__all__ = ["REVIEW_THRESHOLD", "Reading", "read_page"]

REVIEW_THRESHOLD = 0.8
_INSET = 8  # pixels kept clear of the cell's ruling lines
_SIGNATURE_INK = 0.012


@dataclass
class Reading:
    """Per field key: the value, its source, and its pixel box on the registered image."""

    values: dict[str, tuple[Zone, str | bool | None, FieldSource]]
    signatures: dict[str, bool]


def _px_rect(rect: tuple[float, float, float, float], page_h: float) -> tuple[int, int, int, int]:
    ax, ay = to_px(rect[0], rect[3], page_h)
    bx, by = to_px(rect[2], rect[1], page_h)
    return round(ax), round(ay), round(bx), round(by)


def _box_square(rect: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The printed square of a box: the ☐ glyph (font units 120–820 × 20–720) as
    ``check_ops`` places it in its slot."""
    x0, y0, x1, y1 = rect
    size = min(x1 - x0, y1 - y0)
    cx, cy = (x0 + x1) / 2 - 0.03 * size, (y0 + y1) / 2 + 0.05 * size
    half = 0.35 * size
    return cx - half, cy - half, cx + half, cy + half


def _join(lines: list[Line]) -> str:
    """Lines of one zone in reading order: rows top to bottom, left to right in a row."""
    lines = sorted(lines, key=lambda ln: ln.centre[1])
    rows: list[list[Line]] = []
    for ln in lines:
        height = float(ln.box[:, 1].max() - ln.box[:, 1].min())
        if rows and abs(rows[-1][0].centre[1] - ln.centre[1]) < 0.5 * height:
            rows[-1].append(ln)
        else:
            rows.append([ln])
    return "".join(normalise(ln.text) for row in rows for ln in sorted(row, key=lambda x: x.centre[0]))


def read_page(reg: Registered) -> Reading:
    geo = reg.geometry
    page_h = geo.size[1]
    image = reg.image
    red = red_mask(image)
    text_zones = [z for z in geo.zones if z.kind not in ("check", "option")]
    composite = np.full_like(image, 255)
    for z in text_zones:
        x0, y0, x1, y1 = _px_rect(z.rect, page_h)
        if z.kind == "date":  # inline, far from rules; hand-written years spill left
            x0, y0, x1, y1 = x0 - 12 - _INSET, y0 - 6 + _INSET, x1 - _INSET, y1 + 6 - _INSET
        composite[y0 + _INSET : y1 - _INSET, x0 + _INSET : x1 - _INSET] = image[
            y0 + _INSET : y1 - _INSET, x0 + _INSET : x1 - _INSET
        ]
    b, g, r = (image[:, :, i].astype(np.int16) for i in range(3))
    reddish = (r - np.maximum(g, b) > 35) | (red > 0)  # the seal and its pink JPEG fringe
    composite[cv2.dilate(reddish.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0] = 255
    lines = read_lines(composite)
    by_zone: dict[str, list[Line]] = {}
    for ln in lines:
        cx, cy = ln.centre
        for z in text_zones:
            x0, y0, x1, y1 = _px_rect(z.rect, page_h)
            if x0 <= cx <= x1 and y0 <= cy <= y1:
                by_zone.setdefault(z.key, []).append(ln)
                break
    values: dict[str, tuple[Zone, str | bool | None, FieldSource]] = {}
    for z in geo.zones:
        bbox = z.rect
        if z.kind in ("check", "option"):
            bbox = _box_square(z.rect)
            x0, y0, x1, y1 = _px_rect(bbox, page_h)
            box = read_box(image[y0:y1, x0:x1])
            values[z.key] = (z, box.checked, FieldSource("ocr", box.confidence, geo.page, bbox))
            continue
        found = by_zone.get(z.key, [])
        if found:
            text = _join(found)
            conf = min(ln.score for ln in found)
        else:
            x0, y0, x1, y1 = _px_rect(z.rect, page_h)
            ink = dark_share(composite[y0 + _INSET : y1 - _INSET, x0 + _INSET : x1 - _INSET])
            text, conf = "", (0.99 if ink < 0.004 or z.kind == "date" else 0.3)
        values[z.key] = (z, text, FieldSource("ocr", conf, geo.page, bbox))
    signatures: dict[str, bool] = {}
    centres = seal_centres(red, 45 * SCALE) if red.any() else []
    for appr in geo.approvals:
        sx0, sy0, sx1, sy1 = _px_rect(appr.signature, page_h)
        signatures[appr.name] = dark_share(image[sy0:sy1, sx0:sx1]) > _SIGNATURE_INK
        if appr.name == "expert":
            continue
        cell = _px_rect(appr.cell, page_h)
        area = _px_rect(appr.stamp, page_h)
        present, conf = stamp_present(centres, red, (area[0], cell[1], area[2], cell[3]))
        key = f"reviews.{appr.name}.stamped"
        zone, ticked, source = values[key]
        agree = bool(ticked) == present
        confidence = min(conf, source.confidence) if agree else 0.6 * conf
        values[key] = (zone, present or bool(ticked), FieldSource("ocr", confidence, geo.page, appr.stamp))
    if "expert" in signatures and "expert_signed" in values:
        zone, ticked, source = values["expert_signed"]
        values["expert_signed"] = (zone, bool(ticked) or signatures["expert"], source)
    return Reading(values, signatures)


def collect(out: Collector, reading: Reading) -> None:
    """Put a page's values into the form's collector, noting those a person must check."""
    for zone, value, source in reading.values.values():
        out.put(zone.field, value, source)
        has_value = value is True or (isinstance(value, str) and value.strip())
        if source.confidence < REVIEW_THRESHOLD and (has_value or source.confidence < 0.5):
            shown = zone.field.label if zone.field.option is None else f"项目类别 {zone.field.option}"
            out.warnings.append(f"需人工核对：{shown}（置信度 {source.confidence:.2f}）")
