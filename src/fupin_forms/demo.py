"""``fupin-forms demo``: the whole job on the bundled samples, with what exists so far.

1. write the JSON Schemas; 2. check every sample (complete ones must be ready for 省科协,
broken ones must produce exactly the issues recorded beside them); 3. generate blank and
prefilled forms (Word, fillable and flattened PDF); 4. read them back into feeds and compare
with the samples; then Excel ledgers and a roster-driven batch, the summary workbook and the
disclosure list, and one form of each annex printed with marks, "scanned" and read by OCR.
Steps are numbered as they run; the last line names what did not match. A scanned field read
differently from what was printed is a failure unless the reader flagged it for a person to
check (confidence below the review threshold): a wrong value must never pass unannounced.
Returns the exit code: 0 when every step came out as expected.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ._atomic import atomic_write_bytes, atomic_write_text
from ._resources import resource_dir
from .api import parse_paths, render_form
from .models import FORMS, model_for
from .naming import ANNEX_CN, render_name
from .parse.reader import iter_input_files, read_forms
from .records import ValidatedRecord, validate_record
from .schema import write_schemas

__all__ = ["run_demo"]

Echo = Callable[[str], object]


@dataclass
class _Report:
    """Numbers the steps 1..N and keeps what did not match, for the last line."""

    echo: Echo
    steps: int = 0
    failures: int = 0
    unmatched: list[str] = field(default_factory=list)

    def step(self, text: str) -> None:
        self.steps += 1
        self.echo(f"{self.steps}. {text}")

    def detail(self, text: str) -> None:
        self.echo(f"   {text}")

    def fail(self, what: str, count: int = 1) -> None:
        if count:
            self.failures += count
            self.unmatched.append(what)

    def last_line(self) -> str:
        if not self.unmatched:
            return "演示完成，全部符合预期。"
        head = f"演示发现 {self.failures} 处不符合预期" if self.failures else "演示完成"
        return f"{head}；未完全一致：{'；'.join(self.unmatched)}"


def run_demo(out: Path, echo: Echo) -> int:
    out.mkdir(parents=True, exist_ok=True)
    samples = resource_dir("samples")
    report = _Report(echo)
    written = write_schemas(out / "schemas")
    report.step(f"JSON Schema：{len(written)} 个 → {out / 'schemas'}")

    good = sorted(samples.glob("*.json"))
    records = []
    for path in good:
        for parsed in read_forms(path):
            checked = validate_record(parsed.form, parsed.data, "province")
            records.append((path, checked))
            if checked.status != "complete":
                report.fail(f"样例 {path.name} 不齐全")
                report.detail(f"样例不齐全：{path.name}：{checked.issues[0].message}")
    report.step(
        f"检查样例：{len(records)} 份齐全样例，{sum(r.status == 'complete' for _, r in records)} 份可报省科协"
    )
    _check_invalid(samples / "invalid", report)

    for variant, fmt, flatten in _VARIANTS:
        for form in FORMS:
            blank = render_form(form, None, fmt, flatten=flatten)
            atomic_write_bytes(out / "blank" / f"{ANNEX_CN[form]}-空白-{variant}.{fmt}", blank)
        prefilled = out / "prefilled" / variant
        for index, (_path, checked) in enumerate(records):
            name = render_name("{city}-{name}-{annex}", checked.form, checked.model, index)
            data = render_form(checked.form, checked.model, fmt, flatten=flatten)
            atomic_write_bytes(prefilled / f"{name}.{fmt}", data)
        report.step(f"生成 {variant}：{len(FORMS)} 份空白表，{len(records)} 份预填表 → {prefilled}")
        _read_back(out, variant, prefilled, records, report)
    _excel(out, records, report)
    _summaries(out, report)
    _scans(out, records, report)
    echo(report.last_line())
    return 0 if report.failures == 0 else 1


_VARIANTS = (("docx", "docx", False), ("pdf", "pdf", False), ("pdf-flat", "pdf", True))


def _read_back(
    out: Path,
    variant: str,
    folder: Path,
    records: list[tuple[Path, ValidatedRecord]],
    report: _Report,
) -> None:
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
    report.step(f"读回 {variant}：{len(feed)} 份 → {path}；与样例一致 {same}/{len(expected)}")
    report.fail(f"读回 {variant} {same}/{len(expected)}", len(expected) - same)


def _excel(out: Path, records: list[tuple[Path, ValidatedRecord]], report: _Report) -> None:
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
    report.step(
        f"Excel 台帐：{len(ledgers)} 位专家一个工作簿 → {folder / '工作台帐.xlsx'}；读回一致 {len(ledgers) - failures}/{len(ledgers)}"
    )
    report.fail(f"Excel 台帐读回 {len(ledgers) - failures}/{len(ledgers)}", failures)
    applicants = [m for m in models if m.form_id in ("annex3", "annex4")]  # type: ignore[attr-defined]
    atomic_write_bytes(folder / "申报名册.xlsx", render_many("annex4", applicants, "xlsx"))
    made = 0
    for form in ("annex3", "annex4"):
        for index, row in enumerate(load_data_records(form, folder / "申报名册.xlsx")):
            if row.invalid_issues:
                continue
            name = render_name("{city}-{name}-{annex}", form, row.model, index)
            atomic_write_bytes(
                folder / "名册生成" / f"{name}.docx", render_form(form, row.model, "docx")
            )
            made += 1
    report.step(f"Excel 名册：{len(applicants)} 行 → {made} 份预填 Word 表 → {folder / '名册生成'}")
    report.fail(f"Excel 名册 {made}/{len(applicants)} 行生成", len(applicants) - made)


def _scans(out: Path, records: list[tuple[Path, ValidatedRecord]], report: _Report) -> None:
    """One form of each annex printed with marks, "scanned" (a synthetic 200-dpi scan with
    hand-style ink, ticks and seals) and read back by OCR; fields compared one by one."""
    from .scan import REVIEW_THRESHOLD
    from .scan.synth import expected_values, observed_values, synth_pages

    folder = out / "scans"
    folder.mkdir(parents=True, exist_ok=True)
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
        report.step(
            f"扫描件 {name}：{len(pages)} 页，字段一致 {same}/{len(want)}，{doubtful} 处标为需人工核对 → {scan}"
        )
        if parsed.form != form:
            report.fail(f"扫描件 {name} 读成了 {parsed.form}")
            continue
        flagged: list[str] = []
        silent: list[str] = []
        for key in (k for k, v in want.items() if got.get(k) != v):
            source = parsed.fields.get(key.partition("=")[0])
            sure = source is not None and source.confidence >= REVIEW_THRESHOLD
            (silent if sure else flagged).append(key)
            report.detail(f"{key}：印的是 {want[key]!r}，读出 {got.get(key)!r}"
                          f"{'（未标为需人工核对！）' if sure else '（已标为需人工核对）'}")  # fmt: skip
        if flagged:
            report.unmatched.append(
                f"扫描件 {ANNEX_CN[form]} {len(flagged)} 个字段读错，已标为需人工核对（{'、'.join(flagged)}）"
            )
        if silent:
            report.fail(
                f"扫描件 {ANNEX_CN[form]} {len(silent)} 个字段读错且未标出（{'、'.join(silent)}）",
                len(silent),
            )


def _check_invalid(folder: Path, report: _Report) -> None:
    failures = 0
    cases = [p for p in iter_input_files([folder]) if p.suffix == ".json"]
    for path in cases:
        expected = json.loads(path.with_name(path.stem + ".expected.json").read_text("utf-8"))
        (parsed,) = read_forms(path)
        checked = validate_record(parsed.form, parsed.data, expected["stage"])
        got = {(i.code, i.path, i.severity) for i in checked.issues}
        want = {(i["code"], i["path"], i["severity"]) for i in expected["issues"]}
        if got != want or checked.status != expected["status"]:
            failures += 1
            report.detail(
                f"与预期不符：{path.name}：多出 {sorted(got - want)}，缺少 {sorted(want - got)}"
            )
    report.detail(f"问题样例：{len(cases)} 份，{len(cases) - failures} 份给出预期的问题")
    report.fail(f"问题样例 {len(cases) - failures}/{len(cases)}", failures)


def _summaries(out: Path, report: _Report) -> None:
    """The weekly office job on the demo's own feed: summary workbook and disclosure list."""
    from collections import Counter

    from .aggregate import iter_feed, summarize
    from .render.disclosure import disclosure_rows, render_disclosure_xlsx
    from .render.summary_xlsx import render_summary_xlsx

    feeds = sorted(out.glob("feed-*.jsonl"))[:1]
    if not feeds:
        report.fail("汇总：没有数据流")
        return
    summary = summarize(iter_feed(feeds, Counter()))
    atomic_write_bytes(out / "汇总.xlsx", render_summary_xlsx(summary))
    atomic_write_text(
        out / "汇总.json", json.dumps(summary.to_json(), ensure_ascii=False, indent=2) + "\n"
    )
    rows = disclosure_rows(iter_feed(feeds, Counter()))
    atomic_write_bytes(out / "公示名单.xlsx", render_disclosure_xlsx(rows))
    applications = sum(r["total"] for r in summary.cities)
    report.step(
        f"汇总：{applications} 项申报，补助合计 {summary.subsidy_total} 元 → {out / '汇总.xlsx'}；"
        f"公示 {len(rows)} 个项目 → {out / '公示名单.xlsx'}"
    )
    if not (applications and rows):
        report.fail("汇总为空")
