"""A ledger date written without a year (``4月6日``) takes the ledger's year: the nearest
earlier dated entry's, else a later one's, else the 填表时间's, else the title's; a ledger
running from 12月 into 1月 moves on a year. One rule for Word, PDF, scans and Excel; every
reader flags the inferred dates with a ``date_year`` warning."""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["infer_years"]

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _year_month(value: object) -> tuple[int, int] | None:
    if isinstance(value, str) and _ISO.fullmatch(value):
        return int(value[:4]), int(value[5:7])
    return None


def infer_years(
    dates: list[object],
    month_days: dict[int, tuple[int, int]],
    filled_on: object = None,
    fallback_year: int | None = None,
) -> dict[int, str | None]:
    """ISO dates for the entries ``month_days`` (index → (month, day)), from the known dates
    ``dates`` (ISO strings; anything else is unknown). None where no year can be found or the
    day does not exist in that year."""
    known = [_year_month(d) for d in dates]
    later: list[tuple[int, int] | None] = [None] * len(dates)
    following: tuple[int, int] | None = None
    for i in range(len(dates) - 1, -1, -1):
        later[i] = following
        following = known[i] or following
    header = _year_month(filled_on)
    out: dict[int, str | None] = {}
    previous: tuple[int, int] | None = None
    for i in range(len(dates)):
        if i not in month_days:
            previous = known[i] or previous
            continue
        month, day = month_days[i]
        nxt = later[i]
        if previous is not None:
            year: int | None = previous[0] + (1 if previous[1] >= 10 and month <= 3 else 0)
        elif nxt is not None:
            year = nxt[0] - (1 if month >= 10 and nxt[1] <= 3 else 0)
        elif header is not None:
            year = header[0]
        else:
            year = fallback_year
        if year is None:
            out[i] = None
            continue
        try:
            out[i] = dt.date(year, month, day).isoformat()
        except ValueError:
            out[i] = None
            continue
        previous = (year, month)
    return out
