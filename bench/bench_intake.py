"""Intake at scale (issue 6): parse a mixed folder serial vs -j 2; aggregate 10k–100k records.

Baseline for parsing: the same folder read serially (-j 1) in the same run. Memory: peak RSS
of ``fupin-forms aggregate`` in a child process at 10,000, 50,000 and 100,000 records; flat
means the 100k peak is close to the 10k peak (goal ≤ 300 MB).

    python bench/bench_intake.py [--forms 1000]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fupin_forms.api import FORMATS, render_form
from fupin_forms.intake import run_intake
from fupin_forms.records import detect_form, validate_record

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def make_folder(folder: Path, n: int) -> dict[str, int]:
    records = []
    for path in sorted(SAMPLES.glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        records.append(validate_record(detect_form(data) or "", data).model)
    formats = [*FORMATS, "json"]
    made: dict[str, int] = {}
    for i in range(n):
        model = records[i % len(records)]
        fmt = formats[i % len(formats)]
        target = folder / f"{i:05d}.{fmt}"
        if fmt == "json":
            target.write_text(model.model_dump_json(), "utf-8")
        else:
            target.write_bytes(render_form(model.form_id, model, fmt))  # type: ignore[attr-defined]
        made[fmt] = made.get(fmt, 0) + 1
    return made


def time_parse(folder: Path, jobs: int, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            result = run_intake([folder], Path(tmp) / "feed.jsonl", jobs=jobs)
            times.append(time.perf_counter() - start)
            assert result.counts["error"] == 0, result.errors[:3]
    return statistics.median(times)


def synthetic_feed(path: Path, n: int) -> None:
    rng = random.Random(1)
    counties = ["沂水县", "曹县", "庆云县", "沾化区", "莱城区", "章丘区", "乐陵市", "郯城县"]
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(n):
            county = counties[i % len(counties)]
            if i % 3:
                entries = [{"seq": k + 1, "date": f"2016-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                            "place": f"{county}某村", "activity": "培训"} for k in range(12)]  # fmt: skip
                data = {"county": county, "expert": f"专家{i % 5000}", "entries": entries}
                form = "annex5"
            else:
                stamped = {"stamped": True, "signed_on": "2016-03-20", "opinion": "同意"}
                data = {"applicant_name": f"专家{i % 5000}", "employer": "某单位", "category": "产业技术类",
                        "filled_on": "2016-03-01", "project_name": f"项目{i}",
                        "villages": [{"name": f"{county}第{i % 900}村"}],
                        "reviews": {o: stamped for o in ("unit", "county_poverty_office", "county_cast", "city_cast")}}  # fmt: skip
                form = "annex4"
            record = {
                "form": form,
                "status": "complete",
                "source": {"path": f"{i}.docx"},
                "data": data,
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def aggregate_peak(feed: Path, out: Path) -> tuple[float, float]:
    code = (
        "import resource, sys, time; from fupin_forms.cli import main; t = time.perf_counter()\n"
        "try: main(['aggregate', sys.argv[1], '-o', sys.argv[2], '--force'])\n"
        "except SystemExit: pass\n"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(feed), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, peak_mb = done.stdout.strip().splitlines()[-1].split()
    return float(seconds), float(peak_mb)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--forms", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "inbox"
        folder.mkdir()
        made = make_folder(folder, args.forms)
        print(f"mixed folder: {args.forms} forms {made}")
        serial = time_parse(folder, 1, args.repeats)
        parallel = time_parse(folder, 2, args.repeats)
        print(f"parse serial (baseline): {serial:.2f} s  ({args.forms / serial:.0f} forms/s)")
        print(
            f"parse -j 2:              {parallel:.2f} s  ({args.forms / parallel:.0f} forms/s)  speed-up {serial / parallel:.2f}x"
        )
        for n in (10_000, 50_000, 100_000):
            feed = Path(tmp) / f"feed{n}.jsonl"
            synthetic_feed(feed, n)
            seconds, peak = aggregate_peak(feed, Path(tmp) / "summary.xlsx")
            print(
                f"aggregate {n:>7,} records: {seconds:.2f} s, peak RSS {peak:.0f} MB ({feed.stat().st_size / 1e6:.0f} MB feed)"
            )
    print(
        f"(this process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)"
    )


if __name__ == "__main__":
    main()
