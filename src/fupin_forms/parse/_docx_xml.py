"""Reading WordprocessingML with lxml: paragraphs as text and content controls, tables as a
grid that knows merged cells. Nothing here knows the annexes; ``_docx_layout`` does.

What is read is what Word shows (issue 13): hidden runs (``w:vanish``) and hidden content
controls are not values; a check box shows its glyph (☒/☐), which wins over a
``w14:checked`` flag that says otherwise. ``document_notes`` lists every such case, and
duplicate tags, so the parser can warn about them. Tables are read within the
``table_rows``/``table_cells`` budgets; a ``gridSpan`` that is no small number is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree  # type: ignore[import-untyped]  # no stubs; see pyproject

from ..budgets import budgets
from ..errors import ParseError

__all__ = [
    "CellRef", "Control", "Paragraph", "Table", "W", "body_blocks", "document_notes", "read_table",
]  # fmt: skip

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
CHECKED = "☒☑■✓✔√✗✘"
UNCHECKED = "☐□"
_OFF = ("0", "false", "off")
_MAX_SPAN = 64  # Word tables have at most 63 columns
_TEXT_CHARS_CHECK = 2000  # below this no paragraph can be over budget: skip the lookup
_SKIP = {W + "del", W + "sdtPr", W + "rPr", W + "pPr", W + "instrText", W + "delText"}


@dataclass
class Control:
    """A content control as found: its tag/alias may be gone after another suite saved it."""

    tag: str | None
    alias: str | None
    text: str
    placeholder: bool = False
    checked: bool | None = None  # None: not a checkbox
    full_date: str | None = None

    @property
    def shown(self) -> str:
        """What the control shows, placeholders as empty and checkboxes as ☒/☐."""
        if self.checked is not None:
            return "☒" if self.checked else "☐"
        return "" if self.placeholder else self.text


@dataclass
class Paragraph:
    """One paragraph: ``parts`` alternates plain strings and ``Control``s, in order."""

    parts: list[str | Control] = field(default_factory=list)
    marked: list[str] = field(default_factory=list)  # text underlined, highlighted or boxed
    struck: list[str] = field(default_factory=list)  # text struck through (crossed out)

    @property
    def text(self) -> str:
        return "".join(p if isinstance(p, str) else p.shown for p in self.parts)

    @property
    def controls(self) -> list[Control]:
        return [p for p in self.parts if isinstance(p, Control)]


def _val(el: etree._Element | None, attr: str = W + "val") -> str | None:
    return None if el is None else el.get(attr)


def _flag(el: etree._Element | None) -> bool:
    """Is an on/off property such as ``<w:vanish/>`` present and not switched off?"""
    return el is not None and _val(el) not in _OFF


def hidden_run(r: etree._Element) -> bool:
    """A run Word does not show: ``w:vanish`` in its properties."""
    pr = r.find(W + "rPr")
    return pr is not None and _flag(pr.find(W + "vanish"))


def _hidden_control(sdt: etree._Element) -> bool:
    """A content control Word does not show: hidden by its own run properties, or every run
    with text in it hidden."""
    pr = sdt.find(W + "sdtPr")
    rpr = pr.find(W + "rPr") if pr is not None else None
    if rpr is not None and _flag(rpr.find(W + "vanish")):
        return True
    content = sdt.find(W + "sdtContent")
    if content is None or content.find(f".//{W}vanish") is None:
        return False
    runs = [r for r in content.iter(W + "r") if "".join(r.itertext()).strip()]
    return bool(runs) and all(hidden_run(r) for r in runs)


def _collect(node: etree._Element, out: list[str]) -> None:
    for child in node:
        tag = child.tag
        if tag in _SKIP or not isinstance(tag, str):
            continue
        if tag == W + "r" and hidden_run(child):
            continue
        if tag == W + "t":
            out.append(child.text or "")
        elif tag in (W + "br", W + "cr"):
            if child.get(W + "type") in (None, "textWrapping"):
                out.append("\n")
        elif tag == W + "tab":
            out.append("\t")
        elif tag == W + "p":
            if out and out[-1] != "\n":
                out.append("\n")
            _collect(child, out)
        else:
            _collect(child, out)


def _text_of(el: etree._Element) -> str:
    """Text of runs below ``el``: w:t, line breaks and tabs, paragraphs separated by \\n."""
    out: list[str] = []
    _collect(el, out)
    return "".join(out).strip("\n")


_HINT_COLORS = {"808080", "7F7F7F", "A6A6A6", "BFBFBF", "999999"}


def hint_styled(run: etree._Element) -> bool:
    """A run the file marks as hint text: Word's PlaceholderText style or a grey colour."""
    pr = run.find(W + "rPr")
    if pr is None:
        return False
    style = _val(pr.find(W + "rStyle")) or ""
    color = (_val(pr.find(W + "color")) or "").upper()
    return "placeholder" in style.lower() or color in _HINT_COLORS


def _emphasised(run: etree._Element) -> bool:
    """Underlined, highlighted, shaded or boxed: how people mark a choice without a box."""
    pr = run.find(W + "rPr")
    if pr is None:
        return False
    u = pr.find(W + "u")
    if u is not None and _val(u) not in ("none", None, "0"):
        return True
    return any(pr.find(W + tag) is not None for tag in ("highlight", "bdr", "em"))


def _struck(run: etree._Element) -> bool:
    """Struck through once or twice: an option crossed out."""
    pr = run.find(W + "rPr")
    return pr is not None and (_flag(pr.find(W + "strike")) or _flag(pr.find(W + "dstrike")))


def _all_hint(content: etree._Element | None) -> bool:
    runs = (
        [r for r in content.iter(W + "r") if "".join(r.itertext()).strip()]
        if content is not None
        else []
    )
    return all(hint_styled(r) for r in runs)


def _control(sdt: etree._Element) -> Control:
    pr = sdt.find(W + "sdtPr")
    content = sdt.find(W + "sdtContent")
    text = _text_of(content) if content is not None else ""
    if pr is None:
        return Control(None, None, text)
    box = pr.find(W14 + "checkbox")
    checked: bool | None = None
    if box is not None:
        state = _val(box.find(W14 + "checked"), W14 + "val")
        checked = _glyph(text)  # what Word shows wins over the stored flag
        if checked is None:
            checked = state in ("1", "true", "on")
    date = pr.find(W + "date")
    return Control(
        tag=_val(pr.find(W + "tag")),
        alias=_val(pr.find(W + "alias")),
        text=text,
        # the placeholder flag counts only while the text still looks like the placeholder:
        # text typed into a control whose flag was left on is read
        placeholder=(
            (
                pr.find(W + "showingPlcHdr") is not None
                and _val(pr.find(W + "showingPlcHdr")) not in ("0", "false", "off")
            )
            or (box is None and bool(text.strip()))
        )
        and _all_hint(content),
        checked=checked,
        full_date=_val(date, W + "fullDate"),
    )


def _glyph(text: str) -> bool | None:
    """Ticked, unticked, or None if ``text`` shows no box glyph."""
    if any(c in text for c in CHECKED):
        return True
    if any(c in text for c in UNCHECKED):
        return False
    return None


def paragraph(p: etree._Element) -> Paragraph:
    para = Paragraph()

    def walk(node: etree._Element) -> None:
        for child in node:
            tag = child.tag
            if tag == W + "sdt":
                if not _hidden_control(child):
                    para.parts.append(_control(child))
            elif tag == W + "r":
                out: list[str] = []
                _collect(child, out)
                para.parts.append("" if hint_styled(child) else "".join(out))
                if _emphasised(child) and "".join(out).strip():
                    para.marked.append("".join(out))
                if _struck(child) and "".join(out).strip():
                    para.struck.append("".join(out))
            elif tag in (W + "ins", W + "hyperlink", W + "smartTag", W + "fldSimple"):
                walk(child)

    walk(p)
    size = sum(len(t) if isinstance(t, str) else len(t.text) for t in para.parts)
    if size > _TEXT_CHARS_CHECK:  # the label patterns' input is bounded
        budgets().check("text_chars", size)
    return para


def paragraphs(container: etree._Element) -> list[Paragraph]:
    """Paragraphs directly in ``container`` or in block-level content controls in it."""
    out: list[Paragraph] = []
    for child in container:
        if child.tag == W + "p":
            out.append(paragraph(child))
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                out.extend(paragraphs(content))
    return out


@dataclass
class CellRef:
    tc: etree._Element
    col: int
    span: int
    vmerge: str | None  # "restart", "continue" or None
    paras: list[Paragraph]

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paras)

    @property
    def key(self) -> str:
        """Text without any whitespace: how labels are compared."""
        return re.sub(r"\s+", "", self.text)


@dataclass
class Table:
    rows: list[list[CellRef]]


def _rows(tbl: etree._Element) -> list[etree._Element]:
    out = []
    for child in tbl:
        if child.tag == W + "tr":
            out.append(child)
        elif child.tag == W + "sdt":  # a repeating-section control around rows
            content = child.find(W + "sdtContent")
            if content is not None:
                out.extend(r for r in content if r.tag == W + "tr")
    return out


def _cells(tr: etree._Element) -> list[etree._Element]:
    out = []
    for child in tr:
        if child.tag == W + "tc":
            out.append(child)
        elif child.tag == W + "sdt":  # a cell-level content control
            content = child.find(W + "sdtContent")
            if content is not None:
                out.extend(c for c in content if c.tag == W + "tc")
    return out


def _span(pr: etree._Element | None) -> int:
    raw = _val(pr.find(W + "gridSpan")) if pr is not None else None
    if raw is None:
        return 1
    if not raw.strip().isdigit() or not 1 <= int(raw) <= _MAX_SPAN:
        raise ParseError(f"表格单元格的合并列数 gridSpan={raw[:20]!r} 无效，文件已损坏")
    return int(raw)


def read_table(tbl: etree._Element) -> Table:
    limits = budgets()
    rows: list[list[CellRef]] = []
    n_cells = 0
    for tr in _rows(tbl):
        limits.check("word_table_rows", len(rows) + 1)
        col, cells = 0, []
        for tc in _cells(tr):
            n_cells += 1
            limits.check("table_cells", n_cells)
            pr = tc.find(W + "tcPr")
            span = _span(pr)
            vm = pr.find(W + "vMerge") if pr is not None else None
            vmerge = None if vm is None else (_val(vm) or "continue")
            cells.append(CellRef(tc, col, span, vmerge, paragraphs(tc)))
            col += span
        rows.append(cells)
    return Table(rows)


def body_blocks(root: etree._Element) -> list[Paragraph | etree._Element]:
    """The body in order: ``Paragraph`` for paragraphs, the raw element for tables."""
    body = root.find(W + "body")
    out: list[Paragraph | etree._Element] = []
    if body is None:
        return out
    for child in body:
        if child.tag == W + "p":
            out.append(paragraph(child))
        elif child.tag == W + "tbl":
            out.append(child)
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                for inner in content:
                    if inner.tag == W + "p":
                        out.append(paragraph(inner))
                    elif inner.tag == W + "tbl":
                        out.append(inner)
    return out


def document_notes(root: etree._Element) -> list[str]:
    """What a reader of ``root`` should be told: hidden text and controls that were skipped,
    check boxes whose glyph and flag disagree, tags used more than once."""
    notes: list[str] = []
    tags: dict[str, int] = {}
    for sdt in root.iter(W + "sdt"):
        pr = sdt.find(W + "sdtPr")
        tag = _val(pr.find(W + "tag")) if pr is not None else None
        if _hidden_control(sdt):
            notes.append(f"隐藏的内容控件{f'（{tag}）' if tag else ''}不作为填写内容读取")
            continue
        if tag:
            tags[tag] = tags.get(tag, 0) + 1
        box = pr.find(W14 + "checkbox") if pr is not None else None
        if box is not None:
            content = sdt.find(W + "sdtContent")
            shown = _glyph(_text_of(content)) if content is not None else None
            state = _val(box.find(W14 + "checked"), W14 + "val")
            if shown is not None and state is not None and shown != (state in ("1", "true", "on")):
                notes.append(
                    f"复选框{f'（{tag}）' if tag else ''}显示为{'☒' if shown else '☐'}，"
                    f"但存储的勾选标记相反，按显示读取"
                )
    hidden = sum(1 for r in root.iter(W + "r") if hidden_run(r) and "".join(r.itertext()).strip())
    if hidden:
        notes.append(f"文档中有 {hidden} 处隐藏文字，不作为填写内容读取")
    notes += [f"标记 {tag} 出现 {n} 次，只读取第一个可见的" for tag, n in tags.items() if n > 1]
    return notes
