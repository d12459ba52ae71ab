"""附件3 项目书（一）, the unit's application, row by row as the seed prints it."""

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
from ._model import Page, Para, Row, Text

__all__ = ["ANNEX3"]

ANNEX3 = Page(
    form_id="annex3",
    annex_line="附件3：",
    title="山东省科协精准扶贫专家服务行动项目书（一）",
    head=(filled_on_line(),),
    grid_cm=GRID_CM,
    rows=(
        Row((label("申报单位"), value("unit_name", "申报单位", span=4))),
        pair_row(("通信地址", "address", "通信地址"), ("邮政\n编码", "postcode", "邮政编码")),
        pair_row(
            ("单位\n负责人", "unit_head", "单位负责人"), ("联系人", "contact_person", "联系人")
        ),
        pair_row(("联系电话", "phone", "联系电话"), ("电子邮箱", "email", "电子邮箱")),
        *village_rows(),
        Row((label("项目名称"), value("project_name", "项目名称", span=4))),
        *project_content_rows(signature=False, height_cm=4.4),
        review_row("unit", "单位意见", "单位\n意见"),
        review_row("county_poverty_office", "县扶贫办核审意见", "县扶贫办\n核审意见"),
        review_row("county_cast", "县级科协意见", "县级科协\n意见"),
        review_row("city_cast", "市级科协意见", "市级科协\n意见"),
    ),
    notes=(Para((Text("备注：此表申报主体为单位，单位只申报科普教育类项目。"),)),),
)
