"""Build ``src/fupin_forms/_fonts/NotoSansSC-GBK.ttf``: the one font the PDF forms embed.

Source: Noto Sans SC (SIL Open Font License 1.1) as shipped in the PyPI package
``justmytype-intl-cjk`` (a variable TrueType). We pin the Regular weight, keep every character
of GBK (the code page Word and WPS users type in: GB2312's 6,763 hanzi are not enough for
Shandong's own place names, e.g. 堌 in 曹县青堌集镇, 洸 in 洸河路) plus ASCII and a few
characters the forms and common names need, drop hinting and layout tables,
decompose composite glyphs (so the runtime subsetter copies glyphs without remapping
components) and add ☐/☑ glyphs, which Noto Sans SC lacks, so check boxes are real text that a
text-position parser can read. Run once: ``pip install fonttools justmytype-intl-cjk`` then
``python tools/build_pdf_font.py``; the result and OFL.txt are committed.
"""

from __future__ import annotations

import contextlib
import shutil
from importlib import resources
from pathlib import Path

from fontTools import subset
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

OUT = Path(__file__).resolve().parents[1] / "src" / "fupin_forms" / "_fonts"
# Beyond GB2312: the ideographic zero, dashes, and name characters GB2312 lacks but
# household registers often use.
EXTRA = "〇—–―…·•×√✓○●□■①②③④⑤⑥⑦⑧⑨⑩№℃‰€￥" "喆堃昇镕珺玥琇瑄赟犇淼焱垚鑫燚頔婧旻晔曌"


def gbk() -> set[str]:
    """Every character GBK encodes (its double-byte area 0x81–0xFE × 0x40–0xFE), plus ASCII."""
    chars = {chr(c) for c in range(0x20, 0x7F)}
    for hi in range(0x81, 0xFF):
        for lo in range(0x40, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes([hi, lo]).decode("gbk"))
    return chars | set(EXTRA)


def box_glyph(checked: bool) -> object:
    """A 1000-unit square drawn as an outline (and a tick when ``checked``)."""
    pen = TTGlyphPen(None)
    a, b, w = 120, 820, 60  # outer square from a to b, stroke width w
    for x0, y0, x1, y1 in ((a, a - 100, b, b - 100), (a + w, a - 100 + w, b - w, b - 100 - w)):
        pts = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
        if x0 != a:
            pts.reverse()  # inner contour runs the other way: a hole
        pen.moveTo(pts[0])
        for p in pts[1:]:
            pen.lineTo(p)
        pen.closePath()
    if checked:
        for p in ((230, 370), (300, 440), (430, 300), (710, 640), (780, 570), (430, 170)):
            pen.lineTo(p) if p != (230, 370) else pen.moveTo(p)
        pen.closePath()
    return pen.glyph()


def main() -> None:
    pkg = resources.files("justmytype_intl_cjk") / "fonts" / "ofl" / "notosanssc"
    src = Path(str(pkg / "NotoSansSC[wght].ttf"))
    font = instancer.instantiateVariableFont(TTFont(src), {"wght": 400})
    opts = subset.Options()
    opts.layout_features = []
    opts.hinting = False
    opts.notdef_outline = True
    opts.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    opts.drop_tables += ["GSUB", "GPOS", "GDEF", "STAT", "DSIG", "vhea", "vmtx", "VORG", "BASE"]
    opts.drop_tables += ["gasp"]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=sorted(ord(c) for c in gbk()))
    sub.subset(font)
    glyf = font["glyf"]
    gs = font.getGlyphSet()
    for name in font.getGlyphOrder():
        if glyf[name].isComposite():
            rec = DecomposingRecordingPen(gs)
            gs[name].draw(rec)
            pen = TTGlyphPen(None)
            rec.replay(pen)
            glyf[name] = pen.glyph()
    order = list(font.getGlyphOrder())
    for code, checked in ((0x2610, False), (0x2611, True)):
        name = f"uni{code:04X}"
        if name in order:
            continue
        order.append(name)
        glyf.glyphs[name] = box_glyph(checked)
        font["hmtx"].metrics[name] = (1000, 120)
        for table in font["cmap"].tables:
            if table.isUnicode():
                table.cmap[code] = name
    font.setGlyphOrder(order)
    glyf.glyphOrder = order
    font["maxp"].numGlyphs = len(order)
    font["post"].formatType = 3.0
    OUT.mkdir(parents=True, exist_ok=True)
    font.save(OUT / "NotoSansSC-GBK.ttf")
    shutil.copy(Path(str(pkg / "OFL.txt")), OUT / "OFL.txt")
    print(OUT / "NotoSansSC-GBK.ttf", (OUT / "NotoSansSC-GBK.ttf").stat().st_size)


if __name__ == "__main__":
    main()
