"""Completeness by stamping stage: is everything there that the next office needs?

The application forms travel 申报人 → 所在单位 → 县扶贫办 → 县级科协 → 市级科协 → 省科协.
``check_stage(record, stage)`` answers "is this ready for STAGE?":

- ``applicant``: the applicant's own part is complete (on 附件4 the expert has signed);
- ``unit``: ready for the (employing) unit to stamp: the applicant's part;
- ``county-poverty-office``: … and the unit has stamped and dated;
- ``county-cast``: … and the county poverty-alleviation office has stamped and dated;
- ``city-cast``: … and the county 科协 has stamped and dated;
- ``province``: … and the city 科协 has stamped and dated (ready for 省科协 to approve).

The ledger (附件5) has no stamping chain: every stage asks for its header and entries.
"""

from __future__ import annotations

from typing import Final

from .._names import STAGES
from ..errors import UsageError
from ..models import Annex3, Annex4, Annex5, FormModel, Review
from ._issue import Issue, join_path
from ._labels import label_of

__all__ = ["STAGES", "check_stage", "stage_index"]

# The office whose stamp a stage requires last, in stamping order.
_OFFICES: Final = (
    ("unit", "county-poverty-office"),
    ("county_poverty_office", "county-cast"),
    ("county_cast", "city-cast"),
    ("city_cast", "province"),
)
_APPLICANT_FIELDS: Final = {
    "annex3": (
        "filled_on", "unit_name", "address", "postcode", "unit_head", "contact_person",
        "phone", "email", "project_name", "project_content",
    ),
    "annex4": (
        "filled_on", "applicant_name", "employer", "address", "postcode", "specialty", "title",
        "phone", "email", "project_name", "category", "project_content",
    ),
}  # fmt: skip


def stage_index(stage: str) -> int:
    try:
        return STAGES.index(stage)
    except ValueError:
        raise UsageError(f"未知的审核环节：{stage!r}；可用：{'、'.join(STAGES)}") from None


def _missing(model: type[FormModel], path: str) -> Issue:
    label = label_of(model, path)
    return Issue("missing", path, "error", f"未填写：{label}", f"missing: {path}")


def check_stage(record: FormModel, stage: str = "applicant") -> list[Issue]:
    """Every missing thing that STAGE needs, located by JSON path."""
    index = stage_index(stage)
    if isinstance(record, Annex5):
        return _ledger_completeness(record)
    if not isinstance(record, Annex3 | Annex4):
        raise TypeError(f"not a form record: {type(record).__name__}")
    form = "annex3" if isinstance(record, Annex3) else "annex4"
    model = type(record)
    issues = [_missing(model, f) for f in _APPLICANT_FIELDS[form] if getattr(record, f) is None]
    issues += _village_completeness(record)
    if isinstance(record, Annex4) and record.expert_signed is not True:
        issues.append(
            Issue("not_signed", "expert_signed", "error", "专家未签名", "the expert has not signed")
        )
    for office, required_from in _OFFICES:
        if index >= STAGES.index(required_from):
            review: Review = getattr(record.reviews, office)
            issues += _review_completeness(model, office, review)
    return issues


def _village_completeness(record: Annex3 | Annex4) -> list[Issue]:
    model = type(record)
    rows = [(i, v) for i, v in enumerate(record.villages) if v.name or v.contact or v.phone]
    if not rows:
        return [
            Issue(
                "no_village",
                "villages",
                "error",
                "至少填写一个结对帮扶的贫困村（附件1：结对子帮扶制）",
                "at least one paired poor village is required",
            )
        ]
    return [
        _missing(model, join_path("villages", i, name))
        for i, village in rows
        for name in ("name", "contact", "phone")
        if getattr(village, name) is None
    ]


def _review_completeness(model: type[FormModel], office: str, review: Review) -> list[Issue]:
    issues = []
    label = label_of(model, f"reviews.{office}")
    if review.stamped is not True:
        issues.append(
            Issue(
                "not_stamped",
                f"reviews.{office}.stamped",
                "error",
                f"{label}：未盖章"
                if review.stamped is False
                else f"{label}：未见印章（无法确认已盖章）",
                f"reviews.{office}: not stamped"
                if review.stamped is False
                else f"reviews.{office}: no evidence of a stamp",
            )
        )
    if review.signed_on is None:
        issues.append(
            Issue(
                "missing",
                f"reviews.{office}.signed_on",
                "error",
                f"{label}：未填写日期",
                f"reviews.{office}: no date",
            )
        )
    if review.opinion is None:
        issues.append(
            Issue(
                "missing",
                f"reviews.{office}.opinion",
                "warning",
                f"{label}：未填写意见",
                f"reviews.{office}: no opinion written",
            )
        )
    return issues


def _ledger_completeness(record: Annex5) -> list[Issue]:
    issues = [_missing(Annex5, f) for f in ("county", "expert") if getattr(record, f) is None]
    if not record.entries:
        issues.append(
            Issue("no_entry", "entries", "error", "台帐没有任何活动记录", "the ledger has no entry")
        )
    for i, entry in enumerate(record.entries):
        for name in ("date", "place", "activity"):
            if getattr(entry, name) is None:
                issues.append(_missing(Annex5, join_path("entries", i, name)))
    return issues
