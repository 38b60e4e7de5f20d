"""Resolution: an underspecified value + the dateline + the tense + the last date → a Period.

Deictic expressions ("today", "last week") count from the dateline; anaphoric
ones ("that same day", "two days later") from the last date mentioned before
them; a bare weekday or a year-less month is placed by the tense of its verb:
past, the one before the dateline; future, the one after. This module never
reads text: everything it needs is in the Spec.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from . import calendar as cal
from .calendar import Period
from .recognize import Spec, duration_value
from .tense import FUTURE, PAST, PLANNED, PRESENT

UNIT_GRANULARITY = {"MIN": "day", "H": "day", "D": "day", "W": "week", "WE": "weekend", "M": "month", "Q": "quarter", "Y": "year", "DE": "decade", "CE": "century"}


@dataclass(frozen=True)
class Resolved:
    type: str
    value: str
    granularity: str
    first: date | None = None
    last: date | None = None
    mod: str | None = None
    # A comparison ("a year earlier", "the year-ago quarter") names a period beside the one
    # under discussion, not a new one: the next anaphor still counts from the old.
    keeps_reference: bool = False


def resolve(spec: Spec, dct: date | None, tense: str | None, ref: Period | None, topic: Period | None = None) -> Resolved | None:
    """Place `spec` in time; None when it names no valid date.

    `ref` is the last date mentioned; `topic` the first quarter the text names, the
    period an earnings report is about, which "the quarter" and "a year ago" count from.
    """
    if tense == PLANNED and spec.kind != "weekday":
        tense = FUTURE  # only a weekday is placed by it (ahead, unless just past); elsewhere a plan is ahead
    if spec.value is not None:  # vague references, durations and sets carry their value
        return Resolved(spec.type, spec.value, "vague" if spec.kind == "vague" else spec.kind, mod=spec.mod)
    if spec.span_if_past and (tense == PAST or (spec.unit in _WITHIN_DAY and tense != FUTURE)):
        # "received 880,000 hits in one day", "lost 900 points in thirty minutes": how long, not when
        # (a count of hours or minutes names a time only where a future verb says so)
        return Resolved("DURATION", duration_value(abs(spec.amount), spec.unit), "duration", mod=spec.mod)
    ref = ref or (cal.period("day", dct) if dct else None)
    try:
        if spec.kind == "reported":
            found = _reported_period(spec, dct, ref, topic)
        elif _compares_with_quarter(spec, ref):
            found = cal.period("quarter", cal.shift(_reported_quarter(dct, ref, topic), "Y", spec.amount))
        else:
            found = _PLACERS[spec.kind](spec, dct, tense, ref)
        if found is not None and spec.days and found.granularity == "day":  # "the day before last Tuesday"
            found = cal.period("day", found.first + timedelta(days=spec.days))
    except (ValueError, OverflowError):
        return None
    if found is None:
        return None
    finished = _finish(spec, found)  # keeps_reference False; a copy only to set it
    return replace(finished, keeps_reference=True) if _compares(spec, ref) else finished


def _compares(spec: Spec, ref: Period | None) -> bool:
    """Whether `spec` names a period only to compare it with the reported one."""
    if spec.kind in ("quarter", "reported", "anaphoric") and spec.year_shift:
        return True
    if spec.kind == "reported" and spec.year is not None:
        return True
    return _compares_with_quarter(spec, ref)


def _compares_with_quarter(spec: Spec, ref: Period | None) -> bool:
    # Earnings news: "profit rose to $5 million from $4 million a year ago" - right after
    # a quarter, a year back is the reported quarter of the year before.
    return spec.kind == "offset" and spec.unit == "Y" and ref is not None and ref.granularity == "quarter"


def _reported_quarter(dct: date | None, ref: Period | None, topic: Period | None) -> date | None:
    """The first day of the quarter a report is about: the text's first quarter, else the
    last quarter mentioned, else the last one ended by the dateline."""
    if topic is not None:
        return topic.first
    if ref is not None and ref.granularity == "quarter":
        return ref.first
    return cal.period("quarter", cal.shift(dct, "Q", -1)).first if dct else None


def _reported_period(spec: Spec, dct: date | None, ref: Period | None, topic: Period | None) -> Period | None:
    """A period an earnings report names without its date: the reported quarter, or, for "the same
    period last year" right after a month ("sales rose in February from the same period last
    year"), that month."""
    if spec.unit is None and ref is not None and ref.granularity == "month":
        return cal.period("month", cal.shift(ref.first, "Y", spec.year_shift or 0))
    if spec.unit == "Y":  # "the full year": the reported quarter's, where a quarter was named
        named = topic is not None or (ref is not None and ref.granularity == "quarter")
        return cal.period("year", _reported_quarter(dct, ref, topic) if named else dct) if dct else None
    return _reported(spec, dct, _reported_quarter(dct, ref, topic))


def _reported(spec: Spec, dct: date | None, reported: date | None) -> Period | None:
    """"The quarter", "the latest period": the reported quarter; "the year-ago quarter",
    "the 1988 period": that quarter in another year."""
    if reported is None:
        return None
    year = spec.year if spec.year is not None else reported.year + (spec.year_shift or 0)
    return cal.period("quarter", date(year, reported.month, 1))


def _finish(spec: Spec, found: Period) -> Resolved:
    # "earlier this week" is already cut at the dateline: its START names that cut, nothing narrower.
    narrowed = found if spec.within else cal.narrow(found, spec.mod)
    if spec.part or spec.clock:
        value = f"{found.value}T{spec.part or spec.clock}"
        return Resolved("TIME", value, "day", found.first, found.last, spec.mod)
    return Resolved(spec.type, found.value, found.granularity, narrowed.first, narrowed.last, spec.mod)


# A year-less date this close to the dateline is the nearest one, whatever the
# tense: "payable Dec. 7" in late October, "was extended to Nov. 20" early in
# November. Farther off, the tense decides ("was signed in December" in August
# is last December).
NEAR_DAYS = 90  # under three months: in October, January is already the tense's to choose
FUTURE_REACH_BACK_DAYS = 31


def _date(spec: Spec, dct: date | None, tense: str | None, ref: Period | None) -> Period | None:
    found = _day_or_month(spec, dct, tense)
    if found is not None and spec.unit == "W":  # "the week of March 6"
        return cal.period("week", _nth_week_middle(found, spec.nth) if spec.nth else found.first)
    if found is not None and spec.unit == "Q":
        # "the quarter ended July 31": the calendar quarter that holds the middle of the three
        # months up to that day (May to July: the second)
        return cal.period("quarter", found.first - timedelta(days=QUARTER_MIDDLE_DAYS))
    return found


QUARTER_MIDDLE_DAYS = 45  # from a quarter's last day back to its middle


def _nth_week_middle(month: Period, nth: int) -> date:
    """The middle day of a month's nth seven days (-1: its last seven): "the last week of March" is
    the week that holds March 28, "the first week of June" the one that holds June 4."""
    return month.last - timedelta(days=3) if nth < 0 else month.first + timedelta(days=7 * nth - 4)


def _day_or_month(spec: Spec, dct: date | None, tense: str | None) -> Period | None:
    granularity = "day" if spec.day else "month"
    if spec.year is not None:
        return cal.period(granularity, date(spec.year, spec.month, spec.day or 1))
    if dct is None:
        return None
    if spec.year_shift is not None:  # "June last year"
        return cal.period(granularity, date(dct.year + spec.year_shift, spec.month, spec.day or 1))
    candidates = [date(year, spec.month, spec.day or 1) for year in (dct.year - 1, dct.year, dct.year + 1) if _valid(year, spec.month, spec.day)]
    anchor = dct if spec.day else dct.replace(day=1)
    if spec.shift is not None:
        # "last December" is the one before the dateline's month, "next January" the one after.
        if spec.shift < 0:
            chosen = max(c for c in candidates if c < anchor)
        elif spec.shift > 0:
            chosen = min(c for c in candidates if c > anchor)
        else:
            chosen = date(dct.year, spec.month, spec.day or 1)
    else:
        chosen = _nearest_else_by_tense(candidates, anchor, tense)
    return cal.period(granularity, chosen)


def _valid(year: int, month: int, day: int | None) -> bool:
    try:
        date(year, month, day or 1)
    except ValueError:
        return False
    return True


def _nearest_else_by_tense(candidates: list[date], anchor: date, tense: str | None) -> date:
    """The candidate nearest the anchor if within NEAR_DAYS, else the one the tense picks."""
    nearest = min(candidates, key=lambda c: (abs((c - anchor).days), c > anchor))
    days = (nearest - anchor).days
    # A future verb does not reach months back: "will command a mission in December", said in
    # March, is next December. (A past verb may reach ahead: "was extended to Nov. 20".)
    if abs(days) <= NEAR_DAYS and not (tense == FUTURE and days < -FUTURE_REACH_BACK_DAYS):
        return nearest
    if tense is None:
        # Farther off and no tense cue: the dateline's own year, as HeidelTime reads it. A writer
        # leaves the year out where it is the current one ("In January, a bomb ... killed a guard",
        # told in October; "flights from August 6", announced in February).
        return next((c for c in candidates if c.year == anchor.year), nearest)
    return _by_tense(candidates, anchor, tense)


def _by_tense(candidates: list[date], anchor: date, tense: str | None) -> date:
    """Past: the latest on or before the anchor; future: the earliest on or after; else the nearest."""
    if tense == PAST:
        before = [c for c in candidates if c <= anchor]
        if before:
            return max(before)
    if tense == FUTURE:
        after = [c for c in candidates if c >= anchor]
        if after:
            return min(after)
    return min(candidates, key=lambda c: (abs((c - anchor).days), c > anchor))


# How far back a plan seen from the past reaches: "was due to begin on Tuesday, but ..." on a
# Thursday is the Tuesday just past; "was due on Monday, but has been cancelled" on a Thursday the
# Monday ahead.
PLANNED_REACH_BACK_DAYS = 2


def _weekday(spec: Spec, dct: date | None, tense: str | None, ref: Period | None) -> Period | None:
    if spec.anchor == "ref" and ref is not None and ref.granularity == "day":
        # "the previous Friday": counted from the last day mentioned, as the others from the dateline
        return _weekday(replace(spec, anchor="dct"), ref.first, tense, None)
    if dct is None:
        return None
    ahead = (spec.weekday - dct.isoweekday()) % 7  # days to the same weekday on or after the dateline
    behind = (dct.isoweekday() - spec.weekday) % 7
    if spec.shift == 0:
        day = dct + timedelta(days=spec.weekday - dct.isoweekday())
    elif spec.shift is not None and spec.shift > 0:
        day = dct + timedelta(days=ahead or 7)
    elif spec.shift is not None and spec.shift < 0:
        day = dct - timedelta(days=behind or 7)
    elif tense in (FUTURE, PRESENT):  # the dateline's own weekday is today: "will vote Friday", on a Friday
        day = dct + timedelta(days=ahead)
    elif tense == PLANNED:  # "was due to begin on Tuesday": ahead, unless it has just passed
        day = dct - timedelta(days=behind) if 0 < behind <= PLANNED_REACH_BACK_DAYS else dct + timedelta(days=ahead)
    else:  # news reports the past: a weekday with no tense cue is the last one
        day = dct - timedelta(days=behind)
    return cal.period("day", day)


def _deictic(spec: Spec, dct: date | None, tense: str | None, ref: Period | None) -> Period | None:
    return cal.period("day", dct + timedelta(days=spec.amount)) if dct else None


def _relative(spec: Spec, dct: date | None, tense: str | None, ref: Period | None) -> Period | None:
    if dct is None:
        return None
    granularity = UNIT_GRANULARITY[spec.unit]
    found = cal.period(granularity, cal.shift(dct, spec.unit, spec.shift or 0))
    if spec.within == "earlier" and found.first <= dct <= found.last:
        return Period(found.granularity, found.first, dct, found.value)
    if spec.within == "later" and found.first <= dct <= found.last:
        return Period(found.granularity, dct, found.last, found.value)
    return found


# Units that count within a day: a count of them needs a day to count from.
_WITHIN_DAY = {"H", "MIN"}


def _offset(spec: Spec, dct: date | None, tense: str | None, ref: Period | None) -> Period | None:
    if spec.anchor == "ref" and ref is not None:
        # "a week earlier" than a day is a day: the count keeps the anchor's precision.
        granularity = "day" if ref.granularity == "time" else ref.granularity
        year = cal.precision_rank("year")
        if cal.precision_rank(granularity) > year > cal.precision_rank(UNIT_GRANULARITY[spec.unit]):
            return None  # "a couple of weeks later" than "the last decade" names no time at all
        if spec.unit in _WITHIN_DAY and cal.precision_rank(granularity) > cal.precision_rank("day"):
            return None  # nor "three hours earlier" than "in August"
        found = cal.period(granularity, cal.shift(ref.first, spec.unit, spec.amount))
        if dct is not None and ref.first <= dct < found.first and tense != FUTURE:
            return None  # "two decades later, they agree" after the dateline itself: later than an untold date
        return found
    if dct is None:
        return None
    return cal.period(UNIT_GRANULARITY[spec.unit], cal.shift(dct, spec.unit, spec.amount))


def _anaphoric(spec: Spec, dct: date | None, tense: str | None, ref: Period | None) -> Period | None:
    granularity = UNIT_GRANULARITY[spec.unit]
    if ref is not None and cal.precision_rank(granularity) < cal.precision_rank(ref.granularity):
        # The last date mentioned holds no particular day: "ending the day at 8,017" after
        # "since 1983" is the day reported, the dateline's; "crossed out that same day" after
        # "in October" is some day of that October, which only the month can say.
        if spec.anchor == "reported" and dct is not None:
            ref = cal.period("day", dct)
        elif not spec.shift:
            return ref
    if ref is None:
        return None
    first = cal.shift(ref.first, "Y", spec.year_shift) if spec.year_shift else ref.first  # "the same month a year ago"
    found = cal.period(granularity, cal.shift(first, spec.unit, spec.shift or 0))
    if granularity == "day" and tense == PAST and dct is not None and dct < found.first and (
            not spec.shift or spec.shift > 0 and ref.first <= dct):
        # "what did they spend the next day doing?" past the dateline: counted from the wrong date;
        # "I found out on the same day" as a day still ahead: the wrong one (not "a plan unveiled for
        # the next decade", a span ahead)
        return None
    return found


def _month_day(spec: Spec, dct: date | None, tense: str | None, ref: Period | None) -> Period | None:
    if dct is None:
        return None
    candidates = [d for d in (cal.shift(dct, "M", n) for n in (-1, 0, 1)) if _valid(d.year, d.month, spec.day)]
    candidates = [date(d.year, d.month, spec.day) for d in candidates]
    return cal.period("day", _by_tense(candidates, dct, tense if tense in (PAST, FUTURE) else PAST))


def _quarter(spec: Spec, dct: date | None, tense: str | None, ref: Period | None) -> Period | None:
    if not spec.quarter or not 1 <= spec.quarter <= 4:
        return None
    if spec.year is not None:
        return cal.quarter(spec.year, spec.quarter)
    if dct is None:
        return None
    if spec.year_shift is not None:  # "last year's third quarter"
        return cal.quarter(dct.year + spec.year_shift, spec.quarter)
    options = [cal.quarter(year, spec.quarter) for year in (dct.year - 1, dct.year, dct.year + 1)]
    if tense == PAST:  # "earned $5 million in the fiscal first quarter": one already begun
        return max((p for p in options if p.first <= dct), key=lambda p: p.first)
    # Otherwise the nearest: "expects to report third-quarter results" after September is this year's.
    this = cal.period("quarter", dct).first
    return min(options, key=lambda p: (abs((p.first - this).days), p.first > this))


def _half(spec: Spec, dct: date | None, tense: str | None, ref: Period | None) -> Period | None:
    """"The first half of 1990", "the second half of next year"."""
    if spec.year is None and dct is None:
        return None
    year = spec.year if spec.year is not None else dct.year + (spec.year_shift or 0)
    return cal.period("half", date(year, 1 if spec.half == 1 else 7, 1))


def _season(spec: Spec, dct: date | None, tense: str | None, ref: Period | None) -> Period | None:
    if spec.year is not None:
        return cal.season(spec.year, spec.season)
    if dct is None:
        return None
    options = [cal.season(year, spec.season) for year in range(dct.year - 2, dct.year + 2)]
    if spec.shift is not None and spec.shift < 0:
        return max((p for p in options if p.last < dct), key=lambda p: p.first)
    if spec.shift is not None and spec.shift > 0:
        return min((p for p in options if p.first > dct), key=lambda p: p.first)
    if spec.shift == 0:
        # "this summer": the one under way, else this year's, even before it begins
        return next((p for p in options if p.first <= dct <= p.last), cal.season(dct.year, spec.season))
    if tense == PAST:
        return max((p for p in options if p.first <= dct), key=lambda p: p.first)
    if tense == FUTURE:
        return min((p for p in options if p.last >= dct), key=lambda p: p.first)
    return min(options, key=lambda p: max((p.first - dct).days, (dct - p.last).days, 0))


def _weekend(spec: Spec, dct: date | None, tense: str | None, ref: Period | None) -> Period | None:
    if dct is None:
        return None
    this = cal.period("weekend", dct)
    if spec.shift == 0:
        return this
    future = spec.shift is not None and spec.shift > 0 or spec.shift is None and tense in (FUTURE, PRESENT)
    if future:
        return this if this.last >= dct and spec.shift is None else cal.period("weekend", dct + timedelta(weeks=1))
    if this.first <= dct:  # the dateline is itself in a weekend
        return this if spec.shift is None else cal.period("weekend", dct - timedelta(weeks=1))
    return cal.period("weekend", dct - timedelta(weeks=1))


def _holiday(spec: Spec, dct: date | None, tense: str | None, ref: Period | None) -> Period | None:
    found = _holiday_day(spec, dct, tense)
    if found is not None and spec.unit == "W":  # "Easter week"
        return cal.period("week", found.first)
    return found


def _holiday_day(spec: Spec, dct: date | None, tense: str | None) -> Period | None:
    def on(year: int) -> date:
        return cal.holiday(year, spec.month, spec.day, spec.weekday, spec.nth, spec.easter)

    if spec.year is not None:
        return cal.period("day", on(spec.year))
    if dct is None:
        return None
    candidates = [on(year) for year in (dct.year - 1, dct.year, dct.year + 1)]
    if spec.shift is not None and spec.shift < 0:  # "last Christmas"
        return cal.period("day", max(c for c in candidates if c < dct))
    if spec.shift is not None and spec.shift > 0:
        return cal.period("day", min(c for c in candidates if c > dct))
    if spec.shift == 0:
        return cal.period("day", on(dct.year))
    return cal.period("day", _nearest_else_by_tense(candidates, dct, tense))


def _decade(spec: Spec, dct: date | None, tense: str | None, ref: Period | None) -> Period:
    start = spec.decade
    if start < 100:  # "the '90s": the latest such decade begun by the dateline
        now = dct.year if dct else 1999
        start += now - now % 100
        if start > now:
            start -= 100
    return cal.period("decade", date(max(start, 1), 1, 1))


def _year(spec: Spec, dct: date | None, tense: str | None, ref: Period | None) -> Period:
    if spec.short_year is not None:  # "since '82", "by '12"
        return cal.period("year", date(_year_of_two_digits(spec.short_year, dct), 1, 1))
    return cal.period("year", date(spec.year, 1, 1))


# How far ahead of the dateline a year without its century may be: "by '12" in 2010 is 2012, "this
# side of '29" in 2008 is 1929.
SHORT_YEAR_AHEAD = 10


def _year_of_two_digits(two_digits: int, dct: date | None) -> int:
    """The latest year ending in these digits up to SHORT_YEAR_AHEAD years after the dateline's."""
    now = dct.year if dct else 1999
    year = now - now % 100 + two_digits
    return year - 100 if year > now + SHORT_YEAR_AHEAD else year


def _century(spec: Spec, dct: date | None, tense: str | None, ref: Period | None) -> Period:
    return cal.period("century", date(max(spec.year, 1), 1, 1))


def _clock(spec: Spec, dct: date | None, tense: str | None, ref: Period | None) -> Period | None:
    # "was shot at 10 p.m.": a time of day alone is on the day last mentioned
    if ref is not None and ref.granularity == "day":
        return cal.period("day", ref.first)
    return cal.period("day", dct) if dct else None


def _range(spec: Spec, dct: date | None, tense: str | None, ref: Period | None) -> Period | None:
    first_spec, last_spec = spec.ends
    if first_spec.kind == last_spec.kind == "weekday" and first_spec.shift is None and last_spec.shift is None:
        return _weekday_range(first_spec, last_spec, dct, tense)
    first = _PLACERS[first_spec.kind](first_spec, dct, tense, ref)
    last = _PLACERS[last_spec.kind](last_spec, dct, tense, ref)
    if first is None or last is None:
        return None
    if last.last < first.first and last_spec.year is None:
        # "from December to February": the far end is in the next year
        last = _PLACERS[last_spec.kind](last_spec, last.first + timedelta(days=366), tense, ref)
    if last is None or last.last < first.first:
        return None
    return Period(first.granularity, first.first, last.last, f"{first.value}/{last.value}")


def _weekday_range(first: Spec, last: Spec, dct: date | None, tense: str | None) -> Period | None:
    """"between Friday and Monday": the days from one weekday to the next such other one; the run
    that holds the dateline if one does, else the one before it or, for a future verb, after."""
    if dct is None:
        return None
    length = (last.weekday - first.weekday) % 7
    start = dct - timedelta(days=(dct.isoweekday() - first.weekday) % 7)
    if start + timedelta(days=length) < dct and tense in (FUTURE, PRESENT):
        start += timedelta(days=7)
    end = start + timedelta(days=length)
    return Period("day", start, end, f"{start.isoformat()}/{end.isoformat()}")


_PLACERS = {
    "date": _date,
    "weekday": _weekday,
    "deictic": _deictic,
    "relative": _relative,
    "offset": _offset,
    "anaphoric": _anaphoric,
    "month_day": _month_day,
    "quarter": _quarter,
    "half": _half,
    "season": _season,
    "weekend": _weekend,
    "holiday": _holiday,
    "decade": _decade,
    "year": _year,
    "century": _century,
    "clock": _clock,
    "range": _range,
}

__all__ = ["PAST", "PRESENT", "FUTURE", "Resolved", "resolve"]
