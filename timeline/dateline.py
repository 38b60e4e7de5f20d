"""An article's dateline: the day it was published, as the text or its header says.

News puts the dateline in a handful of shapes; each pattern below is one of them.
A date found this way is parsed by dateparser, which knows the month names.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DAY_FIRST = rf"\d{{1,2}}\s+{_MONTH}\s+\d{{4}}"
_MONTH_FIRST = rf"{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}"
_ISO = r"\d{4}-\d{2}-\d{2}"
_FULL = rf"(?:{_DAY_FIRST}|{_MONTH_FIRST}|{_ISO})"

# Each shape, in the order they are tried; the named group `date` is the dateline.
DATELINE_SHAPES = [
    # a photo caption: "Pentagon • Aug. 30, 2024 • Washington D.C."
    re.compile(rf"•\s*(?P<date>{_FULL})\s*(?:•|$)", re.M),
    # a wire dateline: "WASHINGTON, Aug. 30, 2024 (Reuters) -"
    re.compile(rf"^[A-Z][A-Za-z .'-]*,\s*(?P<date>{_FULL})\s*\(", re.M),
    # "Published: 30 August 2024", "Updated 30 August 2024"
    re.compile(rf"^(?:Published|Posted|Updated|Last updated)\s*:?\s*(?:on\s+)?(?P<date>{_FULL})", re.M | re.I),
    # "Friday 30 August 2024 14.05 BST"
    re.compile(rf"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+(?P<date>{_DAY_FIRST})", re.M),
    # the first line is nothing but a date
    re.compile(rf"^\s*(?P<date>{_FULL})\s*$", re.M),
]

# A wire dateline without its year: "Aug 30 (Reuters) -"; the year comes from
# the first full date or year the article states.
_YEARLESS_WIRE = re.compile(rf"^(?:[A-Z][A-Za-z .'-]*,\s*)?(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})\s*\(", re.M)
_YEAR = re.compile(r"\b(1[89]\d\d|2[01]\d\d)\b")

# How far into an article a dateline may stand: it heads the text, never its end.
HEAD_CHARS = 600

# Datelines outside this range are typing errors, not news.
EARLIEST, LATEST = date(1800, 1, 1), date(2200, 12, 31)


def find_dateline(text: str) -> date | None:
    """The dateline stated in the head of a raw news text, or None."""
    head = text[:HEAD_CHARS]
    for shape in DATELINE_SHAPES:
        match = shape.search(head)
        if match:
            found = parse_date(match.group("date"))
            if found:
                return found
    wire = _YEARLESS_WIRE.search(head)
    year = wire and _YEAR.search(text)  # looked for only when needed: it may be far into a long text
    if year:
        return parse_date(f"{wire.group('day')} {wire.group('month')} {year.group(1)}")
    return None


@lru_cache(maxsize=4096)
def parse_date(value: str) -> date | None:
    """A full date written any way dateparser reads it, within a plausible range."""
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            return None
    else:
        import dateparser  # here, not above: most datelines are ISO dates, and loading it costs 40 ms

        result = dateparser.parse(value, languages=["en"], settings={"STRICT_PARSING": False})
        if result is None:
            return None
        parsed = result.date() if isinstance(result, datetime) else result
    return parsed if EARLIEST <= parsed <= LATEST else None
