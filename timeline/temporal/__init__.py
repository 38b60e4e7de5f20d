"""Find and resolve the temporal expressions of a text.

`tag(text, dct)` runs the two passes of DESIGN.md: recognition writes an
underspecified value for each expression, resolution places it against the
dateline (deictic), the last date mentioned (anaphoric) and the tense.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Iterator

from ..model import Mention
from .calendar import Period
from .recognize import Candidate, recognize
from .resolve import resolve
from .rules import Rules, load_rules
from .tense import FUTURE, PAST, PLANNED, heads_item, planned_for, tense_at

# How near a future verb must stand to overrule an expression's own tense: "is expected to
# attend [Wednesday]'s meeting", "are going to be watching [Sunday]'s Super Bowl", not "would
# look for ways to get around [Wednesday]'s ruling".
NEAR_VERB_TOKENS = 5

# Kinds whose placement depends on the tense of their verb.
_TENSE_KINDS = {"date", "weekday", "month_day", "quarter", "season", "weekend", "holiday", "range", "offset", "anaphoric"}


def tag(text: str, dct: date | None, language: str = "en") -> list[Mention]:
    """Every temporal expression of `text`, resolved against the dateline `dct`; a range
    ("from Aug. 26 to Aug. 29") is one mention of the whole interval."""
    return _tag(text, dct, language, split_ranges=False)


def timex3(text: str, dct: date | None, language: str = "en") -> list[Mention]:
    """The expressions as TIMEX3 annotates them (TimeML output, TempEval scoring): TIMEX3 has
    no value for a range, so each of its ends is an expression of its own."""
    return _tag(text, dct, language, split_ranges=True)


def _candidates(text: str, rules: Rules, split_ranges: bool) -> Iterator[Candidate]:
    for candidate in recognize(text, rules):
        if split_ranges and candidate.parts:
            yield from candidate.parts
        else:
            yield candidate


def _is_stamp(text: str, candidate: Candidate) -> bool:
    """Whether the expression is an entry's stamp: a full date with its time of day, opening its line."""
    spec = candidate.spec
    if spec.kind != "date" or spec.clock is None or spec.year is None or spec.day is None:
        return False
    return not _line_before(text, candidate.start).strip()


# What may stand before an entry's stamp on its line, besides its label: brackets and dashes.
_STAMP_FRAME = re.compile(r"-LRB-|-LSB-|[(\[\-–—:|•]")
# The most an entry stamp's label and brackets take before it ("-LSB- Last updated").
ENTRY_HEAD_CHARS = 40


def _heads_entry(text: str, candidate: Candidate, rules: Rules) -> bool:
    """Whether a time of day opens its line, alone or after a label: a live report's entry stamp."""
    before = _line_before(text, candidate.start, ENTRY_HEAD_CHARS)
    if before is None:
        return False  # the line began farther back: more than a label stands before it
    label = " ".join(_STAMP_FRAME.sub(" ", before).lower().split())
    return not label or label in rules.clock_entry_heads


def _line_before(text: str, start: int, reach: int | None = None) -> str | None:
    """What stands before `start` on its line; None when the line began more than `reach` characters back."""
    since = 0 if reach is None else max(0, start - reach)
    line_start = text.rfind("\n", since, start) + 1
    if line_start == 0 and since > 0:
        return None
    return text[line_start:start]


# How far back a time of day alone ("at 10 p.m.") looks for its day: the day last mentioned within
# a sentence or two ("was shot Friday at his home ... at 10 p.m."). Farther back, that day is most
# often another story's (a live report's "Update 8:01 p.m. Cairo" after an entry about January 26):
# then the clock is on the dateline's day, or its entry's.
CLOCK_REACH_CHARS = 400


def _tag(text: str, dct: date | None, language: str, split_ranges: bool) -> list[Mention]:
    rules = load_rules(language)
    mentions: list[Mention] = []
    ref: Period | None = None  # the last date mentioned
    ref_end = 0  # where the mention that set it ends
    last_day: Period | None = None  # the last day told of, not ahead: the day being reported ("later in the day")
    topic: Period | None = None  # the first quarter named: what an earnings report is about
    anchor = dct  # what deictic expressions count from: the dateline, or the stamp of the entry they are in
    for candidate in _candidates(text, rules, split_ranges):
        spec = candidate.spec
        tense = spec.tense
        if tense is None and (spec.kind in _TENSE_KINDS or spec.span_if_past):
            tense = tense_at(text, candidate.start, candidate.end, rules)
        if spec.unless_future:  # only a future verb right beside it overrides
            near = tense_at(text, candidate.start, candidate.end, rules, reach=NEAR_VERB_TOKENS)
            tense = near if near in (FUTURE, PLANNED) else spec.unless_future
        elif spec.kind == "weekday" and tense in (PAST, None) and planned_for(text, candidate.start, rules):
            tense = PLANNED  # "has called a meeting for Wednesday": the day it is planned for
        elif spec.kind == "date" and spec.year is None and spec.day and heads_item(
            text, candidate.start, candidate.end, rules
        ):
            # "20 April : Rig explodes": a chronology tells the past in the present; only a future
            # verb right after the date makes it ahead ("1 Jan : New rules will take effect")
            near = tense_at(text, candidate.start, candidate.end, rules, reach=NEAR_VERB_TOKENS)
            tense = FUTURE if near == FUTURE else PAST
        reference = last_day if spec.anchor == "reported" else ref
        if spec.kind == "clock" and reference is not None and (
                candidate.start - ref_end > CLOCK_REACH_CHARS or _heads_entry(text, candidate, rules)):
            reference = None
        resolved = resolve(spec, anchor, tense, reference, topic)
        if resolved is None:
            continue
        mentions.append(
            Mention(
                start=candidate.start,
                end=candidate.end,
                text=candidate.text,
                type=resolved.type,
                value=resolved.value,
                granularity=resolved.granularity,
                first=resolved.first,
                last=resolved.last,
                mod=resolved.mod,
            )
        )
        if resolved.first is not None and not resolved.keeps_reference:
            ref = Period(resolved.granularity, resolved.first, resolved.last, resolved.value)
            ref_end = candidate.end
            if resolved.granularity == "day" and (anchor is None or resolved.first <= anchor):
                last_day = ref
            if topic is None and spec.kind == "quarter" and spec.year is None:
                topic = ref  # named from the dateline ("third-quarter profit"), not "the third quarter of 1984"
            if _is_stamp(text, candidate):
                # "May 24, 2010 21:58 UTC The message from the podium today ...": a blog entry's or a
                # comment's own stamp dates what it says after it
                anchor = resolved.first
    return mentions
