"""Regenerate the fixed synthetic scans in samples/scans/ (JPEG + expected JSON).

Kept small on purpose (quality 40; below that a seal loses its colour): they are test inputs, not pictures. One form
is caught midway up the stamping chain, so "no stamp" and "no tick" are tested too.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from fupin_forms.scan.synth import expected_values, synth_pages

ROOT = Path(__file__).resolve().parents[1]
QUALITY = 40
CASES = [  # name, sample record, style, dpi, turn, photo, midway
    ("annex4_print_200", "annex4_dezhou_zhao", "print", 200, 0, False, False),
    ("annex4_photo_rot90", "annex4_heze_liu", "print", 150, 90, True, False),
    ("annex3_hand_200", "annex3_binzhou_unit", "hand", 200, 0, False, False),
    ("annex4_hand_midway_rot180", "annex4_linyi_meng", "hand", 200, 180, False, True),
]


def midway(record: dict[str, Any]) -> dict[str, Any]:
    """``record`` as it is before the county 科协 and the city 科协 have seen it."""
    reviews = dict(record["reviews"])
    for office in ("county_cast", "city_cast"):
        reviews[office] = {"opinion": "", "stamped": False, "signed_on": None}
    return {**record, "reviews": reviews}


def main() -> int:
    out = ROOT / "samples" / "scans"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*"):
        old.unlink()
    for seed, (name, sample, style, dpi, turn, photo, half) in enumerate(CASES):
        record = json.loads((ROOT / "samples" / f"{sample}.json").read_text("utf-8"))
        record = midway(record) if half else record
        form = sample.split("_")[0]
        pages = synth_pages(form, record, style=style, dpi=dpi, seed=seed, turn=turn, photo=photo,
                            quality=QUALITY)  # fmt: skip
        pages[0].save(out / f"{name}.jpg", quality=QUALITY, optimize=True, progressive=True)
        expected = {
            "form": form,
            "style": style,
            "dpi": dpi,
            "fields": expected_values(form, record),
        }
        (out / f"{name}.expected.json").write_text(
            json.dumps(expected, ensure_ascii=False, indent=1) + "\n", "utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
