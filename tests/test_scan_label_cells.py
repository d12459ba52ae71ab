"""Label cells of a county's own annex 3/4 table, matched to the layout without OCR: the
cells are built here with the text a reader would have read in them (``_table_fit.fit``
gets the same ``Cell`` objects from ``locate_cells``). What is tested is where each value
is looked for: after its own label wherever that label sits (behind a merged 申报人情况
column, in a six-cell row with a 性别 of the county's own, two reviews side by side), or in
the label's own cell when the label ends in a colon (``申报单位：…``)."""

from __future__ import annotations

import numpy as np

from fupin_forms.layout import page_for
from fupin_forms.scan._cells import Cell
from fupin_forms.scan._label_cells import inline_label, merged_first, unlabel
from fupin_forms.scan._table_fit import fit

EM = 30.0
WHITE = np.full((1700, 1400), 255, np.uint8)


def _cell(x0: int, y0: int, x1: int, y1: int, text: str = "", row: int = 0, col: int = 0) -> Cell:
    lines = [(t, 0.99, (x0 + 4, y0 + 4 + 36 * n, x1 - 4, y0 + 34 + 36 * n))
             for n, t in enumerate(text.split("\n")) if t]  # fmt: skip
    return Cell((x0, y0, x1, y1), row, col, lines)


def _groups(rows: list[list[tuple[int, int, str]]], heights: list[int], x_start: int = 100
            ) -> list[list[Cell]]:  # fmt: skip
    """Rows of (x0, x1, text); a row's cells start on the same rule."""
    out, y = [], 100
    for r, (row, h) in enumerate(zip(rows, heights, strict=True), 1):
        out.append([_cell(x0 + x_start, y, x1 + x_start, y + h, t, r, c)
                    for c, (x0, x1, t) in enumerate(row, 1)])  # fmt: skip
        y += h + 3
    return out


def test_labels_behind_a_merged_column_in_six_cell_rows_and_reviews_side_by_side() -> None:
    page = page_for("annex4")
    groups = _groups([
        [(0, 110, "申报人情况"), (113, 240, "姓名"), (243, 480, "李梅"), (483, 610, "性别"),
         (613, 760, "男"), (763, 890, "职称"), (893, 1180, "")],
        [(113, 240, "工作单位"), (243, 760, ""), (763, 890, "专业"), (893, 1180, "")],
        [(113, 240, "联系电话"), (243, 480, ""), (483, 610, "电子邮箱"), (613, 1180, "")],
        [(113, 240, "通讯地址"), (243, 760, ""), (763, 890, "邮编"), (893, 1180, "")],
        [(0, 240, "项目名称"), (243, 1180, "")],
        [(0, 110, "所在单位意见"), (113, 480, ""), (483, 610, "县扶贫办核审意见"), (613, 1180, "")],
        [(0, 110, "县级科协意见"), (113, 480, ""), (483, 610, "市级科协意见"), (613, 1180, "")],
        [(0, 240, "备注"), (243, 1180, "")],
    ], [75, 75, 75, 75, 75, 170, 170, 70])  # fmt: skip
    # the merged column reaches down over the next three rows, as the ruled cells show it
    first = groups[0][0]
    first.rect = (first.rect[0], first.rect[1], first.rect[2], groups[3][0].rect[3])
    assert merged_first(groups[0]) and not merged_first(groups[1])
    table = (100, 100, 1280, 1000)
    zones, _ = fit(page, groups, table, WHITE, EM)
    want = {
        "applicant_name": groups[0][2], "title": groups[0][6], "employer": groups[1][1],
        "specialty": groups[1][3], "phone": groups[2][1], "email": groups[2][3],
        "address": groups[3][1], "postcode": groups[3][3], "project_name": groups[4][1],
    }  # fmt: skip
    for key, cell in want.items():
        assert zones[key].rect == cell.rect, key
        assert not zones[key].unsure, key
    # the county's 性别 is a label of its own: no value runs into it
    assert zones["applicant_name"].rect[2] < groups[0][3].rect[0]
    for key, cell in (("unit", groups[5][1]), ("county_poverty_office", groups[5][3]),
                      ("county_cast", groups[6][1]), ("city_cast", groups[6][3])):  # fmt: skip
        rect = zones[f"reviews.{key}.opinion"].rect
        assert cell.rect[0] <= rect[0] and rect[2] <= cell.rect[2], key


def test_a_label_printed_in_its_values_own_cell() -> None:
    page = page_for("annex3")
    groups = _groups([
        [(0, 1180, "申报单位：泗水县科学技术协会")],
        [(0, 700, "单位负责人：刘红丽"), (703, 1180, "联系人：冯燕秀")],
        [(0, 700, "联系电话：0537-6088105"), (703, 1180, "电子邮箱：")],
        [(0, 1180, "项目名称：科普大篷车进村")],
        [(0, 1180, "单位意见：\n同意推荐。")],
        [(0, 1180, "县扶贫办核审意见：")],
    ], [70, 70, 70, 70, 180, 180])  # fmt: skip
    zones, _ = fit(page, groups, (100, 100, 1280, 800), WHITE, EM)
    for key, cell in (("unit_name", groups[0][0]), ("unit_head", groups[1][0]),
                      ("contact_person", groups[1][1]), ("phone", groups[2][0]),
                      ("email", groups[2][1]), ("project_name", groups[3][0])):  # fmt: skip
        z = zones[key]
        assert z.part == "inline", key
        assert z.rect[0] == cell.rect[0] and z.rect[2] == cell.rect[2], key
    assert zones["reviews.unit.opinion"].part == "inline"
    assert zones["reviews.county_poverty_office.opinion"].rect[1] >= groups[5][0].rect[1]


def test_inline_labels_are_asked_of_the_reading_core() -> None:
    got = inline_label("申报单位：泗水县科协", "annex3")
    assert got is not None and got.rest == "泗水县科协"
    assert inline_label("单位意见：", "annex3") is not None
    assert inline_label("姓  名", "annex4") is None  # a spaced label, no value in it
    assert inline_label("泗水县科学技术协会", "annex3") is None
    # an OCR slip in the printed label still ends at its colon
    slip = inline_label("申极单位：泗水县科协", "annex3")
    assert slip is not None and slip.label == "申极单位"


def test_unlabel_cuts_the_label_or_says_it_could_not() -> None:
    assert unlabel([("申报单位：泗水县科协", 0.9)], "annex3") == ([("泗水县科协", 0.9)], True)
    assert unlabel([("单位意见：", 0.9), ("同意推荐。", 0.8)], "annex3") == ([("同意推荐。", 0.8)], True)
    assert unlabel([("泗水县科协", 0.9)], "annex3") == ([("泗水县科协", 0.9)], False)


def test_a_value_under_its_label_when_a_label_stands_to_its_right() -> None:
    """A row of review headers over a row of review cells; and a value that has a label of its
    own before it is never taken for the label above it."""
    page = page_for("annex3")
    groups = _groups([
        [(0, 300, "申报单位"), (303, 1180, "")],
        [(0, 300, "单位负责人"), (303, 700, "联系人")],
        [(0, 300, "联系电话"), (303, 700, "")],
        [(0, 590, "单位意见"), (593, 1180, "县扶贫办核审意见")],
        [(0, 590, ""), (593, 1180, "")],
    ], [70, 70, 70, 60, 180])  # fmt: skip
    zones, _ = fit(page, groups, (100, 100, 1280, 700), WHITE, EM)
    for key, cell in (("unit", groups[4][0]), ("county_poverty_office", groups[4][1])):
        rect = zones[f"reviews.{key}.opinion"].rect
        assert cell.rect[0] <= rect[0] and rect[2] <= cell.rect[2] and rect[1] >= cell.rect[1], key
    # 单位负责人 and 联系人 have nothing after them; under them stand 联系电话 and its value
    assert "unit_head" not in zones and "contact_person" not in zones
    assert zones["phone"].rect == groups[2][1].rect


def test_the_head_band_ends_at_the_first_row_only_a_digits_height_below_the_rule() -> None:
    """A digit written on the 填表时间 line lifts the ruled block's top: the band ends at the
    first row of cells. A first row found far lower is not the top row (one was lost): the
    band stays at the table's top, or the head line is cut off (blind5 u07: 2.6 em)."""
    from fupin_forms.scan._cells import Cell, head_band

    em = 22.0
    table = (150, 278, 1080, 1400)
    lifted = [Cell((150, 290, 400, 330))]  # 12 px under the block's top: a digit's lift
    lost = [Cell((150, 336, 400, 380))]  # 58 px: a row of its own was not found
    assert head_band(table, lifted, em)[3] == 290 - 3
    assert head_band(table, lost, em)[3] == 278
