"""Rules of 附件1 (the plan) that a filled form must obey, whatever its stamping stage."""

from __future__ import annotations

from collections import Counter

from ..models import Annex3, Annex4, Annex5, FormModel, cn_date
from ._issue import Issue, join_path
from ._labels import label_of

__all__ = ["PLAN_YEARS", "check_plan_rules"]

PLAN_YEARS = range(2016, 2019)  # 实施方案（2016~2018年）


def check_plan_rules(record: FormModel) -> list[Issue]:
    """附件1 rules: the ledger's numbering and year, the Shandong postcode, review dates."""
    if isinstance(record, Annex5):
        return _ledger_rules(record)
    if isinstance(record, Annex3 | Annex4):
        return _postcode_rule(record) + _review_date_rules(record)
    return []


def _postcode_rule(record: Annex3 | Annex4) -> list[Issue]:
    code = record.postcode
    if code is None or "250000" <= code <= "279999":
        return []
    return [
        Issue(
            "postcode_region",
            "postcode",
            "warning",
            f"{label_of(type(record), 'postcode')} {code} 不在山东省范围（25xxxx–27xxxx），请核对",
            f"postcode {code} is outside Shandong (25xxxx-27xxxx)",
        )
    ]


def _review_date_rules(record: Annex3 | Annex4) -> list[Issue]:
    issues = []
    filled = record.filled_on
    for office in ("unit", "county_poverty_office", "county_cast", "city_cast"):
        signed = getattr(record.reviews, office).signed_on
        if filled is not None and signed is not None and signed < filled:
            issues.append(
                Issue(
                    "date_order",
                    f"reviews.{office}.signed_on",
                    "warning",
                    f"审核日期 {cn_date(signed)} 早于填表时间 {cn_date(filled)}",
                    f"review date {signed} is before the form was filled ({filled})",
                )
            )
    return issues


def _ledger_rules(record: Annex5) -> list[Issue]:
    issues: list[Issue] = []
    for i, entry in enumerate(record.entries):
        if entry.seq != i + 1:
            got = "空" if entry.seq is None else str(entry.seq)
            issues.append(
                Issue(
                    "seq",
                    join_path("entries", i, "seq"),
                    "error",
                    f"序号应连续：第{i + 1}条的序号应为 {i + 1}，实为 {got}",
                    f"entry {i + 1} should be numbered {i + 1}, found {got}",
                )
            )
    years = Counter(e.date.year for e in record.entries if e.date is not None)
    if len(years) > 1:
        main_year = years.most_common(1)[0][0]
        for i, entry in enumerate(record.entries):
            if entry.date is not None and entry.date.year != main_year:
                issues.append(
                    Issue(
                        "year",
                        join_path("entries", i, "date"),
                        "error",
                        f"台帐应只记录一个实施年度：{entry.date.isoformat()} 不在 {main_year} 年",
                        f"entry date {entry.date} is outside the ledger's year {main_year}",
                    )
                )
    for year in sorted(set(years) - set(PLAN_YEARS)):
        issues.append(
            Issue(
                "plan_years",
                "entries",
                "warning",
                f"{year} 年不在实施方案的 2016~2018 年内",
                f"{year} is outside the plan's years 2016-2018",
            )
        )
    return issues
