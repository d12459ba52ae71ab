"""Aggregation numbers against hand-computed expectations (附件1 rules, 附件2 quota)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from fupin_forms.aggregate import iter_feed, subsidy_for, summarize
from fupin_forms.cli import main

STAMPED = {o: {"opinion": "同意", "stamped": True, "signed_on": "2016-03-20"}
           for o in ("unit", "county_poverty_office", "county_cast", "city_cast")}  # fmt: skip


def expert(name: str, village: str, category: str, *, employer: str = "临沂市农科院",
           year: int = 2016, stamped: bool = True) -> dict[str, Any]:  # fmt: skip
    reviews = json.loads(json.dumps(STAMPED))
    if not stamped:
        reviews["city_cast"]["stamped"] = None
    data = {"applicant_name": name, "employer": employer, "category": category,
            "project_name": f"{name}的项目", "filled_on": f"{year}-03-01",
            "villages": [{"name": village}], "reviews": reviews}  # fmt: skip
    return {
        "form": "annex4",
        "status": "complete",
        "source": {"path": f"{name}.docx"},
        "data": data,
    }


def unit(name: str, village: str) -> dict[str, Any]:
    data = {"unit_name": name, "project_name": "科普大篷车", "filled_on": "2016-03-01",
            "villages": [{"name": village}], "reviews": STAMPED}  # fmt: skip
    return {"form": "annex3", "status": "complete", "source": {"path": "u.docx"}, "data": data}


def ledger(name: str, county: str, dates: list[str]) -> dict[str, Any]:
    entries = [
        {"seq": i + 1, "date": d, "place": "村", "activity": "培训"} for i, d in enumerate(dates)
    ]
    data = {"county": county, "expert": name, "entries": entries}
    return {
        "form": "annex5",
        "status": "complete",
        "source": {"path": f"{name}.xlsx"},
        "data": data,
    }


@pytest.fixture
def feed() -> list[dict[str, Any]]:
    return [
        expert("张一", "沂水县院东头镇桃棵子村", "产业技术类"),
        expert("张二", "沂水县院东头镇黄崖村", "产业技术类"),
        expert("张三", "蒙阴县岱崮镇笊篱坪村", "技术培训类"),
        expert("李四", "沂水县院东头镇桃棵子村", "科普教育类", employer="山东省科技馆"),
        expert("王五", "沂南县马牧池乡常山庄村", "科普教育类", employer="沂南县科学技术协会"),
        expert("王五", "沂南县马牧池乡常山庄村", "技术培训类", employer="沂南县科学技术协会"),
        expert("赵六", "曹县古营集镇刘岗村", "产业技术类", stamped=False),
        expert("钱七", "曹县古营集镇刘岗村", "产业技术类", year=2017),
        unit("沾化区科普服务中心", "沾化区下洼镇东平村"),
        ledger("张一", "沂水县", [f"2016-04-{d:02d}" for d in (1, 1, 2, 3, 4, 5, 6, 7, 8, 9)]),
        ledger("张二", "沂水县", [f"2016-05-{d:02d}" for d in range(1, 11)] + ["2017-01-03"]),
        {"form": None, "status": "error", "source": {"path": "bad.pdf"}, "data": None},
    ]


def test_quota_per_city(feed: list[dict[str, Any]]) -> None:
    s = summarize(feed)
    cities = {r["city"]: r for r in s.cities}
    assert len(cities) == 16
    linyi = cities["临沂"]
    assert (linyi["产业技术类"], linyi["技术培训类"], linyi["科普教育类"]) == (2, 2, 2)
    assert (linyi["total"], linyi["approved"], linyi["remaining"], linyi["over"]) == (6, 6, 39, 0)
    heze = cities["菏泽"]
    assert (heze["total"], heze["approved"], heze["remaining"]) == (2, 1, 42)
    assert cities["滨州"]["科普教育类"] == 1  # a unit's project is 科普教育类 by 附件3
    assert cities["济南"]["total"] == 0
    assert s.records == {"complete": 11, "error": 1}


def test_over_quota() -> None:
    feed = [expert(f"专家{i}", "岚山区某村" if i else "莱城区某村", "产业技术类") for i in range(7)]
    cities = {r["city"]: r for r in summarize(feed).cities}
    assert cities["日照"]["total"] == 6 and cities["日照"]["over"] == 1
    assert cities["日照"]["remaining"] == -1 and cities["莱芜"]["total"] == 1


def test_expert_days_and_activities(feed: list[dict[str, Any]]) -> None:
    s = summarize(feed)
    days = {(e["expert"], e["year"]): e for e in s.experts}
    assert days[("张一", 2016)]["days"] == 9 and days[("张一", 2016)]["below_minimum"]
    assert days[("张二", 2016)]["days"] == 10 and not days[("张二", 2016)]["below_minimum"]
    assert days[("张二", 2017)]["days"] == 1
    assert days[("张一", 2016)]["city"] == "临沂"
    assert s.activities_per_year == [
        {"year": 2016, "activities": 20, "target": 1000, "met": False},
        {"year": 2017, "activities": 1, "target": 1000, "met": False},
    ]


def test_subsidy_rules_and_exemptions(feed: list[dict[str, Any]]) -> None:
    s = summarize(feed)
    due = {(x["applicant"], x["category"]): x["amount"] for x in s.subsidies}
    assert due[("张一", "产业技术类")] == 4000
    assert due[("张三", "技术培训类")] == 4000
    assert due[("李四", "科普教育类")] == 0  # 山东省科技馆: fully budget-funded
    assert due[("王五", "科普教育类")] == 0  # county 科协's science-education project
    assert due[("王五", "技术培训类")] == 4000  # the exemption is for 科普教育类 only
    assert due[("沾化区科普服务中心", "科普教育类")] == 0  # units get none
    assert ("赵六", "产业技术类") not in due  # not yet approved by the city
    assert s.subsidy_total == 4000 * 5  # 张一, 张二, 张三, 王五(培训), 钱七(2017)


def test_year_filter(feed: list[dict[str, Any]]) -> None:
    s = summarize(feed, year=2016)
    assert s.subsidy_total == 4000 * 4
    assert {r["city"]: r["total"] for r in s.cities}["菏泽"] == 1
    assert [a["year"] for a in s.activities_per_year] == [2016]


def test_subsidy_for_directly() -> None:
    assert subsidy_for("annex4", {"category": "科普教育类", "employer": "济南市科协"})[0] == 0
    assert subsidy_for("annex4", {"category": "科普教育类", "employer": "济南大学"})[0] == 4000
    assert subsidy_for("annex4", {"category": "产业技术类", "employer": "山东省科技馆"})[0] == 4000
    assert subsidy_for("annex3", {"unit_name": "任意单位"})[0] == 0


def test_duplicates(feed: list[dict[str, Any]]) -> None:
    s = summarize(feed)
    assert [(d["applicant"], d["count"]) for d in s.duplicate_applicants] == [("王五", 2)]
    shared = {v["village"]: v["count"] for v in s.shared_villages}
    assert shared == {
        "沂水县院东头镇桃棵子村": 2,
        "沂南县马牧池乡常山庄村": 2,
        "曹县古营集镇刘岗村": 2,
    }


def test_feed_reader_skips_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"form": "annex5", "status": "complete", "data": {}}\nnot json\n[1]\n\n', "utf-8"
    )
    bad: Counter[str] = Counter()
    assert len(list(iter_feed([path], bad))) == 1
    assert bad["bad"] == 2


def test_aggregate_cli_writes_workbook_and_json(tmp_path: Path, feed: list[dict[str, Any]]) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in feed), "utf-8")
    out, js = tmp_path / "summary.xlsx", tmp_path / "summary.json"
    result = CliRunner().invoke(main, ["aggregate", str(path), "-o", str(out), "--json", str(js)])
    assert result.exit_code == 0, result.output
    numbers = json.loads(js.read_text("utf-8"))
    assert numbers["subsidy_total"] == 20000
    wb = load_workbook(out)
    assert wb.sheetnames == ["按市汇总", "专家服务天数", "年度活动次数", "补助经费", "重复与共用"]
    rows = {r[0]: r for r in wb["按市汇总"].iter_rows(min_row=2, values_only=True)}
    assert rows["临沂"][1:9] == (45, 2, 2, 2, 6, 6, 39, 0)
    assert len(wb["按市汇总"]._charts) == 1
    again = CliRunner().invoke(main, ["aggregate", str(path), "-o", str(out)])
    assert again.exit_code == 2 and "--force" in again.output  # never overwrites silently


def test_formula_looking_names_stay_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from fupin_forms.render.summary_xlsx import render_summary_xlsx

    feed = [expert("=cmd|' /C calc'!A0", "沂水县某村", "产业技术类")]
    path = tmp_path / "s.xlsx"
    path.write_bytes(render_summary_xlsx(summarize(feed)))
    ws = load_workbook(path)["补助经费"]
    assert ws["B2"].value == "=cmd|' /C calc'!A0" and ws["B2"].data_type == "s"
