"""The Pelican plugin: a reader for raw news text, and a generator for the timeline pages.

Listed in PLUGINS as `timeline.pelican`. Pelican builds one page per article by
itself; this module adds what Pelican does not know about: `.txt` articles,
the timeline at the site's root, one page per event, and events.json.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from html import escape
from itertools import groupby
from operator import attrgetter
from pathlib import Path

from pelican import signals
from pelican.generators import Generator
from pelican.readers import BaseReader

from .articles import read_article
from .display import format_day, format_interval, machine_date
from .export import timeline_to_json
from .model import Event, Source, Timeline
from .timeline import build_timeline

logger = logging.getLogger(__name__)

# Every setting the plugin reads, with the value it has when pelicanconf.py is silent.
DEFAULTS = {
    "TIMELINE_TITLE": "Timeline",
    "TIMELINE_DESCRIPTION": "",
    "TIMELINE_URL": "",
    "TIMELINE_SAVE_AS": "index.html",
    "TIMELINE_TEMPLATE": "timeline",
    "TIMELINE_EVENT_URL": "events/{id}/",
    "TIMELINE_EVENT_SAVE_AS": "events/{id}/index.html",
    "TIMELINE_EVENT_TEMPLATE": "event",
    "TIMELINE_JSON_SAVE_AS": "events.json",
}


class RawTextReader(BaseReader):
    """Reads `.txt` articles: raw news text, or text under a Pelican metadata header."""

    enabled = True
    file_extensions = ["txt"]

    def read(self, source_path):
        article = read_article(Path(source_path))
        header = dict(article.metadata)
        metadata = {
            key: self.process_metadata(key, value)
            for key, value in header.items()
            if key not in ("title", "slug", "date")
        }
        metadata["title"] = self.process_metadata("title", article.title)
        metadata["slug"] = self.process_metadata("slug", article.slug)
        # The header's own date keeps its time of day; a dateline found in the text has none.
        date = header.get("date") or (article.dateline and article.dateline.isoformat())
        if date:
            metadata["date"] = self.process_metadata("date", date)
        if article.url:
            metadata["source"] = article.url
        return text_to_html(article.text), metadata


def text_to_html(text: str) -> str:
    """Raw news text as HTML: each non-blank line a paragraph, every character escaped."""
    return "\n".join(f"<p>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip())


@dataclass(frozen=True)
class SourceLink:
    """One article that reported an event, with its Pelican page when it has one."""

    source: Source
    page: object | None  # pelican.contents.Article


@dataclass(frozen=True)
class EventEntry:
    """An event with everything its templates show, computed once."""

    event: Event
    url: str
    save_as: str
    when: str  # "week of 26 Aug 2024"
    machine: str  # "2024-W35", or "" where HTML has no form for the precision
    before: str  # the sentence split around its temporal expression, for <mark>
    expression: str
    after: str
    sources: tuple[SourceLink, ...]

    @property
    def title(self) -> str:
        return self.event.summary or self.event.text


@dataclass(frozen=True)
class DayGroup:
    """Consecutive events that read as the same date: one heading on the timeline."""

    when: str
    machine: str
    entries: tuple[EventEntry, ...]


class TimelineGenerator(Generator):
    """Builds the timeline from the articles Pelican read, and writes its pages."""

    def generate_context(self):
        pages = self.context.get("articles", [])
        self.timeline: Timeline = build_timeline(Path(page.source_path) for page in pages)
        for warning in self.timeline.warnings:
            logger.warning("timeline: %s", warning)
        find_page = PageFinder(pages)
        self.entries = [self.entry(event, find_page) for event in self.timeline.events]
        self.context["timeline"] = self.timeline
        self.context["timeline_days"] = group_by_date(self.entries)
        # Article pages are written after this runs, so they can list their own events.
        self.context["timeline_events_by_article"] = events_by_article(self.entries)

    def generate_output(self, writer):
        relative = self.settings["RELATIVE_URLS"]
        writer.write_file(
            self.setting("TIMELINE_SAVE_AS"),
            self.get_template(self.setting("TIMELINE_TEMPLATE")),
            self.context,
            relative_urls=relative,
            url=self.setting("TIMELINE_URL"),
            days=self.context["timeline_days"],
        )
        event_template = self.get_template(self.setting("TIMELINE_EVENT_TEMPLATE"))
        for entry in self.entries:
            writer.write_file(
                entry.save_as, event_template, self.context,
                relative_urls=relative, url=entry.url, entry=entry,
            )
        self.write_json()

    def write_json(self):
        save_as = self.setting("TIMELINE_JSON_SAVE_AS")
        if not save_as:
            return
        path = Path(self.output_path) / save_as
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(timeline_to_json(self.timeline), indent=2, ensure_ascii=False) + "\n",
                        encoding="utf-8")
        logger.info('Writing "%s"', path)

    def setting(self, name: str):
        return self.settings.get(name, DEFAULTS[name])

    def entry(self, event: Event, find_page: PageFinder) -> EventEntry:
        links = tuple(SourceLink(source, find_page(source)) for source in event.sources)
        before, expression, after = split_expression(event)
        return EventEntry(
            event=event,
            url=self.setting("TIMELINE_EVENT_URL").format(id=event.id),
            save_as=self.setting("TIMELINE_EVENT_SAVE_AS").format(id=event.id),
            when=format_interval(event.start, event.end, event.granularity),
            machine=machine_date(event.start, event.granularity),
            before=before, expression=expression, after=after,
            sources=links,
        )


class PageFinder:
    """The Pelican article page a Source came from: by file, else by slug."""

    def __init__(self, pages):
        self.by_path = {os.path.realpath(page.source_path): page for page in pages}
        self.by_slug = {page.slug: page for page in pages}

    def __call__(self, source: Source):
        return self.by_path.get(os.path.realpath(source.path)) or self.by_slug.get(source.article)


def split_expression(event: Event) -> tuple[str, str, str]:
    """The sentence before, at and after its temporal expression; (text, "", "") when none."""
    start, end = event.expression_start, event.expression_end
    if 0 <= start < end <= len(event.text):
        return event.text[:start], event.text[start:end], event.text[end:]
    return event.text, "", ""


def group_by_date(entries: list[EventEntry]) -> list[DayGroup]:
    # The entries are already in timeline order; a heading changes when the date reads differently.
    days = []
    for when, group in groupby(entries, key=attrgetter("when")):
        group = tuple(group)
        days.append(DayGroup(when, group[0].machine, group))
    return days


def events_by_article(entries: list[EventEntry]) -> dict[str, list[EventEntry]]:
    """Each Pelican article's source path → the events it reported, in timeline order."""
    found: dict[str, list[EventEntry]] = {}
    for entry in entries:
        for link in entry.sources:
            if link.page is not None:
                found.setdefault(link.page.source_path, []).append(entry)
    return found


# --- signal receivers: named module-level functions, because blinker holds only weak references


def set_defaults(pelican_object):
    for name, value in DEFAULTS.items():
        pelican_object.settings.setdefault(name, value)


def add_reader(readers):
    readers.reader_classes["txt"] = RawTextReader


def add_generator(pelican_object):
    return TimelineGenerator


def add_filters(generator):
    generator.env.filters.setdefault("day", format_day)


def register():
    signals.initialized.connect(set_defaults)
    signals.readers_init.connect(add_reader)
    signals.get_generators.connect(add_generator)
    signals.generator_init.connect(add_filters)
