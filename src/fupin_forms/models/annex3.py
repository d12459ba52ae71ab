"""附件3 山东省科协精准扶贫专家服务行动项目书（一）: an application by a unit.

A unit applies only for 科普教育类 projects (备注), so the form has no category field.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from ._base import FormModel, Reviews, Village
from ._values import Email, FormDate, Phone, Postcode, Text

__all__ = ["Annex3"]


class Annex3(FormModel):
    """山东省科协精准扶贫专家服务行动项目书（一）"""

    form_id: ClassVar[Literal["annex3"]] = "annex3"
    title_cn: ClassVar[str] = "山东省科协精准扶贫专家服务行动项目书（一）"

    filled_on: FormDate = Field(None, title="填表时间")
    unit_name: Text = Field(None, title="申报单位")
    address: Text = Field(None, title="通信地址", json_schema_extra={"x-personal": True})
    postcode: Postcode = Field(None, title="邮政编码")
    unit_head: Text = Field(None, title="单位负责人")
    contact_person: Text = Field(None, title="联系人")
    phone: Phone = Field(None, title="联系电话")
    email: Email = Field(None, title="电子邮箱")
    villages: list[Village] = Field(default_factory=list, title="联系帮扶贫困村情况")
    project_name: Text = Field(None, title="项目名称")
    project_content: Text = Field(None, title="项目内容")
    reviews: Reviews = Field(default_factory=Reviews, title="审核意见")
