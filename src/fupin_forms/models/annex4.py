"""附件4 山东省科协精准扶贫专家服务行动项目书（二）: an application by an individual expert."""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar, Literal

from pydantic import Field

from ._base import FormModel, Reviews, Village
from ._values import Email, FormDate, Phone, Postcode, Text

__all__ = ["Annex4", "Category"]


class Category(StrEnum):
    """项目类别, in the order the form prints its three boxes."""

    TRAINING = "技术培训类"
    INDUSTRY = "产业技术类"
    SCIENCE_EDUCATION = "科普教育类"


class Annex4(FormModel):
    """山东省科协精准扶贫专家服务行动项目书（二）"""

    form_id: ClassVar[Literal["annex4"]] = "annex4"
    title_cn: ClassVar[str] = "山东省科协精准扶贫专家服务行动项目书（二）"

    filled_on: FormDate = Field(None, title="填表时间")
    applicant_name: Text = Field(None, title="申报人姓名")
    employer: Text = Field(None, title="工作单位")
    address: Text = Field(None, title="通信地址", json_schema_extra={"x-personal": True})
    postcode: Postcode = Field(None, title="邮政编码")
    specialty: Text = Field(None, title="申报人专业")
    title: Text = Field(None, title="职称")
    phone: Phone = Field(None, title="联系电话")
    email: Email = Field(None, title="电子邮箱")
    villages: list[Village] = Field(default_factory=list, title="联系帮扶贫困村情况")
    project_name: Text = Field(None, title="项目名称")
    category: Category | None = Field(None, title="项目类别")
    project_content: Text = Field(None, title="项目内容")
    expert_signed: bool | None = Field(None, title="专家签名")
    reviews: Reviews = Field(default_factory=Reviews, title="审核意见")
