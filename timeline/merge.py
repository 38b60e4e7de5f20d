"""Merge the reports of one event by several articles into one event with several sources.

Two events are one when they have the same interval and say much the same:
their content words overlap, helped by a name they share. Events of one article
never merge (an article tells each thing once), and the merged event keeps the
id, sentence and summary of its earliest source, so links made before a later
article arrived still work.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from .language import Language, load_language
from .model import Event

if TYPE_CHECKING:
    from .cache import MergeMemo

# How much two sentences must share to be one event: a share of content words
# (Jaccard), lower when they name the same actor, higher when they name only
# different ones ("met in Paris" and "met in Brussels" are two meetings).
SAME_WORDS = 0.30
SAME_WORDS_WITH_ACTOR = 0.12
SAME_WORDS_OTHER_ACTORS = 0.60


def merge_events(events: Iterable[Event], language: str = "en", memo: MergeMemo | None = None,
                 tokens: Sequence[str] | None = None) -> list[Event]:
    """The events of `events`, the reports of one event by several articles merged into one.

    With `memo`, and `tokens` saying what each event is made from (one string each, the same
    only for the same event), the reports of an interval that an earlier build merged are
    not compared again: comparing grows with the square of a busy day's reports.
    """
    events = list(events)
    words = load_language(language)
    by_interval: dict[tuple, list[int]] = defaultdict(list)
    for index, event in enumerate(events):
        by_interval[(event.start, event.end, event.granularity)].append(index)
    merged: list[Event] = []
    for indices in by_interval.values():
        group = [events[i] for i in indices]
        if len(group) == 1:
            merged.extend(group)
            continue
        key = memo.key(tokens[i] for i in indices) if memo is not None and tokens is not None else None
        clusters = memo.clusters(key) if key else None
        if clusters is None:
            clusters = _clusters(group, words)
            if key:
                memo.remember(key, clusters)
        merged.extend(_combine([group[i] for i in cluster]) for cluster in clusters)
    return merged


def _clusters(group: list[Event], language: Language) -> tuple[tuple[int, ...], ...]:
    """The reports of one interval that tell of one event: places in `group`, each cluster's senior report first."""
    order = sorted(range(len(group)), key=lambda i: _seniority(group[i]))
    reports = [group[i] for i in order]
    bags = [content_words(event.text, language) for event in reports]
    names = [_surnames(event.actors) for event in reports]  # made once: each is compared with many others
    clusters: list[list[int]] = []
    articles: list[set[str]] = []  # the articles each cluster already has a report from
    # word → the clusters with a report that has it: a report shares no word with the others, it cannot
    # be the same event (`_same`), so only these are compared (a day can have thousands of reports).
    having: dict[str, list[int]] = defaultdict(list)
    for index, event in enumerate(reports):
        article = event.sources[0].article
        candidates = sorted({number for word in bags[index] for number in having.get(word, ())})
        for number in candidates:
            cluster = clusters[number]
            if article not in articles[number] and any(
                    _same(bags[other], names[other], bags[index], names[index]) for other in cluster):
                cluster.append(index)
                articles[number].add(article)
                break
        else:
            number = len(clusters)
            clusters.append([index])
            articles.append({article})
        for word in bags[index]:
            if not having[word] or having[word][-1] != number:
                having[word].append(number)
    return tuple(tuple(order[i] for i in cluster) for cluster in clusters)


def _seniority(event: Event) -> tuple:
    """Earliest published first, then by path: the source whose id a merged event keeps."""
    source = event.sources[0]
    return (source.published is None, source.published, source.path, source.sentence_start)


def _same(first_words: set[str], first_names: set[str], second_words: set[str], second_names: set[str]) -> bool:
    """Whether two reports (their content words and the surnames they name) tell of one event."""
    if not first_words or not second_words:
        return False
    overlap = len(first_words & second_words) / len(first_words | second_words)
    if first_names & second_names:
        return overlap >= SAME_WORDS_WITH_ACTOR
    if first_names and second_names:  # each names someone, and not the same one
        return overlap >= SAME_WORDS_OTHER_ACTORS
    return overlap >= SAME_WORDS


def _surnames(actors: tuple[str, ...]) -> set[str]:
    """The last word of each name: "Keir Starmer" and "Starmer" are one actor."""
    return {actor.split()[-1] for actor in actors}


def content_words(text: str, language: Language) -> set[str]:
    return {word for word in re.findall(r"\w+", text.lower()) if word not in language.stop_words and not word.isdigit()}


def _combine(events: list[Event]) -> Event:
    """One event of the reports of a cluster, senior first: it keeps the senior report's id and
    date, and tells what the first account of it says, from an article published on or after its
    day (a preview written before it, "will meet on Friday", only while no account has come)."""
    if len(events) == 1:
        return events[0]
    first = events[0]
    told = next((event for event in events if _told_after(event)), first)
    sources = tuple(source for event in events for source in event.sources)
    actors = tuple(dict.fromkeys(actor for event in events for actor in event.actors))
    aliases = tuple(dict.fromkeys(alias for event in events for alias in (event.id, *event.aliases) if alias != first.id))
    return replace(
        first,
        text=told.text,
        summary=told.summary,
        expression=told.expression,
        expression_start=told.expression_start,
        expression_end=told.expression_end,
        sources=sources,
        actors=actors,
        aliases=aliases,
        future=all(event.future for event in events),
        importance=max(event.importance for event in events),
    )


def _told_after(report: Event) -> bool:
    """Whether a report was published on or after the day its event began: an account of it."""
    published = report.sources[0].published
    return published is not None and published >= report.start
