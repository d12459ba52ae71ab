"""Excel ledger speed: parse and write a 10,000-row 附件5 ledger, against naive openpyxl.

Run as ``python bench/bench_xlsx.py [ROWS] [REPEATS]``. The baseline is what a first
version would do: ``load_workbook`` (not read-only) and ``ws.cell(row, col)`` for every cell
to read; ``ws.cell(row, col, value)`` with styles set cell by cell, then ``save``, to write.
Goals (issue 5): parse ≤ 2 s, write ≤ 2 s. Medians of the repeats are printed.
"""

from __future__ import annotations

import datetime as dt
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Side

from fupin_forms.models import Annex5
from fupin_forms.parse.xlsx import parse_xlsx
from fupin_forms.render.xlsx import render_ledger_xlsx

GOAL_SECONDS = 2.0


def make_ledger(rows: int) -> Annex5:
    places = ("尚堂镇石家村", "尚堂镇石家村养殖小区", "沂水县院东头镇桃棵子村")
    forms = ("培训", "咨询", "示范", "服务", "其他")
    start = dt.date(2016, 4, 1)
    return Annex5(
        county="庆云县",
        expert="赵文静",
        filled_on=dt.date(2016, 12, 30),
        entries=[
            {
                "seq": i + 1,
                "date": start + dt.timedelta(days=i % 900),
                "place": places[i % 3],
                "activity": f"{forms[i % 5]}：肉牛育肥饲料配制与青贮饲料制作，第{i + 1}次",
                "participants": 10 + i % 50,
                "outcome": f"学员{10 + i % 50}人",
            }
            for i in range(rows)
        ],
    )


def naive_write(record: Annex5) -> bytes:
    side = Side(style="thin")
    border = Border(left=side, right=side, top=side, bottom=side)
    wrap = Alignment(wrap_text=True, vertical="center")
    wb = Workbook()
    ws = wb.active
    ws.cell(1, 1, Annex5.title_cn)
    ws.cell(2, 1, "县（市、区）科协：")
    ws.cell(2, 3, record.county)
    ws.cell(2, 4, "承担项目专家：")
    ws.cell(2, 5, record.expert)
    ws.cell(2, 6, record.filled_on)
    for col, label in enumerate(
        ("序号", "时间", "地点", "帮扶活动形式、内容", "参加人次", "服务效果"), 1
    ):
        ws.cell(3, col, label)
    for row, e in enumerate(record.entries, start=4):
        values = (e.seq, e.date, e.place, e.activity, e.participants, e.outcome)
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row, col, value)
            cell.border = border
            cell.alignment = wrap
            if col == 2:
                cell.number_format = 'yyyy"年"m"月"d"日"'
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def naive_parse(path: Path) -> list[tuple[object, ...]]:
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    return [
        tuple(ws.cell(row, col).value for col in range(1, 7)) for row in range(4, ws.max_row + 1)
    ]


def timed(fn: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds: on a shared machine the CPU time is steadier."""
    wall, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def main(argv: list[str]) -> int:
    rows = int(argv[0]) if argv else 10_000
    repeats = int(argv[1]) if len(argv) > 1 else 3
    record = make_ledger(rows)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ledger.xlsx"
        path.write_bytes(render_ledger_xlsx([record]))
        parsed = parse_xlsx(path)[0]
        assert len(parsed.data["entries"]) == rows, "parse lost rows"
        results = {
            "write": (timed(lambda: naive_write(record), repeats),
                      timed(lambda: render_ledger_xlsx([record]), repeats)),
            "parse": (timed(lambda: naive_parse(path), repeats),
                      timed(lambda: parse_xlsx(path), repeats)),
        }  # fmt: skip
    print(f"{rows} rows, median of {repeats} runs (wall clock; CPU in brackets)")
    print(f"{'':6} {'naive s':>15} {'ours s':>15} {'ratio':>6}  goal ≤ {GOAL_SECONDS:.0f} s")
    ok = True
    for name, ((naive, naive_cpu), (ours, ours_cpu)) in results.items():
        met = ours <= GOAL_SECONDS
        ok &= met
        print(
            f"{name:6} {naive:7.3f} ({naive_cpu:5.3f}) {ours:7.3f} ({ours_cpu:5.3f})"
            f" {naive / ours:5.1f}x  {'met' if met else 'MISSED'}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
