"""The embedded Chinese font: read the packaged TrueType once, write a per-document subset.

Why hand-rolled: reportlab's form fields take only the standard 14 fonts, and a generic
subsetter (fontTools) needs ~100 ms just to load a CJK font, four times our time budget for a
whole PDF. The packaged font (``_fonts/NotoSansSC-GBK.ttf``, built by
``tools/build_pdf_font.py``) has no composite glyphs, so a subset is just the used glyphs'
bytes copied in a new order: glyph *n* of the subset is the *n*-th character the document
uses, the PDF addresses it with CID *n* (Identity-H, CIDToGIDMap Identity), and a ToUnicode
map gives text extraction and our text-position parser the characters back. Characters the
font lacks get their own CID drawn as .notdef, so they still extract exactly.
"""

from __future__ import annotations

import hashlib
import struct
from array import array
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ._pdf_writer import Name, PdfWriter, Ref, Stream

__all__ = ["FontSubset", "TrueType", "load_font"]

FONT_FILE = "NotoSansSC-GBK.ttf"
BASE_NAME = "NotoSansSC-Regular"


@dataclass(frozen=True)
class TrueType:
    """The tables of the packaged font we need, parsed once per process."""

    data: bytes
    tables: dict[str, tuple[int, int]]  # tag -> (offset, length)
    units: int
    ascent: int
    descent: int
    bbox: tuple[int, int, int, int]
    cmap: dict[int, int]
    advances: array[int]  # per glyph, font units
    lsbs: array[int]
    loca: array[int]

    def table(self, tag: str) -> bytes:
        off, length = self.tables[tag]
        return self.data[off : off + length]

    def glyph(self, gid: int) -> bytes:
        off = self.tables["glyf"][0]
        return self.data[off + self.loca[gid] : off + self.loca[gid + 1]]


@cache
def load_font() -> TrueType:
    data = resources.files("fupin_forms").joinpath("_fonts", FONT_FILE).read_bytes()
    (num_tables,) = struct.unpack_from(">H", data, 4)
    tables = {}
    for i in range(num_tables):
        tag, _, off, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        tables[tag.decode("latin-1")] = (off, length)
    head = tables["head"][0]
    units = struct.unpack_from(">H", data, head + 18)[0]
    bbox = struct.unpack_from(">4h", data, head + 36)
    long_loca = struct.unpack_from(">h", data, head + 50)[0] == 1
    hhea = tables["hhea"][0]
    ascent, descent = struct.unpack_from(">hh", data, hhea + 4)
    n_hmetrics = struct.unpack_from(">H", data, hhea + 34)[0]
    n_glyphs = struct.unpack_from(">H", data, tables["maxp"][0] + 4)[0]
    hm = array("h", data[tables["hmtx"][0] : tables["hmtx"][0] + 4 * n_hmetrics])
    hm.byteswap()
    advances = array("H", (v & 0xFFFF for v in hm[0::2]))
    lsbs = array("h", hm[1::2])
    advances.extend([advances[-1]] * (n_glyphs - n_hmetrics))
    lsbs.extend([0] * (n_glyphs - n_hmetrics))
    loca_off = tables["loca"][0]
    if long_loca:
        loca = array("I", data[loca_off : loca_off + 4 * (n_glyphs + 1)])
        loca.byteswap()
    else:
        short = array("H", data[loca_off : loca_off + 2 * (n_glyphs + 1)])
        short.byteswap()
        loca = array("I", (2 * v for v in short))
    return TrueType(
        data, tables, units, ascent, descent, (bbox[0], bbox[1], bbox[2], bbox[3]),
        _read_cmap(data, tables["cmap"][0]), advances, lsbs, loca,
    )  # fmt: skip


def _read_cmap(data: bytes, base: int) -> dict[int, int]:
    """Unicode → glyph from the (3,10) format-12 or (3,1) format-4 subtable."""
    (n,) = struct.unpack_from(">H", data, base + 2)
    subtables = {}
    for i in range(n):
        pid, eid, off = struct.unpack_from(">HHI", data, base + 4 + 8 * i)
        subtables[(pid, eid)] = base + off
    out: dict[int, int] = {}
    for key in ((3, 10), (0, 4), (3, 1), (0, 3)):
        if key not in subtables:
            continue
        sub = subtables[key]
        fmt = struct.unpack_from(">H", data, sub)[0]
        if fmt == 12:
            (groups,) = struct.unpack_from(">I", data, sub + 12)
            for g in range(groups):
                start, end, gid = struct.unpack_from(">III", data, sub + 16 + 12 * g)
                for c in range(start, end + 1):
                    out[c] = gid + c - start
            return out
        if fmt == 4:
            seg2 = struct.unpack_from(">H", data, sub + 6)[0]
            ends = struct.unpack_from(f">{seg2 // 2}H", data, sub + 14)
            starts = struct.unpack_from(f">{seg2 // 2}H", data, sub + 16 + seg2)
            deltas = struct.unpack_from(f">{seg2 // 2}h", data, sub + 16 + 2 * seg2)
            ro_base = sub + 16 + 3 * seg2
            ros = struct.unpack_from(f">{seg2 // 2}H", data, ro_base)
            for i, (start, end) in enumerate(zip(starts, ends, strict=True)):
                for c in range(start, end + 1):
                    if c == 0xFFFF:
                        continue
                    if ros[i] == 0:
                        gid = (c + deltas[i]) & 0xFFFF
                    else:
                        at = ro_base + 2 * i + ros[i] + 2 * (c - start)
                        gid = struct.unpack_from(">H", data, at)[0]
                        gid = (gid + deltas[i]) & 0xFFFF if gid else 0
                    if gid:
                        out[c] = gid
            return out
    return out


class FontSubset:
    """The characters one PDF uses, each given a CID in order of first use (CID 0 = .notdef)."""

    def __init__(self, font: TrueType | None = None) -> None:
        self.font = font or load_font()
        self._cids: dict[str, int] = {}
        self._gids: list[int] = [0]
        self._chars: list[str] = [""]

    def covers(self, ch: str) -> bool:
        return ord(ch) in self.font.cmap

    def advance(self, ch: str) -> float:
        """Advance width in 1/1000 em."""
        gid = self.font.cmap.get(ord(ch), 0)
        return self.font.advances[gid] * 1000 / self.font.units

    def width(self, text: str, size: float) -> float:
        return sum(self.advance(c) for c in text) * size / 1000

    def encode(self, text: str) -> bytes:
        """``<0001000a>`` for a content stream's ``Tj``; registers new characters."""
        out = []
        for ch in text:
            cid = self._cids.get(ch)
            if cid is None:
                cid = self._cids[ch] = len(self._gids)
                self._gids.append(self.font.cmap.get(ord(ch), 0))
                self._chars.append(ch)
            out.append(f"{cid:04x}")
        return ("<" + "".join(out) + ">").encode("ascii")

    def write(self, writer: PdfWriter, ref: Ref) -> None:
        """Write the Type0 font and its parts into ``writer`` at ``ref`` (reserved earlier)."""
        font = self.font
        scale = 1000 / font.units
        widths = [round(font.advances[g] * scale) for g in self._gids]
        tag = "".join(
            chr(65 + b % 26) for b in hashlib.sha1("".join(self._chars).encode()).digest()[:6]
        )
        name = Name(f"{tag}+{BASE_NAME}")
        program = writer.add(Stream({}, self._program(), compress=True))
        descriptor = writer.add(
            {
                "Type": Name("FontDescriptor"),
                "FontName": name,
                "Flags": 4,
                "FontBBox": [round(v * scale) for v in font.bbox],
                "ItalicAngle": 0,
                "Ascent": round(font.ascent * scale),
                "Descent": round(font.descent * scale),
                "CapHeight": 733,
                "StemV": 80,
                "FontFile2": program,
            }
        )
        cid_font = writer.add(
            {
                "Type": Name("Font"),
                "Subtype": Name("CIDFontType2"),
                "BaseFont": name,
                "CIDSystemInfo": {"Registry": b"Adobe", "Ordering": b"Identity", "Supplement": 0},
                "FontDescriptor": descriptor,
                "CIDToGIDMap": Name("Identity"),
                "DW": 1000,
                "W": [0, widths],
            }
        )
        to_unicode = writer.add(Stream({}, self._to_unicode(), compress=True))
        writer.set(
            ref,
            {
                "Type": Name("Font"),
                "Subtype": Name("Type0"),
                "BaseFont": name,
                "Encoding": Name("Identity-H"),
                "DescendantFonts": [cid_font],
                "ToUnicode": to_unicode,
            },
        )

    def _to_unicode(self) -> bytes:
        lines = [
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
            "1 begincodespacerange <0000> <FFFF> endcodespacerange",
        ]
        pairs = [
            f"<{cid:04x}> <{ch.encode('utf-16-be').hex()}>"
            for cid, ch in enumerate(self._chars)
            if cid
        ]
        for i in range(0, len(pairs), 100):
            chunk = pairs[i : i + 100]
            lines += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
        lines.append("endcmap CMapName currentdict /CMap defineresource pop end end")
        return "\n".join(lines).encode("ascii")

    def _program(self) -> bytes:
        """A TrueType file holding only this document's glyphs, renumbered by CID."""
        font = self.font
        glyphs = [font.glyph(g) for g in self._gids]
        loca = array("I", [0])
        body = bytearray()
        for g in glyphs:
            body += g + b"\0" * (-len(g) % 4)
            loca.append(len(body))
        loca.byteswap()
        n = len(glyphs)
        hmtx = b"".join(struct.pack(">Hh", font.advances[g], font.lsbs[g]) for g in self._gids)
        head = bytearray(font.table("head"))
        head[8:12] = b"\0\0\0\0"
        head[50:52] = struct.pack(">h", 1)
        hhea = bytearray(font.table("hhea"))
        hhea[34:36] = struct.pack(">H", n)
        maxp = bytearray(font.table("maxp"))
        maxp[4:6] = struct.pack(">H", n)
        tables = {
            "glyf": bytes(body),
            "head": bytes(head),
            "hhea": bytes(hhea),
            "hmtx": hmtx,
            "loca": loca.tobytes(),
            "maxp": bytes(maxp),
        }
        return _sfnt(tables)


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    words = array("I", padded)
    words.byteswap()
    return sum(words) & 0xFFFFFFFF


def _sfnt(tables: dict[str, bytes]) -> bytes:
    n = len(tables)
    entry = 1 << (n.bit_length() - 1)
    header = struct.pack(">IHHHH", 0x00010000, n, entry * 16, entry.bit_length() - 1, n * 16 - entry * 16)
    offset = 12 + 16 * n
    directory = bytearray()
    body = bytearray()
    for tag in sorted(tables):
        data = tables[tag]
        directory += struct.pack(">4sIII", tag.encode("latin-1"), _checksum(data), offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    return header + bytes(directory) + bytes(body)
