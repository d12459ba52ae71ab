"""附件5 山东省科协精准扶贫专家服务行动工作台帐: a county's ledger of one expert's activities.

附件1 工作要求（四） asks the ledger to record participants (参加人次) and effect (服务效果) too;
the printed annex has no column for them, so they are optional.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from ..labels import FORM_TITLES, MODEL_TITLES
from ..labels import title as _title
from ._base import FormModel
from ._values import FormDate, Text

__all__ = ["Annex5", "LedgerEntry"]


class LedgerEntry(FormModel):
    seq: int | None = Field(None, title=_title("entries", "seq"), ge=1)
    date: FormDate = Field(None, title=_title("entries", "date"))
    place: Text = Field(None, title=_title("entries", "place"))
    activity: Text = Field(None, title=_title("entries", "activity"))
    participants: int | None = Field(None, title=_title("entries", "participants"), ge=0)
    outcome: Text = Field(None, title=_title("entries", "outcome"))


class Annex5(FormModel):
    """山东省科协精准扶贫专家服务行动工作台帐"""

    form_id: ClassVar[Literal["annex5"]] = "annex5"
    title_cn: ClassVar[str] = FORM_TITLES["annex5"]

    county: Text = Field(None, title=_title("annex5", "county"))
    expert: Text = Field(None, title=_title("annex5", "expert"))
    filled_on: FormDate = Field(None, title=_title("annex5", "filled_on"))
    entries: list[LedgerEntry] = Field(default_factory=list, title=MODEL_TITLES["entries"])
