"""The Pelican plugin: a reader for raw news text, and a generator for the timeline's pages and files.

Listed in PLUGINS as `timeline.pelican`. Pelican builds one page per article by
itself; this module adds what Pelican does not know about: `.txt` articles,
the timeline at the site's root, a page per event, month and actor, the
key events, redirects from merged events' old ids, and the feeds and exports.
What each page shows is computed in `views`; the file formats live in their
own modules (feeds, calendar_export, timelinejs, export), each file made of
per-event pieces that are kept between builds (`data_pieces`).

Builds are incremental: extraction reads from the cache at TIMELINE_CACHE_PATH,
and the writer (`incremental`) renders only pages whose inputs changed. With
TIMELINE_JOBS above 1, dates are read in other processes while Pelican reads the
articles (`date_prefetch`), and a second process writes part of the
timeline's pages while Pelican writes its article pages (`parallel_pages`).
"""

from __future__ import annotations

import fnmatch
import functools
import logging
import os
import weakref
from collections import Counter
from collections.abc import Callable
from html import escape
from functools import partial
from pathlib import Path

from jinja2 import FileSystemBytecodeCache, TemplateError
from markdown import Markdown
from pelican import signals
from pelican.generators import Generator, PelicanTemplateNotFound
from pelican.readers import BaseReader, MarkdownReader
from pelican.urlwrappers import Category
from pelican.utils import get_relative_path, path_to_url, pelican_open

from . import unique_slugs
from .article_markup import sentence_targets
from .articles import ARTICLE_SUFFIXES, ArticleError, EmptyArticle, decode, read_article
from .build_log import install_article_problems
from .cache import ExtractionCache
from .calendar_export import timeline_to_ical
from .corrections import find_corrections
from .data_pieces import Pieces, made_each_time
from .date_prefetch import drop_leftovers, jobs_of, start_reading_dates, take_started
from .display import DateFormatter, mention_label
from .export import events_csv, timeline_json
from .feeds import FeedInfo, entry_html, events_atom
from .fragment_cache import FragmentCache
from .incremental import IncrementalWriter, published_folder
from .lazy_values import Deferred, MarkedText
from .model import Event, Mention, Timeline
from .output_tree import forget_listings, list_ahead
from .page_inputs import template_reads
from .parallel_pages import MIN_PAGES, EarlyShare, write_pages
from .progress import progress_bar
from .structured_data import event_json_ld, json_script
from .timeline import NOT_ARTICLES, build_timeline, slug_taken
from .timelinejs import timelinejs_json
from .views import (
    EventEntry,
    ListPage,
    SiteUrls,
    UrlPattern,
    actor_pages,
    build_entries,
    group_by_date,
    key_entries,
    month_pages,
    search_json,
)

logger = logging.getLogger(__name__)

# Where Python-Markdown's meta extension puts its preprocessor ("meta", priority 27, in its documentation).
META_PRIORITY = 27

# Every setting the plugin reads, with the value it has when pelicanconf.py is silent.
# The README's table of settings explains each one.
DEFAULTS = {
    "TIMELINE_TITLE": "Timeline",
    "TIMELINE_DESCRIPTION": "",
    "TIMELINE_SITE_URL": "",
    "TIMELINE_DATE_FORMATS": {},
    "TIMELINE_KEY_EVENTS": 7,
    "TIMELINE_MONTH_SPLIT": 150,
    "TIMELINE_FEEDS": True,
    "TIMELINE_FEED_AUTHOR": "",
    "TIMELINE_TAG_AUTHORITY": "timeline.invalid,2024",
    "TIMELINE_URL": "",
    "TIMELINE_SAVE_AS": "index.html",
    "TIMELINE_TEMPLATE": "timeline",
    "TIMELINE_EVENT_URL": "events/{id}/",
    "TIMELINE_EVENT_SAVE_AS": "events/{id}/index.html",
    "TIMELINE_EVENT_TEMPLATE": "event",
    "TIMELINE_KEY_EVENTS_URL": "key-events/",
    "TIMELINE_KEY_EVENTS_SAVE_AS": "key-events/index.html",
    "TIMELINE_MONTH_URL": "months/{month}/",
    "TIMELINE_MONTH_SAVE_AS": "months/{month}/index.html",
    "TIMELINE_MONTHS_URL": "months/",
    "TIMELINE_MONTHS_SAVE_AS": "months/index.html",
    "TIMELINE_ACTOR_URL": "actors/{slug}/",
    "TIMELINE_ACTOR_SAVE_AS": "actors/{slug}/index.html",
    "TIMELINE_ACTORS_URL": "actors/",
    "TIMELINE_ACTORS_SAVE_AS": "actors/index.html",
    # A name in fewer events has no page of its own (one listing a single event says no more than
    # the event's page); search still finds it.
    "TIMELINE_ACTOR_MIN_EVENTS": 2,
    "TIMELINE_JSON_SAVE_AS": "events.json",
    "TIMELINE_CSV_SAVE_AS": "events.csv",
    "TIMELINE_TIMELINEJS_SAVE_AS": "timelinejs.json",
    "TIMELINE_SEARCH_SAVE_AS": "search.json",
    "TIMELINE_ATOM_SAVE_AS": "events.atom",
    "TIMELINE_ICS_SAVE_AS": "events.ics",
    # The extraction cache and the page manifest; None: no cache. `timeline build` reads a
    # relative path against the settings file's folder, plain `pelican` against the working folder.
    "TIMELINE_CACHE_PATH": ".timeline-cache",
    # Processes that read dates (0: one per core); `timeline build --jobs` sets it.
    "TIMELINE_JOBS": 1,
}


class RawTextReader(BaseReader):
    """Reads `.txt` articles: raw news text, or text under a Pelican metadata header."""

    enabled = True
    file_extensions = ["txt"]

    def read(self, source_path):
        try:
            article = read_article(Path(source_path))
        except EmptyArticle:
            # Nothing, as Pelican's own readers read an empty file: Pelican keeps that in its cache,
            # not reading the file again on each build, and skips it (the build says it is empty).
            return "", {}
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


class TolerantMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, which also reads what is not UTF-8 the way the timeline does (as Windows-1252).

    Pelican would fail on such a file and leave the article out; the timeline warns that it
    was not UTF-8 (`read_article`), and the article gets its page.
    """

    _markdown: Markdown | None = None

    def read(self, source_path):
        self._source_path = source_path
        try:
            with pelican_open(source_path) as text:
                pass
        except UnicodeDecodeError:
            text, _ = decode(Path(source_path).read_bytes())
        self._md = self._converter()
        content = self._md.convert(text)
        return content, (self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {})

    def _converter(self) -> Markdown:
        """One Markdown for every article, reset for each: Pelican makes a new one per article, and
        setting one up (its extensions) costs as much as converting a short article."""
        if self._markdown is None:
            self._markdown = Markdown(**self.settings["MARKDOWN"])
            self._meta = self._markdown.preprocessors["meta"]
        self._markdown.reset()
        # Pelican takes the metadata reader out while it converts formatted fields (`_parse_metadata`).
        if "meta" not in self._markdown.preprocessors:
            self._markdown.preprocessors.register(self._meta, "meta", META_PRIORITY)
        return self._markdown


def text_to_html(text: str) -> str:
    """Raw news text as HTML: each non-blank line a paragraph, every character escaped.

    Pelican keeps this as the article's content (its summary, its feeds); the theme's
    article page is written from the text itself, with the dates marked.
    """
    return "\n".join(f"<p>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip())


class TimelineGenerator(Generator):
    """Builds the timeline from the articles Pelican read, and writes its pages and files."""

    early: EarlyShare | None = None  # the pages a child process is writing already

    def generate_context(self):
        pages = self.context.get("articles", [])
        self.dates = DateFormatter(self.setting("TIMELINE_DATE_FORMATS"))
        self.timeline: Timeline = self.read_timeline(pages)
        self.urls = SiteUrls(
            timeline=self.setting("TIMELINE_URL"),
            event=self.pattern("TIMELINE_EVENT"),
            month=self.pattern("TIMELINE_MONTH"),
            actor=self.pattern("TIMELINE_ACTOR"),
        )
        # A long timeline opens on its key events and a list of months; each month page lists all.
        self.split = len(self.timeline.events) > int(self.setting("TIMELINE_MONTH_SPLIT"))
        # Each article's path resolved once, not once per event that cites it, and not again for its page.
        realpath = resolved_paths()
        self.entries = build_entries(self.timeline, pages, self.urls, self.dates, self.split, realpath,
                                     int(self.setting("TIMELINE_ACTOR_MIN_EVENTS")))
        self.months = month_pages(self.entries, self.urls, self.dates)
        self.actors = actor_pages(self.entries, self.urls, self.dates)
        self.key = key_entries(self.entries, self.timeline, int(self.setting("TIMELINE_KEY_EVENTS")))
        self.context.update(
            timeline=self.timeline,
            timeline_entries=self.entries,
            timeline_months=self.months,
            timeline_actors=self.actors,
            timeline_actors_without_page=len({actor.slug for entry in self.entries for actor in entry.actors
                                              if not actor.url}),
            timeline_key_entries=self.key,
            timeline_split=self.split,
            timeline_files=self.files_written(),
        )
        # Article pages are written after this runs, so they can show their events and marked dates.
        self.attach_to_articles(pages, realpath)

    def read_timeline(self, pages) -> Timeline:
        """The timeline of the articles Pelican read, extracted where the cache does not have them."""
        # In path order: build_timeline gives a repeated slug its -2 in the order it is given.
        paths = sorted([Path(page.source_path) for page in pages] + self.undated_articles())
        folder = self.setting("TIMELINE_CACHE_PATH")
        started = take_started(self.settings)
        cache = started.cache
        if cache is None and folder:
            cache = ExtractionCache(Path(folder) / "extraction")
        # Listed now, not when Pelican makes the writer: with --jobs, this process would only wait here for
        # the timeline made beside Pelican, and the process forked to write pages has the listing too.
        list_ahead(Path(self.output_path), published_folder(self.output_path, self.settings))
        if folder:
            self.analyse_templates()  # now, for the same reasons: the writers of both processes need it
        try:
            made = started.timeline_of(paths)
            if made is None:
                with progress_bar("Reading dates") as progress:
                    timeline = build_timeline(paths, corrections=find_corrections([Path(self.settings["PATH"])]),
                                              cache=cache, jobs=self.jobs, progress=progress, read=started.read_again)
                made = timeline, cache.hits if cache else 0, cache.misses if cache else 0
        finally:
            started.stop()
        timeline, hits, misses = made
        if folder:
            logger.info("extraction cache: %d articles from the cache, %d read", hits, misses)
        # An article whose slug another has is warned about once, by `unique_slugs`, which names the other.
        said = {slug_taken(Path(article.source_path), slug, article.slug)
                for article, slug in unique_slugs.renamed_in(self.context)}
        for warning in timeline.warnings + tuple(self.files_not_read()):
            if warning not in said:
                logger.warning("timeline: %s", warning)
        return timeline

    def analyse_templates(self) -> None:
        """Load the templates of the timeline's pages, and find what each reads (`page_inputs.template_reads`,
        which keeps it for this environment): what the incremental writer asks of each, in each process."""
        for name in (self.setting("TIMELINE_TEMPLATE"), self.setting("TIMELINE_EVENT_TEMPLATE"), "events", "redirect",
                     "months", "actors"):
            try:
                template_reads(self.env, self.get_template(name).name)
            except (PelicanTemplateNotFound, TemplateError):
                continue  # the page that uses it, if any is written, fails there, as it would have

    def undated_articles(self) -> list[Path]:
        """Articles Pelican left out for want of a date: they have no page, but the timeline reads them.

        Their explicit dates still make events, and what is wrong with them (no dateline, too
        large, not UTF-8) is warned, as `timeline events` would.
        """
        root = Path(self.settings["PATH"])
        found = []
        for relative, content in self.context.get("generated_content", {}).items():
            path = root / relative
            if content is not None or path.suffix.lower() not in ARTICLE_SUFFIXES:
                continue
            try:
                if read_article(path).dateline is None:
                    found.append(path)
            except (ArticleError, OSError):
                continue  # unreadable: Pelican's warning has said so
        return found

    def files_not_read(self) -> list[str]:
        """A warning for each file of the content folder that nothing reads: an article saved as .docx is not silently missing."""
        root = Path(self.settings["PATH"])
        static = [root / folder for folder in self.settings.get("STATIC_PATHS", [])]
        readable = {f".{extension}" for extension in self.readers.extensions} | set(ARTICLE_SUFFIXES)
        ignored = self.settings.get("IGNORE_FILES", [])
        warnings = []
        for path in sorted(root.rglob("*")) if root.is_dir() else []:
            relative = path.relative_to(root)
            if (not path.is_file() or path.suffix.lower() in readable or path.name in NOT_ARTICLES
                    or any(part.startswith(".") for part in relative.parts)
                    or any(fnmatch.fnmatch(part, pattern) for part in relative.parts for pattern in ignored)
                    or any(path.is_relative_to(folder) for folder in static)):
                continue
            warnings.append(f"{path}: not an article (expected {', '.join(ARTICLE_SUFFIXES)}); skipped")
        return warnings

    def generate_output(self, writer):
        pages = self.pages(writer)
        with progress_bar("Writing pages") as progress:
            early, self.early = self.early, None
            if early is not None:
                early.finish(writer, pages, max(1, self.jobs - 1), progress)
            else:
                write_pages(writer, pages, self.jobs, progress)

    def pages(self, writer) -> list:
        """A call writing each page and file; with --jobs they are shared among processes (`parallel_pages`).

        The feeds and exports come first: each costs as much as hundreds of pages, and taken last
        they would leave one process working alone at the end.
        """
        key = ListPage("key", "Key events", self.setting("TIMELINE_KEY_EVENTS_URL"),
                       self.setting("TIMELINE_KEY_EVENTS_SAVE_AS"), self.key, group_by_date(self.key, self.dates))
        pages = [*self.data_files(writer), partial(self.write_timeline, writer), partial(self.write_list, writer, "key", key)]
        for index, month in enumerate(self.months):
            pages.append(partial(self.write_list, writer, "month", month,
                                 previous=self.months[index - 1] if index else None,
                                 next=self.months[index + 1] if index + 1 < len(self.months) else None))
        pages += [partial(self.write_list, writer, "actor", actor) for actor in self.actors]
        pages += [partial(self.write_page, writer, "months", "TIMELINE_MONTHS"),
                  partial(self.write_page, writer, "actors", "TIMELINE_ACTORS")]
        return pages + self.event_pages(writer)

    def start_early_share(self, make_writer) -> None:
        """Fork a child that writes part of the pages while Pelican writes its article pages (`EarlyShare`)."""
        count = len(self.pages(None))
        if self.jobs < 2 or count < MIN_PAGES:
            return
        if self.setting("TIMELINE_CACHE_PATH"):
            # Every process that writes pages digests every entry (`incremental`): once here, before the fork.
            for entry in self.entries:
                entry.__fingerprint__()
        self.early = EarlyShare.start(make_writer, self.pages, count)

    # --- pages

    def write_page(self, writer, template: str, setting: str, **values):
        save_as = self.setting(f"{setting}_SAVE_AS")
        if save_as:
            writer.write_file(save_as, self.get_template(template), self.context,
                              relative_urls=self.settings["RELATIVE_URLS"], url=self.setting(f"{setting}_URL"), **values)

    def write_timeline(self, writer):
        shown = self.key if self.split else self.entries
        self.write_page(writer, self.setting("TIMELINE_TEMPLATE"), "TIMELINE",
                        years=group_by_date(shown, self.dates), shown=shown,
                        filter_actors=actors_of(shown))

    def write_list(self, writer, kind: str, page: ListPage, **values):
        if not page.save_as:
            return
        writer.write_file(page.save_as, self.get_template("events"), self.context,
                          relative_urls=self.settings["RELATIVE_URLS"], url=page.url,
                          kind=kind, list_title=page.title, shown=page.entries, years=page.years,
                          filter_actors=Deferred(actors_of, page.entries), **values)

    def event_pages(self, writer) -> list:
        """A call writing each event's page (and its old ids' redirects)."""
        template = self.get_template(self.setting("TIMELINE_EVENT_TEMPLATE"))
        redirect = self.get_template("redirect")
        live = {entry.id for entry in self.entries}
        return [partial(self.write_event, writer, template, redirect, live, index, entry)
                for index, entry in enumerate(self.entries)]

    def write_event(self, writer, template, redirect, live: set[str], index: int, entry: EventEntry):
        writer.write_file(
            entry.save_as, template, self.context, relative_urls=self.settings["RELATIVE_URLS"], url=entry.url,
            entry=entry,
            previous=self.entries[index - 1] if index else None,
            next=self.entries[index + 1] if index + 1 < len(self.entries) else None,
            # Made only if the page is rendered: an unchanged event's page is not (see `incremental`).
            json_ld=Deferred(structured_data, entry, self.link_from(entry.save_as, entry.url), self.settings["SITENAME"]),
            absolute_url=self.absolute(entry.url),
        )
        # Old ids of merged events keep working: a small page that sends the reader on.
        for alias in entry.event.aliases:
            if alias in live:
                continue
            url, save_as = self.urls.event.of(id=alias)
            writer.write_file(save_as, redirect, self.context, relative_urls=self.settings["RELATIVE_URLS"],
                              url=url, entry=entry, alias=alias)

    # --- data files: feeds and exports

    def files_written(self) -> list[dict]:
        """The feeds and exports this build writes, for the pages to link to."""
        feeds = bool(self.setting("TIMELINE_FEEDS"))
        files = [
            ("TIMELINE_ATOM_SAVE_AS", "Atom feed", "application/atom+xml", feeds),
            ("TIMELINE_ICS_SAVE_AS", "Calendar (iCalendar)", "text/calendar", feeds),
            ("TIMELINE_JSON_SAVE_AS", "JSON", "application/json", True),
            ("TIMELINE_CSV_SAVE_AS", "CSV", "text/csv", True),
            ("TIMELINE_TIMELINEJS_SAVE_AS", "TimelineJS", "application/json", True),
        ]
        return [
            {"setting": setting, "label": label, "type": media_type, "path": self.setting(setting)}
            for setting, label, media_type, enabled in files
            if enabled and self.setting(setting)
        ]

    def data_files(self, writer) -> list:
        """A call writing each feed and export."""
        events = self.timeline.events
        # Each takes `pieces`, which gives the text an event contributes (`data_pieces`).
        writers = {
            "TIMELINE_JSON_SAVE_AS": partial(timeline_json, self.timeline),
            "TIMELINE_CSV_SAVE_AS": partial(events_csv, self.timeline),
            "TIMELINE_TIMELINEJS_SAVE_AS": partial(
                timelinejs_json, events, self.setting("TIMELINE_TITLE"), self.setting("TIMELINE_DESCRIPTION"),
                self.when, self.absolute_event_url if self.site_url else None),
            "TIMELINE_ATOM_SAVE_AS": self.atom,
            "TIMELINE_ICS_SAVE_AS": partial(
                timeline_to_ical, events, self.setting("TIMELINE_TITLE"), self.describe,
                self.absolute_event_url if self.site_url else None),
        }
        # What each file is made from (besides the settings): unchanged, it is not made again. The events
        # by their entries (one an event, in order, each holding its event), whose tokens are made already.
        inputs = {"TIMELINE_JSON_SAVE_AS": (self.entries, self.timeline.articles, self.timeline.warnings)}
        files = [partial(self.write_text, writer, file["path"],
                         inputs.get(file["setting"], (self.entries,)), writers[file["setting"]])
                 for file in self.context["timeline_files"]]
        search = self.setting("TIMELINE_SEARCH_SAVE_AS")
        if search:
            files.append(partial(self.write_text, writer, search, (self.entries,), partial(search_json, self.entries)))
        return files

    def atom(self, pieces: Pieces) -> str:
        info = FeedInfo(
            title=self.setting("TIMELINE_TITLE"),
            author=self.setting("TIMELINE_FEED_AUTHOR") or self.settings["SITENAME"],
            site_url=self.site_url,
            tag_authority=self.setting("TIMELINE_TAG_AUTHORITY"),
            self_path=self.setting("TIMELINE_ATOM_SAVE_AS"),
            home_path=self.setting("TIMELINE_URL"),
        )
        return events_atom(self.timeline.events, info, lambda event: self.entry_of(event).url,
                           lambda event: entry_html(self.entry_of(event)), pieces=pieces,
                           # Pelican's own setting: a reader polls the feed for what is new, not the whole story.
                           max_items=self.settings.get("FEED_MAX_ITEMS"))

    def write_text(self, writer, save_as: str, inputs: tuple, produce: Callable[[Pieces], str]):
        if isinstance(writer, IncrementalWriter):
            # Every piece, of an event or of its entry, is made from the event's entry at most.
            writer.write_generated(save_as, inputs, produce, piece_source=self.entry_of)
            return
        path = Path(self.output_path) / save_as
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(produce(made_each_time), encoding="utf-8", newline="")
        logger.info('Writing "%s"', path)

    def entry_of(self, item: Event | EventEntry) -> EventEntry:
        """The entry of an event (or the entry itself): everything the site shows of it."""
        return self.entries_by_id[item.id]

    @functools.cached_property
    def entries_by_id(self) -> dict[str, EventEntry]:
        return {entry.id: entry for entry in self.entries}

    # --- article pages: the text with its dates marked, each linked to its event

    def attach_to_articles(self, pages, realpath: Callable[[str], str]) -> None:
        """Give each Pelican article what its page shows: its events, and its text with the dates marked.

        Attributes of the article, not dictionaries in the context: a page's inputs are then
        the article itself, and an article that did not change keeps its page (`incremental`).
        """
        articles = {realpath(article.path): article for article in self.timeline.articles}
        targets = sentence_targets(self.entries, articles, realpath)
        events = events_by_article(self.entries)
        for page in pages:
            path = realpath(page.source_path)
            article = articles.get(path)
            page.timeline_events = events.get(page.source_path, [])
            page.timeline_body = None if article is None else MarkedText(
                article.text, article.dateline, self.timeline.mentions.get(article.slug, ()), targets.get(path, []),
                self.mention_label)

    def mention_label(self, mention: Mention) -> str:
        return mention_label(mention.first, mention.last, mention.granularity, mention.type, self.dates)

    # --- helpers

    @property
    def jobs(self) -> int:
        return jobs_of(self.settings)

    def setting(self, name: str):
        return self.settings.get(name, DEFAULTS[name])

    def pattern(self, prefix: str) -> UrlPattern:
        return UrlPattern(self.setting(f"{prefix}_URL"), self.setting(f"{prefix}_SAVE_AS"))

    @property
    def site_url(self) -> str:
        return (self.setting("TIMELINE_SITE_URL") or "").rstrip("/")

    def absolute(self, url: str) -> str:
        """The absolute URL of a page, or "" while the site has no address."""
        return f"{self.site_url}/{url}" if self.site_url else ""

    def absolute_event_url(self, event: Event) -> str:
        return self.absolute(self.urls.event.of(id=event.id)[0])

    def link_from(self, save_as: str, url: str) -> str:
        """`url` (relative to the site's root) as written on the page saved at `save_as`."""
        if self.site_url:
            return self.absolute(url)
        return f"{path_to_url(get_relative_path(save_as))}/{url}"

    def when(self, event: Event) -> str:
        return self.dates.interval(event.start, event.end, event.granularity)

    def describe(self, event: Event) -> str:
        """An event in plain text, for calendars."""
        sources = "; ".join(dict.fromkeys(source.title for source in event.sources))
        return f"{self.when(event)}: {event.text}\n\nReported in: {sources}"


def resolved_paths() -> Callable[[str], str]:
    """`os.path.realpath`, cached, for the thousands of articles of a few folders: each folder is
    resolved once, and a file only when it is itself a link (one look at it, not one per folder above it)."""
    folders = functools.cache(os.path.realpath)

    @functools.cache
    def resolved(path: str) -> str:
        path = os.fspath(path)
        if os.path.islink(path) or os.pardir in path.split(os.sep):  # "link/.." is not where ".." is by its letters
            return os.path.realpath(path)
        folder, name = os.path.split(os.path.abspath(path))
        return os.path.join(folders(folder), name)

    return resolved


def structured_data(entry: EventEntry, url: str, site_name: str):
    return json_script(event_json_ld(entry, url, site_name))


def events_by_article(entries: list[EventEntry]) -> dict[str, list[EventEntry]]:
    """Each Pelican article's source path → the events it reported, in timeline order."""
    found: dict[str, list[EventEntry]] = {}
    for entry in entries:
        for link in entry.sources:
            listed = found.setdefault(link.page.source_path, []) if link.page is not None else None
            if listed is not None and (not listed or listed[-1] is not entry):  # two reports in one article: once
                listed.append(entry)
    return found


def actors_of(entries) -> list[tuple[str, str, int]]:
    """The actors of some events as (slug, name, how many events), most frequent first: the filter's options.

    Only those with a page of their own (TIMELINE_ACTOR_MIN_EVENTS), as on the Who page: a month of a
    long story names a thousand people once each, too many to choose from.
    """
    counts = Counter((actor.slug, actor.name) for entry in entries for actor in entry.actors if actor.url)
    return [(slug, name, count) for (slug, name), count in sorted(counts.items(), key=lambda item: (-item[1], item[0][1].lower()))]


# --- signal receivers: named module-level functions, because blinker holds only weak references


# Each build's timeline generator, by its settings (which Pelican shares with its generators), from when
# all contexts are made until the writer is asked for.
_TIMELINES: weakref.WeakValueDictionary[int, TimelineGenerator] = weakref.WeakValueDictionary()


def set_defaults(pelican_object):
    drop_leftovers()  # of a build in this process that failed before it read its dates
    forget_listings()  # of one that failed before it wrote
    for name, value in DEFAULTS.items():
        pelican_object.settings.setdefault(name, value)
    # An article Pelican cannot read is a warning naming it, and the rest of the site is built.
    install_article_problems(pelican_object.settings["PATH"])


def note_generators(generators):
    for generator in generators:
        if isinstance(generator, TimelineGenerator):
            _TIMELINES[id(generator.settings)] = generator


def add_writer(pelican_object):
    # Asked for right before the pages are written, when every article is final: the moment to start
    # writing the timeline's pages in a second process.
    generator = _TIMELINES.pop(id(pelican_object.settings), None)
    if generator is not None:
        generator.start_early_share(partial(IncrementalWriter, pelican_object.output_path, settings=pelican_object.settings))
    return IncrementalWriter


def drafts_without_category(generator):
    """Pelican writes a draft's preview page with its category, and an article has one only where the
    site has category pages (this one has none): without one, a single draft stopped the whole build."""
    for draft in (*generator.drafts, *generator.drafts_translations):
        if not hasattr(draft, "category"):
            draft.category = Category(generator.settings["DEFAULT_CATEGORY"], generator.settings)


def add_reader(readers):
    readers.reader_classes["txt"] = RawTextReader
    for extension in TolerantMarkdownReader.file_extensions:
        readers.reader_classes[extension] = TolerantMarkdownReader


def add_generator(pelican_object):
    return TimelineGenerator


def add_filters(generator):
    dates = DateFormatter(generator.settings.get("TIMELINE_DATE_FORMATS"))
    generator.env.filters["day"] = dates.day
    # A new cache for each generator of each build: what it holds is made from this build's settings.
    generator.env.globals["cached"] = FragmentCache()
    # Each build makes its environments anew, so a template cannot change while one is used: no need to
    # look at the templates' files again for each of thousands of pages (`extends`, `import`).
    generator.env.auto_reload = False
    # Compiling the theme's templates, in each generator's environment, is a good part of a small
    # rebuild: keep the compiled code between builds (Jinja checks each template's source against it).
    folder = generator.settings.get("TIMELINE_CACHE_PATH")
    if folder:
        templates = Path(folder) / "templates"
        try:
            templates.mkdir(parents=True, exist_ok=True)
            generator.env.bytecode_cache = FileSystemBytecodeCache(str(templates))
        except OSError as error:
            logger.warning("%s: cannot keep compiled templates (%s); they are compiled on each build",
                           templates, error.strerror or error)


def register():
    signals.initialized.connect(set_defaults)
    signals.readers_init.connect(add_reader)
    signals.get_generators.connect(add_generator)
    signals.generator_init.connect(add_filters)
    signals.all_generators_finalized.connect(note_generators)
    signals.get_writer.connect(add_writer)
    signals.article_generator_init.connect(unique_slugs.read_in_path_order)
    signals.article_generator_init.connect(start_reading_dates)
    signals.content_object_init.connect(unique_slugs.on_content_made)
    signals.article_generator_pretaxonomy.connect(unique_slugs.warn_renamed)
    signals.article_generator_finalized.connect(drafts_without_category)
