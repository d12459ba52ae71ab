"""Pieces the two application forms (附件3, 附件4) share: label/value cells, the village
block, the 项目内容 pair of rows and the four approval rows with their 盖章 line."""

from __future__ import annotations

from ..labels import VILLAGE_BLOCK, printed, title
from ._model import Cell, Field, FieldKind, Para, Repeat, Row, RowNumber, Text, VMerge

__all__ = [
    "DATE_HINT",
    "GRID_CM",
    "cue",
    "filled_on_line",
    "label",
    "pair_row",
    "review_row",
    "value",
    "village_rows",
    "wide_row",
]

# label | № | value (贫困村名称) | second label | second value: 15.6 cm between the margins
GRID_CM = (2.3, 0.9, 5.2, 2.4, 4.8)
DATE_HINT = "    年  月  日"


def broken(text: str, at: int = 0, spread: bool = False) -> str:
    """A label as the narrow cell prints it: a line break after ``at`` characters, the second
    line's characters ``spread`` apart (``申报人\\n姓  名``). The words come from
    ``fupin_forms.labels``; only the typesetting is said here."""
    if not at:
        return text
    rest = text[at:]
    return f"{text[:at]}\n{'  '.join(rest) if spread else rest}"


def cue(form: str, path: str, at: int = 0, spread: bool = False) -> tuple[str, str, str]:
    """(the label ``form`` prints for ``path``, typeset; the path; its title)."""
    return broken(printed(form, path), at, spread), path, title(form, path)


def label(text: str, span: int = 1, vmerge: VMerge | None = None) -> Cell:
    return Cell((Para((Text(text),), align="center"),), span=span, vmerge=vmerge, label=True)


def value(path: str, title: str, span: int = 1, kind: FieldKind = "text", hint: str = "") -> Cell:
    field = Field(path, title, kind, hint or f"请填写{title}")
    return Cell((Para((field,), align="left"),), span=span)


def pair_row(first: tuple[str, str, str], second: tuple[str, str, str]) -> Row:
    """``label | value (2 columns) | label | value``: each pair is (printed label, path, title)."""
    (label1, path1, title1), (label2, path2, title2) = first, second
    return Row((label(label1), value(path1, title1, span=2), label(label2), value(path2, title2)))


def wide_row(form: str, path: str) -> Row:
    """``label | value across the other four columns``."""
    text, _, name = cue(form, path)
    return Row((label(text), value(path, name, span=4)))


def filled_on_line(form: str) -> Para:
    name = title(form, "filled_on")
    return Para(
        (Text(f"{printed(form, 'filled_on')}："), Field("filled_on", name, "date", DATE_HINT)),
        align="right",
    )


def village_rows() -> tuple[Row | Repeat, ...]:
    """Header under the tall label, then one row per village (3 on a blank form)."""
    name, contact, phone = (title("villages", key) for key in ("name", "contact", "phone"))
    header = Row(
        (
            label(VILLAGE_BLOCK.printed, vmerge="restart"),
            label(printed("villages", "name"), span=2),
            label(broken(printed("villages", "contact"), 3)),
            label(printed("villages", "phone")),
        ),
        header=True,
    )
    # the hints are the titles without the words the header already says (贫困村, 联系)
    item = Row(
        (
            Cell(vmerge="continue", label=True),
            Cell((Para((RowNumber(),), align="center"),)),
            value("villages[{i}].name", name),
            value("villages[{i}].contact", contact, hint=contact.removeprefix("贫困村")),
            value("villages[{i}].phone", phone, hint=phone.removeprefix("联系")),
        ),
        height_cm=0.8,
    )
    return header, Repeat("villages", item, min_rows=3)


def review_row(form: str, key: str, at: int) -> Row:
    """An approval row: the opinion, then ``（盖章）☐已盖章   年 月 日`` on the right; the
    label as ``form`` prints it, broken after ``at`` characters."""
    base = f"reviews.{key}"
    name = printed(form, base)
    opinion = Para((Field(f"{base}.opinion", name, "multiline", f"请填写{name}"),))
    stamp = Para(
        (
            Text("（盖章）"),
            Field(f"{base}.stamped", "已盖章", "check"),
            Text("已盖章    "),
            Field(f"{base}.signed_on", f"{name}日期", "date", DATE_HINT),
        ),
        align="right",
    )
    return Row((label(broken(name, at)), Cell((opinion, stamp), span=4)), height_cm=1.5)


def project_content_rows(form: str, signature: bool, height_cm: float) -> tuple[Row, Row]:
    """项目内容: one label over two rows; in 附件4 the second row holds 专家签名：."""
    text, path, name = cue(form, "project_content")
    first = Row(
        (
            label(text, vmerge="restart"),
            value(path, name, span=4, kind="multiline"),
        ),
        height_cm=height_cm,
    )
    signed = f"{printed(form, 'expert_signed')}：" if signature else ""
    second_para = (
        Para((Text(signed), Field("expert_signed", "专家已签名", "check"), Text("已签名")))
        if signature
        else Para(())
    )
    second = Row((Cell(vmerge="continue", label=True), Cell((second_para,), span=4)), 1.0)
    return first, second
