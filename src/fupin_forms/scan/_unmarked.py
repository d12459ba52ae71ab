"""Reading an annex printed without our marks (from Word, WPS, or someone's own copy).

The fallback of ``parse_scan`` when a page has no QR code: the title names the annex, the
table's rules and labels say where each field is (``_table``), and then the values are read
as on a marked page: text by RapidOCR's recogniser on lines cut by ink (seal red filtered
out by ``ink_gray``), boxes and seals by pixels (``_ink``), never a tick by OCR. Writing drawn
over a cell's right or bottom rule, or cut off by it, doubts the cell's value (``_overflow``).

Labels, dates and hints are decided by the reading core (``parse.core``), as for Word, PDF
and Excel: the line above the table is read as a paragraph by the core's labels, the ledger's
activity cell is split by them (``split_activity``), every date goes through ``read_date``
(a ledger date without a year takes the ledger's year with a warning; text that is not a date
is kept in an ``invalid`` issue). What OCR alone needs stays here: ``fix_date`` puts a
garbled printed 年/月/日 back before the core reads the date.

Hints are recognised by how the file marks them, never by their wording: light,
colourless ink at a cell's left, no wider than the placeholder, is the Word form's printed
hint (请填写…) and is skipped before recognition; a blue pen, dark ink, or light ink past the
placeholder is writing (``_hint_ink``; kept below review when only its place says so). A dark line that reads like the hint is a value someone wrote; it is kept,
below the review threshold, so a person looks.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

import cv2
import numpy as np
from numpy.typing import NDArray

from ..errors import ParseError
from ..layout import Field, Page, Repeat, page_for
from ..models import cn_date, resolve_form_id
from ..parse import Collector, FieldSource, ParsedForm
from ..parse.core import (
    POSITION,
    REVIEW_THRESHOLD,
    split_activity,
)
from ..parse.core.collect import Out
from ..parse.core.values import DateRead
from ._evidence import DOUBT, grammar_cap, trusted
from ._faint_seal import FAINT_SEAL, faint_seals
from ._geometry import find_page, flatten_light, square_table, warp_quad
from ._hint_ink import page_tint
from ._ink import UNSEEN, colourless, read_box, red_mask, within
from ._label_cells import unlabel
from ._lines import ink_gray
from ._ocr import Line, normalise, read_lines
from ._overflow import NOTES
from ._probe import look_again
from ._table import FieldZone, Rect, TableMap, locate_cells, similar, squash, upright_page
from ._unmarked_core import (
    date_value,
    form_by_labels,
    head_values,
    infer_ledger_years,
    labels_form,
    pick,
)
from ._unmarked_lines import read_rects
from ._why import (
    DATE,
    GRAMMAR,
    NO_COLOUR,
    SEAL_ONLY,
    SEAL_UNCLEAR,
    SECOND_LOOK,
    STAMP_MISMATCH,
    TICK,
    UNSURE,
)

__all__ = ["REVIEW_THRESHOLD", "read_unmarked"]

Array = NDArray[np.uint8]
_ENTRY = re.compile(r"^entries\[(\d+)\]\.date$")
_ANNEX = re.compile(r"^附件\s*[0-9一二三四五]?\s*[:：]?$")


_ITEM = re.compile(r"\[\d+\]")


def _printed_hints(page: Page) -> set[str]:
    """Paths (``entries[{i}].place`` style) of the fields whose placeholder a blank form
    prints: a hint that is not blank, in a paragraph printed also when empty (the ledger
    prints none: its cells are blank, its 参加人次 line only appears when filled)."""
    paras = [*page.head, *page.notes]
    for row in page.rows:
        cells = row.row.cells if isinstance(row, Repeat) else row.cells
        paras += [p for c in cells for p in c.paras]
    return {f.path for p in paras if not p.when_filled for f in p.fields if f.hint.strip()}


def _text_value(f: Field, part: str, lines: list[tuple[str, float]]) -> tuple[str, float]:
    """The value of ``f`` from its zone's lines (joined: a line break in a cell is a wrap)."""
    if not lines:
        return "", 0.97
    conf = min(s for _, s in lines)
    text = "".join(t for t, _ in lines)
    if f.path.endswith((".activity", ".participants", ".outcome")) and part != "column":
        # the ledger's activity cell: activity, then "参加人次：… 服务效果：…" when filled
        body, extras = split_activity(text)
        if f.path.endswith(".activity"):
            return body.strip("\n"), conf
        return extras.get(f.path.rsplit(".", 1)[1], "").replace("\n", "").strip(), conf
    text = text.strip("\n") if f.kind == "multiline" else text.replace("\n", "")
    if part == "cell" and f.hint and similar(text, f.hint) >= 0.8:
        # dark ink that reads like the grey hint: a value (the file did not mark it a hint),
        # but one a person should see
        return text, min(conf, POSITION)
    return text, conf


def _titled(text: str, title: str) -> bool:
    """Is ``text`` the printed title, or a piece of it four characters or longer?"""
    bare = squash(text)
    return similar(bare, title) >= 0.6 or (len(bare) >= 4 and bare in squash(title))


def _head_doubted(gray: Array, lines: list[Line]) -> bool:
    """A second look (``_probe``) at the head's lines with digits (the date squeezed into
    the printed 年 月 日: a small 19 read as 1 at 0.94)."""
    for ln in lines:
        if not re.search(r"\d", ln.text):
            continue
        xs, ys = ln.box[:, 0], ln.box[:, 1]
        crop = gray[max(0, int(ys.min())) : int(ys.max()) + 1, max(0, int(xs.min())) : int(xs.max()) + 1]
        if crop.size and look_again(crop, ln.text, "date")[0]:
            return True
    return False


_SEAL_EMS = 4.5  # a seal's radius (45 pt on our print) in ems of 10-pt writing


def _stamp(red: Array, rect: Rect, faint: list[tuple[float, float]]) -> tuple[bool, float]:
    """Is there a seal in the approval cell? Red ink over a few percent of it; else a pale
    seal's ring centred in it (``faint_seals``), for a person to confirm."""
    x0, y0, x1, y1 = rect
    area = red[y0:y1, x0:x1]
    share = float((area > 0).mean()) if area.size else 0.0
    if share >= 0.01:
        return True, 0.95
    if within(faint, rect):
        return True, FAINT_SEAL
    if share <= 0.002:
        return False, 0.95
    return share >= 0.006, 0.6


def _source(tm: TableMap, zone: FieldZone, conf: float, why: str = "") -> FieldSource:
    return FieldSource("ocr", max(0.0, min(1.0, conf)), 1, tm.source_rect(zone.rect), zone.where,  # type: ignore[arg-type]
                       why or None)  # fmt: skip


_BY_POSITION = "栏目标签未认出，按表格位置对应 (label not found, placed by position)"
_SIGNED = "未印已签名框，按签名处的笔迹判断 (no box printed; judged by the writing after 专家签名)"
_UNCUT = "栏目标签与填写内容同在一格，未能分开 (label and value share a cell; not separated)"


def _placed(z: FieldZone, conf: float) -> float:
    """``conf`` kept below review when the zone's row was placed by position, not by its
    label (``FieldZone.unsure``): a county's own row there would give a wrong value."""
    if not z.unsure:
        return conf
    return min(conf, POSITION)  # its note (``_BY_POSITION``) is the field's reason


def read_table(image: Array, tm: TableMap) -> ParsedForm:
    """Values of every located field of ``tm`` (image: the upright page, ``tm.upright.image``)."""
    gray = ink_gray(image)
    zones = list(tm.zones.values())
    text_zones = [z for z in zones if z.part not in ("box", "head", "seal")]
    leaves = {z.rect: z.field.path.rsplit(".", 1)[-1] for z in text_zones}
    shared = Counter(z.rect for z in text_zones)
    hints: dict[Rect, str | None] = {
        z.rect: z.field.hint for z in text_zones if z.part == "cell" and shared[z.rect] == 1
    }
    printed = _printed_hints(tm.page)
    for rect in shared:  # a cell where the form prints no placeholder (the ledger's)
        if not any(
            _ITEM.sub("[{i}]", z.field.path) in printed for z in text_zones if z.rect == rect
        ):
            hints[rect] = None
    single = {z.rect for z in text_zones if shared[z.rect] == 1 and z.field.kind != "date"
              and not z.field.path.endswith((".activity", ".participants", ".outcome"))}  # fmt: skip
    placed = {z.rect for z in text_zones if z.unsure and z.rect in single}
    read, crossed, whys = read_rects(gray, sorted({z.rect for z in text_zones}), tm.em, leaves,
                                      hints, page_tint(image), single, placed)  # fmt: skip
    out = Collector(tm.page)
    core = Out(tm.page.form_id, "ocr")  # the core's issues about what was read (dates)
    head = [z for z in zones if z.part == "head"]
    if head:
        x0, y0, x1, y1 = head[0].rect
        lines = sorted(
            read_lines(image[y0:y1, x0:x1]),
            key=lambda ln: (round(ln.centre[1] / tm.em), ln.centre[0]),
        )
        # the title's lower part inside the band is no head value (its tail ``…工作台帐``
        # before ``县（市、区）科协：`` was read as the county, at 0.99)
        # nor is the 附件5： line above it (a ledger's head band may reach up to it)
        lines = [ln for ln in lines
                 if not _titled(normalise(ln.text), tm.page.title) and not _ANNEX.match(normalise(ln.text))]
        heads = head_values(tm.page, [normalise(ln.text) for ln in lines])
        core.issues += heads.issues
        conf = trusted(min((ln.score for ln in lines), default=0.5), REVIEW_THRESHOLD)
        head_why = UNSURE if conf < REVIEW_THRESHOLD else ""
        if _head_doubted(gray[y0:y1, x0:x1], lines):
            conf, head_why = min(conf, DOUBT), head_why or SECOND_LOOK
        for z in head:
            found = heads.fields.get(z.field.path)
            got = pick(heads.data, z.field.path)
            tier = conf if found is None else min(conf, found.confidence)
            text = cn_date(str(got)) if got and z.field.kind == "date" else str(got or "")
            why = head_why or (UNSURE if tier < REVIEW_THRESHOLD else "")
            if grammar_cap(z.field.path, text) < tier:
                tier, why = grammar_cap(z.field.path, text), why or GRAMMAR
            out.put(z.field, text, _source(tm, z, tier, why))
    red = red_mask(image)
    faint = [] if colourless(image) else faint_seals(image, _SEAL_EMS * tm.em, [])
    stamps: dict[str, tuple[bool, float]] = {}
    pending: dict[int, tuple[FieldZone, DateRead, FieldSource]] = {}
    for z in zones:
        if z.part == "box":
            x0, y0, x1, y1 = z.rect
            box = read_box(image[y0:y1, x0:x1])
            value: str | bool = box.checked
            conf = box.confidence
            if z.field.path.endswith(".stamped"):
                key = z.field.path
                stamps[key] = _stamp(red, z.cell.rect, faint)
                present, sconf = stamps[key]
                value = box.checked or present
                conf = min(conf, sconf) if box.checked == present else 0.6 * sconf
                why = STAMP_MISMATCH if box.checked != present else SEAL_UNCLEAR
            else:
                why = TICK
            conf = _placed(z, conf)
            why = _BY_POSITION if z.unsure else why
            out.put(z.field, value, _source(tm, z, conf, why if conf < REVIEW_THRESHOLD else ""))
        elif z.part == "seal":
            # no box found: the seal alone says it; "not stamped" stays below review, as
            # a box may be there unfound (a tick through it), ticked
            present, conf = stamps.setdefault(z.field.path, _stamp(red, z.cell.rect, faint))
            conf = conf if present else min(conf, POSITION)
            why = SEAL_ONLY if not present else SEAL_UNCLEAR
            conf = _placed(z, conf)
            why = _BY_POSITION if z.unsure else why
            out.put(z.field, present, _source(tm, z, conf, why if conf < REVIEW_THRESHOLD else ""))
        elif z.part == "signature":
            got, cut = unlabel(read[z.rect], tm.page.form_id)
            if cut and any(t.strip() for t, _ in got):  # a name after 专家签名：
                out.put(z.field, True, _source(tm, z, _placed(z, POSITION), _SIGNED))
        elif z.part != "head":
            got, cut = read[z.rect], True
            if z.part == "inline":  # the zone starts at the value's own printed label
                got, cut = unlabel(got, tm.page.form_id)
            text, conf = _text_value(z.field, z.part, got)
            why = whys.get(z.rect, "")
            if not cut and text:
                conf, why = min(conf, POSITION), _UNCUT
            if z.field.kind == "date":
                text, dated, d = date_value(core, tm.page, z.field, text, conf)
                conf, why = dated, (why or DATE) if dated < conf else why
            conf = trusted(conf, REVIEW_THRESHOLD)
            if grammar_cap(z.field.path, text) < conf:
                conf, why = grammar_cap(z.field.path, text), why or GRAMMAR
            if z.rect in crossed and text:
                conf, why = min(conf, DOUBT), NOTES[crossed[z.rect]]
            if text and z.unsure:
                conf, why = _placed(z, conf), _BY_POSITION
            why = (why or UNSURE) if conf < REVIEW_THRESHOLD else ""
            if z.field.kind == "date":
                entry = _ENTRY.match(z.field.path)
                if d.status == "no_year" and entry:
                    pending[int(entry.group(1))] = (z, d, _source(tm, z, conf, why))
                elif d.status == "no_year":
                    core.issue("invalid", z.field.path, f"{z.field.label}：“{d.raw}”没有年份",
                               "error", f"{z.field.path}: no year in {d.raw!r}")  # fmt: skip
            out.put(z.field, text, _source(tm, z, conf, why))
    if pending:
        core.issues += infer_ledger_years(out, pending)
    if colourless(image):
        _unseen_seals(out)
    form = out.finish("ocr")
    form.issues += core.issues
    shown = {z.field.path: z.field.shown for z in zones}
    for key, source in form.fields.items():
        if source.confidence < REVIEW_THRESHOLD:
            form.warnings.append(source.review_note(shown.get(key, key)))
    return form


def _unseen_seals(out: Collector) -> None:
    """A grey or bi-level capture cannot show a red seal: an approval that was written in
    (its opinion or date) but is read as not stamped may be stamped; a person looks."""
    reviews = out.data.get("reviews")
    for name, approval in (reviews.items() if isinstance(reviews, dict) else []):
        key = f"reviews.{name}.stamped"
        source = out.fields.get(key)
        written = any(approval.get(k) for k in ("opinion", "signed_on"))
        if source and written and not approval.get("stamped") and source.confidence > UNSEEN:
            out.fields[key] = source.doubt(UNSEEN, NO_COLOUR)


def _flat_page(image: Array) -> tuple[Array, NDArray[np.float64] | None]:
    """A photo cut to its sheet (perspective undone) with its light evened out, and the
    homography back to the photo; a scan comes back as it is, light evened, and None."""
    quad = find_page(image)
    if quad is None:
        flat = flatten_light(image, image.shape[0] * 0.0125)
        squared = square_table(flat)
        if squared is None:
            return flat, None
        return squared[0], np.asarray(np.linalg.inv(squared[1]), np.float64)
    width = max(1654, round(float(np.linalg.norm(quad[1] - quad[0]))))
    flat, h = warp_quad(image, quad, min(width, 2480))
    return flatten_light(flat, flat.shape[0] * 0.0125), np.asarray(np.linalg.inv(h), np.float64)


def _map_box(h: NDArray[np.float64], box: tuple[float, ...]) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = box[:4]
    pts = np.asarray([[[x0, y0], [x1, y0], [x1, y1], [x0, y1]]], np.float32)
    mapped = cv2.perspectiveTransform(pts, h)[0]
    return (float(mapped[:, 0].min()), float(mapped[:, 1].min()),
            float(mapped[:, 0].max()), float(mapped[:, 1].max()))  # fmt: skip


def read_unmarked(image_bgr: Array, form_hint: str | None = None) -> ParsedForm:
    """One annex page without print marks → its values, each with method ``ocr``, a
    confidence, page 1, a bbox in pixels of ``image_bgr`` and the table cell it came from.

    ``form_hint`` (``annex4`` or an alias) is used when given; otherwise the title printed
    above the table decides, or, when no title reads, the table's labels (as for Word and
    PDF: the core's ``detect_sheet``). Raises ``ParseError`` when none names an annex or no
    table matching the annex is found."""
    flat, to_photo = _flat_page(image_bgr)
    up = upright_page(flat)
    form = resolve_form_id(form_hint) if form_hint else up.form_id
    by_labels = None
    if form is None:
        by_labels = form_by_labels(flat, up)
        form = by_labels[0] if by_labels else None
    if form is None:
        raise ParseError(
            "未能从标题或栏目识别出是哪一个附件（附件3/4/5）；请指定表格类型", where="标题"
        )
    found = by_labels[1] if by_labels else None
    tm = found if found is not None and found.page.form_id == form else None
    tm = tm or locate_cells(flat, page_for(form), upright=up)
    if tm is None:
        raise ParseError(f"找不到{page_for(form).title}的表格线", where="第1页")
    parsed = read_table(tm.upright.image, tm)
    parsed.warnings += tm.notes
    said = labels_form(tm) if by_labels is None and form_hint is None else None
    if said is not None and said != form:
        # the title says one annex, the row labels another: read as the title says, but
        # nothing of it is sure
        for key, source in list(parsed.fields.items()):
            parsed.fields[key] = source.doubt(POSITION, "标题与表中栏目不是同一种表格")
        parsed.warnings.append(
            f"标题像是{page_for(form).title}，表中栏目却像{page_for(said).title}；"
            "按标题读取，各项均需人工核对"
        )
    if to_photo is not None:
        for key, source in list(parsed.fields.items()):
            if source.bbox is not None:
                parsed.fields[key] = replace(source, bbox=_map_box(to_photo, source.bbox))
    if up.form_id is not None and up.form_id != form:
        parsed.warnings.append(f"标题像是 {up.form_id}，按指定的 {form} 读取")
    if by_labels:
        parsed.warnings.append(f"标题未能识别，按表中栏目判断为 {page_for(form).title}，请核对")
    return parsed
