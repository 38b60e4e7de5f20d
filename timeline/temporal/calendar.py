"""Calendar arithmetic: periods of a granularity, their TIMEX3 values and their days.

A Period is what a resolved date expression denotes: an interval of whole days
at a precision, with the TIMEX3 value that names it ("2024-W35" is the week of
26 Aug 2024, 2024-08-26..2024-09-01).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

# Granularities from finest to coarsest; sorting puts the finer first at equal starts.
GRANULARITIES = ("time", "day", "weekend", "week", "month", "quarter", "season", "half", "year", "decade", "century")

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}

MIN_YEAR, MAX_YEAR = 1, 9998


@dataclass(frozen=True)
class Period:
    granularity: str
    first: date
    last: date
    value: str


def precision_rank(granularity: str) -> int:
    return GRANULARITIES.index(granularity) if granularity in GRANULARITIES else len(GRANULARITIES)


def clamp_year(year: int) -> int:
    return max(MIN_YEAR, min(MAX_YEAR, year))


def shift(day: date, unit: str, amount: int) -> date:
    """The day `amount` units after `day` (before, when negative)."""
    if unit == "D":
        return _safe_add(day, timedelta(days=amount))
    if unit == "W":
        return _safe_add(day, timedelta(weeks=amount))
    if unit == "WE":
        return _safe_add(day, timedelta(weeks=amount))
    if unit == "H":
        return _safe_add(day, timedelta(hours=amount))
    if unit == "MIN":
        return _safe_add(day, timedelta(minutes=amount))
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}[unit] * amount
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    year = clamp_year(year)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _safe_add(day: date, delta: timedelta) -> date:
    try:
        return day + delta
    except OverflowError:
        return date.min if delta.days < 0 else date.max


def period(granularity: str, day: date) -> Period:
    """The period of this granularity that contains `day`."""
    y, m = day.year, day.month
    if granularity == "day":
        return Period("day", day, day, day.isoformat())
    if granularity in ("week", "weekend"):
        iso_year, week, weekday = day.isocalendar()
        monday = _safe_add(day, timedelta(days=1 - weekday))
        sunday = _safe_add(monday, timedelta(days=6))
        if granularity == "weekend":
            return Period("weekend", _safe_add(monday, timedelta(days=5)), sunday, f"{iso_year:04d}-W{week:02d}-WE")
        return Period("week", monday, sunday, f"{iso_year:04d}-W{week:02d}")
    if granularity == "month":
        return Period("month", date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]), f"{y:04d}-{m:02d}")
    if granularity == "quarter":
        q = (m - 1) // 3 + 1
        last_month = q * 3
        return Period(
            "quarter", date(y, last_month - 2, 1), date(y, last_month, calendar.monthrange(y, last_month)[1]), f"{y:04d}-Q{q}"
        )
    if granularity == "half":
        h = 1 if m <= 6 else 2
        return Period("half", date(y, 1 if h == 1 else 7, 1), date(y, 6, 30) if h == 1 else date(y, 12, 31), f"{y:04d}-H{h}")
    if granularity == "year":
        return Period("year", date(y, 1, 1), date(y, 12, 31), f"{y:04d}")
    if granularity == "decade":
        start = y - y % 10
        return Period("decade", date(max(start, 1), 1, 1), date(start + 9, 12, 31), f"{start // 10:03d}")
    if granularity == "century":
        start = y - y % 100
        return Period("century", date(max(start, 1), 1, 1), date(start + 99, 12, 31), f"{start // 100:02d}")
    raise ValueError(f"unknown granularity {granularity!r}")


def season(year: int, code: str) -> Period:
    """A season of a year; winter runs from December into the next year."""
    first_month, last_month = SEASON_MONTHS[code]
    last_year = year + 1 if code == "WI" else year
    last_year = clamp_year(last_year)
    first = date(year, first_month, 1)
    last = date(last_year, last_month, calendar.monthrange(last_year, last_month)[1])
    return Period("season", first, last, f"{year:04d}-{code}")


def quarter(year: int, number: int) -> Period:
    return period("quarter", date(year, number * 3, 1))


def narrow(p: Period, mod: str | None) -> Period:
    """The part of a period a modifier picks: early → first third, mid → middle, late → last third."""
    if not mod or mod not in ("START", "MID", "END"):
        return p
    third = ((p.last - p.first).days + 1) // 3
    if not third:  # a day or two ("mid- last day"): no part of it to pick
        return p
    if mod == "START":
        return Period(p.granularity, p.first, p.first + timedelta(days=third - 1), p.value)
    if mod == "END":
        return Period(p.granularity, p.last - timedelta(days=third - 1), p.last, p.value)
    return Period(p.granularity, p.first + timedelta(days=third), p.last - timedelta(days=third), p.value)


def holiday(year: int, month: int | None, day: int | None, weekday: int | None, nth: int | None, easter: int | None) -> date:
    """The day of a holiday in `year`: fixed ("12-25"), the nth weekday of a month counted
    from a day (Thanksgiving: the 4th Thursday of November), or days from Easter Sunday."""
    if easter is not None:
        return easter_sunday(year) + timedelta(days=easter)
    if weekday is None:
        return date(year, month, day)
    if nth is not None and nth < 0:  # the last such weekday of the month
        last = date(year, month, calendar.monthrange(year, month)[1])
        return last - timedelta(days=(last.isoweekday() - weekday) % 7)
    first = date(year, month, day or 1)
    return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * ((nth or 1) - 1))


def easter_sunday(year: int) -> date:
    """Western Easter (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)
