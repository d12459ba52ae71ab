"""Unmarked pages read their label lines framed in a little white (issue 12, speed): the
recogniser scales every line to 48 px high, so a line cut tight to its ink costs more
columns than the same line with white above and below. Labels only place the fields (the
table fit); the frame must not move one: against labels cut tight, every field in the same
rect, placed the same way, the same repeated rows and notes, so the values read from them
are the same. The page is the photo on which a wider frame (0.4 em) lost the 项目内容 row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fupin_forms.layout import page_for
from fupin_forms.scan import _table
from fupin_forms.scan._images import load_pages
from fupin_forms.scan._unmarked import _flat_page

PAGE = Path(__file__).parent / "fixtures" / "scans_degraded" / "unmarked_photo_a3_1.jpg"


def _placed(tm: _table.TableMap | None) -> tuple[Any, ...]:
    assert tm is not None
    zones = sorted((k, z.rect, z.part, z.unsure) for k, z in tm.zones.items())
    return tuple(zones), tuple(sorted(tm.counts.items())), tm.notes


def test_framed_labels_place_fields_as_tight_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    [image] = load_pages(PAGE)
    flat, _ = _flat_page(image)
    up = _table.upright_page(flat)
    assert up.form_id == "annex3" and _table._LABEL_FRAME > 0
    framed = _placed(_table.locate_cells(flat, page_for("annex3"), upright=up))
    monkeypatch.setattr(_table, "_LABEL_FRAME", 0.0)
    tight = _placed(_table.locate_cells(flat, page_for("annex3"), upright=up))
    assert "project_content" in dict((k, r) for k, r, _, _ in framed[0])
    assert framed == tight
