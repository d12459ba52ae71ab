"""Why a scanned value is doubted: one short Chinese phrase per kind of evidence.

A confidence alone tells a clerk only that something is wrong; the reason tells them what to
look at (the end of the address, a struck word, the year). Every rule that lowers a value
below the review threshold names one of these (or its own, more specific note) in the
field's ``FieldSource.why``; the feed, the review page and the workbench show it.
"""

from __future__ import annotations

__all__ = [
    "CORRECTED",
    "DATE",
    "EDGE",
    "FAINT",
    "GRAMMAR",
    "GREY",
    "LAYOUT",
    "LIGHT",
    "LONG",
    "NO_COLOUR",
    "OVER_PRINT",
    "RELOOK",
    "SEAL_FAINT",
    "SEAL_ONLY",
    "SEAL_UNCLEAR",
    "SECOND_LOOK",
    "STAMP_MISMATCH",
    "TICK",
    "UNREAD",
    "UNSURE",
]

CORRECTED = "有划改，取的是改写的文字"
DATE = "日期写法不全或不合格式"
EDGE = "字迹写到格子边缘，可能没读全"
FAINT = "字迹颜色很浅，识别可能有误"
GRAMMAR = "不合该栏的格式（位数或写法）"
GREY = "格内有浅色字迹被当作印好的提示语略去，可能漏读"
LAYOUT = "表格线与版式对不齐"
LIGHT = "格内字迹颜色浅、不带颜色，可能是印好的提示语，请核对"
LONG = "长句，识别把握不足"
SECOND_LOOK = "两次识别结果不同"  # the binarised second look (``_probe``)
RELOOK = "换一种裁切重读，结果不同"  # the line read again without its margin (``_relook``)
UNREAD = "格内有字迹没有识别出来"
# hand ink on a printed character ({} names it: “月”字) that the reading does not account for
OVER_PRINT = "字迹压在印好的{}上，可能漏读了数字或文字"
UNSURE = "识别把握不足"
TICK = "勾选不清"
STAMP_MISMATCH = "盖章框勾选与红章不一致"
SEAL_UNCLEAR = "红章不清"
SEAL_FAINT = "像是很淡的红章，需看原件"
SEAL_ONLY = "未找到盖章框，只看红章"
NO_COLOUR = "黑白或灰度扫描看不出红章，未勾选盖章框不等于未盖章"
