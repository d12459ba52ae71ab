"""Shared parts of the application forms (附件3, 附件4): villages and the four approval rows."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ._values import FormDate, Phone, Text

__all__ = ["FormModel", "Review", "Reviews", "Village"]


class FormModel(BaseModel):
    """Every field may be missing (a blank form is a valid record); unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, validate_default=True)


class Village(FormModel):
    name: Text = Field(None, title="贫困村名称")
    contact: Text = Field(None, title="贫困村联系人")
    phone: Phone = Field(None, title="联系电话")


class Review(FormModel):
    opinion: Text = Field(None, title="意见")
    stamped: bool | None = Field(None, title="盖章")
    signed_on: FormDate = Field(None, title="年月日")


class Reviews(FormModel):
    unit: Review = Field(default_factory=Review, title="单位意见")
    county_poverty_office: Review = Field(default_factory=Review, title="县扶贫办核审意见")
    county_cast: Review = Field(default_factory=Review, title="县级科协意见")
    city_cast: Review = Field(default_factory=Review, title="市级科协意见")
