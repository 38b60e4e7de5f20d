"""Machine-readable descriptions of an event page: schema.org JSON-LD, for search engines and
link previews. (The OpenGraph tags are plain <meta> elements in the template.)"""

from __future__ import annotations

import json

from markupsafe import Markup

from .views import EventEntry


def event_json_ld(entry: EventEntry, url: str, site_name: str) -> dict:
    """A schema.org Event over the event's whole interval; `url` is absolute when the site has an address."""
    event = entry.event
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": url,
        "identifier": event.id,
        "name": entry.title,
        "description": event.text,
        "startDate": event.start.isoformat(),
        "endDate": event.end.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "url": url,
        "isAccessibleForFree": True,
        "about": [{"@type": "Thing", "name": actor.name} for actor in entry.actors],
        "subjectOf": [
            {
                "@type": "NewsArticle",
                "headline": link.source.title,
                **({"datePublished": link.source.published.isoformat()} if link.source.published else {}),
                **({"url": link.url} if link.url else {}),
            }
            for link in entry.sources
        ],
        "publisher": {"@type": "Organization", "name": site_name},
    }
    return {key: value for key, value in data.items() if value not in ("", [])}


def json_script(value) -> Markup:
    """JSON to put inside a <script> element.

    `<`, `>` and `&` become \\u escapes, so no string in the data (article text
    included) can close the element or open another: the result is safe in that
    context, which is why it may be marked safe.
    """
    # Compact: indented, json would run its pure-Python encoder, a fifth of an event page's time.
    text = json.dumps(value, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
