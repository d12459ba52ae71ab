"""``fupin-forms demo``: the whole job on the bundled samples, with what exists so far.

1. write the JSON Schemas; 2. check every sample (complete ones must be ready for 省科协,
broken ones must produce exactly the issues recorded beside them); 3. generate blank and
prefilled forms (Word, fillable and flattened PDF); 4. read them back into feeds and compare
with the samples; then Excel ledgers and a roster-driven batch, the summary workbook and the
disclosure list, and one form of each annex printed with marks, "scanned" and read by OCR.
Returns the exit code: 0 when every step came out as expected.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from ._atomic import atomic_write_bytes, atomic_write_text
from ._resources import resource_dir
from .api import parse_paths, render_form
from .models import FORMS, model_for
from .naming import ANNEX_CN, render_name
from .parse.reader import read_forms
from .records import ValidatedRecord, validate_record
from .schema import write_schemas

__all__ = ["run_demo"]

Echo = Callable[[str], object]


def run_demo(out: Path, echo: Echo) -> int:
    out.mkdir(parents=True, exist_ok=True)
    samples = resource_dir("samples")
    failures = 0
    written = write_schemas(out / "schemas")
    echo(f"1. JSON Schema：{len(written)} 个 → {out / 'schemas'}")

    good = sorted(samples.glob("*.json"))
    records = []
    for path in good:
        for parsed in read_forms(path):
            checked = validate_record(parsed.form, parsed.data, "province")
            records.append((path, checked))
            if checked.status != "complete":
                failures += 1
                echo(f"   样例不齐全：{path.name}：{checked.issues[0].message}")
    echo(
        f"2. 检查样例：{len(records)} 份齐全样例，{sum(r.status == 'complete' for _, r in records)} 份可报省科协"
    )
    failures += _check_invalid(samples / "invalid", echo)

    for variant, fmt, flatten in _VARIANTS:
        for form in FORMS:
            blank = render_form(form, None, fmt, flatten=flatten)
            atomic_write_bytes(out / "blank" / f"{ANNEX_CN[form]}-空白-{variant}.{fmt}", blank)
        prefilled = out / "prefilled" / variant
        for index, (_path, checked) in enumerate(records):
            name = render_name("{city}-{name}-{annex}", checked.form, checked.model, index)
            data = render_form(checked.form, checked.model, fmt, flatten=flatten)
            atomic_write_bytes(prefilled / f"{name}.{fmt}", data)
        echo(f"3. 生成 {variant}：{len(FORMS)} 份空白表，{len(records)} 份预填表 → {prefilled}")
        failures += _read_back(out, variant, prefilled, records, echo)
    failures += _excel(out, records, echo)
    failures += _summaries(out, echo)
    failures += _scans(out, records, echo)
    echo("演示完成，全部符合预期。" if failures == 0 else f"演示发现 {failures} 处不符合预期。")
    return 0 if failures == 0 else 1


_VARIANTS = (("docx", "docx", False), ("pdf", "pdf", False), ("pdf-flat", "pdf", True))


def _read_back(
    out: Path, variant: str, folder: Path, records: list[tuple[Path, ValidatedRecord]], echo: Echo
) -> int:
    """Parse the generated files back into a feed; count records that differ from the samples."""
    feed = list(parse_paths([folder], "province"))
    path = out / f"feed-{variant}.jsonl"
    atomic_write_text(path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in feed))
    expected = {json.dumps(r.model.model_dump(mode="json"), sort_keys=True) for _, r in records}
    got = {
        json.dumps(
            model_for(r["form"]).model_validate(r["data"]).model_dump(mode="json"), sort_keys=True
        )
        for r in feed
        if r["status"] != "error"
    }
    same = len(expected & got)
    echo(f"4. 读回 {variant}：{len(feed)} 份 → {path}；与样例一致 {same}/{len(expected)}")
    return len(expected) - same


def _excel(out: Path, records: list[tuple[Path, ValidatedRecord]], echo: Echo) -> int:
    """Ledgers in one workbook and a roster that drives a batch of Word forms, read back."""
    from .api import load_data_records, render_many

    models = [r.model for _, r in records]
    ledgers = [m for m in models if m.form_id == "annex5"]  # type: ignore[attr-defined]
    folder = out / "excel"
    atomic_write_bytes(folder / "工作台帐.xlsx", render_many("annex5", ledgers, "xlsx"))
    back = [
        model_for(r["form"]).model_validate(r["data"])
        for r in parse_paths([folder / "工作台帐.xlsx"])
    ]
    failures = sum(a != b for a, b in zip(back, ledgers, strict=False)) + abs(
        len(back) - len(ledgers)
    )
    echo(
        f"6. Excel 台帐：{len(ledgers)} 位专家一个工作簿 → {folder / '工作台帐.xlsx'}；读回一致 {len(ledgers) - failures}/{len(ledgers)}"
    )
    applicants = [m for m in models if m.form_id in ("annex3", "annex4")]  # type: ignore[attr-defined]
    atomic_write_bytes(folder / "申报名册.xlsx", render_many("annex4", applicants, "xlsx"))
    made = 0
    for form in ("annex3", "annex4"):
        for index, row in enumerate(load_data_records(form, folder / "申报名册.xlsx")):
            if row.invalid_issues:
                failures += 1
                continue
            name = render_name("{city}-{name}-{annex}", form, row.model, index)
            atomic_write_bytes(
                folder / "名册生成" / f"{name}.docx", render_form(form, row.model, "docx")
            )
            made += 1
    echo(f"7. Excel 名册：{len(applicants)} 行 → {made} 份预填 Word 表 → {folder / '名册生成'}")
    return failures + (len(applicants) - made)


def _scans(out: Path, records: list[tuple[Path, ValidatedRecord]], echo: Echo) -> int:
    """One form of each annex printed with marks, "scanned" (a synthetic 200-dpi scan with
    hand-style ink, ticks and seals) and read back by OCR; fields compared one by one."""
    from .scan.synth import expected_values, observed_values, synth_pages

    folder = out / "scans"
    folder.mkdir(parents=True, exist_ok=True)
    failures = 0
    seen: set[str] = set()
    for index, (_path, checked) in enumerate(records):
        form = checked.form
        if form in seen:
            continue
        seen.add(form)
        data = checked.model.model_dump(mode="json")
        name = render_name("{city}-{name}-{annex}", form, checked.model, index)
        printed = render_form(form, checked.model, "pdf", flatten=True, marks=True)
        atomic_write_bytes(folder / f"{name}-打印稿.pdf", printed)
        pages = synth_pages(form, data, style="hand", dpi=200, seed=index)
        scan = folder / f"{name}-扫描件.tif"
        pages[0].save(scan, save_all=True, append_images=pages[1:], compression="tiff_jpeg")
        (parsed,) = read_forms(scan)  # raw values, compared with what was printed
        want = expected_values(form, data)
        got = observed_values(form, parsed.data, list(want))
        same = sum(got.get(k) == v for k, v in want.items())
        doubtful = sum(1 for w in parsed.warnings if w.startswith("需人工核对"))
        failures += parsed.form != form
        echo(
            f"9. 扫描件 {name}：{len(pages)} 页，字段一致 {same}/{len(want)}，{doubtful} 处标为需人工核对 → {scan}"
        )
    return failures


def _check_invalid(folder: Path, echo: Echo) -> int:
    failures = 0
    cases = sorted(p for p in folder.glob("*.json") if not p.name.endswith(".expected.json"))
    for path in cases:
        expected = json.loads(path.with_name(path.stem + ".expected.json").read_text("utf-8"))
        (parsed,) = read_forms(path)
        checked = validate_record(parsed.form, parsed.data, expected["stage"])
        got = {(i.code, i.path, i.severity) for i in checked.issues}
        want = {(i["code"], i["path"], i["severity"]) for i in expected["issues"]}
        if got != want or checked.status != expected["status"]:
            failures += 1
            echo(
                f"   与预期不符：{path.name}：多出 {sorted(got - want)}，缺少 {sorted(want - got)}"
            )
    echo(f"   问题样例：{len(cases)} 份，{len(cases) - failures} 份给出预期的问题")
    return failures


def _summaries(out: Path, echo: Echo) -> int:
    """The weekly office job on the demo's own feed: summary workbook and disclosure list."""
    from collections import Counter

    from .aggregate import iter_feed, summarize
    from .render.disclosure import disclosure_rows, render_disclosure_xlsx
    from .render.summary_xlsx import render_summary_xlsx

    feeds = sorted(out.glob("feed-*.jsonl"))[:1]
    if not feeds:
        return 1
    summary = summarize(iter_feed(feeds, Counter()))
    atomic_write_bytes(out / "汇总.xlsx", render_summary_xlsx(summary))
    atomic_write_text(
        out / "汇总.json", json.dumps(summary.to_json(), ensure_ascii=False, indent=2) + "\n"
    )
    rows = disclosure_rows(iter_feed(feeds, Counter()))
    atomic_write_bytes(out / "公示名单.xlsx", render_disclosure_xlsx(rows))
    applications = sum(r["total"] for r in summary.cities)
    echo(
        f"8. 汇总：{applications} 项申报，补助合计 {summary.subsidy_total} 元 → {out / '汇总.xlsx'}；"
        f"公示 {len(rows)} 个项目 → {out / '公示名单.xlsx'}"
    )
    return 0 if applications and rows else 1
