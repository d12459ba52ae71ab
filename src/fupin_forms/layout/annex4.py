"""附件4 项目书（二）, the individual expert's application, row by row as the seed prints it."""

from __future__ import annotations

from ._common import (
    GRID_CM,
    filled_on_line,
    label,
    pair_row,
    project_content_rows,
    review_row,
    value,
    village_rows,
)
from ._model import Cell, Field, Page, Para, Row, Text

__all__ = ["ANNEX4", "CATEGORIES"]

CATEGORIES = ("技术培训类", "产业技术类", "科普教育类")


def _category_cell() -> Cell:
    items: list[Text | Field] = []
    for n, option in enumerate(CATEGORIES):
        if n:
            items.append(Text("    "))
        items += [Field("category", option, "option", option=option), Text(option)]
    return Cell((Para(tuple(items)),), span=4)


ANNEX4 = Page(
    form_id="annex4",
    annex_line="附件4：",
    title="山东省科协精准扶贫专家服务行动项目书（二）",
    head=(filled_on_line(),),
    grid_cm=GRID_CM,
    rows=(
        pair_row(
            ("申报人\n姓  名", "applicant_name", "申报人姓名"), ("工作单位", "employer", "工作单位")
        ),
        pair_row(("通信地址", "address", "通信地址"), ("邮政\n编码", "postcode", "邮政编码")),
        pair_row(("申报人\n专  业", "specialty", "申报人专业"), ("职称", "title", "职称")),
        pair_row(("联系电话", "phone", "联系电话"), ("电子邮箱", "email", "电子邮箱")),
        *village_rows(),
        Row((label("项目名称"), value("project_name", "项目名称", span=4))),
        Row((label("项目类别"), _category_cell())),
        *project_content_rows(signature=True, height_cm=3.6),
        review_row("unit", "所在单位意见", "所在单位\n意见"),
        review_row("county_poverty_office", "县扶贫办核审意见", "县扶贫办\n核审意见"),
        review_row("county_cast", "县级科协意见", "县级科协\n意见"),
        review_row("city_cast", "市级科协意见", "市级科协\n意见"),
    ),
    notes=(Para((Text("备注：此表申报主体为个人"),)),),
)
