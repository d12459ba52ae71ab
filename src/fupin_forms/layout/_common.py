"""Pieces the two application forms (附件3, 附件4) share: label/value cells, the village
block, the 项目内容 pair of rows and the four approval rows with their 盖章 line."""

from __future__ import annotations

from ._model import Cell, Field, FieldKind, Para, Repeat, Row, RowNumber, Text, VMerge

__all__ = [
    "DATE_HINT",
    "GRID_CM",
    "filled_on_line",
    "label",
    "pair_row",
    "review_row",
    "value",
    "village_rows",
]

# label | № | value (贫困村名称) | second label | second value: 15.6 cm between the margins
GRID_CM = (2.3, 0.9, 5.2, 2.4, 4.8)
DATE_HINT = "    年  月  日"


def label(text: str, span: int = 1, vmerge: VMerge | None = None) -> Cell:
    return Cell((Para((Text(text),), align="center"),), span=span, vmerge=vmerge, label=True)


def value(path: str, title: str, span: int = 1, kind: FieldKind = "text", hint: str = "") -> Cell:
    field = Field(path, title, kind, hint or f"请填写{title}")
    return Cell((Para((field,), align="left"),), span=span)


def pair_row(first: tuple[str, str, str], second: tuple[str, str, str]) -> Row:
    """``label | value (2 columns) | label | value``: each pair is (printed label, path, title)."""
    (label1, path1, title1), (label2, path2, title2) = first, second
    return Row((label(label1), value(path1, title1, span=2), label(label2), value(path2, title2)))


def filled_on_line() -> Para:
    return Para(
        (Text("填表时间："), Field("filled_on", "填表时间", "date", DATE_HINT)), align="right"
    )


def village_rows() -> tuple[Row | Repeat, ...]:
    """Header under the tall label, then one row per village (3 on a blank form)."""
    tall = "联系帮扶贫困村情况（根据帮扶贫困村的数量填写）"
    header = Row(
        (
            label(tall, vmerge="restart"),
            label("贫困村名称", span=2),
            label("贫困村\n联系人"),
            label("联系电话"),
        ),
        header=True,
    )
    item = Row(
        (
            Cell(vmerge="continue", label=True),
            Cell((Para((RowNumber(),), align="center"),)),
            value("villages[{i}].name", "贫困村名称"),
            value("villages[{i}].contact", "贫困村联系人", hint="联系人"),
            value("villages[{i}].phone", "联系电话", hint="电话"),
        ),
        height_cm=0.8,
    )
    return header, Repeat("villages", item, min_rows=3)


def review_row(key: str, title: str, printed: str) -> Row:
    """An approval row: the opinion, then ``（盖章）☐已盖章   年 月 日`` on the right."""
    base = f"reviews.{key}"
    opinion = Para((Field(f"{base}.opinion", title, "multiline", f"请填写{title}"),))
    stamp = Para(
        (
            Text("（盖章）"),
            Field(f"{base}.stamped", "已盖章", "check"),
            Text("已盖章    "),
            Field(f"{base}.signed_on", f"{title}日期", "date", DATE_HINT),
        ),
        align="right",
    )
    return Row((label(printed), Cell((opinion, stamp), span=4)), height_cm=1.5)


def project_content_rows(signature: bool, height_cm: float) -> tuple[Row, Row]:
    """项目内容: one label over two rows; in 附件4 the second row holds 专家签名：."""
    text = "项目内容（帮扶的内容、形式、时间、地点、{}等情况及预期目标、效果）"
    what = "人次" if signature else "场次"
    first = Row(
        (
            label(text.format(what), vmerge="restart"),
            value("project_content", "项目内容", span=4, kind="multiline"),
        ),
        height_cm=height_cm,
    )
    second_para = (
        Para((Text("专家签名："), Field("expert_signed", "专家已签名", "check"), Text("已签名")))
        if signature
        else Para(())
    )
    second = Row((Cell(vmerge="continue", label=True), Cell((second_para,), span=4)), 1.0)
    return first, second
