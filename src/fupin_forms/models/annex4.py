"""附件4 山东省科协精准扶贫专家服务行动项目书（二）: an application by an individual expert."""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar, Literal

from pydantic import Field

from ..labels import FORM_TITLES, MODEL_TITLES
from ..labels import title as _title
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
    title_cn: ClassVar[str] = FORM_TITLES["annex4"]

    filled_on: FormDate = Field(None, title=_title("annex4", "filled_on"))
    applicant_name: Text = Field(None, title=_title("annex4", "applicant_name"))
    employer: Text = Field(None, title=_title("annex4", "employer"))
    address: Text = Field(
        None, title=_title("annex4", "address"), json_schema_extra={"x-personal": True}
    )
    postcode: Postcode = Field(None, title=_title("annex4", "postcode"))
    specialty: Text = Field(None, title=_title("annex4", "specialty"))
    title: Text = Field(None, title=_title("annex4", "title"))
    phone: Phone = Field(None, title=_title("annex4", "phone"))
    email: Email = Field(None, title=_title("annex4", "email"))
    villages: list[Village] = Field(default_factory=list, title=_title("annex4", "villages"))
    project_name: Text = Field(None, title=_title("annex4", "project_name"))
    category: Category | None = Field(None, title=_title("annex4", "category"))
    project_content: Text = Field(None, title=_title("annex4", "project_content"))
    expert_signed: bool | None = Field(None, title=_title("annex4", "expert_signed"))
    reviews: Reviews = Field(default_factory=Reviews, title=MODEL_TITLES["reviews"])
