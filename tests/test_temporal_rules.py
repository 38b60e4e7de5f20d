"""Rules added for TimeBank's conventions (issue 3), one behaviour a row, beside the shared case table.

A row: dateline, a text with the expression marked [[...]], and the TIMEX3 value it must get
(with its exact extent); "-" in the value column means the text has no expression at all.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from timeline.temporal import tag
from timeline.temporal.calendar import easter_sunday, holiday
from timeline.temporal.rules import load_rules

ROWS = [
    # what is not a time
    ("2024-08-30", "A 44-year-old man was arrested.", "-", "an age"),
    ("2024-08-30", "The suspect, 52 years old, fled.", "-", "an age"),
    ("2024-08-30", "It costs $2 million a year to run.", "-", "a rate"),
    ("2024-08-30", "Iraq imports about three-quarters of its food.", "-", "a fraction"),
    ("2024-08-30", "The board declared a quarterly dividend.", "-", "a kind of payment"),
    ("2024-08-30", "The offer was previously announced.", "-", "aspect, not a time"),
    ("2024-08-30", "So far, nobody has claimed it.", "-", "aspect, not a time"),
    ("2024-08-30", "Prices will fall further.", "-", "fall the verb"),
    ("2024-08-30", "A man in his 70s was hurt.", "-", "an age in decades"),
    # extents
    ("1989-10-26", "Net rose 5% in [[the nine months]] ended Sept. 30.", "P9M", "a plural span keeps its 'the'"),
    ("1990-08-15", "It was the [[two-week]] crisis.", "P2W", "an adjectival span does not"),
    ("2024-08-30", "It lasted [[nearly five months]].", "P5M", "an approximate amount"),
    ("2024-08-30", "The treaty was signed [[March 01 , 2008]] in Rome.", "2008-03-01", "a space before the comma"),
    # year-less dates near the dateline
    ("1989-10-27", "The dividend is payable [[Dec. 7]] to holders of record.", "1989-12-07", "nearest, whatever the tense"),
    ("1998-10-25", "The Times said in an editorial on [[Monday, Oct. 26]]: the murder", "1998-10-26", "the day after the dateline"),
    ("2024-08-30", "The accord was signed [[June last year]].", "2023-06", "month with a year shift"),
    ("1999-04-19", "He was shot to death [[last Oct. 23]] at his home.", "1998-10-23", "last + month and day"),
    # earnings reports
    ("1989-10-26", "The company expects to report [[third-quarter]] results soon.", "1989-Q3", "the quarter just ended"),
    ("1989-10-26", "Third-quarter net rose to $5 million from $4 million [[a year ago]].", "1988-Q3", "a year back from the quarter"),
    ("1989-10-26", "Third-quarter profit rose. In [[the year-earlier quarter]], it fell.", "1988-Q3", "year-earlier"),
    ("1989-10-26", "Third-quarter profit rose. In the year-earlier quarter, it fell. Sales in [[the quarter]] rose.", "1989-Q3",
     "a comparison does not move the reference"),
    ("1989-10-26", "Sales in [[the latest quarter]] rose.", "1989-Q3", "with no quarter named: the last one ended"),
    ("1989-10-26", "Net fell in [[fiscal 1989]].", "1989", "fiscal year"),
    ("1989-10-26", "Results for [[the year]] ended Sept. 30 were flat.", "P1Y", "a year's span"),
    # weekdays, times, holidays, decades, spoken years
    ("1989-10-30", "Nestle's share before [[Friday]]'s purchases is far below theirs.", "1989-10-27", "a possessive weekday is past"),
    ("1998-02-13", "His kidnappers struck at [[10 p.m. Wednesday]], police said.", "1998-02-11T22:00", "a time and its day"),
    ("1999-11-30", "He returned after [[Thanksgiving Day]].", "1999-11-25", "a holiday"),
    ("2008-01-10", "Boxy cars of [[the '80s]] are back.", "198", "a decade without its century"),
    ("1998-03-01", "Prices peaked in [[nineteen ninety-six]].", "1996", "a year read aloud"),
    ("1998-03-01", "Sales resumed [[last fall]].", "1997-FA", "fall the season"),
    ("2009-02-23", "The Dow fell 3% to end [[the day]] at 7,114.", "2009-02-23", "the day being reported"),
]


@pytest.mark.parametrize("dct, context, value, note", ROWS, ids=[row[3] for row in ROWS])
def test_row(dct, context, value, note):
    marked = re.search(r"\[\[(.*?)\]\]", context)
    text = context.replace("[[", "").replace("]]", "")
    mentions = tag(text, date.fromisoformat(dct))
    if value == "-":
        assert mentions == [], note
        return
    start, end = marked.start(), marked.end() - 4
    hits = [m for m in mentions if m.start < end and start < m.end]
    assert [(m.text, m.value) for m in hits] == [(marked.group(1), value)], note


def test_holidays():
    assert easter_sunday(2000) == date(2000, 4, 23)
    assert easter_sunday(2024) == date(2024, 3, 31)
    assert holiday(1998, 11, 2, 2, 1, None) == date(1998, 11, 3)  # US Election Day
    assert holiday(2024, 5, None, 1, -1, None) == date(2024, 5, 27)  # Memorial Day: the last Monday


def test_wake_words_find_the_tokens_a_word_scan_would():
    """The one-regex scan for trigger words agrees with a scan of every word."""
    rules = load_rules("en")
    text = "On Tuesday, New Year's Day 2024 (a.m.) the 3rd quarter-ending days; Dayton's Q3 mid-1990s x1y"
    expected = [
        (m.start(), m.group(0))
        for m in re.finditer(r"\w+", text)
        if m.group(0).lower() in rules.patterns_by_word or m.group(0)[0].isdigit() or m.group(0)[-1].isdigit()
    ]
    found = [(m.start(), m.group(0)) for m in rules.wake_words.finditer(text)]
    assert found == expected
