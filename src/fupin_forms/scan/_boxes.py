"""Check boxes on a table page without scan marks: printed squares found by their sides.

A box is two level sides with inked uprights between them, or one closed outline; a printed
日 of 年 月 日 is not one (a bar crosses its middle, even a pale one), nor a glyph smaller
than the choice's other boxes (the 口 in 教育). Split from ``_table_fit``, which places
the boxes found in their cells.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

__all__ = ["alike", "find_boxes", "lone_box"]

Array = NDArray[np.uint8]


def find_boxes(gray: Array, em: float, pale: bool = False) -> list[tuple[int, int, int, int]]:
    """Printed check boxes (☐ ☑ ☒) in ``gray``: near-square outlines about a character
    high whose four sides are all inked; left to right, in ``gray``'s coordinates.

    A box is found by its sides, not as one blob of ink: a level stroke (``_level_strokes``),
    another of about the same span under it, and inked sides between them. A tick or cross
    drawn through the box, or past it, does not change its sides; as one blob with the
    box, a bold tick made it too tall or not square, and a ticked box was not found."""
    ink = (gray < (_pale_ink(gray) if pale else 160)).astype(np.uint8)
    segs = _level_strokes(ink, em)
    found: list[tuple[int, int, int, int]] = []
    for n, (ax, ay, aw, ah) in enumerate(segs):
        for bx, by, bw, bh in segs[n + 1 :]:
            if by <= ay + ah or abs(bx - ax) > 0.2 * em or abs(bx + bw - ax - aw) > 0.2 * em:
                continue
            # the span both share: a tick run out along one side lengthens only that one
            box = (max(ax, bx), ay, min(ax + aw, bx + bw), by + bh)
            if _boxed(ink, box, em) and not _crossbar(segs, box, ay + ah, by) and not _faint_bar(gray, box):
                if not any(_overlap(box, f) for f in found):
                    found.append(box)
                break
    for box in _blobs(ink, em):  # a box whose tick left its sides' strokes broken
        if not any(_overlap(box, f) for f in found):
            found.append(box)
    return sorted(found)


def _pale_ink(gray: Array) -> int:
    """The ink threshold for ``pale``: a box printed in a thin light line (a county's
    font at 10.5 pt, softened by a photo) is grey, 150–170 on a 245 paper, where our
    fixed 160 loses its sides; here ink is what is clearly darker than the zone's paper."""
    paper = float(np.percentile(gray, 90)) if gray.size else 255.0
    return int(max(160.0, min(200.0, paper - 50.0)))


def _blobs(ink: Array, em: float) -> list[tuple[int, int, int, int]]:
    """Boxes as one connected outline about a character high, square, its four sides inked
    and nothing straight across it (the way boxes were found first; it still finds a box
    whose ticked sides no longer give two level strokes)."""
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    found = []
    for i in range(1, n):
        x, y, w, h, _ = (int(v) for v in stats[i])
        if not (0.45 * em <= w <= 1.3 * em and 0.45 * em <= h <= 1.3 * em) or not 0.75 <= w / h <= 1.33:
            continue
        t = max(2, int(0.12 * min(w, h)))
        box = ink[y : y + h, x : x + w]
        sides = (box[:t].any(0), box[-t:].any(0), box[:, :t].any(1), box[:, -t:].any(1))
        if all(float(s.mean()) >= 0.8 for s in sides) and not _barred(box, t):
            found.append((x, y, x + w, y + h))
    return found


def _crossbar(segs: list[tuple[int, int, int, int]], box: tuple[int, int, int, int], top: int,
              bottom: int) -> bool:  # fmt: skip
    """Is there a level stroke between a box's top and bottom sides, across most of it? A
    glyph's bar (日 目 of the printed date), which a tick or cross never is."""
    width = box[2] - box[0]
    return any(
        top < y and y + h < bottom and min(x + w, box[2]) - max(x, box[0]) >= 0.8 * width
        for x, y, w, h in segs
    )


def _faint_bar(gray: Array, box: tuple[int, int, int, int]) -> bool:
    """A thin bar across the middle, paler than the print threshold (日's middle stroke
    blurred by a phone): a row inside the box darker than its paper over 70% of its width."""
    x0, y0, x1, y1 = box
    t = max(2, int(0.12 * min(x1 - x0, y1 - y0)))
    inner = gray[y0 + t : y1 - t, x0 + t : x1 - t].astype(np.int16)
    h = inner.shape[0]
    if h < 5 or inner.shape[1] < 3:
        return False
    paper = float(np.percentile(inner, 90))
    share = (inner < paper - 35).mean(axis=1)
    for r in range(h // 5, h - h // 5):
        # thin and level: the rows a little above and below it are clear (a tick's
        # thick bend fills several rows in a row)
        if share[r] >= 0.7 and share[max(0, r - 3)] < 0.35 and share[min(h - 1, r + 3)] < 0.35:
            return True
    return False


def _level_strokes(ink: Array, em: float) -> list[tuple[int, int, int, int]]:
    """Level strokes as long as a box's side (0.45–1.3 characters) and thin: (x, y, w, h),
    top to bottom."""
    k = max(3, int(0.4 * em))
    hor = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1)))
    n, _, stats, _ = cv2.connectedComponentsWithStats(hor, connectivity=8)
    segs = [(int(stats[i, 0]), int(stats[i, 1]), int(stats[i, 2]), int(stats[i, 3])) for i in range(1, n)]
    keep = [s for s in segs if 0.45 * em <= s[2] <= 1.3 * em and s[3] <= 0.3 * em]
    return sorted(keep, key=lambda s: (s[1], s[0]))


def _boxed(ink: Array, box: tuple[int, int, int, int], em: float) -> bool:
    """Are ``box``'s four sides inked, is it about square and a character high, and is
    nothing printed straight across it (``_barred``)?"""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    if not (0.45 * em <= w <= 1.3 * em and 0.45 * em <= h <= 1.3 * em):
        return False
    if not 0.75 <= w / h <= 1.33:
        return False
    t = max(2, int(0.12 * min(w, h)))
    cut = ink[y0:y1, x0:x1]
    sides = (cut[:, : 2 * t].any(1), cut[:, -2 * t :].any(1))
    return all(float(s.mean()) >= 0.8 for s in sides) and not _barred(cut, t)


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _barred(box: Array, t: int) -> bool:
    """A closed outline with a stroke straight across its middle is a glyph (日 月 目 田
    of the printed 年 月 日), not a box: a tick or a cross through a box runs slanted."""
    inner = box[t:-t, t:-t]
    if inner.shape[0] < 3 or inner.shape[1] < 3:
        return False
    h = inner.shape[0]
    middle = inner[h // 5 : h - h // 5]
    return bool(middle.size) and float(middle.mean(axis=1).max()) >= 0.75


def lone_box(boxes: list[tuple[int, int, int, int]], em: float) -> tuple[int, int, int, int] | None:
    """The check box of ``（盖章）☐已盖章  年 月 日`` or ``专家签名：☐已签名``: on the cell's
    lowest line of boxes, the first from the left. What follows it (the printed date, a
    signature) may hold box-like strokes; what precedes it on that line is print without
    any. (The last box of the cell was taken before, and on a page whose print is smaller
    than the page's size suggests, that was the 日 of the date.)"""
    if not boxes:
        return None
    low = max((b[1] + b[3]) / 2 for b in boxes)
    return min((b for b in boxes if (b[1] + b[3]) / 2 >= low - 0.6 * em), key=lambda b: b[0])


def alike(boxes: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """The boxes of one choice are printed alike: those under 3/4 of the biggest one's
    size are glyphs (the 口 in 教育), not boxes."""
    if not boxes:
        return boxes
    size = [min(b[2] - b[0], b[3] - b[1]) for b in boxes]
    return [b for b, s in zip(boxes, size, strict=True) if s >= 0.75 * max(size)]
