"""Completeness by stamping stage and the rules of 附件1, asserted on issue records."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from fupin_forms import STAGES, Annex4, check_stage, validate_record
from fupin_forms.rules import check_plan_rules

OFFICES = ["unit", "county_poverty_office", "county_cast", "city_cast"]


def codes(issues: list[Any], severity: str = "error") -> set[tuple[str, str]]:
    return {(i.code, i.path) for i in issues if i.severity == severity}


def unstamp(record: dict[str, Any], *offices: str) -> dict[str, Any]:
    out = copy.deepcopy(record)
    for office in offices:
        out["reviews"][office] = {"opinion": None, "stamped": None, "signed_on": None}
    return out


@pytest.mark.parametrize("stage", STAGES)
def test_complete_record_is_ready_for_every_stage(expert: dict[str, Any], stage: str) -> None:
    result = validate_record("annex4", expert, stage)
    assert result.issues == []
    assert result.status == "complete"


@pytest.mark.parametrize(
    ("stage", "missing_offices"),
    [
        ("applicant", []),
        ("unit", []),
        ("county-poverty-office", ["unit"]),
        ("county-cast", ["unit", "county_poverty_office"]),
        ("city-cast", ["unit", "county_poverty_office", "county_cast"]),
        ("province", OFFICES),
    ],
)
def test_each_stage_needs_the_earlier_stamps(
    expert: dict[str, Any], stage: str, missing_offices: list[str]
) -> None:
    blank_reviews = unstamp(expert, *OFFICES)
    issues = validate_record("annex4", blank_reviews, stage).issues
    want = set()
    for office in missing_offices:
        want |= {
            ("not_stamped", f"reviews.{office}.stamped"),
            ("missing", f"reviews.{office}.signed_on"),
        }
    assert codes(issues) == want
    assert codes(issues, "warning") == {
        ("missing", f"reviews.{o}.opinion") for o in missing_offices
    }


def test_half_stamped_record(expert: dict[str, Any]) -> None:
    """Unit and county poverty office stamped, county 科协 not yet."""
    record = unstamp(expert, "county_cast", "city_cast")
    assert validate_record("annex4", record, "county-cast").status == "complete"
    city = validate_record("annex4", record, "city-cast")
    assert city.status == "incomplete"
    assert codes(city.issues) == {
        ("not_stamped", "reviews.county_cast.stamped"),
        ("missing", "reviews.county_cast.signed_on"),
    }


def test_stamp_without_date_is_incomplete(expert: dict[str, Any]) -> None:
    expert["reviews"]["unit"]["signed_on"] = "  年  月  日"
    issues = validate_record("annex4", expert, "county-poverty-office").issues
    assert codes(issues) == {("missing", "reviews.unit.signed_on")}


def test_unsigned_expert_is_not_ready_for_anyone(expert: dict[str, Any]) -> None:
    expert["expert_signed"] = False
    for stage in STAGES:
        assert ("not_signed", "expert_signed") in codes(
            validate_record("annex4", expert, stage).issues
        )


def test_applicant_fields_are_located(expert: dict[str, Any]) -> None:
    for name in ("applicant_name", "email", "project_content", "category"):
        record = dict(expert, **{name: None})
        assert codes(validate_record("annex4", record).issues) == {("missing", name)}


def test_blank_form_lists_everything() -> None:
    result = check_stage(Annex4(), "applicant")
    paths = {i.path for i in result}
    assert {"applicant_name", "villages", "expert_signed", "category", "filled_on"} <= paths


def test_at_least_one_village(expert: dict[str, Any]) -> None:
    expert["villages"] = [{"name": "", "contact": None, "phone": " "}] * 3
    assert codes(validate_record("annex4", expert).issues) == {("no_village", "villages")}


def test_partly_filled_village_row(expert: dict[str, Any]) -> None:
    expert["villages"].append({"name": "新增村", "contact": None, "phone": None})
    assert codes(validate_record("annex4", expert).issues) == {
        ("missing", "villages[4].contact"),
        ("missing", "villages[4].phone"),
    }


def test_many_villages_are_allowed(expert: dict[str, Any]) -> None:
    expert["villages"] = [
        {"name": f"第{i}村", "contact": "张三", "phone": f"1390539{i:04d}"} for i in range(12)
    ]
    assert validate_record("annex4", expert).status == "complete"


def test_exactly_one_category(expert: dict[str, Any]) -> None:
    expert["category"] = ["技术培训类", "科普教育类"]
    result = validate_record("annex4", expert)
    assert result.status == "invalid"
    assert codes(result.issues) == {("category_multiple", "category")}
    expert["category"] = ["", "科普教育类", None]
    assert validate_record("annex4", expert).model.category == "科普教育类"
    expert["category"] = "科普类"
    assert codes(validate_record("annex4", expert).issues) == {("invalid", "category")}


def test_unit_applies_only_for_science_education(unit: dict[str, Any]) -> None:
    assert validate_record("annex3", dict(unit, category="科普教育类")).status == "complete"
    result = validate_record("annex3", dict(unit, category="技术培训类"))
    assert codes(result.issues) == {("unit_category", "category")}


def test_wrong_value_is_invalid_missing_is_incomplete(expert: dict[str, Any]) -> None:
    assert validate_record("annex4", dict(expert, phone="12345")).status == "invalid"
    assert validate_record("annex4", dict(expert, phone=None)).status == "incomplete"
    bad = validate_record("annex4", dict(expert, postcode="2760"))
    assert codes(bad.issues) == {("invalid", "postcode")}
    assert bad.model.postcode is None  # set aside, the rest still checked


def test_invalid_nested_value_is_located(expert: dict[str, Any]) -> None:
    expert["villages"][2]["phone"] = "0539-12"
    expert["reviews"]["county_cast"]["signed_on"] = "2016年4月31日"
    assert codes(validate_record("annex4", expert, "province").issues) == {
        ("invalid", "villages[2].phone"),
        ("invalid", "reviews.county_cast.signed_on"),
    }


def test_postcode_outside_shandong_is_a_warning(expert: dict[str, Any]) -> None:
    result = validate_record("annex4", dict(expert, postcode="100081"))
    assert result.status == "complete"
    assert codes(result.issues, "warning") == {("postcode_region", "postcode")}


def test_review_dated_before_the_form(expert: dict[str, Any]) -> None:
    expert["reviews"]["unit"]["signed_on"] = "2016-03-01"
    result = validate_record("annex4", expert)
    assert codes(result.issues, "warning") == {("date_order", "reviews.unit.signed_on")}


def test_ledger_seq_must_be_consecutive(ledger: dict[str, Any]) -> None:
    ledger["entries"][2]["seq"] = 7
    ledger["entries"][4]["seq"] = None
    assert codes(validate_record("annex5", ledger).issues) == {
        ("seq", "entries[2].seq"),
        ("seq", "entries[4].seq"),
    }


def test_ledger_one_implementation_year(ledger: dict[str, Any]) -> None:
    ledger["entries"][-1]["date"] = "2017-01-05"
    assert codes(validate_record("annex5", ledger).issues) == {("year", "entries[12].date")}


def test_ledger_entry_needs_place_and_activity(ledger: dict[str, Any]) -> None:
    ledger["entries"][0]["place"] = "\u3000"
    ledger["entries"][1]["activity"] = None
    ledger["entries"][2]["date"] = None
    assert codes(validate_record("annex5", ledger).issues) == {
        ("missing", "entries[0].place"),
        ("missing", "entries[1].activity"),
        ("missing", "entries[2].date"),
    }


def test_ledger_outside_plan_years_warns(ledger: dict[str, Any]) -> None:
    for entry in ledger["entries"]:
        entry["date"] = entry["date"].replace("2016", "2019")
    result = validate_record("annex5", ledger)
    assert codes(result.issues, "warning") == {("plan_years", "entries")}


def test_empty_ledger_is_incomplete() -> None:
    result = validate_record("annex5", {"county": "沂水县", "expert": "孟庆华", "entries": []})
    assert result.status == "incomplete"
    assert codes(result.issues) == {("no_entry", "entries")}


def test_plan_rules_are_pure(ledger: dict[str, Any]) -> None:
    model = validate_record("annex5", ledger).model
    before = model.model_dump()
    assert check_plan_rules(model) == check_plan_rules(model) == []
    assert model.model_dump() == before


def test_unknown_field_is_reported(expert: dict[str, Any]) -> None:
    assert codes(validate_record("annex4", dict(expert, city="临沂")).issues) == {
        ("unknown_field", "city")
    }


def test_messages_are_chinese(expert: dict[str, Any]) -> None:
    issues = validate_record("annex4", dict(expert, phone="1", email=None)).issues
    assert [i.message for i in issues] == [
        "联系电话：不是有效的手机或固定电话号码：'1'",
        "未填写：电子邮箱",
    ]
    assert all(i.message_en for i in issues)
