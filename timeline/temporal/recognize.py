"""Recognition: text → spans, each with an underspecified value.

Recognition finds where a temporal expression stands and what it says ("a
Tuesday", "the week before the dateline", "two days after the last date"),
never which day that is: resolve.py decides that, with the dateline and the
tense. The words come from the language's rules file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache, lru_cache
from itertools import accumulate, compress
from typing import Any

from .rules import Pattern, Rules, load_rules
from .tense import PAST


@dataclass(frozen=True)
class Spec:
    """An underspecified value: what an expression says, before it is placed in time."""

    kind: str
    type: str = "DATE"
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    quarter: int | None = None
    season: str | None = None
    decade: int | None = None  # 1990; or 90, when the text leaves the century out ("the '90s")
    unit: str | None = None  # D, W, M, Q, Y, DE, CE, WE
    amount: int | None = None  # how many units; None for a vague amount ("several")
    shift: int | None = None  # -1 last, 0 this, +1 next; None: placed by tense
    year_shift: int | None = None  # years from the dateline's: "June last year", "last year's quarter"
    anchor: str = "dct"  # what a count starts from: the dateline (dct), the last date mentioned (ref),
    # or the day being reported (reported: the last date mentioned if a day, else the dateline)
    part: str | None = None  # part of day: MO, AF, EV, NI
    clock: str | None = None  # "15:00"
    mod: str | None = None  # START, MID, END
    within: str | None = None  # "earlier"/"later": only the part of the period before/after the dateline
    value: str | None = None  # the literal TIMEX3 value of vague references, durations and sets
    ends: tuple["Spec", "Spec"] | None = None  # a range's two ends
    nth: int | None = None  # a holiday on the nth `weekday` of `month` from `day` (-1: the last)
    easter: int | None = None  # a holiday this many days from Easter Sunday
    tense: str | None = None  # a tense the expression itself fixes, whatever its verb
    # the tense unless its verb is a future one: "up from Friday's figure" is past, "will attend
    # Wednesday's meeting" still ahead
    unless_future: str | None = None
    # a count ahead of the dateline that a past verb makes a span: "received 880,000 hits in one day"
    span_if_past: bool = False
    half: int | None = None  # 1 or 2: the first or second half of a year
    short_year: int | None = None  # a year's last two digits, its century left out ("since '82")
    days: int | None = None  # days away from the day named: "the day before Thanksgiving" is -1


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    text: str
    spec: Spec
    # A range's two ends as found on their own ("1994" and "1997" of "between 1994 and 1997"):
    # TIMEX3 has no range value and annotates each end as an expression of its own.
    parts: tuple["Candidate", "Candidate"] | None = None


def recognize(text: str, rules: Rules | None = None) -> list[Candidate]:
    """Every temporal expression in `text`, in reading order, none overlapping."""
    rules = rules or load_rules("en")
    found: list[tuple[int, int, int, re.Match[str], Pattern]] = []
    looks = windows(text, rules)
    for order, pattern in enumerate(rules.patterns):
        finditer = pattern.regex.finditer
        has_context = pattern.not_before is not None or pattern.not_after is not None
        for window_start, window_end in looks[order]:
            for match in finditer(text, window_start, window_end):
                start, end = match.span()
                if end > start and (not has_context or fits_context(text, match, pattern)):
                    found.append((start, end, order, match, pattern))
    # The longest expression wins an overlap, then the pattern listed first.
    found.sort(key=lambda f: (f[0] - f[1], f[2]))
    taken: list[tuple[int, int, Candidate, bool]] = []
    occupied = bytearray(len(text))  # one flag a character: linear, however many expressions
    for start, end, _, match, pattern in found:
        if 1 in occupied[start:end]:
            continue
        spec = build_spec(match, pattern, rules)
        if spec is None:
            continue
        occupied[start:end] = b"\x01" * (end - start)
        if spec.kind == NAME:  # a name that looks like a time: its span is taken, and no expression made
            continue
        taken.append((start, end, Candidate(start, end, match.group(0), spec), pattern.only_in_range))
    taken.sort(key=lambda t: t[0])
    return [_day_around(text, candidate, rules) for candidate in join_neighbours(text, taken, rules)]


_AROUND: dict[str, re.Pattern[str]] = {}  # language → what may stand before a day to count from it


def _day_around(text: str, candidate: Candidate, rules: Rules) -> Candidate:
    """"The day before last Tuesday's hearing", "the day after Christmas": a day counted from the
    day named, one expression with it."""
    spec = candidate.spec
    if spec.unit or not (spec.kind in ("weekday", "holiday") or (spec.kind == "date" and spec.day is not None)):
        return candidate
    around = _AROUND.get(rules.language)
    if around is None:
        around = _AROUND[rules.language] = re.compile(rf"\b({rules.words['day_around'].alternation()})\s+$", re.IGNORECASE)
    found = around.search(text, max(0, candidate.start - CONTEXT), candidate.start)
    if found is None:
        return candidate
    days = rules.words["day_around"].meaning(found.group(1))
    return Candidate(found.start(), candidate.end, text[found.start() : candidate.end], replace(spec, days=days))


# How far the context of an expression is read, each side.
CONTEXT = 40


def fits_context(text: str, match: re.Match[str], pattern: Pattern) -> bool:
    """False when the text around the match is a context the pattern rules out."""
    start, end = match.span()
    if pattern.not_before and pattern.not_before.search(text, max(0, start - CONTEXT), start):
        return False
    if pattern.not_after and pattern.not_after.match(text, end, end + CONTEXT):
        return False
    return True


# How far an expression reaches from the word that triggers a look:
# "the second half of [[September]]", "Monday, [[Aug.]] 26, 2024".
REACH = 32


def windows(text: str, rules: Rules) -> list[list[tuple[int, int]]]:
    """For each pattern, the stretches of text around its trigger words, merged.

    Running every pattern over the whole text costs a full pass per pattern;
    news has a date word every few hundred characters, so most of the text
    needs no look by most patterns.
    """
    # The text is cut into runs of \w, each looked up in a cache of what it wakes: the split,
    # the offsets and the look-ups all run in C, and Python sees only the tokens that wake
    # something or are new. (A regex of all trigger words tries its alternatives at every
    # character, and a Python loop over every word costs more still.)
    parts = _WORDS.split(text)  # white space and punctuation, then a word, and so on
    offsets = list(accumulate(map(len, parts)))  # where each part ends
    words = parts[1::2]
    woken = list(map(rules.token_looks.get, words))
    if None in woken:
        for index in [index for index, which in enumerate(woken) if which is None]:
            woken[index] = rules.looks_woken_by(words[index])
    looks: list[list[tuple[int, int]]] = [[] for _ in range(rules.look_count)]
    word_end = _WordEnds(text)
    for index in compress(range(len(words)), woken):
        # A window may begin inside a word (a pattern's \b and lookbehinds see the text
        # before it) but must not end inside one: "May" would match the start of "Mayor".
        start = max(0, offsets[2 * index] - REACH)
        end = word_end.at(offsets[2 * index + 1] + REACH)
        for look in woken[index]:
            own = looks[look]
            if own and start <= own[-1][1]:
                own[-1] = (own[-1][0], end)
            else:
                own.append((start, end))
    everywhere = [(0, len(text))]
    return [everywhere if look is None else looks[look] for look in rules.look_of_pattern]


_WORDS = re.compile(r"(\w+)")


class _WordEnds:
    """The first white space at or after an index, for indices that only grow: each search
    starts where the last one ended, so a text without spaces costs one pass, not one a word."""

    _SPACE = re.compile(r"\s")

    def __init__(self, text: str):
        self.text = text
        self.searched_from = -1
        self.found = -1

    def at(self, index: int) -> int:
        text = self.text
        if index >= len(text):
            return len(text)
        if not self.searched_from <= index <= self.found:
            space = self._SPACE.search(text, index)
            self.searched_from = index
            self.found = space.start() if space else len(text)
        return self.found


def join_neighbours(text: str, taken: list[tuple[int, int, Candidate, bool]], rules: Rules) -> list[Candidate]:
    """Join neighbours that are one expression: two dates linked as a range ("from Aug. 26
    to Aug. 29"), a time of day and its day ("10 p.m. Wednesday")."""
    result: list[Candidate] = []
    index = 0
    while index < len(taken):
        _, _, first, _ = taken[index]
        joined = None
        if index + 1 < len(taken):
            second = taken[index + 1][2]
            joined = _range(text, first, second, rules) or _time_on_day(text, first, second, rules)
        if joined:
            result.append(joined)
            index += 2
            continue
        if not taken[index][3]:
            result.append(first)
        index += 1
    return result


_DAY_KINDS = {"weekday", "deictic", "month_day"}


def _time_on_day(text: str, first: Candidate, second: Candidate, rules: Rules) -> Candidate | None:
    kinds = {first.spec.kind, second.spec.kind}
    if "clock" not in kinds or first.spec.kind == second.spec.kind:
        return None
    clock, day = (first, second) if first.spec.kind == "clock" else (second, first)
    names_a_day = day.spec.kind in _DAY_KINDS or (day.spec.kind == "date" and day.spec.day is not None)
    if not names_a_day or text[first.end : second.start].strip().lower() not in rules.clock_joins:
        return None
    # The clock says more than a part of the day ("at 8:30 am this morning", "10 p.m. Tuesday
    # night"), and the part which half of the day a clock without one is in ("at 2:30 this afternoon").
    spec = replace(day.spec, type="TIME", clock=_in_part(clock.spec.clock, day.spec.part), part=None)
    return Candidate(first.start, second.end, text[first.start : second.end], spec)


# TIMEX3's parts of the day after noon, with the earliest twelve-hour clock that is past noon in
# them: "2:30" in the afternoon is 14:30; at night "11:00" is 23:00, but "2:00" still 02:00.
_PM_FROM = {"AF": 0, "EV": 0, "NI": 6}


def _in_part(clock: str, part: str | None) -> str:
    """A clock without "a.m." or "p.m." (09:30) moved into the half of the day its part names."""
    hour = int(clock[:2])
    if part in _PM_FROM and _PM_FROM[part] <= hour < 12:
        hour += 12
    return f"{hour:02d}{clock[2:]}"


_RANGE_KINDS = {"date", "weekday", "month_day", "quarter", "season", "year", "decade"}


def _range(text: str, first: Candidate, second: Candidate, rules: Rules) -> Candidate | None:
    if first.spec.kind not in _RANGE_KINDS or second.spec.kind not in _RANGE_KINDS:
        return None
    between = text[first.end : second.start].strip().lower()
    before = text[max(0, first.start - 12) : first.start].lower()
    for opener, connector in rules.range_joins:
        if between != connector:
            continue
        start = first.start
        if opener:
            found = re.search(rf"\b{re.escape(opener)}\s+$", before)
            if not found:
                continue
            start = first.start - (len(before) - found.start())
        ends = _in_one_month(first, second)
        if ends is None:
            return None
        spec = Spec(kind="range", ends=(ends[0].spec, ends[1].spec))
        return Candidate(start, second.end, text[start : second.end], spec, parts=ends)
    return None


def _in_one_month(first: Candidate, second: Candidate) -> tuple[Candidate, Candidate] | None:
    """A range's ends, an end that is a day alone ("Aug. 26-29", "from 26 to 29 August") made a day
    of the other's month; None when such a day ends a range of anything but days, or runs backwards."""
    bare = [end.spec.kind == "month_day" for end in (first, second)]
    if not any(bare):
        return first, second
    if all(bare):
        return None  # "a 90-8-1 vote"
    day, named = (first, second) if bare[0] else (second, first)
    if named.spec.kind != "date" or named.spec.day is None or (day is first) != (day.spec.day < named.spec.day):
        return None
    day = replace(day, spec=replace(named.spec, day=day.spec.day, mod=None))
    return (day, named) if bare[0] else (named, day)


# ------------------------------------------------------------ building specs


def build_spec(match: re.Match[str], pattern: Pattern, rules: Rules) -> Spec | None:
    groups = {name: value for name, value in match.groupdict().items() if value is not None}

    def meaning(group: str) -> Any:
        return rules.meaning(group, pattern, groups[group]) if group in groups else None

    builder = _BUILDERS[pattern.kind]
    return builder(match, groups, meaning)


def _date(match, groups, meaning) -> Spec | None:
    mod = meaning("modifier")
    month = meaning("month")
    if "monthnum" in groups:
        month = int(groups["monthnum"])
    if "spoken_century" in groups:  # read aloud: dateparser reads digits only
        explicit = {"year": _spoken_year(meaning)}
    else:
        explicit = _explicit_parts(_strip_modifier(match, groups))
    year = explicit.get("year", int(groups["year"]) if "year" in groups else None)
    month = explicit.get("month", month)
    day = explicit.get("day", int(groups["day"]) if "day" in groups else None)
    if month is None or not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    unit = "W" if "week_of" in groups else None  # "the week of March 6", "the last week of March"
    shift, year_shift = meaning("shift"), _year_shift(meaning)
    return Spec(
        kind="date", year=year, month=month, day=day, mod=mod, shift=shift, year_shift=year_shift, unit=unit,
        nth=meaning("week_ordinal"),
    )


def _strip_modifier(match, groups) -> str:
    text = match.group(0)
    for group in ("modifier", "shift", "week_of"):
        if group in groups:
            text = text[match.end(group) - match.start() :]
    return text.strip(" -")


@cache
def _date_parser():
    """dateparser, which reads the explicit date string; its RELATIVE_BASE only fills the parts
    the text leaves out, and those are discarded here (the tense chooses a missing year in
    resolve.py), so one parser and a cache keyed by the string do. Loaded when first needed
    (40 ms): a rebuild reads its one new article's dates in another process."""
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"RELATIVE_BASE": datetime(2000, 1, 1)})


@lru_cache(maxsize=8192)
def _explicit_parts(text: str) -> dict[str, int]:
    try:
        data = _date_parser().get_date_data(text)
    except (ValueError, OverflowError):
        return {}
    if data is None or data.date_obj is None:
        return {}
    parts = set(data["parts"] or ())
    found = data.date_obj
    return {name: getattr(found, name) for name in ("year", "month", "day") if name in parts}


def _weekday(match, groups, meaning) -> Spec:
    part = meaning("part_of_day")
    anaphoric = "anaphoric_shift" in groups  # "the previous Friday"
    return Spec(
        kind="weekday",
        type="TIME" if part else "DATE",
        weekday=meaning("weekday"),
        shift=meaning("anaphoric_shift") if anaphoric else meaning("shift"),
        anchor="ref" if anaphoric else "dct",
        part=part,
        unless_future=PAST if "possessive" in groups else None,
    )


def _deictic(match, groups, meaning) -> Spec:
    offset = meaning("deictic_day") or 0
    part = meaning("part_of_day")
    if "last_night" in groups:
        offset, part = -1, "NI"
    if groups.get("deictic_day", "").lower() == "tonight":
        part = "NI"
    return Spec(kind="deictic", type="TIME" if part else "DATE", amount=offset, part=part)


def _relative(match, groups, meaning) -> Spec:
    within = groups.get("earlier", "").lower() or None
    mod = meaning("modifier") or {"earlier": "START", "later": "END"}.get(within or "")
    return Spec(kind="relative", unit=meaning("calendar_unit"), shift=meaning("shift"), mod=mod, within=within)


def _amount(groups, meaning) -> int | str:
    """How many units: a number word, digits, or 1 for "a"/"an"; "X" for a vague amount."""
    if "some" in groups:  # the amount is left unsaid: "for weeks"
        return "X"
    if "number" in groups:
        return meaning("number")
    return int(groups["amount"]) if "amount" in groups else 1


def _offset(match, groups, meaning) -> Spec:
    amount = _amount(groups, meaning)
    if "ahead" in groups:
        anchor, sign = "dct", "+"
    else:
        anchor, sign = meaning("direction").split()
    if amount == "X" and anchor == "ref":  # "a few days later": no day to count to, only the span
        return Spec(kind="duration", type="DURATION", value=duration_value("X", meaning("unit")))
    if amount == "X":  # "several years ago"
        return Spec(kind="vague", value="PAST_REF" if sign == "-" else "FUTURE_REF")
    amount = amount * (-1 if sign == "-" else 1)
    return Spec(kind="offset", unit=meaning("unit"), amount=amount, anchor=anchor, mod=meaning("approx"), span_if_past="ahead" in groups)


def _anaphoric(match, groups, meaning) -> Spec:
    if "direction" in groups:
        _, sign = meaning("direction").split()
        shift = -1 if sign == "-" else 1
    else:
        shift = meaning("anaphoric_shift") or 0
    anchor = "reported" if "reported" in groups else "ref"
    part = meaning("part_of_day")  # "in the morning": a part of the day being reported
    return Spec(
        kind="anaphoric",
        type="TIME" if part else "DATE",
        unit=meaning("calendar_unit") or "D",
        shift=shift,
        anchor=anchor,
        year_shift=_year_shift(meaning),
        part=part,
    )


def _month_day(match, groups, meaning) -> Spec | None:
    day = int(groups["day"])
    return Spec(kind="month_day", day=day) if 1 <= day <= 31 else None


def _quarter(match, groups, meaning) -> Spec:
    number = int(groups["quarter"]) if "quarter" in groups else meaning("ordinal")
    year = groups.get("year") or groups.get("year2")
    return Spec(kind="quarter", quarter=number, year=int(year) if year else None, year_shift=_year_shift(meaning))


def _quarter_ended(match, groups, meaning) -> Spec | None:
    """"The quarter ended July 31": the day it ends, placed as a date, names the quarter (resolve.py)."""
    day = int(groups["day"])
    return Spec(kind="date", month=meaning("month"), day=day, unit="Q") if 1 <= day <= 31 else None


def _half(match, groups, meaning) -> Spec:
    year = int(groups["year"]) if "year" in groups else None
    return Spec(kind="half", half=meaning("half"), year=year, year_shift=_year_shift(meaning))


def _reported(match, groups, meaning) -> Spec:
    year = int(groups["year"]) if "year" in groups else None
    # "the same period last year": the last period named; "the full year": the reported one
    unit = None if "period" in groups else "Y" if "whole_year" in groups else "Q"
    return Spec(kind="reported", unit=unit, year=year, year_shift=_year_shift(meaning), mod=meaning("modifier"))


def _year_shift(meaning) -> int | None:
    """Years away from the dateline's: "last year's quarter", "the year-ago quarter"."""
    for group in ("year_shift", "year_shift2", "compared_year"):
        if meaning(group) is not None:
            return meaning(group)
    return None


def _season(match, groups, meaning) -> Spec:
    year = int(groups["year"]) if "year" in groups else _spoken_year(meaning)
    return Spec(kind="season", season=meaning("season"), year=year, shift=meaning("shift"), mod=meaning("modifier"))


def _holiday(match, groups, meaning) -> Spec:
    rule = meaning("holiday")
    year = int(groups["year"]) if "year" in groups else None
    return Spec(
        kind="holiday",
        year=year,
        month=rule.get("month"),
        day=rule.get("day"),
        weekday=rule.get("weekday"),
        nth=rule.get("nth"),
        easter=rule.get("easter"),
        shift=meaning("shift"),
        unit="W" if "week_of" in groups else None,
    )


def _weekend(match, groups, meaning) -> Spec:
    return Spec(kind="weekend", shift=meaning("shift"))


def _decade(match, groups, meaning) -> Spec:
    decade = groups.get("decade") or groups.get("short_decade") or groups.get("short_decade2") or meaning("decade_word")
    return Spec(kind="decade", decade=int(decade), mod=meaning("modifier"))


def _year(match, groups, meaning) -> Spec:
    if "short_year" in groups:  # "since '82": the century is the dateline's to tell
        return Spec(kind="year", short_year=int(groups["short_year"]))
    year = _spoken_year(meaning) if "spoken_century" in groups else int(groups["year"])
    return Spec(kind="year", year=year, mod=meaning("modifier"))


def _spoken_year(meaning) -> int | None:
    """A year read aloud: "nineteen" + "ninety" + "six"; None where the text has none."""
    if meaning("spoken_century") is None:
        return None
    return meaning("spoken_century") + (meaning("spoken_tens") or 0) + (meaning("spoken_digit") or 0)


def _century(match, groups, meaning) -> Spec:
    number = int(groups["century"]) if "century" in groups else meaning("century_ordinal")
    return Spec(kind="century", year=(number - 1) * 100, mod=meaning("modifier"))


def _clock(match, groups, meaning) -> Spec | None:
    if "clock_word" in groups:
        return Spec(kind="clock", type="TIME", clock=meaning("clock_word"))
    if "hour24" in groups or "hour24z" in groups:
        hour = int(groups.get("hour24") or groups["hour24z"])
        minute = int(groups.get("minute24") or groups["minute24z"])
    else:
        hour, minute = int(groups["hour"]), int(groups.get("minute") or 0)
        if hour > 12:
            return None
        pm = (meaning("clock_half") or groups["ampm"]).lower().startswith("p")  # "4 in the morning"
        hour = hour % 12 + (12 if pm else 0)
    zone = meaning("timezone") or meaning("zone") or ""
    return Spec(kind="clock", type="TIME", clock=f"{hour:02d}:{minute:02d}{zone}")


def _vague(match, groups, meaning) -> Spec:
    return Spec(kind="vague", value=meaning("vague"))


def _duration(match, groups, meaning) -> Spec:
    half = "half" in groups or "half_after" in groups
    unit = meaning("unit") or meaning("one_unit") or meaning("single_unit")
    value = duration_value(_amount(groups, meaning), unit, half)
    return Spec(kind="duration", type="DURATION", value=value, mod=meaning("approx"))


# Decades and centuries are counted in years, as TimeBank writes them ("P20Y"; "decades-long"
# is PXY).
_YEARS_IN = {"DE": 10, "CE": 100}
# Half a unit in the next smaller one, where that is whole: "2 1/2 years" is P2Y6M.
_HALF = {"Y": (6, "M"), "D": (12, "H"), "H": (30, "MIN"), "MIN": (30, "S")}


def duration_value(amount: int | str, unit: str, half: bool = False) -> str:
    if half and amount != "X":
        return _duration_with_half(amount, unit)
    if unit in ("H", "MIN"):
        return f"PT{amount}{'M' if unit == 'MIN' else 'H'}"
    if unit in _YEARS_IN:
        return f"P{amount * _YEARS_IN[unit] if amount != 'X' else 'X'}Y"
    return f"P{amount}{unit}"


def _duration_with_half(amount: int, unit: str) -> str:
    if unit in _YEARS_IN:  # half a decade is five years
        return f"P{amount * _YEARS_IN[unit] + _YEARS_IN[unit] // 2}Y"
    if unit not in _HALF:  # no whole smaller unit: a decimal, as ISO 8601 allows ("P2.5W")
        return f"P{amount}.5{unit}"
    count, smaller = _HALF[unit]
    letter = {"MIN": "M"}.get(unit, unit)
    if unit in ("H", "MIN"):
        return f"PT{amount}{letter}{count}{'M' if smaller == 'MIN' else smaller}"
    if smaller == "H":
        return f"P{amount}{letter}T{count}H"
    return f"P{amount}{letter}{count}{smaller}"


# The kind of a pattern that finds a name looking like a time ("the Sunday Times").
NAME = "name"


def _name(match, groups, meaning) -> Spec:
    return Spec(kind=NAME)


def _set(match, groups, meaning) -> Spec:
    if "frequency" in groups:
        value = meaning("frequency")
    elif "weekday" in groups:  # "every Tuesday"; "Tuesday nights", "every Tuesday night"
        value = f"XXXX-WXX-{meaning('weekday')}"
        if "part_of_day" in groups:
            value += f"T{meaning('part_of_day')}"
    elif "month" in groups:  # "each July": the month, every year
        value = f"XXXX-{meaning('month'):02d}"
    elif "part_of_day" in groups:
        value = f"XXXX-XX-XXT{meaning('part_of_day')}"
    else:
        value = duration_value(1, meaning("calendar_unit"))
    return Spec(kind="set", type="SET", value=value)


_BUILDERS = {
    "date": _date,
    "weekday": _weekday,
    "deictic": _deictic,
    "relative": _relative,
    "offset": _offset,
    "anaphoric": _anaphoric,
    "month_day": _month_day,
    "quarter": _quarter,
    "quarter_ended": _quarter_ended,
    "half": _half,
    "reported": _reported,
    "season": _season,
    "weekend": _weekend,
    "holiday": _holiday,
    "decade": _decade,
    "year": _year,
    "century": _century,
    "clock": _clock,
    "vague": _vague,
    "duration": _duration,
    "set": _set,
    NAME: _name,
}

__all__ = ["Candidate", "Spec", "recognize", "replace"]
