"""What a news site repeats on its pages is no report: sidebars, footers, biographies.

A page's text, as it was saved, can hold more than its article: a sidebar of other headlines
("2 men charged in death of Chicago teen ..."), a copyright line ("FactSet Research Systems Inc.
2013."), a byline's biography. Such a sentence comes back word for word in articles published
on many different days. As an article's first sentence it is not what the article reports (the
lead rule would date it by each article's dateline in turn), and dated in a year after every
article that repeats it (pages of 2011 saved in 2013) no article reported it. Both are dropped
before merging. A factbox repeated by several days' articles ("June 1 - BP shares plunge 17
percent") is neither, and stays.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from .events import sentence_words
from .model import Event

# A sentence in articles of this many different days, word for word, is the site's, not an article's.
REPEATED_ON_DAYS = 3


def boilerplate(reports: Sequence[Event]) -> set[int]:
    """The places in `reports` (each one article's report, before merging) of the site's repeated text."""
    copies: dict[str, list[int]] = defaultdict(list)
    for place, report in enumerate(reports):
        copies[sentence_words(report.text)].append(place)
    found: set[int] = set()
    for places in copies.values():
        days = {reports[place].sources[0].published for place in places} - {None}
        if len(days) < REPEATED_ON_DAYS:
            continue
        last_year = max(days).year
        found.update(place for place in places
                     if not reports[place].expression or reports[place].start.year > last_year)
    return found
