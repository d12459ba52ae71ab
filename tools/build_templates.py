"""Build ``templates/annex/annex{3,4,5}.docx`` from the layout (``fupin_forms.layout``).

The templates are docxtpl templates: each value is a content control (w:sdt) tagged with its
JSON path and titled with its Chinese label, whose text is a Jinja expression; village and
ledger rows repeat with docxtpl's ``{%tr for %}``. They are generated, never hand-edited,
so the Word form and the parser read one description. Run ``python tools/build_templates.py``
after changing the layout and commit the result.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import docx
from docx.oxml import parse_xml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from fupin_forms.layout import PAGES, Cell, Field, Page, Para, Repeat, Row, RowNumber, Text  # noqa: E402
from fupin_forms.render._docx_names import (  # noqa: E402
    ITEM,
    iso_var,
    repeat_var,
    tag_expr,
    var_expr,
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
NSDECL = f'xmlns:w="{W_NS}" xmlns:w14="{W14_NS}"'
CM = 567  # twips per centimetre
BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "黑体"
BOX_FONT = "MS Gothic"  # what Word itself uses for ☐/☒; other suites substitute
GREY = '<w:color w:val="808080"/>'
FIXED_TIME = dt.datetime(2016, 1, 1)


def rpr(size_pt: float = 10.5, font: str | None = None, bold: bool = False, extra: str = "") -> str:
    fonts = f'<w:rFonts w:eastAsia="{font}" w:hint="eastAsia"/>' if font else ""
    half = int(size_pt * 2)
    b = "<w:b/><w:bCs/>" if bold else ""
    return f'<w:rPr>{fonts}{b}{extra}<w:sz w:val="{half}"/><w:szCs w:val="{half}"/></w:rPr>'


def text_run(text: str, props: str) -> str:
    parts = text.split("\n")
    out = []
    for n, part in enumerate(parts):
        if n:
            out.append(f"<w:r>{props}<w:br/></w:r>")
        if part:
            out.append(f'<w:r>{props}<w:t xml:space="preserve">{escape(part)}</w:t></w:r>')
    return "".join(out)


def _sdt_pr(field: Field, props: str, empty_test: str) -> str:
    alias = quoteattr(field.label)
    tag = quoteattr(tag_expr(field))
    plc = f"{{% if {empty_test} %}}<w:showingPlcHdr/>{{% endif %}}"
    return f"<w:sdtPr>{props}<w:alias w:val={alias}/><w:tag w:val={tag}/>{plc}"


def sdt(field: Field, size_pt: float) -> str:
    """One inline content control whose content is the field's Jinja expression."""
    expr = var_expr(field)
    if field.kind in ("check", "option"):
        props = rpr(size_pt, BOX_FONT)
        return (
            f"<w:sdt>{_sdt_pr(field, props, 'False')}"
            f'<w14:checkbox><w14:checked w14:val="{{% if {expr} %}}1{{% else %}}0{{% endif %}}"/>'
            f'<w14:checkedState w14:val="2612" w14:font="{BOX_FONT}"/>'
            f'<w14:uncheckedState w14:val="2610" w14:font="{BOX_FONT}"/></w14:checkbox>'
            f"</w:sdtPr><w:sdtContent><w:r>{props}<w:t>"
            f"{{% if {expr} %}}☒{{% else %}}☐{{% endif %}}</w:t></w:r></w:sdtContent></w:sdt>"
        )
    props = rpr(size_pt)
    grey = rpr(size_pt, extra=f"{{% if not {expr} %}}{GREY}{{% endif %}}")
    if field.kind == "date":
        iso = var_expr(field, iso_var(field))
        date_pr = (
            '<w:dateFormat w:val="yyyy年M月d日"/><w:lid w:val="zh-CN"/>'
            '<w:storeMappedDataAs w:val="dateTime"/><w:calendar w:val="gregorian"/>'
        )
        kind = (
            f'{{% if {iso} %}}<w:date w:fullDate="{{{{ {iso} }}}}T00:00:00Z">{date_pr}</w:date>'
            f"{{% else %}}<w:date>{date_pr}</w:date>{{% endif %}}"
        )
    else:
        kind = ""  # rich text: LibreOffice drops <w:br/> inside plain-text controls
    hint = escape(field.hint)
    return (
        f"<w:sdt>{_sdt_pr(field, props, f'not {expr}')}{kind}</w:sdtPr>"
        f'<w:sdtContent><w:r>{grey}<w:t xml:space="preserve">'
        f"{{% if {expr} %}}{{{{ {expr} }}}}{{% else %}}{hint}{{% endif %}}"
        f"</w:t></w:r></w:sdtContent></w:sdt>"
    )


# Lines of the one-page application forms are an exact height, not "single": with single
# spacing the row heights follow the font that stands in for 仿宋_GB2312 (Noto Sans CJK's lines
# are 1.45 em, UKai's 1.1 em), and with a tall stand-in the one-line 备注 of a full 附件4 went
# onto a second page. The ledger runs over pages anyway and keeps single spacing: its
# LibreOffice PDF export is what the text-position reader is tuned to.
LINE_EM = 1.25
EXACT_LINE_FORMS = ("annex3", "annex4")
_line_em: float | None = None  # set by build() for the page being built


def paragraph(para: Para, size_pt: float, font: str | None = None, spacing: str = "") -> str:
    """``spacing``: extra ``w:spacing`` attributes (``w:before="120"``)."""
    jc = {"left": "left", "center": "center", "right": "right", "both": "both"}[para.align]
    if _line_em is not None:
        line = round(size_pt * _line_em * 20)
        spacing = f'<w:spacing {spacing} w:line="{line}" w:lineRule="exact"/>'.replace("  ", " ")
    elif spacing:
        spacing = f"<w:spacing {spacing}/>"
    ppr = f'<w:pPr>{spacing}<w:jc w:val="{jc}"/>{rpr(size_pt, font)}</w:pPr>'
    runs = []
    for item in para.items:
        if isinstance(item, Text):
            runs.append(text_run(item.text, rpr(size_pt, font, item.bold)))
        elif isinstance(item, RowNumber):
            runs.append(f"<w:r>{rpr(size_pt)}<w:t>{{{{ loop.index }}}}</w:t></w:r>")
        else:
            runs.append(sdt(item, size_pt))
    body = f"<w:p>{ppr}{''.join(runs)}</w:p>"
    if para.when_filled:
        test = " or ".join(var_expr(f) for f in para.fields)
        body = (
            f"<w:p><w:r><w:t>{{%p if {test} %}}</w:t></w:r></w:p>{body}"
            "<w:p><w:r><w:t>{%p endif %}</w:t></w:r></w:p>"
        )
    return body


def cell(c: Cell, width_cm: float) -> str:
    tcpr = [f'<w:tcW w:w="{round(width_cm * CM)}" w:type="dxa"/>']
    if c.span > 1:
        tcpr.append(f'<w:gridSpan w:val="{c.span}"/>')
    if c.vmerge == "restart":
        tcpr.append('<w:vMerge w:val="restart"/>')
    elif c.vmerge == "continue":
        tcpr.append("<w:vMerge/>")
    multiline = any(f.kind == "multiline" for f in c.fields)
    tcpr.append(f'<w:vAlign w:val="{"top" if multiline else "center"}"/>')
    paras = []
    for n, p in enumerate(c.paras or (Para(()),)):
        spacing = 'w:before="200"' if n and p.align == "right" else ""
        paras.append(paragraph(p, 10.5, spacing=spacing))
    return f"<w:tc><w:tcPr>{''.join(tcpr)}</w:tcPr>{''.join(paras)}</w:tc>"


def row(r: Row, grid: tuple[float, ...]) -> str:
    cells, col = [], 0
    for c in r.cells:
        cells.append(cell(c, sum(grid[col : col + c.span])))
        col += c.span
    assert col == len(grid), f"row spans {col} of {len(grid)} columns: {r}"
    rule = "exact" if r.exact else "atLeast"
    trpr = f'<w:trPr><w:cantSplit/><w:trHeight w:val="{round(r.height_cm * CM)}" w:hRule="{rule}"/>'
    return f"<w:tr>{trpr}</w:trPr>{''.join(cells)}</w:tr>"


def marker_row(text: str, grid: tuple[float, ...]) -> str:
    span = f'<w:gridSpan w:val="{len(grid)}"/>' if len(grid) > 1 else ""
    w = round(sum(grid) * CM)
    return (
        f'<w:tr><w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{span}</w:tcPr>'
        f"<w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p></w:tc></w:tr>"
    )


def table(page: Page) -> str:
    grid = page.grid_cm
    border = '<w:{0} w:val="single" w:sz="6" w:space="0" w:color="000000"/>'
    borders = "".join(
        border.format(s) for s in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    tblpr = (
        f'<w:tblPr><w:tblW w:w="{round(sum(grid) * CM)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr>"
    )
    cols = "".join(f'<w:gridCol w:w="{round(w * CM)}"/>' for w in grid)
    rows = []
    for r in page.rows:
        if isinstance(r, Repeat):
            rows.append(marker_row(f"{{%tr for {ITEM} in {repeat_var(r)} %}}", grid))
            rows.append(row(r.row, grid))
            rows.append(marker_row("{%tr endfor %}", grid))
        else:
            rows.append(row(r, grid))
    return f"<w:tbl>{tblpr}<w:tblGrid>{cols}</w:tblGrid>{''.join(rows)}</w:tbl>"


def body_xml(page: Page) -> list[str]:
    annex = Para((Text(page.annex_line),))
    title = Para((Text(page.title),), align="center")
    out = [
        paragraph(annex, 14, TITLE_FONT),
        paragraph(title, 18, TITLE_FONT, 'w:before="240" w:after="240"'),
    ]
    out += [paragraph(p, 12, spacing='w:after="120"') for p in page.head]
    out.append(table(page))
    out += [paragraph(p, 12, spacing='w:before="120"') for p in page.notes]
    if not page.notes:
        out.append("<w:p/>")  # Word needs a paragraph after a final table; .doc export drops it
    return out


DOC_DEFAULTS = (
    f"<w:docDefaults {NSDECL}><w:rPrDefault><w:rPr>"
    f'<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{BODY_FONT}" '
    'w:cs="Times New Roman"/><w:sz w:val="21"/><w:szCs w:val="21"/>'
    '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "</w:pPrDefault></w:docDefaults>"
)


def build(page: Page) -> bytes:
    global _line_em
    _line_em = LINE_EM if page.form_id in EXACT_LINE_FORMS else None
    document = docx.Document()
    styles = document.styles.element
    old = styles.find(f"{{{W_NS}}}docDefaults")
    styles.replace(old, parse_xml(DOC_DEFAULTS))
    section = document.sections[0]
    section.page_width, section.page_height = docx.shared.Cm(21), docx.shared.Cm(29.7)
    section.top_margin, section.bottom_margin = docx.shared.Cm(2.5), docx.shared.Cm(2.2)
    section.left_margin, section.right_margin = docx.shared.Cm(2.8), docx.shared.Cm(2.6)
    body = document.element.body
    sect = body[-1]
    for fragment in body_xml(page):
        # Jinja statements between elements survive as text; docxtpl renders them away.
        wrapper = parse_xml(f"<w:body {NSDECL}>{fragment}</w:body>")
        for child in list(wrapper):
            sect.addprevious(child)
    props = document.core_properties
    props.title, props.author, props.last_modified_by = page.title, "fupin-forms", "fupin-forms"
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    out = io.BytesIO()
    document.save(out)
    return _reproducible(out.getvalue())


def _reproducible(data: bytes) -> bytes:
    """Same layout, same bytes: fixed zip timestamps so regenerating shows no spurious diff."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def main() -> None:
    """``--check``: exit 1 if a committed template differs from what the layout builds."""
    check = "--check" in sys.argv[1:]
    target = ROOT / "templates" / "annex"
    target.mkdir(parents=True, exist_ok=True)
    stale = []
    for form_id, page in PAGES.items():
        path = target / f"{form_id}.docx"
        data = build(page)
        if check:
            if not path.is_file() or path.read_bytes() != data:
                stale.append(path.name)
            continue
        path.write_bytes(data)
        print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        sys.exit(f"templates out of date: {', '.join(stale)} (run python tools/build_templates.py)")


if __name__ == "__main__":
    main()
