"""Second readings of a page's lines, where the first one is in doubt.

A crossed-out word is whitened and its line read again (the value is the correction beside
it); short unsure lines are read again without their white margin, so the writing fills
more of the recogniser's frame, and two readings that disagree are a doubt (``_read``).
Each is a batch of a few lines, not the page: the page's cost stays the first reading's.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from ._evidence import scribbled_span, struck_span
from ._ocr import Read, read_crops

__all__ = ["read_closer", "without_struck"]

_CLOSER = 1  # unsure lines per page read a second time, closer (``read_closer``)
_TRUST = 0.9  # a least-sure character under this is not trusted (``_evidence.trusted``)
_SURE = 0.96  # a short line's least-sure character under this: checked by a second reading
_LONG = 20  # characters: a line this long is judged by ``_evidence.long_cap`` instead


def without_struck(
    crops: list[NDArray[np.uint8]], dates: list[bool], reads: list[Read] | None = None
) -> dict[int, Read]:
    """Lines with a crossed-out part (struck through, or scribbled over: read as zig-zag
    letters in a line of Chinese), read again with that part whitened: the value is the
    correction written beside it (or, when the whole line is struck, nothing: the
    correction is on another line). Dates keep their own grammar and are not touched."""
    struck: dict[int, NDArray[np.uint8]] = {}
    for n, (crop, date) in enumerate(zip(crops, dates, strict=True)):
        span = None if date else struck_span(crop)
        if span is None and not date and reads is not None:
            span = scribbled_span(crop, reads[n].text, reads[n].centres)
        if span is not None:
            clean = crop.copy()
            clean[:, span[0] : span[1]] = 255
            struck[n] = clean
    again = read_crops(list(struck.values()))
    return dict(zip(struck, again, strict=True))


def read_closer(
    crops: list[NDArray[np.uint8]], reads: list[Read], skip: set[int], margin: int,
    worth: list[bool] | None = None,
) -> dict[int, Read]:  # fmt: skip
    """Short lines read again without the white margin, so their writing fills more of the
    recogniser's 48-px frame (``margin`` rows of white were added above and below each):
    a second reading to set against the first.

    Every short line (under ``_LONG`` characters: a long one must be surer anyway) whose
    least sure character is under ``_SURE``, and of the lines under the trust level the
    page's ``_CLOSER`` least sure. On our sets a Kai print's 枣庄 read 東產 at 0.21 with
    the margin and right without it, and a fax's 农村 read 农付 at 0.94 with it: the
    second reading disagreed. A margin for every line keeps the page ~40 % cheaper.

    ``worth[n]``: line n's value would be trusted as it stands (``_read``); a line over the
    trust level whose value is already doubted for another reason is not read again (a
    disagreement could not lower it). The page's least sure line is read again whatever
    its value: its closer reading may be the right one."""
    short = [(r.score, n) for n, r in enumerate(reads)
             if r.text and len(r.text) < _LONG and r.score < _SURE and n not in skip]  # fmt: skip
    unsure = sorted(x for x in short if x[0] < _TRUST)[:_CLOSER]
    sure = [n for score, n in short if score >= _TRUST and (worth is None or worth[n])]
    chosen = sorted({n for _, n in unsure} | set(sure))
    tight = {n: crops[n][margin:-margin] for n in chosen if crops[n].shape[0] > 2 * margin}
    return dict(zip(tight, read_crops(list(tight.values())), strict=True))
