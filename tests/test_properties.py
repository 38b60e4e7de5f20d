"""The temporal engine and the reader never raise, on any text, and answer the same way twice."""

from __future__ import annotations

import re
import time
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from timeline.articles import parse_article
from timeline.temporal import tag

# The TIMEX3 values the engine writes: dates and times down to the minute, weeks,
# weekends, quarters, halves, seasons, years, decades, centuries, ranges of
# those, durations, sets (a month every year, a weekday every week with or without
# its part of the day, a part of every day), and the vague references.
_DATE = r"\d{2,4}(?:-(?:\d{2}(?:-\d{2})?|W\d{2}(?:-WE)?|Q[1-4]|H[12]|SP|SU|FA|WI))?(?:T(?:MO|AF|EV|NI|\d{2}:\d{2}))?"
TIMEX_VALUE = re.compile(
    rf"(?:{_DATE}(?:/{_DATE})?|P(?:T?(?:\d+|X)(?:Y|M|W|D|H|Q|DE|CE|WE|MIN))|XXXX-(?:0[1-9]|1[0-2])|XXXX-WXX-[1-7](?:T(?:MO|AF|EV|NI))?|XXXX-XX-XXT(?:MO|AF|EV|NI)|PRESENT_REF|PAST_REF|FUTURE_REF)"
)

NEWS_WORDS = st.sampled_from(
    "on in at the last next this early late mid- earlier ago later that same day week month year Tuesday Friday May "
    "March Aug. Sept. 30, 2024 1998 12th 3 p.m. from to between and weekend summer third quarter 1990s two days "
    "every weekly now recently $24 3-2 We may march second . , ; : \n \n\n".split(" ")
)
NEWSLIKE = st.lists(NEWS_WORDS, max_size=60).map(" ".join)
ANY_TEXT = st.one_of(st.text(max_size=300), NEWSLIKE)
DATELINES = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=ANY_TEXT, dct=DATELINES)
@example(text="mid- last day", dct=date(2000, 1, 1))  # once "mid" of a single day ended before it began
def test_tag_never_raises_and_is_well_formed(text, dct):
    mentions = tag(text, dct)
    previous_end = 0
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert previous_end <= mention.start, "mentions overlap or are out of order"
        previous_end = mention.end
        assert text[mention.start : mention.end] == mention.text
        assert TIMEX_VALUE.fullmatch(mention.value), mention.value
        assert (mention.first is None) == (mention.last is None)
        if mention.first is not None:
            assert mention.first <= mention.last
    assert tag(text, dct) == mentions


@settings(max_examples=200, deadline=None)
@given(raw=st.one_of(st.text(max_size=400), NEWSLIKE.map(lambda body: "Title: T\nDate: 2024-08-30\n\n" + body)))
def test_reader_never_raises(raw):
    article = parse_article(raw, Path("random.md"))
    assert article.slug and isinstance(article.text, str)
    assert parse_article(raw, Path("random.md")) == article


def _seconds(text: str) -> float:
    started = time.perf_counter()
    tag(text, date(2024, 8, 30))
    return time.perf_counter() - started


def test_no_input_takes_worse_than_linear_time():
    """Pathological inputs cost a bounded multiple of news text of the same length.

    The bound is generous (a slow machine may be loaded) but far below what a
    quadratic pass over 100,000 expressions would take (hundreds of times).
    """
    plain_unit = "The minister said on Tuesday that talks with the union would resume after the summer, officials added. "
    length = len("on Tuesday ") * 100_000
    plain = (plain_unit * (length // len(plain_unit) + 1))[:length]
    baseline = _seconds(plain)
    for unit in ("on Tuesday ", "1234567890", "1.2.3.4.", "Aug. 30, 2024 ", "a" * 99 + " "):
        text = (unit * (length // len(unit) + 1))[:length]
        assert _seconds(text) < 40 * baseline + 1.0, f"{unit!r} repeated"
