"""What each page of the site shows, computed once from the Timeline: plain frozen data for templates.

An event is listed on the timeline (or, on a long one, its month's page), on its
actors' pages and on its own page; these values say where each of those is, so
that every link the templates write points at a page this module also lists.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date
from functools import cached_property
from itertools import groupby

from .article_markup import sentence_anchor
from .data_pieces import Pieces, json_array, made_each_time
from .display import DateFormatter, machine_date
from .model import Article, Event, Source, Timeline
from .page_inputs import Fingerprints
from .timeline import top_events


@dataclass(frozen=True)
class UrlPattern:
    """A page's address and file, from a pair of settings such as TIMELINE_EVENT_URL / _SAVE_AS."""

    url: str
    save_as: str

    def of(self, **fields) -> tuple[str, str]:
        return self.url.format(**fields), self.save_as.format(**fields)


@dataclass(frozen=True)
class SiteUrls:
    timeline: str  # the timeline's URL ("" for the site's root)
    event: UrlPattern
    month: UrlPattern
    actor: UrlPattern


@dataclass(frozen=True)
class ActorLink:
    name: str
    slug: str
    url: str  # "" for a name in too few events to have a page (TIMELINE_ACTOR_MIN_EVENTS)


@dataclass(frozen=True)
class SourceLink:
    """One article that reported an event, with its Pelican page when it has one."""

    source: Source
    page: object | None  # pelican.contents.Article
    url: str  # the reporting sentence in the article's page, "" without a page
    quote: str  # that sentence, from the article's text

    def __fingerprint__(self):
        # What a page can show of it (`page_inputs`): the page is there to find the article's
        # events by, and shows only through `url`, so its whole content is not digested.
        return self.source, self.url, self.quote


@dataclass(frozen=True)
class EventEntry:
    """An event with everything its templates show, computed once."""

    event: Event
    url: str
    save_as: str
    when: str  # "week of 26 Aug 2024"
    machine: str  # "2024-W35", or "" where HTML has no form for the precision
    upcoming: bool  # after the newest dateline: nobody has reported it as done yet
    listed_at: str  # where the full list shows it: the timeline's or its month's URL, with #id
    month: str  # "2024-08", the month it starts in
    before: str  # the sentence split around its temporal expression, for <mark>
    expression: str
    after: str
    sources: tuple[SourceLink, ...]
    actors: tuple[ActorLink, ...]

    @property
    def title(self) -> str:
        return self.event.summary or self.event.text

    @property
    def id(self) -> str:
        return self.event.id

    def __fingerprint__(self) -> bytes:
        return self.token

    @cached_property
    def token(self) -> bytes:
        """What stands for the entry in a page's digest, made once: an entry is frozen, and it is on several
        pages (its own, its neighbours', lists, its articles') in each process that writes pages."""
        # Every field, its links by what they show (`SourceLink`): plain values, digested in one go.
        return Fingerprints().of(tuple(tuple(link.__fingerprint__() for link in self.sources) if name == "sources"
                                       else getattr(self, name) for name in _ENTRY_FIELDS))


_ENTRY_FIELDS = tuple(field.name for field in fields(EventEntry))


@dataclass(frozen=True)
class DayGroup:
    """Consecutive events that read as the same date: one heading on the timeline."""

    when: str
    machine: str
    entries: tuple[EventEntry, ...]


@dataclass(frozen=True)
class MonthGroup:
    key: str  # "2024-08"
    label: str  # "August 2024"
    days: tuple[DayGroup, ...]


@dataclass(frozen=True)
class YearGroup:
    year: int
    months: tuple[MonthGroup, ...]


@dataclass(frozen=True)
class ListPage:
    """A page listing events: a month, an actor, the key events."""

    key: str
    title: str
    url: str
    save_as: str
    entries: tuple[EventEntry, ...]
    years: tuple[YearGroup, ...]


def newest_dateline(articles: Iterable[Article]) -> date | None:
    return max((article.dateline for article in articles if article.dateline), default=None)


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def slugify(name: str) -> str:
    """An actor's name as an ASCII address part: "Volodymyr Zelensky" → "volodymyr-zelensky"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def actor_slugs(events: Iterable[Event]) -> dict[str, str]:
    """Each actor name → a slug no other name has (names that slug alike get -2, -3, …)."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted({actor for event in events for actor in event.actors}):
        base = slugify(name) or "actor"
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        slugs[name] = slug
    return slugs


class PageFinder:
    """The Pelican article page a Source came from: by file, else by slug."""

    def __init__(self, pages, realpath=os.path.realpath):
        self.realpath = realpath
        self.by_path = {realpath(page.source_path): page for page in pages}
        self.by_slug = {page.slug: page for page in pages}
        self._urls: dict[int, str] = {}  # by id: the pages live as long as this finder

    def __call__(self, source: Source):
        return self.by_path.get(self.realpath(source.path)) or self.by_slug.get(source.article)

    def url(self, page) -> str:
        """A page's address, made once: Pelican formats `page.url` from the settings at every read."""
        try:
            return self._urls[id(page)]
        except KeyError:
            url = self._urls[id(page)] = page.url
            return url


def build_entries(timeline: Timeline, pages, urls: SiteUrls, dates: DateFormatter, split_by_month: bool,
                  realpath: Callable[[str], str], actor_min_events: int = 1) -> list[EventEntry]:
    """One entry per event, in timeline order; `realpath` resolves an article's path (cached: many events cite one).

    An actor named in at least `actor_min_events` events has a page, and links to it; another is a name only.
    """
    find_page = PageFinder(pages, realpath)
    texts = {realpath(article.path): article.text for article in timeline.articles}
    newest = newest_dateline(timeline.articles)
    slugs = actor_slugs(timeline.events)
    named = Counter(name for event in timeline.events for name in event.actors)
    actor_url = {name: urls.actor.of(slug=slug)[0] if named[name] >= actor_min_events else ""
                 for name, slug in slugs.items()}
    entries = []
    for event in timeline.events:
        url, save_as = urls.event.of(id=event.id)
        month = month_key(event.start)
        listed_on = urls.month.of(month=month)[0] if split_by_month else urls.timeline
        before, expression, after = split_expression(event)
        entries.append(EventEntry(
            event=event, url=url, save_as=save_as,
            when=dates.interval(event.start, event.end, event.granularity),
            machine=machine_date(event.start, event.granularity),
            upcoming=newest is not None and event.start > newest,
            listed_at=f"{listed_on}#{event.id}", month=month,
            before=before, expression=expression, after=after,
            sources=tuple(source_link(source, find_page(source), texts, realpath, find_page.url)
                          for source in event.sources),
            actors=tuple(ActorLink(name, slugs[name], actor_url[name]) for name in event.actors),
        ))
    return entries


def source_link(source: Source, page, texts: dict[str, str], realpath: Callable[[str], str],
                url_of: Callable[[object], str]) -> SourceLink:
    """Where an event's source is shown: the article page's sentence; `url_of(page)` is the page's address."""
    text = texts.get(realpath(source.path), "")
    quote = text[source.sentence_start : source.sentence_end].strip()
    url = f"{url_of(page)}#{sentence_anchor(source.sentence_start)}" if page is not None else ""
    return SourceLink(source, page, url, quote)


def split_expression(event: Event) -> tuple[str, str, str]:
    """The sentence before, at and after its temporal expression; (text, "", "") when none."""
    start, end = event.expression_start, event.expression_end
    if 0 <= start < end <= len(event.text):
        return event.text[:start], event.text[start:end], event.text[end:]
    return event.text, "", ""


def group_by_date(entries: Sequence[EventEntry], dates: DateFormatter) -> tuple[YearGroup, ...]:
    """Year → month → date headings over entries in timeline order.

    An event sits under the month it starts in; a heading changes when the date reads differently.
    """
    years = []
    for year, in_year in groupby(entries, key=lambda entry: entry.event.start.year):
        months = []
        for key, in_month in groupby(in_year, key=lambda entry: entry.month):
            in_month = tuple(in_month)
            days = []
            for when, on_day in groupby(in_month, key=lambda entry: entry.when):
                on_day = tuple(on_day)
                days.append(DayGroup(when, on_day[0].machine, on_day))
            months.append(MonthGroup(key, dates.month_heading(in_month[0].event.start), tuple(days)))
        years.append(YearGroup(year, tuple(months)))
    return tuple(years)


def month_pages(entries: Sequence[EventEntry], urls: SiteUrls, dates: DateFormatter) -> list[ListPage]:
    pages = []
    for key, in_month in groupby(entries, key=lambda entry: entry.month):
        in_month = tuple(in_month)
        url, save_as = urls.month.of(month=key)
        pages.append(ListPage(key, dates.month_heading(in_month[0].event.start), url, save_as,
                              in_month, group_by_date(in_month, dates)))
    return pages


def actor_pages(entries: Sequence[EventEntry], urls: SiteUrls, dates: DateFormatter) -> list[ListPage]:
    """One page per actor that has one (`ActorLink.url`), most events first, then by name."""
    found: dict[str, tuple[ActorLink, list[EventEntry]]] = {}
    for entry in entries:
        for actor in entry.actors:
            if actor.url:
                found.setdefault(actor.slug, (actor, []))[1].append(entry)
    pages = []
    for slug, (actor, listed) in found.items():
        url, save_as = urls.actor.of(slug=slug)
        pages.append(ListPage(slug, actor.name, url, save_as, tuple(listed), group_by_date(listed, dates)))
    return sorted(pages, key=lambda page: (-len(page.entries), page.title.lower()))


def key_entries(entries: Sequence[EventEntry], timeline: Timeline, count: int) -> tuple[EventEntry, ...]:
    """The `count` most important events, in timeline order: the ones `timeline events --top` prints."""
    keep = {event.id for event in top_events(timeline, count).events}
    return tuple(entry for entry in entries if entry.id in keep)


def search_index(entries: Iterable[EventEntry]) -> list[dict]:
    """What the page's search looks through: one record per event, with its page's URL."""
    return [search_record(entry) for entry in entries]


def search_json(entries: Iterable[EventEntry], pieces: Pieces = made_each_time) -> str:
    """search.json: `search_index` as compact JSON, each event's record a piece."""
    return json_array(entries, search_record, pieces) + "\n"


def search_record(entry: EventEntry) -> dict:
    return {
        "id": entry.id,
        "url": entry.url,
        "when": entry.when,
        "start": entry.event.start.isoformat(),
        "summary": entry.title,
        "text": entry.event.text,
        "actors": [actor.name for actor in entry.actors],
        "sources": list(dict.fromkeys(link.source.title for link in entry.sources)),
        "upcoming": entry.upcoming,
    }
