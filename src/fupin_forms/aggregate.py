"""Summaries the offices report upward, computed from feeds against 附件1 and 附件2.

Reads feed records one at a time (memory grows with distinct experts and villages, not with
the feed). Numbers only: ``render/summary_xlsx.py`` draws the workbook, ``--json`` dumps this.

- applications per city by category against the 附件2 quota (city: from the paired villages'
  county, else the address or unit, by the 2016 division table);
- distinct activity days per expert and year from ledgers, flagged below 10 (附件1 二（二）);
  activities per year province-wide against 1,000;
- subsidy by 附件1 四: 4,000 yuan per approved project per implementation year, paid to the
  expert; none for units, for the fully budget-funded units it names, or for 科普教育类 projects
  of city and county 科协;
- duplicates: the same expert applying twice in a year; a village paired by several projects.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .divisions import city_of_county, city_of_text
from .models import Category, load_quota

__all__ = [
    "ACTIVITIES_PER_YEAR",
    "BUDGET_FUNDED_UNITS",
    "MIN_DAYS",
    "SUBSIDY_YUAN",
    "Summary",
    "approved",
    "city_of_record",
    "iter_feed",
    "subsidy_for",
    "summarize",
]

SUBSIDY_YUAN = 4000
MIN_DAYS = 10
ACTIVITIES_PER_YEAR = 1000
BUDGET_FUNDED_UNITS = (
    "山东省科技馆",
    "山东省青少年科技活动中心",
    "山东省离退休科技工作者活动服务中心",
)
_CAST = re.compile(r"(市|县|区)(科学技术协会|科协)")
_OFFICES = ("unit", "county_poverty_office", "county_cast", "city_cast")
CATEGORIES = tuple(c.value for c in Category)


@dataclass
class Summary:
    year: int | None
    records: dict[str, int] = field(default_factory=dict)  # by status
    cities: list[dict[str, Any]] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    experts: list[dict[str, Any]] = field(default_factory=list)
    activities_per_year: list[dict[str, Any]] = field(default_factory=list)
    subsidies: list[dict[str, Any]] = field(default_factory=list)
    subsidy_total: int = 0
    duplicate_applicants: list[dict[str, Any]] = field(default_factory=list)
    shared_villages: list[dict[str, Any]] = field(default_factory=list)
    skipped_lines: int = 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def iter_feed(paths: Iterable[str | Path], bad_lines: Counter[str]) -> Iterator[dict[str, Any]]:
    """The current feed records, line by line; unreadable lines are counted in ``bad_lines``,
    not fatal. One record set per source file: a file re-read after it changed (same path,
    new sha256) replaces its older records, which are skipped here as ``superseded`` (a
    workbook of several forms keeps all its forms: they share the file's sha256)."""
    paths = list(paths)
    latest: dict[bytes, bytes] = {}  # digest of path → digest of the sha256 read last
    for record in _records(paths, Counter()):
        key = _source_key(record)
        if key is not None:
            latest[key[0]] = key[1]
    for record in _records(paths, bad_lines):
        key = _source_key(record)
        if record.get("superseded") or (key is not None and latest.get(key[0]) != key[1]):
            bad_lines["superseded"] += 1
            continue
        yield record


def _source_key(record: dict[str, Any]) -> tuple[bytes, bytes] | None:
    source = record.get("source")
    if not isinstance(source, dict) or not source.get("path"):
        return None
    return _digest(source["path"]), _digest(source.get("sha256", ""))


def _digest(text: object) -> bytes:
    return hashlib.blake2b(str(text).encode(), digest_size=8).digest()


def _records(paths: list[str | Path], bad_lines: Counter[str]) -> Iterator[dict[str, Any]]:
    for path in paths:
        with open(path, encoding="utf-8-sig", errors="replace") as handle:
            for line in handle:
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except (json.JSONDecodeError, RecursionError):
                    bad_lines["bad"] += 1
                    continue
                if isinstance(record, dict):
                    yield record
                else:
                    bad_lines["bad"] += 1


def approved(data: dict[str, Any]) -> bool:
    """All four offices have stamped (the form has reached 省科协)."""
    reviews = data.get("reviews") or {}
    return all((reviews.get(o) or {}).get("stamped") is True for o in _OFFICES)


def subsidy_for(form: str, data: dict[str, Any]) -> tuple[int, str]:
    """Yuan due for one approved project-year, and why (附件1 四、经费保障)."""
    if form == "annex3":
        return 0, "单位申报，一般不予补助"
    employer = str(data.get("employer") or "")
    if data.get("category") == Category.SCIENCE_EDUCATION.value:
        if any(unit in employer for unit in BUDGET_FUNDED_UNITS):
            return 0, "全额财政预算单位承担的科普教育类项目，不再重复补助"
        if _CAST.search(employer):
            return 0, "市、县两级科协承担的科普教育类项目，经费自筹"
    return SUBSIDY_YUAN, "每个项目每一实施年度补助 4000 元，拨付专家个人"


def _year(value: Any) -> int | None:
    text = value if isinstance(value, str) else ""
    return int(text[:4]) if text[:4].isdigit() and text[4:5] == "-" else None


def city_of_record(data: dict[str, Any]) -> str | None:
    """The city a project belongs to: its first placeable village, else address or unit."""
    for village in data.get("villages") or []:
        city = city_of_text(str((village or {}).get("name") or ""))
        if city:
            return city
    for key in ("address", "unit_name", "employer"):
        city = city_of_text(data.get(key))
        if city:
            return city
    return None


_SPACE = re.compile(r"\s+")
_EXAMPLES = 5  # projects named per duplicate; counts are exact, lists stay small


def _day_of_year(value: Any) -> int | None:
    try:
        return dt.date.fromisoformat(str(value)).timetuple().tm_yday
    except ValueError:
        return None


def _key(text: Any) -> str:
    return _SPACE.sub("", str(text or ""))


class _Seen:
    """How often a key occurred, with the first few labels: memory stays flat."""

    __slots__ = ("count", "examples")

    def __init__(self) -> None:
        self.count = 0
        self.examples: list[str] = []

    def add(self, label: str) -> None:
        self.count += 1
        if len(self.examples) < _EXAMPLES:
            self.examples.append(label)


class _Tally:
    def __init__(self, year: int | None) -> None:
        self.year = year
        self.status: Counter[str] = Counter()
        self.by_city: dict[str, Counter[str]] = defaultdict(Counter)
        self.unplaced: list[str] = []
        # one bit per day of the year: distinct days per expert in a few bytes, however many entries
        self.days: dict[tuple[str, str, int], int] = defaultdict(int)
        self.activities: Counter[int] = Counter()
        self.subsidies: list[dict[str, Any]] = []
        self.applicants: dict[tuple[str, str, int | None], _Seen] = defaultdict(_Seen)
        self.villages: dict[str, _Seen] = defaultdict(_Seen)

    def add(self, record: dict[str, Any]) -> None:
        status = str(record.get("status"))
        form, data = record.get("form"), record.get("data")
        source = str((record.get("source") or {}).get("path", ""))
        if (
            status == "error"
            or not isinstance(data, dict)
            or form not in ("annex3", "annex4", "annex5")
        ):
            self.status["error" if status == "error" else "skipped"] += 1
            return
        if form == "annex5":
            self.status[status] += 1
            self._ledger(data)
        elif self.year is None or _year(data.get("filled_on")) in (self.year, None):
            self.status[status] += 1
            self._application(form, data, source)

    def _ledger(self, data: dict[str, Any]) -> None:
        expert, county = _key(data.get("expert")), _key(data.get("county"))
        for entry in data.get("entries") or []:
            year = _year((entry or {}).get("date"))
            if year is None or (self.year is not None and year != self.year):
                continue
            day = _day_of_year(entry["date"])
            if day is not None:
                self.days[(expert, county, year)] |= 1 << day
            self.activities[year] += 1

    def _application(self, form: str, data: dict[str, Any], source: str) -> None:
        name = str(
            (data.get("applicant_name") if form == "annex4" else data.get("unit_name")) or ""
        ).strip()
        category = data.get("category") if form == "annex4" else Category.SCIENCE_EDUCATION.value
        project = str(data.get("project_name") or "")
        city = city_of_record(data)
        label = f"{name}《{project}》"
        if city is None:
            self.unplaced.append(f"{label}（{source}）")
        else:
            counts = self.by_city[city]
            counts[str(category) if category in CATEGORIES else "未选类别"] += 1
            counts["total"] += 1
            counts["approved"] += approved(data)
        year = _year(data.get("filled_on"))
        employer = _key(data.get("employer")) if form == "annex4" else ""
        self.applicants[(_key(name), employer, year)].add(label)
        for village in data.get("villages") or []:
            village_name = _key((village or {}).get("name"))
            if village_name:
                self.villages[village_name].add(label)
        if approved(data):
            amount, reason = subsidy_for(form, data)
            self.subsidies.append({
                "form": form, "applicant": name, "project": project, "city": city, "year": year,
                "category": category, "amount": amount, "reason": reason,
            })  # fmt: skip

    def summary(self, skipped_lines: int) -> Summary:
        out = Summary(self.year, dict(self.status), skipped_lines=skipped_lines)
        for quota in load_quota().quota:
            counts = self.by_city.get(quota.city, Counter())
            row: dict[str, Any] = {"city": quota.city, "quota": quota.count}
            row.update({c: counts[c] for c in CATEGORIES})
            row.update(total=counts["total"], approved=counts["approved"],
                       remaining=quota.count - counts["total"],
                       over=max(0, counts["total"] - quota.count))  # fmt: skip
            out.cities.append(row)
        out.unplaced = self.unplaced
        for (expert, county, year), bits in sorted(self.days.items()):
            days = bits.bit_count()
            out.experts.append({
                "expert": expert, "county": county, "city": city_of_county(county), "year": year,
                "days": days, "below_minimum": days < MIN_DAYS,
            })  # fmt: skip
        for year, n in sorted(self.activities.items()):
            out.activities_per_year.append(
                {
                    "year": year,
                    "activities": n,
                    "target": ACTIVITIES_PER_YEAR,
                    "met": n >= ACTIVITIES_PER_YEAR,
                }
            )
        out.subsidies = self.subsidies
        out.subsidy_total = sum(s["amount"] for s in self.subsidies)
        out.duplicate_applicants = [
            {"applicant": k[0], "employer": k[1], "year": k[2], "count": v.count, "projects": v.examples}
            for k, v in self.applicants.items() if v.count > 1
        ]  # fmt: skip
        out.shared_villages = [
            {"village": k, "count": v.count, "projects": v.examples}
            for k, v in self.villages.items()
            if v.count > 1
        ]
        return out


def summarize(
    records: Iterable[dict[str, Any]], year: int | None = None, skipped_lines: int = 0
) -> Summary:
    """One pass over feed records → the summary."""
    tally = _Tally(year)
    for record in records:
        tally.add(record)
    return tally.summary(skipped_lines)
