"""A review page for people who check what the scan reader read: one self-contained HTML file.

Each form in a feed gets a section; each field shows the piece of the scan it was read from
beside the value and its confidence, the doubtful ones (below the threshold) first and
highlighted, then the ones an issue names and the medium-confidence reads (a label variant),
whatever the format the value came from. The crops are cut again from the source image with the same registration the
reader used (QR → page → corner markers), at the field's ``page`` and ``bbox`` (PDF points)
in the feed, and embedded as ``data:`` URIs: the file opens in any browser, offline, with no
server, and can be mailed to the county office as one attachment.
"""

from __future__ import annotations

import base64
import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._atomic import atomic_write_text
from ._text import clean_text
from .errors import ParseError
from .parse.core.tiers import REVIEW_THRESHOLD

__all__ = ["REVIEW_THRESHOLD", "field_crops", "write_review"]

_PAD = 4.0  # points of context around a field's box
_INDEX = re.compile(r"\[(\d+)\]")
_CSS = """
body{font-family:"Noto Sans SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#222}
section{border:1px solid #ccc;border-radius:6px;margin:0 0 2em;padding:0 1em 1em}
h2{font-size:1.1em} .meta{color:#666;font-size:.9em}
table{border-collapse:collapse;width:100%} td,th{border-top:1px solid #eee;padding:4px 8px;
text-align:left;vertical-align:top} tr.doubt{background:#fff3cd} tr.doubt td.conf{color:#b00;
font-weight:bold} img{max-width:min(520px,45vw);height:auto;border:1px solid #ddd}
.value{white-space:pre-wrap;min-width:12em}
.tag{background:#b00;color:#fff;border-radius:3px;padding:0 4px;font-size:.8em}
.why{color:#a00;font-size:.85em}
"""


@dataclass(frozen=True)
class _Row:
    path: str
    label: str
    value: str
    confidence: float
    crop: str | None  # a data: URI
    why: str = ""  # the reader's reason for its doubt


def _feed_records(paths: list[Path]) -> list[tuple[Path, dict[str, Any]]]:
    """Every record of the feeds; a line that is no usable record becomes an ``error`` record
    saying why, so one bad line never stops the page."""
    from ._feed_shape import record_problem

    out = []
    for path in paths:
        for n, line in enumerate(path.read_text("utf-8", errors="replace").splitlines(), 1):
            if not line.strip():
                continue
            why: str | None
            try:
                record = json.loads(line)
            except (RecursionError, ValueError) as exc:  # JSONDecodeError, huge integers
                why = f"不是 JSON：{getattr(exc, 'msg', type(exc).__name__)}"
                record = None
            else:
                why = record_problem(record) if isinstance(record, dict) else "应是一个 JSON 对象"
            if why is not None:
                record = {"form": None, "status": "error", "error": f"第{n}行：{why}"}
            out.append((path, record))
    return out


def _source_file(feed: Path, record: dict[str, Any]) -> Path | None:
    """The scanned file a record came from, only if it is safe to show: a relative path
    without ``..``, resolved under the feed's folder, whose SHA-256 the record names. A
    hand-written feed cannot make the page embed any other local file."""
    source = record.get("source") or {}
    name = source.get("path") if isinstance(source, dict) else None
    want = source.get("sha256") if isinstance(source, dict) else None
    if not isinstance(name, str) or not isinstance(want, str) or not name:
        return None
    relative = Path(name)
    if relative.is_absolute() or relative.drive or ".." in relative.parts or "\\" in name:
        return None
    folder = feed.parent.resolve()
    candidate = (folder / relative).resolve()
    if folder not in candidate.parents or not candidate.is_file():
        return None  # a symbolic link out of the folder counts as outside
    return candidate


class _Pages:
    """Registered pages per (source file, form), registered once however many fields."""

    def __init__(self) -> None:
        self._cache: dict[tuple[Path, str], dict[int, Any]] = {}

    def get(self, path: Path, form: str) -> dict[int, Any]:
        key = (path, form)
        if key not in self._cache:
            self._cache[key] = self._register(path, form)
        return self._cache[key]

    @staticmethod
    def _register(path: Path, form: str) -> dict[int, Any]:
        from .scan import load_pages, register  # OpenCV, zxing-cpp: hard dependencies

        pages: dict[int, Any] = {}
        try:
            images = load_pages(path)
        except ParseError:
            return {}
        for n, image in enumerate(images, 1):
            reg = register(image)
            if reg is None:  # printed without our marks: the feed's bbox is in this image's pixels
                pages[n] = _PixelPage(image)
            elif reg.info.form == form and reg.info.page not in pages:
                pages[reg.info.page] = reg
        return pages


class _PixelPage:
    """A page read without marks: its fields' bboxes are pixels of the image as loaded."""

    def __init__(self, image: Any) -> None:
        self.image = image


def _crop_uri(reg: Any, bbox: list[float]) -> str | None:
    import cv2

    from .scan import to_px

    if isinstance(reg, _PixelPage):
        pad = _PAD * 200 / 72  # the reader works at about 200 dpi
        x0, y0, x1, y1 = bbox[0] - pad, bbox[1] - pad, bbox[2] + pad, bbox[3] + pad
    else:
        page_h = reg.geometry.size[1]
        x0, y0 = to_px(bbox[0] - _PAD, bbox[3] + _PAD, page_h)
        x1, y1 = to_px(bbox[2] + _PAD, bbox[1] - _PAD, page_h)
    h, w = reg.image.shape[:2]
    ix0, iy0, ix1, iy1 = max(0, int(x0)), max(0, int(y0)), min(w, int(x1) + 1), min(h, int(y1) + 1)
    if ix1 <= ix0 or iy1 <= iy0:
        return None
    ok, jpeg = cv2.imencode(".jpg", reg.image[iy0:iy1, ix0:ix1], [cv2.IMWRITE_JPEG_QUALITY, 80])
    if not ok:  # JPEG, not PNG: scan noise makes a PNG crop ten times the size
        return None
    return "data:image/jpeg;base64," + base64.b64encode(jpeg.tobytes()).decode("ascii")


def _labels(form: str) -> dict[str, str]:
    """Chinese label per field path; repeated rows by their first row's path."""
    from .render.pdf import print_geometry

    labels: dict[str, str] = {}  # in print order, which is the order rows are shown in
    for geo in print_geometry(form):
        for z in geo.zones:
            labels.setdefault(z.key, z.field.shown)
    for path in list(labels):
        if path.endswith(".stamped"):
            opinion = labels.get(path.removesuffix(".stamped") + ".opinion", "")
            labels[path] = f"{opinion}·已盖章"
    return labels


def _label(labels: dict[str, str], path: str) -> str:
    found = labels.get(path) or labels.get(_INDEX.sub("[0]", path))
    if found is None:
        return path
    rows = _INDEX.findall(path)
    return found + (f"（第{int(rows[0]) + 1}行）" if rows else "")


def _order(labels: dict[str, str], path: str) -> tuple[int, int]:
    keys = list(labels)
    base = _INDEX.sub("[0]", path)
    rows = _INDEX.findall(path)
    return (keys.index(base) if base in keys else len(keys), int(rows[0]) if rows else 0)


def _value(data: dict[str, Any], key: str) -> str:
    """A field's value as shown: an option key (``category=技术培训类``) as ticked or not."""
    from .render import lookup

    path, _, option = key.partition("=")
    value = lookup(data, path)
    if option:
        return (
            "已勾选"
            if value == option or (isinstance(value, list) and option in value)
            else "未勾选"
        )
    return _shown(value)


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(_shown(v) for v in value)
    return str(value)


def _rows(record: dict[str, Any], pages: dict[int, Any]) -> list[_Row]:
    form = str(record.get("form") or "")
    labels = _labels(form) if form else {}
    problems: dict[str, list[str]] = {}
    for issue in record.get("issues") or []:
        if isinstance(issue, dict) and issue.get("path"):
            problems.setdefault(str(issue["path"]), []).append(str(issue.get("message", "")))
    rows = []
    fields = record.get("fields") or {}
    for path in sorted(fields, key=lambda p: _order(labels, p)):
        source = fields[path]
        if not isinstance(source, dict):
            continue
        page, bbox = source.get("page"), source.get("bbox")
        reg = pages.get(page) if isinstance(page, int) else None
        crop = _crop_uri(reg, bbox) if reg is not None and isinstance(bbox, list) else None
        value = _value(record.get("data") or {}, path)
        notes = problems.get(path.partition("=")[0], [])
        value = "\n".join([value, *(f"⚠ {n}" for n in notes)]) if notes else value
        rows.append(
            _Row(
                path,
                _label(labels, path),
                value,
                float(source.get("confidence", 1.0)),
                crop,
                str(source.get("why") or ""),
            )
        )
    return rows


def _changed(source: Path, record: dict[str, Any]) -> bool:
    """Is the file at ``source`` not the one the feed read? Crops from it would mislead."""
    from .feed import file_sha256

    want = (record.get("source") or {}).get("sha256")
    return not isinstance(want, str) or want != file_sha256(source)


def _section(
    feed: Path, record: dict[str, Any], rows: list[_Row], threshold: float, note: str = ""
) -> str:
    def e(text: str) -> str:  # control and bidi characters never reach the page
        return html.escape(clean_text(text))

    source = record.get("source") or {}
    doubtful = sorted((r for r in rows if r.confidence < threshold), key=lambda r: r.confidence)
    # then what an issue names, then medium reads (a label variant) before the sure ones,
    # the same for OCR, Word, PDF and Excel reads
    sure = sorted(
        (r for r in rows if r.confidence >= threshold),
        key=lambda r: ("⚠" not in r.value, r.confidence),
    )
    head = (
        f"<h2>{e(str(record.get('form') or '无法识别'))} · {e(str(source.get('path', '')))}</h2>"
        f"<p class=meta>状态：{e(str(record.get('status', '')))}；需核对 {len(doubtful)} 项；"
        f"共 {len(rows)} 项；来源清单 {e(feed.name)}</p>"
    )
    if note:
        head += f"<p class=meta>{e(note)}</p>"
    if record.get("error"):
        head += f"<p class=meta>无法读取：{e(str(record['error']))}</p>"
    body = []
    for row in doubtful + sure:
        image = f'<img alt="{e(row.path)}" src="{row.crop}">' if row.crop else "（无图像）"
        doubt = row.confidence < threshold
        tag = ' <span class="tag">需核对</span>' if doubt else ""
        why = f'<div class="why">{e(row.why)}</div>' if doubt and row.why else ""
        body.append(
            f'<tr{" class=doubt" if doubt else ""} data-path="{e(row.path)}">'
            f"<td>{e(row.label)}{tag}<br><small>{e(row.path)}</small>{why}</td><td>{image}</td>"
            f'<td class="value">{e(row.value)}</td><td class="conf">{row.confidence:.2f}</td></tr>'
        )
    table = (
        "<table><tr><th>字段</th><th>原件</th><th>识别值</th><th>置信度</th></tr>"
        + "".join(body)
        + "</table>"
    )
    return f"<section>{head}{table}</section>"


def field_crops(source: str | Path, record: dict[str, Any]) -> dict[str, str]:
    """Field path → crop of the scan at ``source`` (a ``data:`` URI), as the review page shows
    them; empty for files that are not scans or whose registration fails."""
    form = record.get("form")
    if not isinstance(form, str):
        return {}
    pages = _Pages().get(Path(source), form)
    out = {}
    for path, field in (record.get("fields") or {}).items():
        if not isinstance(field, dict):
            continue
        page, bbox = field.get("page"), field.get("bbox")
        reg = pages.get(page) if isinstance(page, int) else None
        crop = _crop_uri(reg, bbox) if reg is not None and isinstance(bbox, list) else None
        if crop:
            out[path] = crop
    return out


def write_review(
    feed_paths: Sequence[str | Path], out: str | Path, *, threshold: float = REVIEW_THRESHOLD
) -> int:
    """Write one HTML review page for every form in the feeds at ``feed_paths`` (JSON Lines)
    to ``out``; returns the number of forms. Fields read from a scan show their crop; fields
    from Word/PDF/Excel show the value only. Raises ``ParseError`` for a feed line that is
    not a JSON object; the output is written whole or not at all."""
    pages = _Pages()
    sections = []
    for feed, record in _feed_records([Path(p) for p in feed_paths]):
        source = _source_file(feed, record)
        form = record.get("form")
        note = ""
        if source is not None and _changed(source, record):
            source, note = None, "源文件已改动（SHA-256 不符），不显示原件图像"
        regs = pages.get(source, form) if source is not None and isinstance(form, str) else {}
        sections.append(_section(feed, record, _rows(record, regs), threshold, note))
    page = (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>扫描件识别核对（{len(sections)} 份）</title><style>{_CSS}</style></head><body>"
        f"<h1>扫描件识别核对</h1><p class=meta>置信度低于 {threshold:.2f} 的字段排在前面并标黄。</p>"
        + "".join(sections)
        + "</body></html>\n"
    )
    atomic_write_text(out, page)
    return len(sections)
