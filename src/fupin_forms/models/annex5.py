"""附件5 山东省科协精准扶贫专家服务行动工作台帐: a county's ledger of one expert's activities.

附件1 工作要求（四） asks the ledger to record participants (参加人次) and effect (服务效果) too;
the printed annex has no column for them, so they are optional.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from ._base import FormModel
from ._values import FormDate, Text

__all__ = ["Annex5", "LedgerEntry"]


class LedgerEntry(FormModel):
    seq: int | None = Field(None, title="序号", ge=1)
    date: FormDate = Field(None, title="时间")
    place: Text = Field(None, title="地点")
    activity: Text = Field(None, title="帮扶活动形式、内容")
    participants: int | None = Field(None, title="参加人次", ge=0)
    outcome: Text = Field(None, title="服务效果")


class Annex5(FormModel):
    """山东省科协精准扶贫专家服务行动工作台帐"""

    form_id: ClassVar[Literal["annex5"]] = "annex5"
    title_cn: ClassVar[str] = "山东省科协精准扶贫专家服务行动工作台帐"

    county: Text = Field(None, title="县（市、区）科协")
    expert: Text = Field(None, title="承担项目专家")
    filled_on: FormDate = Field(None, title="填表时间")
    entries: list[LedgerEntry] = Field(default_factory=list, title="台帐条目")
