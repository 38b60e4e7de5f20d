"""A Timeline as plain data: the JSON and CSV shapes `timeline events` prints and the
site publishes as events.json and events.csv, so both say the same thing.

The files' texts are made of per-event pieces (`data_pieces`): an event's JSON object, its CSV row.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date

from .data_pieces import Pieces, json_array, json_with, made_each_time
from .model import Article, Event, Source, Timeline


def timeline_to_json(timeline: Timeline) -> dict:
    return {
        "articles": [article_to_json(article) for article in timeline.articles],
        "events": [event_to_json(event) for event in timeline.events],
        "warnings": list(timeline.warnings),
    }


def timeline_json(timeline: Timeline, pieces: Pieces = made_each_time) -> str:
    """events.json: `timeline_to_json` as compact JSON, each event's object a piece."""
    events = json_array(timeline.events, event_to_json, pieces)
    return json_with(timeline_to_json(replace(timeline, events=())), "events", events) + "\n"


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


def events_csv(timeline: Timeline, pieces: Pieces = made_each_time) -> str:
    """One event a row; lists (actors, source articles) joined with "; "."""
    return csv_line(CSV_FIELDS) + "".join([pieces(event, csv_row) for event in timeline.events])


def csv_row(event: Event) -> str:
    row = event_to_json(event)
    row["actors"] = "; ".join(row["actors"])
    row["sources"] = "; ".join(source["article"] for source in row["sources"])
    return csv_line([spreadsheet_safe(row[name]) for name in CSV_FIELDS])


def csv_line(values: list) -> str:
    """One CSV line, quoted as the csv module quotes (minimally), ended with a newline."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(values)
    return out.getvalue()


# A spreadsheet runs a cell that starts with one of these as a formula ("CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A cell a spreadsheet shows as text: a leading formula sign is quoted with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
