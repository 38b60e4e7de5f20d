"""The timeline in TimelineJS3's JSON format, to embed the story in a TimelineJS viewer.

TimelineJS reads a date as only as precise as the fields given, so a month-level
event carries year and month and no day; `display_date` carries our own wording.
TimelineJS renders `headline` and `text` as HTML, so every article string is escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from html import escape as escape_attribute

from .data_pieces import Pieces, json_array, json_with, made_each_time
from .model import Event


def escape(text: str) -> str:
    """Text for HTML content: & < > escaped (quotes need no escaping outside attributes)."""
    return escape_attribute(text, quote=False)


# Granularities TimelineJS can say with its own fields, and which fields they need.
_FIELDS = {"day": ("year", "month", "day"), "time": ("year", "month", "day"),
           "month": ("year", "month"), "year": ("year",)}


def timeline_to_timelinejs(events: Iterable[Event], title: str, description: str,
                           when: Callable[[Event], str], url_of: Callable[[Event], str] | None = None) -> dict:
    """`when` writes an event's date as the site shows it; `url_of` its absolute URL, if any."""
    return {
        "title": {"text": {"headline": escape(title), "text": escape(description)}},
        "events": [timelinejs_event(event, when, url_of) for event in events],
    }


def timelinejs_json(events: Iterable[Event], title: str, description: str, when: Callable[[Event], str],
                    url_of: Callable[[Event], str] | None = None, pieces: Pieces = made_each_time) -> str:
    """timelinejs.json: `timeline_to_timelinejs` as compact JSON, each event's object a piece."""
    made = json_array(events, partial(timelinejs_event, when=when, url_of=url_of), pieces)
    return json_with(timeline_to_timelinejs((), title, description, when, url_of), "events", made) + "\n"


def timelinejs_event(event: Event, when: Callable[[Event], str], url_of: Callable[[Event], str] | None) -> dict:
    display_date, url = when(event), url_of(event) if url_of else ""
    fields = _FIELDS.get(event.granularity)
    item: dict = {}
    if fields:
        item["start_date"] = date_object(event.start, fields)
        if event.end != event.start and event.granularity in ("day", "time"):
            item["end_date"] = date_object(event.end, fields)
    else:
        # weeks, quarters, seasons, ranges: the interval's first and last day, worded by display_date
        item["start_date"] = date_object(event.start, _FIELDS["day"])
        item["end_date"] = date_object(event.end, _FIELDS["day"])
    item["display_date"] = display_date
    item["text"] = {"headline": escape(event.summary or event.text), "text": event_html(event, url)}
    item["unique_id"] = event.id
    return item


def date_object(day: date, fields: tuple[str, ...]) -> dict:
    values = {"year": day.year, "month": day.month, "day": day.day}
    return {name: values[name] for name in fields}


def event_html(event: Event, url: str) -> str:
    """The sentence with its temporal expression marked, and where it was reported."""
    start, end = event.expression_start, event.expression_end
    if 0 <= start < end <= len(event.text):
        sentence = (escape(event.text[:start]) + "<mark>" + escape(event.text[start:end]) + "</mark>"
                    + escape(event.text[end:]))
    else:
        sentence = escape(event.text)
    titles = ", ".join(dict.fromkeys(escape(source.title) for source in event.sources))
    html = f"<p>{sentence}</p><p>Reported in: {titles}</p>"
    if url:
        html += f'<p><a href="{escape_attribute(url)}">Event page</a></p>'
    return html
