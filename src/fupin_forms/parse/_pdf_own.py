"""Our own flattened PDFs read without pdfminer's layout engine: the same glyph boxes and
ruled rectangles, from a reader of the few operators our writer emits.

pdfminer's interpreter and pdfplumber's conversion of its objects took ~70 ms of CPU for one
of our forms, most of the time a flattened form took to read; our writer (``render/_pdf_draw``)
draws a page with ``w G re S`` and ``BT /F1 n Tf 0 g 1 0 0 1 x y Tm <cids> Tj ET`` only, in one
embedded Identity-H font with a ToUnicode map. This reader accepts exactly that: any other
operator, token, font shape, page box or resource makes it return None and the caller reads
the file the full way. What it accepts it computes with pdfminer's arithmetic in pdfminer's
order, so the characters (text, box, size, colour), rectangles and curves are those
pdfplumber gives (tests/test_pdf_own.py compares them, for hypothesis' records too);
pdfplumber's table finder then runs on their edges unchanged.

It runs after the budgets (``_pdf_guard``): the content streams were measured within
``content_bytes`` before they are decoded here, and the work is linear in their size.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pdfminer.pdffont import get_widths
from pdfminer.pdftypes import PDFStream
from pdfminer.psparser import PSLiteral
from pdfminer.utils import apply_matrix_pt, mult_matrix
from pdfplumber.table import Table, TableFinder
from pdfplumber.utils.geometry import curve_to_edges, rect_to_edges

from ._pdf_objects import ObjectReader

__all__ = ["OwnPage", "OwnPdf", "own_pdf"]

_PAGE_KEYS = {"Type", "Parent", "MediaBox", "Resources", "Contents"}
_N = rb"(-?\d+(?:\.\d+)?)"
_S = rb"\s+"
# one operator with its operands, then whitespace or the end; the group names the operator
_OP = re.compile(
    rb"\s*(?:"
    rb"(?P<re>" + _S.join([_N] * 4) + rb"\s+re)"
    rb"|(?P<Tm>" + _S.join([_N] * 6) + rb"\s+Tm)"
    rb"|(?P<Tf>/([A-Za-z0-9]+)\s+" + _N + rb"\s+Tf)"
    rb"|(?P<Tj><((?:[0-9A-Fa-f]{4})*)>\s*Tj)"
    rb"|(?P<g>" + _N + rb"\s+g)|(?P<w>" + _N + rb"\s+w)|(?P<G>" + _N + rb"\s+G)"
    rb"|(?P<BT>BT)|(?P<ET>ET)|(?P<S>S)"
    rb")(?=\s|\Z)"
)
_TEXT_OPS = {"Tf", "Tm", "Tj"}
# the text object our writer draws, whole: BT /F1 10.5 Tf 0 g (1 0 0 1 x y Tm <…> Tj)* ET
_NC = rb"-?\d+(?:\.\d+)?"
_SHOW = rb"\s+" + _S.join([_NC] * 6) + rb"\s+Tm\s+<(?:[0-9A-Fa-f]{4})*>\s*Tj"
_TEXT = re.compile(
    rb"\s*BT\s+/([A-Za-z0-9]+)\s+" + _N + rb"\s+Tf\s+" + _N + rb"\s+g((?:" + _SHOW + rb")*)\s+ET(?=\s|\Z)"
)
_SHOWS = re.compile(rb"\s+" + _S.join([_N] * 6) + rb"\s+Tm\s+<((?:[0-9A-Fa-f]{4})*)>\s*Tj")
_RECT = re.compile(rb"\s*" + _S.join([_N] * 4) + rb"\s+re\s+S(?=\s|\Z)")
_CMAP_HEAD = (
    b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
    b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
    b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
    b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
)
_CMAP_TAIL = b"endcmap CMapName currentdict /CMap defineresource pop end end"
_CMAP_BLOCK = re.compile(rb"\d+ beginbfchar\n((?:<[0-9a-f]{4}> <(?:[0-9a-f]{4})+>\n)*)endbfchar\n")
_CMAP_PAIR = re.compile(rb"<([0-9a-f]{4})> <((?:[0-9a-f]{4})+)>")


class _NotOurs(Exception):
    """Something our writer does not write: read the file the full way."""


def _name(value: Any) -> str | None:
    if isinstance(value, PSLiteral) and isinstance(value.name, str):
        return value.name
    return None


def _num(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _NotOurs
    return value


@dataclass
class _Font:
    widths: dict[Any, float]
    default_width: float
    descent: float  # pdfminer's get_descent(): negative, in text space units
    unicode: dict[int, str]

    def char_width(self, cid: int) -> float:
        width = self.widths.get(cid)
        return (width if width is not None else self.default_width) * 0.001


def _font(ref: Any, resolve: Callable[[Any], Any]) -> _Font:
    """Our Type0 font, as pdfminer's PDFCIDFont would read it (Identity-H, ToUnicode)."""
    spec = resolve(ref)
    if not isinstance(spec, dict) or _name(spec.get("Subtype")) != "Type0":
        raise _NotOurs
    if _name(spec.get("Encoding")) != "Identity-H":
        raise _NotOurs
    kids = resolve(spec.get("DescendantFonts"))
    cid = resolve(kids[0]) if isinstance(kids, list) and len(kids) == 1 else None
    if not isinstance(cid, dict) or _name(cid.get("Subtype")) != "CIDFontType2":
        raise _NotOurs
    if "Encoding" in cid or "ToUnicode" in cid or "W2" in cid:
        raise _NotOurs
    descriptor = resolve(cid.get("FontDescriptor"))
    to_unicode = resolve(spec.get("ToUnicode"))
    if not isinstance(descriptor, dict) or not isinstance(to_unicode, PDFStream):
        raise _NotOurs
    w = resolve(cid.get("W", []))
    if not isinstance(w, list):
        raise _NotOurs
    items = [resolve(v) for v in w]
    for item in items:
        if isinstance(item, list):
            for v in item:
                _num(resolve(v))
        else:
            _num(item)
    widths = get_widths(items)
    if any(isinstance(k, str) for k in widths):
        raise _NotOurs
    descent = _num(resolve(descriptor.get("Descent", 0)))
    if descent > 0:
        descent = -descent
    default = _num(resolve(cid.get("DW", 1000)))
    return _Font(widths, default, descent * 0.001, _unicode(to_unicode.get_data()))


def _unicode(data: bytes) -> dict[int, str]:
    """CID → text from the ToUnicode map our writer writes (and nothing else)."""
    if not data.startswith(_CMAP_HEAD) or not data.endswith(_CMAP_TAIL):
        raise _NotOurs
    body = data[len(_CMAP_HEAD) : len(data) - len(_CMAP_TAIL)]
    out: dict[int, str] = {}
    end = 0
    for block in _CMAP_BLOCK.finditer(body):
        if block.start() != end:
            raise _NotOurs
        end = block.end()
        for cid, code in _CMAP_PAIR.findall(block.group(1)):
            text = bytes.fromhex(code.decode()).decode("utf-16-be", "ignore")
            n = int(cid, 16)
            if text == "\u00a0" and out.get(n) == " ":
                continue  # as pdfminer's FileUnicodeMap
            out[n] = text
    if end != len(body):
        raise _NotOurs
    return out


@dataclass
class OwnPage:
    """What ``read_text`` asks of a page: its number, characters and ruled tables."""

    page_number: int
    chars: list[dict[str, Any]] = field(default_factory=list)
    rects: list[dict[str, Any]] = field(default_factory=list)
    curves: list[dict[str, Any]] = field(default_factory=list)

    @property
    def edges(self) -> list[dict[str, Any]]:
        """As pdfplumber's ``page.edges``: lines' edges (we draw none), rectangles', curves'."""
        rects = [edge for rect in self.rects for edge in rect_to_edges(rect)]
        return rects + [edge for curve in self.curves for edge in curve_to_edges(curve)]

    def find_tables(self) -> list[Table]:
        return TableFinder(self).tables  # type: ignore[arg-type]  # it reads .edges only


@dataclass
class OwnPdf:
    metadata: dict[str, Any]
    pages: list[OwnPage]


def own_pdf(pdf: Any) -> OwnPdf | None:
    """``pdf`` (pdfplumber, produced by fupin-forms) read by the operators our writer uses;
    None if any page holds anything else."""
    try:
        resolve = ObjectReader(pdf.doc, pdf.stream).resolve
        return OwnPdf(pdf.metadata or {}, [_page(p, resolve) for p in pdf.pages])
    except _NotOurs:
        return None


def _page(page: Any, resolve: Callable[[Any], Any]) -> OwnPage:
    attrs = page.page_obj.attrs
    if not set(attrs) <= _PAGE_KEYS:
        raise _NotOurs  # rotation, crop box, annotations drawn by pdfminer …
    box = resolve(attrs.get("MediaBox"))
    if not isinstance(box, list) or len(box) != 4 or [_num(resolve(v)) for v in box[:2]] != [0, 0]:
        raise _NotOurs
    resources = resolve(attrs.get("Resources"))
    fonts = resolve(resources.get("Font")) if isinstance(resources, dict) else None
    if not isinstance(fonts, dict) or set(resources) != {"Font"}:
        raise _NotOurs
    contents = resolve(attrs.get("Contents"))
    if not isinstance(contents, PDFStream):
        raise _NotOurs
    out = OwnPage(page.page_number)
    _Interpreter(page, fonts, out, resolve).run(contents.get_data())
    return out


class _Interpreter:
    def __init__(
        self, page: Any, fonts: dict[str, Any], out: OwnPage, resolve: Callable[[Any], Any]
    ) -> None:
        self.resolve = resolve
        x0, y0 = page.page_obj.mediabox[:2]
        self.ctm = (1, 0, 0, 1, -x0, -y0)  # as pdfminer's process_page, rotation 0
        self.height, self.doctop = page.height, page.initial_doctop
        self.left0, self.top0 = page.mediabox[:2]  # pdfplumber's, top-down
        self.fonts = fonts
        self.loaded: dict[str, _Font] = {}
        self.out = out
        self.font: _Font | None = None
        self.size = 0.0
        self.ncolor: float = 0
        self.matrix: tuple[float, ...] = (1, 0, 0, 1, 0, 0)
        self.line = (0.0, 0.0)
        self.path: list[tuple[float, float, float, float]] = []
        self.in_text = False

    def run(self, data: bytes) -> None:
        pos = 0
        # matched at each position in turn (never searched ahead: a run of whitespace before
        # something else is then looked at once, not once per byte)
        while True:
            if not self.in_text and not self.path:  # whole statements first: fewer steps
                if (m := _TEXT.match(data, pos)) is not None:
                    pos = m.end()
                    self.text_object(*m.groups())
                    continue
                if (m := _RECT.match(data, pos)) is not None:
                    pos = m.end()
                    self.do("re", [float(v) for v in m.groups()])
                    self.do("S", [])
                    continue
            if (m := _OP.match(data, pos)) is None:
                break
            pos = m.end()
            op = m.lastgroup
            assert op is not None
            groups = [g for g in m.groups() if g is not None][1:]
            if op == "Tj":
                args: list[Any] = [bytes.fromhex(groups[0].decode("ascii"))]
            elif op == "Tf":
                args = [groups[0].decode("ascii"), float(groups[1])]
            else:
                args = [float(g) for g in groups]
            self.do(op, args)
        if data[pos:].strip() or self.in_text or self.path:
            raise _NotOurs

    def text_object(self, font: bytes, size: bytes, gray: bytes, body: bytes) -> None:
        """``BT /font size Tf gray g`` (``Tm`` ``Tj``)* ``ET``, as its operators one by one."""
        self.do("BT", [])
        self.do("Tf", [font.decode("ascii"), float(size)])
        self.do("g", [float(gray)])
        for *numbers, glyphs in _SHOWS.findall(body):
            self.matrix, self.line = tuple(float(v) for v in numbers), (0, 0)  # Tm
            self.show(bytes.fromhex(glyphs.decode("ascii")))  # Tj
        self.do("ET", [])

    def do(self, op: str, args: list[Any]) -> None:
        if op in ("BT", "ET"):
            if self.in_text == (op == "BT"):
                raise _NotOurs
            self.in_text = op == "BT"
            self.matrix, self.line = (1, 0, 0, 1, 0, 0), (0, 0)
        elif (op in _TEXT_OPS) != self.in_text and op != "g":
            raise _NotOurs  # text operators inside BT … ET only, path operators outside
        elif op == "g":
            self.ncolor = args[0]
        elif op == "Tf":
            if args[0] not in self.loaded:
                if args[0] not in self.fonts:
                    raise _NotOurs
                self.loaded[args[0]] = _font(self.fonts[args[0]], self.resolve)
            self.font, self.size = self.loaded[args[0]], args[1]
        elif op == "Tm":
            self.matrix, self.line = tuple(args), (0, 0)
        elif op == "Tj":
            self.show(args[0])
        elif op == "re":
            self.path.append((args[0], args[1], args[2], args[3]))
        elif op == "S":
            self.stroke()
        # "w", "G": line width and stroke colour, which no reading looks at

    def show(self, data: bytes) -> None:
        """pdfminer's render_string_horizontal and LTChar, for Tc = Tw = Ts = 0, Tz = 100:
        ``translate_matrix`` and ``apply_matrix_rect`` written out, the same operations in
        the same order, so the numbers are the same to the last bit."""
        font = self.font
        if font is None or len(data) % 2:
            raise _NotOurs
        a, b, c, d, e, f = mult_matrix(self.matrix, self.ctm)  # type: ignore[arg-type]
        size, scaling = self.size, 1.0
        x, y = self.line
        lo = font.descent * size + 0  # descent + rise
        hi = lo + size
        height, top0, chars, color = self.height, self.top0, self.out.chars, (self.ncolor,)
        # the products that do not change along the string, computed once (same values)
        a0, cl, ch, b0, dl, dh = a * 0, c * lo, c * hi, b * 0, d * lo, d * hi
        yc, yd = y * c, y * d
        unicode, widths, default = font.unicode, font.widths, font.default_width
        for n in range(0, len(data), 2):
            cid = data[n] << 8 | data[n + 1]
            text = unicode.get(cid)
            if text is None:
                raise _NotOurs
            width = widths.get(cid)
            adv = (width if width is not None else default) * 0.001 * size * scaling
            e1, f1 = x * a + yc + e, x * b + yd + f  # translate_matrix
            aa, ba = a * adv, b * adv
            xs = (a0 + cl + e1, aa + cl + e1, aa + ch + e1, a0 + ch + e1)
            ys = (b0 + dl + f1, ba + dl + f1, ba + dh + f1, b0 + dh + f1)
            x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
            chars.append(
                {
                    "text": text, "x0": x0, "x1": x1, "top": (height - y1) + top0,
                    "bottom": (height - y0) + top0, "size": y1 - y0, "non_stroking_color": color,
                }
            )  # fmt: skip
            x += adv
        self.line = (x, y)

    def stroke(self) -> None:
        """pdfminer's paint_path for ``re S``: one LTRect per rectangle."""
        for x, y, w, h in self.path:
            raw = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
            pts = [apply_matrix_pt(self.ctm, pt) for pt in raw]
            if pts[3] == pts[0]:  # no height: pdfminer drops the closing "l", keeps a curve
                self.curve(pts)
                continue
            (a, b), _, (c, d), _ = pts
            xs, ys = (a, c, c, a), (b, b, d, d)
            x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
            top = (self.height - y1) + self.top0
            self.out.rects.append(
                {
                    "object_type": "rect", "x0": x0, "y0": y0, "x1": x1, "y1": y1,
                    "width": x1 - x0, "height": y1 - y0, "top": top,
                    "bottom": (self.height - y0) + self.top0, "doctop": self.doctop + top,
                    "page_number": self.out.page_number,
                }
            )  # fmt: skip
        self.path = []

    def curve(self, pts: list[tuple[float, float]]) -> None:
        """An LTCurve through ``pts`` as pdfplumber describes it (its edges come after the
        rectangles' in ``page.edges``)."""
        x0, y0 = min(p[0] for p in pts), min(p[1] for p in pts)
        x1, y1 = max(p[0] for p in pts), max(p[1] for p in pts)
        top = (self.height - y1) + self.top0
        self.out.curves.append(
            {
                "object_type": "curve", "x0": x0, "y0": y0, "x1": x1, "y1": y1,
                "width": x1 - x0, "height": y1 - y0, "top": top,
                "bottom": (self.height - y0) + self.top0, "doctop": self.doctop + top,
                "pts": [(self.left0 + x, self.top0 + self.height - y) for x, y in pts],
                "page_number": self.out.page_number,
            }
        )  # fmt: skip
