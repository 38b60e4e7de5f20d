"""A Timeline as plain JSON-ready data: the one shape `timeline events --format json`
prints and the site publishes as events.json, so both say the same thing."""

from __future__ import annotations

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
