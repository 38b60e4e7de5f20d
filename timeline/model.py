"""The values that flow between the stages: small, frozen, and nothing but data (and how to list their fields)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from functools import cache
from pathlib import Path


@dataclass(frozen=True)
class Article:
    """One article as read from disk: its text without the metadata header."""

    slug: str
    title: str
    text: str
    dateline: date | None
    path: Path
    url: str = ""  # where the original was published, from a `Source:` header
    metadata: tuple[tuple[str, str], ...] = ()
    warnings: tuple[str, ...] = ()  # what was wrong with the file, though it could be read


@dataclass(frozen=True)
class Mention:
    """A temporal expression found in a text and resolved to a TIMEX3 value.

    `start`/`end` are character offsets into the text; `first`/`last` the
    inclusive interval of days it denotes (None for durations, sets and vague
    references, which name no particular day).
    """

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION or SET
    value: str
    granularity: str  # day, week, month, quarter, season, year, decade, time, vague, ...
    first: date | None = None
    last: date | None = None
    mod: str | None = None

    @property
    def is_dated(self) -> bool:
        return self.first is not None


@dataclass(frozen=True)
class Source:
    """Where an event was reported: an article, and the sentence's offsets in it."""

    article: str  # the article's slug
    title: str
    path: str
    published: date | None
    sentence_start: int
    sentence_end: int


@dataclass(frozen=True)
class Event:
    """Something that happened (or will), with the interval it happened in."""

    id: str
    start: date
    end: date
    granularity: str
    value: str
    expression: str  # the temporal expression that dates it, "" for a lead dated by its dateline
    text: str  # the sentence
    summary: str
    future: bool
    sources: tuple[Source, ...]
    actors: tuple[str, ...] = ()
    importance: float = 0.0
    expression_start: int = -1  # offsets of the expression inside `text`, -1 when none
    expression_end: int = -1
    aliases: tuple[str, ...] = ()  # ids this event had before other reports were merged into it


@dataclass(frozen=True)
class Timeline:
    """Events in timeline order, the articles they came from, and what went wrong reading them."""

    events: tuple[Event, ...]
    articles: tuple[Article, ...]
    warnings: tuple[str, ...] = field(default=())
    # Each article's temporal expressions, by slug: its page marks them.
    mentions: dict[str, tuple[Mention, ...]] = field(default_factory=dict, compare=False)


@cache
def field_names(kind: type) -> tuple[str, ...] | None:
    """A dataclass's field names, looked up once a type (the cache and page digests walk thousands
    of these values); None for any other type."""
    return tuple(f.name for f in fields(kind)) if is_dataclass(kind) else None
