"""A Timeline as plain data: the JSON and CSV shapes `timeline events` prints and the
site publishes as events.json and events.csv, so both say the same thing."""

from __future__ import annotations

import csv
import io
from datetime import date

from .model import Article, Event, Source, Timeline


def timeline_to_json(timeline: Timeline) -> dict:
    return {
        "articles": [article_to_json(article) for article in timeline.articles],
        "events": [event_to_json(event) for event in timeline.events],
        "warnings": list(timeline.warnings),
    }


def article_to_json(article: Article) -> dict:
    return {
        "slug": article.slug,
        "title": article.title,
        "path": str(article.path),
        "dateline": _iso(article.dateline),
        "url": article.url,
    }


def event_to_json(event: Event) -> dict:
    return {
        "id": event.id,
        "start": event.start.isoformat(),
        "end": event.end.isoformat(),
        "granularity": event.granularity,
        "value": event.value,
        "expression": event.expression,
        "text": event.text,
        "summary": event.summary,
        "actors": list(event.actors),
        "future": event.future,
        "importance": event.importance,
        "sources": [source_to_json(source) for source in event.sources],
    }


def source_to_json(source: Source) -> dict:
    return {
        "article": source.article,
        "title": source.title,
        "path": source.path,
        "published": _iso(source.published),
        "sentence_start": source.sentence_start,
        "sentence_end": source.sentence_end,
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


CSV_FIELDS = ["id", "start", "end", "granularity", "value", "expression", "summary", "actors", "future", "importance", "sources", "text"]


def events_csv(timeline: Timeline) -> str:
    """One event a row; lists (actors, source articles) joined with "; "."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for event in timeline.events:
        row = event_to_json(event)
        row["actors"] = "; ".join(row["actors"])
        row["sources"] = "; ".join(source["article"] for source in row["sources"])
        writer.writerow({name: spreadsheet_safe(row[name]) for name in CSV_FIELDS})
    return out.getvalue()


# A spreadsheet runs a cell that starts with one of these as a formula ("CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A cell a spreadsheet shows as text: a leading formula sign is quoted with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
