"""One registered page → values per field, with a confidence and a bbox each.

The layout says where every value is, so no text *detection* runs: each text zone is cut into
lines by ink (``_lines``, on the red channel, so a seal over a date does not hide its digits)
and every line of the page goes to the recognition model in batches: the page costs
recognition only, and nothing printed outside a zone (labels, rules) can leak into a value.
Dates are put back into their printed grammar (``_dates``). Boxes and signatures are read
as ink the blank form does not have (``_blank``), stamps as red rings. New ink in no box,
right past a value that reaches its box's edge, is that value's tail (``_overflow``); a
count whose ink holds other digits than were read is doubted (``_digit_ink``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from ..parse import Collector, FieldSource
from ..parse.core.tiers import REVIEW_THRESHOLD
from ..render.pdf import PageGeometry, Zone
from . import _evidence
from ._blank import fresh_ink, printed_ink
from ._dates import fix_date
from ._digit_ink import DIGIT_FIELDS, digit_doubt, small_date_digits
from ._evidence import (
    DOUBT,
    grammar_cap,
    line_cap,
    long_cap,
    measures,
    suspect,
    trusted,
)
from ._faint_seal import FAINT_SEAL, faint_seals
from ._geometry import SCALE
from ._ink import UNSEEN, colourless, read_tick, red_mask, seal_centres, stamp_present, within
from ._lines import LineCut, faint_level, ink_gray, ink_only, lift_faint, split_lines
from ._ocr import Read, normalise, read_crops
from ._overflow import NOTES, over_rules, overrun, spill
from ._overprint import Stray, chars_near, ink_gain, over_print, reread, settle, without_print
from ._probe import doubted_lines, keeps, recover
from ._register import Registered, to_px
from ._relook import read_closer, without_struck
from ._why import (
    CORRECTED,
    DATE,
    GRAMMAR,
    LAYOUT,
    LONG,
    NO_COLOUR,
    RELOOK,
    SEAL_FAINT,
    SEAL_UNCLEAR,
    STAMP_MISMATCH,
    TICK,
    UNREAD,
    UNSURE,
)

__all__ = ["REVIEW_THRESHOLD", "Reading", "read_page"]

_INSET = 8  # pixels kept clear of the cell's ruling lines
_SIGNATURE_INK = 0.012
_EM = 10 * SCALE  # the 10-pt writing the zones are sized for, in pixels
_MARGIN = round(0.4 * _EM)  # white above and below a line: the recogniser scales every line
# to 48 px high, so smaller text in the frame means fewer columns, ~40 % less time, same reads
_LABEL = re.compile(r"[^，。：；\s]{1,6}：")
_FIT = 0.9  # share of the blank's rules found on ink below which registration is doubted
_LEFT = 0.15  # em² of new ink outside the lines read: more, and something went unread
_INK = 150  # level below which a lifted zone's pixel is ink (``_lines``)
_TAIL = 1.0  # ems kept after a line's last dark ink: a faint 。 of writing larger than 10 pt
_RULE = 0.6  # share of a column's rows inked: a vertical ruling line, not writing
_REACH = round(0.8 * _EM)  # px above and below a zone a line may be followed into
_NEW_INK = 0.004  # share of a zone's pixels that are new ink: below it, nobody wrote there
_PARAGRAPH = 2.5  # a line stopping this many em before the others ends a paragraph
# per stamp box read: (key, ticked, tick's confidence, seal present, seal's confidence);
# set by ``bench/calib_trace.py``
STAMP_TRACE: list[tuple[str, bool, float, bool, float]] | None = None
# per zone whose writing reaches or runs past its box: (``overrun``'s kind, the confidence
# and reason it had before); set by ``bench/calib_trace.py``
EDGE_TRACE: dict[str, tuple[str, float, str]] | None = None


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


def _labelled(before: str, line: str) -> bool:
    """A line opening with a short label (``形式：``) after a finished sentence starts a
    paragraph even when the one before it filled the width."""
    return before.endswith(("。", "；", "！", "？")) and _LABEL.match(line) is not None


def _zone_px(z: Zone, page_h: float) -> tuple[int, int, int, int]:
    """A text zone's pixels, inset from its ruling lines; dates reach left, where a
    hand-written year spills past the printed gap."""
    x0, y0, x1, y1 = _px_rect(z.rect, page_h)
    if z.kind == "date":
        return x0 - 12, y0 - 6 + _INSET, x1 - _INSET, y1 + 6 - _INSET
    return x0 + _INSET, y0 + _INSET, x1 - _INSET, y1 - _INSET


def _read_text(
    gray: NDArray[np.uint8], ink: NDArray[np.uint8], fresh: NDArray[np.bool_],
    printed: NDArray[np.bool_], zones: list[Zone], page_h: float,
    claimed: NDArray[np.bool_] | None = None, page_cap: float = 1.0,
    sheet: tuple[str, int, int] | None = None,
) -> dict[str, tuple[str, float, str]]:  # fmt: skip
    """Every text zone cut into lines, all lines recognised, joined per zone:
    a paragraph break where a line stops short of the right edge of a multi-line zone.
    Each line's score is capped by the pixels' own evidence (``_evidence``), and a value
    with stray writing in no box past its edge (new ink outside every ``claimed`` box,
    ``_overflow``) is doubted: the third item of each result is then the note saying so.
    ``sheet`` (form, rows, page) names the blank print: hand ink on a printed character
    in or beside a zone is then weighed (``_overprint``)."""
    free = None if claimed is None else fresh & ~claimed
    cuts: list[tuple[str, LineCut]] = []
    spilled: dict[str, str] = {}
    crops: list[NDArray[np.uint8]] = []
    zone_w: dict[str, int] = {}
    new_ink: dict[str, float] = {}
    left: dict[str, float] = {}
    strays: dict[str, Stray] = {}  # zones with hand ink on their print (``_overprint``)
    plain: list[tuple[str, NDArray[np.uint8], int, int]] = []  # their lines without it
    gain = ink_gain(ink, *sheet, _EM) if sheet is not None else None
    for z in zones:
        x0, y0, x1, y1 = _zone_px(z, page_h)
        if sheet is not None:
            rect = _px_rect(z.rect, page_h)
            near = chars_near(*sheet, rect, _EM)
            overs = over_print(ink, *sheet, rect, near, _EM, gain) if near else []
            if overs:
                strays[z.key] = Stray(overs, near, z.kind == "date")
        zx = max(0, x0)
        # the zone inside a window _REACH taller: a line running over the zone's edge is
        # followed into it (``split_lines``); levels and new ink are the zone's own
        wy0, wy1 = max(0, y0 - _REACH), min(ink.shape[0], y1 + _REACH)
        top, bottom = max(0, y0) - wy0, y1 - wy0
        seen = ink[wy0:wy1, max(0, x0) : x1]
        where, zone = seen, gray[wy0:wy1, max(0, x0) : x1]
        level = None
        if z.kind != "date":  # a date zone's levels are its printed 年月日's and the seal's
            where, zone = lift_faint(where, zone, seen[top:bottom])
            level = faint_level(seen[top:bottom]) if where is not seen else None
        zone = _without_rules(zone, where)
        zone_w[z.key] = zone.shape[1]
        added = fresh[max(0, y0) : y1, max(0, x0) : x1]
        below = printed[max(0, y0) : y1, max(0, x0) : x1]
        if where is not seen and below.shape == added.shape:
            added = added | ((where[top:bottom] < _INK) & ~below)  # faint writing lifted
        new_ink[z.key] = float(added.mean()) if added.size else 0.0
        zone_lines = split_lines(where, _EM, (top, bottom), tail=_TAIL)
        left[z.key] = _ink_left(added, [replace(c, y0=c.y0 - top, y1=c.y1 - top) for c in zone_lines])
        if free is not None and zone_lines:
            box = _px_rect(z.rect, page_h)
            ox = max(0, x0)  # the lines' rows are the window's, which starts at wy0
            on_page = [(ox + c.x0, wy0 + c.y0, ox + c.end, wy0 + c.y1) for c in zone_lines]
            if level is not None and claimed is not None:  # a light hand: its own ink level
                spilled[z.key] = _faint_spill(ink, printed, claimed, box, on_page, level, z)
            else:
                spilled[z.key] = spill(free, box, on_page, _EM, z.key, left=z.kind != "date")
            if not spilled[z.key]:
                spilled[z.key] = over_rules(ink, box, _EM, z.key)
        for cut in zone_lines:
            cuts.append((z.key, cut))
            # a date's digits under a seal's red can look like seal to ``ink_only``: read
            # the whole (short) date zone rather than trim the year away
            x0, x1 = (0, zone.shape[1]) if z.kind == "date" else (cut.x0, cut.x1)
            line = zone[cut.y0 : cut.y1, x0:x1]
            crops.append(np.pad(line, ((_MARGIN, _MARGIN), (0, 0)), constant_values=255))
            if z.key in strays and z.kind == "date" and sheet is not None:
                bare = without_print(line, *sheet, (zx, wy0 + cut.y0), strays[z.key].chars)
                pad = np.pad(bare, ((_MARGIN, _MARGIN), (0, 0)), constant_values=255)
                plain.append((z.key, pad, zx, line.shape[1]))
    kinds = {z.key: z.kind for z in zones}
    paths = {z.key: z.path for z in zones}
    leaves = ["date" if kinds[k] == "date" else paths[k].rsplit(".", 1)[-1] for k, _ in cuts]
    reads = read_crops(crops, [keeps(leaf) for leaf in leaves])
    ms = [measures(c, r.text, r.centres) for c, r in zip(crops, reads, strict=True)]
    evidence = [line_cap(crop, got.text, got.centres, key, kinds[key] == "date", m)
                for (key, _), crop, got, m in zip(cuts, crops, reads, ms, strict=True)]  # fmt: skip
    caps = [cap for cap, _ in evidence]
    odd = [suspect(c, r.text, r.centres, m) for c, r, m in zip(crops, reads, ms, strict=True)]
    scores = [r.score for r in reads]
    alone = [r.alone for r in reads]
    whys = [digit_doubt(crop, got.text, key) if leaf in DIGIT_FIELDS
            else small_date_digits(crop, got.text, got.centres) if leaf == "date" else ""
            for (key, _), crop, got, leaf in zip(cuts, crops, reads, leaves, strict=True)]  # fmt: skip
    corrected = without_struck(crops, [kinds[k] == "date" for k, _ in cuts], reads)
    reread(strays, plain, _EM)

    def of_line(n: int, look: Read | None = None) -> tuple[str, float, int, bool, str]:
        """Line ``n``'s text, confidence, right end, whether ink went unread, and why it is
        doubted (``_why``; "" when it is not); ``look``: its second reading closer
        (``_relook.read_closer``), if it had one."""
        (_key, cut), crop, got = cuts[n], crops[n], reads[n]
        text, score, cap, why = normalise(got.text), got.score, caps[n], evidence[n][1]
        if whys[n]:
            cap, why = min(cap, DOUBT), why or whys[n]
        if n in corrected:  # the correction beside a crossed-out word: still for a person
            text, score, cap = normalise(corrected[n].text), corrected[n].score, min(cap, DOUBT)
            why = CORRECTED
        if look is not None and normalise(look.text) != text:
            # two readings disagree: a person confirms; the surer one is offered
            cap, why = min(cap, DOUBT), why or RELOOK
            if look.score > score:
                text, score = normalise(look.text), look.score
        if long_cap(text, score) < cap:
            cap, why = long_cap(text, score), why or LONG
        # a line of ink read as nothing: the value misses it
        unread = not text and int((crop < 150).sum()) > 0.25 * _EM * _EM
        if score < REVIEW_THRESHOLD and not why:
            why = UNSURE
        return text, min(score, cap), cut.end, unread, why

    done = [of_line(n) for n in range(len(cuts))]
    members: dict[str, list[int]] = {}
    for n, (key, _) in enumerate(cuts):
        members.setdefault(key, []).append(n)

    recovered: dict[str, str | None] = {}

    def value(z: Zone) -> tuple[str, float, str]:
        """The zone's lines joined, with the zone's own evidence: its value."""
        lines = [done[n] for n in members.get(z.key, []) if done[n][0]]
        if not lines:
            # nothing read: sure only when nobody wrote in the zone (nor on its print)
            if new_ink[z.key] < _NEW_INK and z.key not in strays:
                return "", 0.99, ""
            return "", 0.3, UNREAD
        margin = max(ln[2] for ln in lines) - _PARAGRAPH * _EM  # the writer's own right edge
        text = ""
        for n, (part, _score, _end, _unread, _why) in enumerate(lines):
            if n and z.kind == "multiline" and (lines[n - 1][2] < margin or _labelled(text, part)):
                text += "\n"
            text += part
        conf = trusted(min(ln[1] for ln in lines), REVIEW_THRESHOLD)
        why = min(lines, key=lambda ln: ln[1])[4]  # the least sure line's reason
        if any(done[n][3] for n in members[z.key]) or left[z.key] > _LEFT:
            conf, why = min(conf, DOUBT), why or UNREAD
        if z.kind == "date":
            text, dated = fix_date(text, conf)
            conf, why = dated, (why or DATE) if dated < conf else why
        # hand ink on the print the reading does not account for (``_overprint``)
        text, conf, why = settle(text, conf, why, strays.get(z.key), DOUBT)
        if grammar_cap(paths[z.key], text) < 1.0 and len(lines) == 1 and z.kind != "date":
            # a one-line digit or e-mail field that broke its grammar: the reading the
            # grammar admits, from the same probabilities, still for a person to confirm
            if z.key not in recovered:  # (a zone valued again need not run the model again)
                n = next(i for i in members[z.key] if reads[i].text)
                recovered[z.key] = recover(crops[n], paths[z.key].rsplit(".", 1)[-1], reads[n].probs)
            text = recovered[z.key] or text
            conf, why = min(conf, DOUBT), why or GRAMMAR
        if grammar_cap(paths[z.key], text) < conf:
            conf, why = grammar_cap(paths[z.key], text), why or GRAMMAR
        if z.path.endswith("email") and "@" in text:  # a domain has no case; hands blur it
            local, _, domain = text.rpartition("@")
            text = f"{local}@{domain.lower()}"
        # a count whose ink holds other digits than were read says so, whatever else
        why = next((whys[n] for n in members[z.key] if whys[n]), "") or why
        ends = [ln[2] for ln in lines] if z.kind != "date" else []  # for ``overrun``
        kind = overrun(spilled.get(z.key, ""), ends, zone_w[z.key])
        if kind:  # writing past the box, or reaching its edge (``_overflow``)
            if EDGE_TRACE is not None:
                EDGE_TRACE[z.path] = (kind, conf, why)
            conf, why = min(conf, DOUBT), NOTES[kind]
        if conf < REVIEW_THRESHOLD and not why:
            why = UNSURE
        return text, conf, why if conf < REVIEW_THRESHOLD else ""

    out = {z.key: value(z) for z in zones}
    by_key = {z.key: z for z in zones}

    def trusting() -> list[bool]:
        """Per line: would its zone's value be trusted as things stand?"""
        return [min(out[key][1], page_cap) >= REVIEW_THRESHOLD for key, _ in cuts]

    # second readings only where they can change the outcome (the model's time per page):
    # a short unsure line read closer where its zone would be trusted, and the page's least
    # sure line (its closer reading may be the right one); then digit, date, e-mail and
    # name lines read binarised (``_probe``), again only in zones still trusted: a doubt
    # under review changes no decision
    closer = read_closer(crops, reads, set(corrected), _MARGIN, trusting())
    for n, look in closer.items():
        done[n] = of_line(n, look)
    for key in {cuts[n][0] for n in closer}:
        out[key] = value(by_key[key])
    settled = [not t for t in trusting()]
    doubted = doubted_lines(crops, [r.text for r in reads], leaves, odd, scores, alone, settled)
    for n, why in doubted.items():  # a doubt: the line's confidence to the doubt cap, its
        text, conf, end, unread, before = done[n]  # zone again
        done[n] = (text, min(conf, DOUBT), end, unread, before or why)
    for key in {cuts[n][0] for n in doubted}:
        out[key] = value(by_key[key])
    if _evidence.TRACE is not None:
        _evidence.TRACE.extend((k, "@zone", {"left": left[k]}) for k in out
                               if any(done[n][0] for n in members.get(k, [])))  # fmt: skip
    return out


def _without_rules(zone: NDArray[np.uint8], where: NDArray[np.uint8]) -> NDArray[np.uint8]:
    """``zone`` with the columns of a vertical ruling line (inked down most of the window,
    as no character is) whitened: a date reaching left over its cell's rule read it as
    ``I2016.05.03``."""
    dark = (where < _INK).sum(axis=0) > _RULE * where.shape[0]
    if not dark.any():
        return zone
    dark = np.convolve(dark, np.ones(3), mode="same") > 0  # and its anti-aliased edges
    out = zone.copy()
    out[:, dark] = 255
    return out


_Rect = tuple[int, int, int, int]


def _faint_spill(ink: NDArray[np.uint8], printed: NDArray[np.bool_], claimed: NDArray[np.bool_],
                 box: _Rect, lines: list[_Rect], level: float, z: Zone) -> str:  # fmt: skip
    """``spill`` for a zone whose writing is light (``faint_level``): new ink past its edge
    is looked for at the zone's own ink level, in a window around the box (a light hand's
    last character written over the rule was ink at 180, none of it below the page's level:
    ``110号`` was read ``110`` at 0.99 with no note)."""
    pad = int(2 * _EM)
    h, w = (min(a.shape[i] for a in (ink, printed, claimed)) for i in (0, 1))
    x0, y0 = max(0, box[0] - pad), max(0, box[1] - pad)
    x1, y1 = min(w, box[2] + pad), min(h, box[3] + pad)
    near = (ink[y0:y1, x0:x1] < level) & ~printed[y0:y1, x0:x1] & ~claimed[y0:y1, x0:x1]
    moved = [(a - x0, b - y0, c - x0, d - y0) for a, b, c, d in lines]
    rect = (box[0] - x0, box[1] - y0, box[2] - x0, box[3] - y0)
    return spill(near, rect, moved, _EM, z.key, left=z.kind != "date")


def _ink_left(added: NDArray[np.bool_], lines: list[LineCut]) -> float:
    """New ink in a zone outside every line given to the recogniser, in em²: a faint 。
    or a light character skipped by the line cutter is ink nobody read."""
    if not added.any():
        return 0.0
    outside = added.copy()
    for cut in lines:
        outside[max(0, cut.y0 - 2) : cut.y1 + 2, max(0, cut.x0 - 2) : cut.x1 + 2] = False
    return float(outside.sum()) / (_EM * _EM)


def read_page(reg: Registered) -> Reading:
    geo = reg.geometry
    page_h = geo.size[1]
    image = reg.image
    red = red_mask(image)
    text_zones = [z for z in geo.zones if z.kind not in ("check", "option")]
    printed = printed_ink(geo.form, geo.rows, geo.page)
    fresh = fresh_ink(image, printed)
    fit_cap = 1.0 if reg.fit >= _FIT else DOUBT  # the rules are not where the layout says
    off = "" if reg.fit >= _FIT else LAYOUT
    claimed = _claimed(geo, fresh.shape, page_h)
    read = _read_text(ink_gray(image), ink_only(image), fresh, printed, text_zones, page_h, claimed,
                      fit_cap, (geo.form, geo.rows, geo.page))  # fmt: skip
    values: dict[str, tuple[Zone, str | bool | None, FieldSource]] = {}
    for z in geo.zones:
        bbox = z.rect
        if z.kind in ("check", "option"):
            bbox = _box_square(z.rect)
            x0, y0, x1, y1 = _px_rect(bbox, page_h)
            box = read_tick(fresh, (x0, y0, x1, y1))
            conf = min(box.confidence, fit_cap)
            why = off or (TICK if conf < REVIEW_THRESHOLD else "")
            values[z.key] = (z, box.checked, FieldSource("ocr", conf, geo.page, bbox, why=why or None))
            continue
        text, conf, why = read[z.key]
        why = why or (off if fit_cap < conf else "")
        values[z.key] = (
            z, text, FieldSource("ocr", min(conf, fit_cap), geo.page, bbox, why=why or None)
        )  # fmt: skip
    signatures: dict[str, bool] = {}
    grey = colourless(image)
    centres = seal_centres(red, 45 * SCALE) if red.any() else []
    faint = [] if grey else faint_seals(image, 45 * SCALE, centres)
    for appr in geo.approvals:
        sx0, sy0, sx1, sy1 = _px_rect(appr.signature, page_h)
        signatures[appr.name] = float(fresh[sy0:sy1, sx0:sx1].mean()) > _SIGNATURE_INK
        if appr.name == "expert":
            continue
        cell = _px_rect(appr.cell, page_h)
        area = _px_rect(appr.stamp, page_h)
        present, conf = stamp_present(centres, red, (area[0], cell[1], area[2], cell[3]), cell)
        key = f"reviews.{appr.name}.stamped"
        zone, ticked, source = values[key]
        if STAMP_TRACE is not None:
            STAMP_TRACE.append((key, bool(ticked), source.confidence, present, conf))
        stamped, confidence, why = stamp_value(bool(ticked), source.confidence, present, conf)
        if not stamped and within(faint, cell):  # a pale seal's ring: stamped, for a person to see
            stamped, confidence, why = True, FAINT_SEAL, SEAL_FAINT
        if grey and not stamped and _reviewed(values, appr.name):
            confidence, why = min(confidence, UNSEEN), NO_COLOUR  # a seal may be there, unseen
        values[key] = (
            zone, stamped, FieldSource("ocr", confidence, geo.page, appr.stamp, why=why or None)
        )  # fmt: skip
    if "expert" in signatures and "expert_signed" in values:
        zone, ticked, source = values["expert_signed"]
        values["expert_signed"] = (zone, bool(ticked) or signatures["expert"], source)
    return Reading(values, signatures)


def _reviewed(values: dict[str, tuple[Zone, str | bool | None, FieldSource]], name: str) -> bool:
    """Something was written in the approval ``name`` (its opinion or date): a stamp is
    expected there."""
    return any(
        isinstance(got, str) and got.strip()
        for key, (_, got, _) in values.items()
        if key in (f"reviews.{name}.opinion", f"reviews.{name}.signed_on")
    )


_SURE_TICK = 0.95  # a box read at least this sure is as good as a seal (``stamp_value``)
_NO_RED = 0.95  # ``stamp_present``'s confidence for a stamp area without any red
_RING = 0.97  # ``stamp_present``'s confidence for a seal's ring centred in the area
_SEAL_ALONE = 0.9  # a sealed office that did not tick its box: stamped all the same


def stamp_value(ticked: bool, tick: float, present: bool, seal: float) -> tuple[bool, float, str]:
    """An office's 盖章 box from its tick (and the tick's confidence) and the red seal found
    in its area (and that confidence): (stamped, confidence, why). Either says stamped;
    when both agree, the surer one's doubt is kept. When they disagree, a person looks,
    except where one is sure and the other is silence: a box ticked sure on a stamp area
    with no red at all (a black-and-white copy, or an office that ticks and seals
    elsewhere) is a ticked box like any other, and a seal's ring found in the area of a box
    surely left empty is the stamp itself. Calibrated on the tuned sets
    (``bench/calib_table.py``, seeds named in ``bench/calib_trace.py``): every such box was
    stamped (71 ticks, 6 seals); left for a person are unclear ticks and red without a
    ring."""
    if ticked == present:
        confidence = min(seal, tick)
        return present, confidence, "" if confidence >= REVIEW_THRESHOLD else SEAL_UNCLEAR
    if ticked and tick >= _SURE_TICK and seal >= _NO_RED:
        return True, min(tick, seal), ""
    if present and seal >= _RING and tick >= _SURE_TICK:  # a seal's ring, its box left empty
        return True, _SEAL_ALONE, ""
    return True, 0.6 * seal, STAMP_MISMATCH


def _claimed(geo: PageGeometry, shape: tuple[int, ...], page_h: float) -> NDArray[np.bool_]:
    """Pixels some reading looks at: every field's box (a check box's with half an em
    around it, where ticks overshoot), signature areas. New ink elsewhere is nobody's."""
    out = np.zeros(shape[:2], dtype=bool)
    pad = round(0.5 * _EM)
    rects = [(_px_rect(z.rect, page_h), pad if z.kind in ("check", "option") else 0) for z in geo.zones]
    rects += [(_px_rect(a.signature, page_h), pad) for a in geo.approvals]
    for (x0, y0, x1, y1), m in rects:
        out[max(0, y0 - m) : max(0, y1 + m), max(0, x0 - m) : max(0, x1 + m)] = True
    return out


def collect(out: Collector, reading: Reading) -> None:
    """Put a page's values into the form's collector, noting those a person must check."""
    for zone, value, source in reading.values.values():
        out.put(zone.field, value, source)
        has_value = value is True or (isinstance(value, str) and value.strip())
        if source.confidence < REVIEW_THRESHOLD and (has_value or source.confidence < 0.5):
            out.warnings.append(source.review_note(zone.field.shown))
