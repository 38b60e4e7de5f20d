"""How a date interval reads on a page: at the precision the text gave it, never finer.

"Earlier this week" is a week, so it shows as "week of 26 Aug 2024", not as a
made-up Monday. Month names are spelled here rather than taken from the
locale, so a page never changes language with the machine that builds it.
"""

from __future__ import annotations

from datetime import date, timedelta

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Northern-hemisphere meteorological seasons, by the month an interval starts in.
SEASONS = {12: "winter", 1: "winter", 2: "winter", 3: "spring", 4: "spring", 5: "spring",
           6: "summer", 7: "summer", 8: "summer", 9: "autumn", 10: "autumn", 11: "autumn"}


def format_day(day: date) -> str:
    """30 Aug 2024"""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def format_interval(start: date, end: date, granularity: str) -> str:
    """An interval as a reader would say it, at its own precision."""
    if granularity in ("day", "time"):
        return format_day(start)
    if granularity == "week":
        # the week's Monday, so "this week" and "last week" read alike
        return f"week of {format_day(start - timedelta(days=start.weekday()))}"
    if granularity == "month":
        return f"{MONTHS[start.month - 1]} {start.year}"
    if granularity == "quarter":
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    if granularity in ("half", "halfyear", "half-year"):
        return f"H{(start.month - 1) // 6 + 1} {start.year}"
    if granularity == "season":
        return f"{SEASONS[start.month]} {start.year}"
    if granularity == "year":
        return str(start.year)
    if granularity == "decade":
        return f"{start.year // 10 * 10}s"
    return format_range(start, end)


def format_range(start: date, end: date) -> str:
    """An interval of no named precision: its first and last day."""
    if start == end:
        return format_day(start)
    return f"{format_day(start)} – {format_day(end)}"


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
