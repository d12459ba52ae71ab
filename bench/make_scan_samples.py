"""Regenerate the fixed synthetic scans in samples/scans/ (JPEG + expected JSON)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fupin_forms.scan.synth import expected_values, synth_pages

ROOT = Path(__file__).resolve().parents[1]
CASES = [  # name, sample record, style, dpi, turn, photo
    ("annex4_print_200", "annex4_dezhou_zhao", "print", 200, 0, False),
    ("annex4_print_rot180", "annex4_dezhou_zhao", "print", 150, 180, False),
    ("annex4_photo_rot90", "annex4_heze_liu", "print", 150, 90, True),
    ("annex3_hand_200", "annex3_binzhou_unit", "hand", 200, 0, False),
]


def main() -> int:
    out = ROOT / "samples" / "scans"
    out.mkdir(parents=True, exist_ok=True)
    for seed, (name, sample, style, dpi, turn, photo) in enumerate(CASES):
        record = json.loads((ROOT / "samples" / f"{sample}.json").read_text("utf-8"))
        form = sample.split("_")[0]
        pages = synth_pages(form, record, style=style, dpi=dpi, seed=seed, turn=turn, photo=photo,
                            quality=60)  # fmt: skip
        pages[0].save(out / f"{name}.jpg", quality=60)
        expected = {"form": form, "style": style, "dpi": dpi, "fields": expected_values(form, record)}
        (out / f"{name}.expected.json").write_text(
            json.dumps(expected, ensure_ascii=False, indent=1) + "\n", "utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
