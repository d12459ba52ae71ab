"""附件5 工作台帐, the county's ledger of one expert's activities.

The printed annex has four columns; 附件1 工作要求（四） also asks for 参加人次 and 服务效果,
so those print as a second line in the activity cell, only when filled.
"""

from __future__ import annotations

from ._common import DATE_HINT
from ._model import Align, Cell, Field, Page, Para, Repeat, Row, Text

__all__ = ["ANNEX5"]


def _head() -> Cell:
    return Cell((Para((Text("序号"),), align="center"),), label=True)


def _hcell(text: str) -> Cell:
    return Cell((Para((Text(text),), align="center"),), label=True)


def _cell(field: Field, align: Align = "left") -> Cell:
    return Cell((Para((field,), align=align),))


_extra = Para(
    (
        Text("参加人次："),
        Field("entries[{i}].participants", "参加人次", "int", "人次"),
        Text("  服务效果："),
        Field("entries[{i}].outcome", "服务效果", "text", "服务效果"),
    ),
    when_filled=True,
)

ANNEX5 = Page(
    form_id="annex5",
    annex_line="附件5：",
    title="山东省科协精准扶贫专家服务行动工作台帐",
    head=(
        # The seed leaves a blank before "县（市、区）科协"; values are full names (沂水县), so
        # the label goes first to avoid printing "沂水县县（市、区）科协".
        Para(
            (
                Text("县（市、区）科协："),
                Field("county", "县（市、区）科协", "text", "        "),
                Text("    承担项目专家："),
                Field("expert", "承担项目专家", "text", "            "),
                Text("    "),
                Field("filled_on", "填表时间", "date", DATE_HINT),
            ),
            align="left",
        ),
    ),
    grid_cm=(1.6, 3.4, 3.6, 7.0),
    rows=(
        Row((_head(), _hcell("时间"), _hcell("地点"), _hcell("帮扶活动形式、内容")), header=True),
        Repeat(
            "entries",
            Row(
                (
                    _cell(Field("entries[{i}].seq", "序号", "int", " "), "center"),
                    _cell(Field("entries[{i}].date", "时间", "date", " ")),
                    _cell(Field("entries[{i}].place", "地点", "text", " ")),
                    Cell(
                        (
                            Para(
                                (
                                    Field(
                                        "entries[{i}].activity",
                                        "帮扶活动形式、内容",
                                        "multiline",
                                        " ",
                                    ),
                                )
                            ),
                            _extra,
                        )
                    ),
                ),
                height_cm=2.0,
            ),
            min_rows=7,
        ),
    ),
)
