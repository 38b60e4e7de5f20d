"""Articles → one Timeline: read, tag, extract, merge, order.

Order: by start; at equal starts the finer precision first (a day before the
week that starts on it); then articles by dateline and path, and each article's
own reading order.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .articles import ARTICLE_SUFFIXES, ArticleError, read_article
from .events import extract_events
from .model import Article, Event, Timeline
from .temporal import tag
from .temporal.calendar import precision_rank


def article_paths(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """The article files named by `paths` (files, or folders searched recursively)."""
    found: list[Path] = []
    warnings: list[str] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file()))
        elif path.is_file():
            found.append(path)
        else:
            warnings.append(f"{path}: no such file or folder")
    return found, warnings


def build_timeline(paths: Iterable[Path]) -> Timeline:
    files, warnings = article_paths(paths)
    articles: list[Article] = []
    events: list[Event] = []
    for path in files:
        try:
            article = read_article(path)
        except (ArticleError, OSError) as error:
            warnings.append(str(error))
            continue
        if article.dateline is None:
            warnings.append(f"{path}: no dateline found; relative dates in it stay undated")
        articles.append(article)
        events.extend(extract_events(article, tag(article.text, article.dateline)))
    return Timeline(events=tuple(order_events(events, articles)), articles=tuple(articles), warnings=tuple(warnings))


def order_events(events: list[Event], articles: list[Article]) -> list[Event]:
    rank = {a.slug: i for i, a in enumerate(sorted(articles, key=lambda a: (a.dateline is None, a.dateline, str(a.path))))}
    return sorted(
        events,
        key=lambda e: (e.start, precision_rank(e.granularity), rank.get(e.sources[0].article, 0), e.sources[0].sentence_start),
    )


def top_events(timeline: Timeline, count: int) -> Timeline:
    """The `count` most important events, kept in timeline order."""
    ranked = sorted(range(len(timeline.events)), key=lambda i: (-timeline.events[i].importance - len(timeline.events[i].sources), i))
    keep = sorted(ranked[: max(count, 0)])
    return Timeline(tuple(timeline.events[i] for i in keep), timeline.articles, timeline.warnings)


def merge_events(events: list[Event]) -> list[Event]:
    """Placeholder until merging lands: every event stands alone."""
    return list(events)
