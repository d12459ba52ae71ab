"""附件3 山东省科协精准扶贫专家服务行动项目书（一）: an application by a unit.

A unit applies only for 科普教育类 projects (备注), so the form has no category field.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from ..labels import FORM_TITLES, MODEL_TITLES
from ..labels import title as _title
from ._base import FormModel, Reviews, Village
from ._values import Email, FormDate, Phone, Postcode, Text

__all__ = ["Annex3"]


class Annex3(FormModel):
    """山东省科协精准扶贫专家服务行动项目书（一）"""

    form_id: ClassVar[Literal["annex3"]] = "annex3"
    title_cn: ClassVar[str] = FORM_TITLES["annex3"]

    filled_on: FormDate = Field(None, title=_title("annex3", "filled_on"))
    unit_name: Text = Field(None, title=_title("annex3", "unit_name"))
    address: Text = Field(
        None, title=_title("annex3", "address"), json_schema_extra={"x-personal": True}
    )
    postcode: Postcode = Field(None, title=_title("annex3", "postcode"))
    unit_head: Text = Field(None, title=_title("annex3", "unit_head"))
    contact_person: Text = Field(None, title=_title("annex3", "contact_person"))
    phone: Phone = Field(None, title=_title("annex3", "phone"))
    email: Email = Field(None, title=_title("annex3", "email"))
    villages: list[Village] = Field(default_factory=list, title=_title("annex3", "villages"))
    project_name: Text = Field(None, title=_title("annex3", "project_name"))
    project_content: Text = Field(None, title=_title("annex3", "project_content"))
    reviews: Reviews = Field(default_factory=Reviews, title=MODEL_TITLES["reviews"])
