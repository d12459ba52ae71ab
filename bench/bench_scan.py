"""Scan reading benchmark: zone OCR vs full-page RapidOCR, on synthetic scans made on the fly.

Measures field exact match, character accuracy, checkbox and stamp accuracy and seconds per
page (registration + reading, engine already loaded). The baseline OCRs the whole page and
counts a text field as found when some recognised line equals its value (an upper bound of
what label matching could achieve). Usage: python bench/bench_scan.py [pages per case]
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from difflib import SequenceMatcher
from pathlib import Path

from fupin_forms.scan import parse_scan
from fupin_forms.scan._images import to_bgr
from fupin_forms.scan._ocr import engine, normalise
from fupin_forms.scan.synth import expected_values, observed_values, synth_pages

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ["annex4_dezhou_zhao", "annex4_heze_liu", "annex4_linyi_meng", "annex3_binzhou_unit"]
CASES = [("print", 200, False), ("hand", 200, False), ("print", 150, True), ("print", 300, False)]


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    engine()
    load = os.getloadavg()
    print(f"{n} pages per case, {os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f}")
    print("case            fields  chars  boxes  stamps  s/page cpu/page | baseline fields  s/page")
    for style, dpi, photo in CASES:
        f_ok = f_n = b_ok = b_n = s_ok = s_n = base_ok = 0
        chars = 0.0
        secs = base_secs = cpu = 0.0
        for i in range(n):
            sample = SAMPLES[i % len(SAMPLES)]
            form = sample.split("_")[0]
            record = json.loads((ROOT / "samples" / f"{sample}.json").read_text("utf-8"))
            page = synth_pages(form, record, style=style, dpi=dpi, seed=100 + i, photo=photo)[0]
            exp = expected_values(form, record)
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "p.jpg"
                page.save(path, quality=75)
                t, c = time.perf_counter(), time.process_time()
                parsed = parse_scan(path)[0]
                secs += time.perf_counter() - t
                cpu += time.process_time() - c
            got = observed_values(form, parsed.data, list(exp))
            t = time.perf_counter()
            result = engine()(to_bgr(page))
            base_secs += time.perf_counter() - t
            lines = {normalise(x) for x in (result.txts or ())}
            for key, want in exp.items():
                have = got.get(key)
                if key.endswith("stamped"):
                    s_n += 1
                    s_ok += have == want
                elif isinstance(want, bool):
                    b_n += 1
                    b_ok += have == want
                else:
                    f_n += 1
                    f_ok += have == want
                    chars += SequenceMatcher(None, want, str(have or "")).ratio()
                    base_ok += want in lines
        print(
            f"{style:5} {dpi} {'photo' if photo else 'scan ':5}  {f_ok / f_n:6.1%} {chars / f_n:6.1%}"
            f" {b_ok / b_n:6.1%} {s_ok / s_n:6.1%} {secs / n:6.2f} {cpu / n:8.2f} |"
            f" {base_ok / f_n:14.1%}"
            f" {base_secs / n:7.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
