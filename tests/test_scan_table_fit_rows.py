"""The unmarked table fit finds a row by any of its printed labels, not only its first: a
photographed ledger whose table lost its left columns (序号, 时间) to glare still shows 地点
in its header row, and the entries below it are read (they were all dropped)."""

from __future__ import annotations

from fupin_forms.layout import page_for
from fupin_forms.scan._cells import Cell
from fupin_forms.scan._table_fit import _assign, _plan


def _group(top: int, texts: list[str], widths: list[int]) -> list[Cell]:
    out, x = [], 0
    for n, (text, w) in enumerate(zip(texts, widths, strict=True)):
        cell = Cell((x, top, x + w, top + 60), col=n + 1)
        if text:
            cell.lines.append((text, 0.99, cell.rect))
        out.append(cell)
        x += w
    return out


def test_a_ledger_whose_header_lost_its_first_cells_is_found_by_地点() -> None:
    page = page_for("annex5")
    header = _group(0, ["地点", ""], [280, 550])  # 序号 and 时间 cut away
    rows = [_group(60 * (n + 1), [f"龙泉村{n}", ""], [280, 550]) for n in range(3)]
    fit = _assign(_plan(page), [header, *rows], page.form_id)
    repeats = [index for _, index, _ in fit.rows if index is not None]
    assert repeats == [0, 1, 2]  # every entry row below the header, in order


def test_the_first_label_still_wins_where_it_is_read() -> None:
    page = page_for("annex5")
    header = _group(0, ["序号", "时间", "地点", "帮扶活动形式、内容"], [120, 260, 280, 550])
    rows = [_group(60 * (n + 1), [str(n + 1), "", "龙泉村", ""], [120, 260, 280, 550])
            for n in range(2)]  # fmt: skip
    fit = _assign(_plan(page), [header, *rows], page.form_id)
    assert [index for _, index, _ in fit.rows] == [None, 0, 1]
