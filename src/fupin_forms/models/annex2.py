"""附件2 名额分配表: the expert-project quota per city, packaged as reference data."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["Annex2", "CityQuota", "load_quota"]


class CityQuota(BaseModel):
    model_config = ConfigDict(frozen=True)

    city: str = Field(title="市地")
    code: str = Field(title="行政区划代码", pattern=r"^37\d{4}$")
    count: int = Field(title="数量", ge=0)


class Annex2(BaseModel):
    """山东省科协精准扶贫专家服务行动名额分配表"""

    model_config = ConfigDict(frozen=True)

    source: str
    total: int = Field(title="合计")
    quota: tuple[CityQuota, ...]

    @model_validator(mode="after")
    def _total_matches(self) -> Annex2:
        if sum(q.count for q in self.quota) != self.total:
            raise ValueError("名额合计与各市之和不符")
        return self

    def by_city(self) -> dict[str, int]:
        return {q.city: q.count for q in self.quota}


@cache
def load_quota() -> Annex2:
    """The packaged 附件2 table: 16 cities, 240 in all."""
    text = resources.files("fupin_forms").joinpath("data/annex2_quota.json").read_text("utf-8")
    return Annex2.model_validate(json.loads(text))
