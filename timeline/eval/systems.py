"""The taggers being compared, each a function (text, dct) -> [Timex] in text order."""

from __future__ import annotations

from datetime import date, datetime
from typing import Callable

from .timeml import Timex

System = Callable[[str, "date | None"], list[Timex]]


def ours(text: str, dct: date | None) -> list[Timex]:
    """The project's engine, as TIMEX3 annotates (timeline.temporal.timex3: a range is its two ends)."""
    from timeline.temporal import timex3  # imported here so reading corpora never needs the engine

    return [Timex(m.start, m.end, m.type, m.value, m.text) for m in timex3(text, dct)]


def dateparser_search(text: str, dct: date | None) -> list[Timex]:
    """The baseline DESIGN.md warns against: dateparser's search_dates over the whole text.

    search_dates returns (substring, datetime) pairs in reading order without offsets, so each
    substring is found left to right from the end of the previous one. It only knows points in
    time, so every expression is typed DATE and valued at day precision.
    """
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": datetime(dct.year, dct.month, dct.day)} if dct else {}
    found = search_dates(text, languages=["en"], settings=settings) or []
    out: list[Timex] = []
    cursor = 0
    for substring, when in found:
        start = text.find(substring, cursor)
        if start < 0:  # not in the text as given (dateparser rewrote it): cannot be placed
            continue
        cursor = start + len(substring)
        value = f"{when.year:04d}-{when.month:02d}-{when.day:02d}"
        out.append(Timex(start, cursor, "DATE", value, substring))
    return out
