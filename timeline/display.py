"""How a date interval reads on a page: at the precision the text gave it, never finer.

"Earlier this week" is a week, so it shows as "week of 26 Aug 2024", not as a
made-up Monday. Month names are spelled here rather than taken from the
locale, so a page never changes language with the machine that builds it.

The wording of each precision is a format string (the TIMELINE_DATE_FORMATS
setting); the fields it may use are those `date_fields` fills in.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# Northern-hemisphere meteorological seasons, by the month an interval starts in.
SEASONS = {12: "winter", 1: "winter", 2: "winter", 3: "spring", 4: "spring", 5: "spring",
           6: "summer", 7: "summer", 8: "summer", 9: "autumn", 10: "autumn", 11: "autumn"}

# One format per precision. "week" and "range" may use {monday}, {first} and {last},
# which are themselves days written with the "day" format.
DEFAULT_DATE_FORMATS = {
    "day": "{d} {mon} {yyyy}",
    "week": "week of {monday}",
    "month": "{mon} {yyyy}",
    "quarter": "Q{q} {yyyy}",
    "half": "H{h} {yyyy}",
    "season": "{season} {yyyy}",
    "year": "{yyyy}",
    "decade": "{decade}s",
    "range": "{first} – {last}",
    "month_heading": "{month} {yyyy}",  # the heading over a month of the timeline
}

# Granularities the temporal engine writes, and the format each one reads with.
_FORMAT_OF = {"day": "day", "time": "day", "week": "week", "month": "month", "quarter": "quarter",
              "half": "half", "halfyear": "half", "half-year": "half", "season": "season",
              "year": "year", "decade": "decade"}


def date_fields(day: date) -> dict[str, str | int]:
    """The fields a date format may use, for one day."""
    return {
        "d": day.day, "dd": f"{day.day:02d}",
        "m": day.month, "mm": f"{day.month:02d}",
        "mon": MONTHS[day.month - 1], "month": MONTH_NAMES[day.month - 1],
        "yyyy": day.year, "weekday": WEEKDAYS[day.weekday()],
        "q": (day.month - 1) // 3 + 1, "h": (day.month - 1) // 6 + 1,
        "season": SEASONS[day.month], "decade": day.year // 10 * 10,
        "iso_week": day.isocalendar()[1],
    }


class DateFormatter:
    """Writes days and intervals with one set of formats (the defaults, overridden by `formats`)."""

    def __init__(self, formats: Mapping[str, str] | None = None):
        unknown = set(formats or ()) - DEFAULT_DATE_FORMATS.keys()
        if unknown:
            raise ValueError(f"unknown date format names: {', '.join(sorted(unknown))} "
                             f"(known: {', '.join(DEFAULT_DATE_FORMATS)})")
        self.formats = {**DEFAULT_DATE_FORMATS, **(formats or {})}
        # Thousands of events share a few hundred dates: each is written once.
        self._written: dict[tuple[str, date, date], str] = {}
        # Fail at start-up, not halfway through writing the site, on a misspelt field.
        sample = date(2024, 8, 30)
        for name in self.formats:
            self._format(name, sample, sample)

    def day(self, day: date) -> str:
        """30 Aug 2024"""
        return self._format("day", day, day)

    def month_heading(self, day: date) -> str:
        """August 2024"""
        return self._format("month_heading", day, day)

    def interval(self, start: date, end: date, granularity: str) -> str:
        """An interval as a reader would say it, at its own precision."""
        name = _FORMAT_OF.get(granularity)
        if name is None:
            # no named precision: its first and last day
            return self.day(start) if start == end else self._format("range", start, end)
        return self._format(name, start, end)

    def _format(self, name: str, start: date, end: date) -> str:
        written = self._written.get((name, start, end))
        if written is None:
            written = self._written[name, start, end] = self._write(name, start, end)
        return written

    def _write(self, name: str, start: date, end: date) -> str:
        fields = date_fields(start)
        if name != "day":
            fields["first"], fields["last"] = self.day(start), self.day(end)
            # the week's Monday, so "this week" and "last week" read alike
            fields["monday"] = self.day(start - timedelta(days=start.weekday()))
        try:
            return self.formats[name].format(**fields)
        except (KeyError, IndexError, ValueError) as error:
            raise ValueError(f"date format {name!r} = {self.formats[name]!r}: {error!r}") from None


_DEFAULT = DateFormatter()


def format_day(day: date) -> str:
    """30 Aug 2024"""
    return _DEFAULT.day(day)


def format_interval(start: date, end: date, granularity: str) -> str:
    """An interval as a reader would say it, with the default formats."""
    return _DEFAULT.interval(start, end, granularity)


def format_range(start: date, end: date) -> str:
    """An interval of no named precision: its first and last day."""
    return _DEFAULT.interval(start, end, "")


def machine_date(start: date, granularity: str) -> str:
    """The interval as an HTML `<time datetime>` value, or "" where HTML has no form for it."""
    if granularity in ("day", "time"):
        return start.isoformat()
    if granularity == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if granularity == "month":
        return f"{start.year:04d}-{start.month:02d}"
    if granularity == "year":
        return f"{start.year:04d}"
    # quarters, seasons, decades: a day would claim a precision the text never gave
    return ""


# What an expression that names no particular day stands for, by its TIMEX3 type.
_UNDATED = {"DURATION": "a length of time, not a date", "SET": "a repeating time, not a date"}


def mention_label(first: date | None, last: date | None, granularity: str, timex_type: str,
                  dates: DateFormatter = _DEFAULT) -> str:
    """What a temporal expression in an article resolved to, for its tooltip."""
    if first is not None:
        return dates.interval(first, last or first, granularity)
    return _UNDATED.get(timex_type, "no particular date")
