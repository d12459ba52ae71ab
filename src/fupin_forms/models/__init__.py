"""Pydantic models mirroring annexes 2–5, and the value types they are made of (``_values``:
dates, phones, postcodes as people write them). No file-format library is imported here."""

from __future__ import annotations

from typing import Literal

from ..errors import UsageError
from ._base import FormModel, Review, Reviews, Village
from ._values import blank_date, cn_date, parse_date
from .annex2 import Annex2, CityQuota, load_quota
from .annex3 import Annex3
from .annex4 import Annex4, Category
from .annex5 import Annex5, LedgerEntry

__all__ = [
    "FORMS",
    "Annex2",
    "Annex3",
    "Annex4",
    "Annex5",
    "Category",
    "CityQuota",
    "FormId",
    "FormModel",
    "LedgerEntry",
    "Review",
    "Reviews",
    "Village",
    "blank_date",
    "cn_date",
    "load_quota",
    "model_for",
    "parse_date",
    "resolve_form_id",
]

FormId = Literal["annex3", "annex4", "annex5"]
FORMS: dict[str, type[FormModel]] = {"annex3": Annex3, "annex4": Annex4, "annex5": Annex5}

_ALIASES = {
    "annex3": ("3", "附件3", "项目书一", "项目书（一）", "unit", "单位"),
    "annex4": ("4", "附件4", "项目书二", "项目书（二）", "expert", "个人", "专家"),
    "annex5": ("5", "附件5", "台帐", "台账", "工作台帐", "工作台账", "ledger"),
}


def resolve_form_id(name: str) -> str:
    """``annex4``, ``附件4``, ``expert``, ``台账`` … → the form id; UsageError if unknown."""
    key = name.strip().lower()
    for form_id, aliases in _ALIASES.items():
        if key == form_id or key in aliases:
            return form_id
    known = "、".join(f"{f}（{'/'.join(a[1:3])}）" for f, a in _ALIASES.items())
    raise UsageError(f"未知的表格：{name!r}；可用：{known}")


def model_for(form_id: str) -> type[FormModel]:
    return FORMS[resolve_form_id(form_id)]
