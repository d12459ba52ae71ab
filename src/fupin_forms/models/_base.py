"""Shared parts of the application forms (附件3, 附件4): villages and the four approval rows."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ..labels import MODEL_TITLES
from ..labels import title as _title
from ._values import FormDate, Phone, Text

__all__ = ["FormModel", "Review", "Reviews", "Village"]


class FormModel(BaseModel):
    """Every field may be missing (a blank form is a valid record); unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, validate_default=True)


class Village(FormModel):
    name: Text = Field(None, title=_title("villages", "name"))
    contact: Text = Field(None, title=_title("villages", "contact"))
    phone: Phone = Field(None, title=_title("villages", "phone"))


class Review(FormModel):
    opinion: Text = Field(None, title=MODEL_TITLES["opinion"])
    stamped: bool | None = Field(None, title=MODEL_TITLES["stamped"])
    signed_on: FormDate = Field(None, title=MODEL_TITLES["signed_on"])


class Reviews(FormModel):
    unit: Review = Field(default_factory=Review, title=_title("reviews", "reviews.unit"))
    county_poverty_office: Review = Field(
        default_factory=Review, title=_title("reviews", "reviews.county_poverty_office")
    )
    county_cast: Review = Field(
        default_factory=Review, title=_title("reviews", "reviews.county_cast")
    )
    city_cast: Review = Field(default_factory=Review, title=_title("reviews", "reviews.city_cast"))
