"""An Atom feed (RFC 4287) of the timeline's events, newest reported first.

A reader subscribes to learn what was added, so entries are ordered by their
newest source's publication date, and at equal dates by timeline order. An
entry's id must never change: it is the event page's absolute URL when the site
has an address (TIMELINE_SITE_URL), else a tag: URI (RFC 4151) made from the
event id, so the feed is valid before the site has an address.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from html import escape
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from .data_pieces import Pieces, made_each_time
from .model import Event

if TYPE_CHECKING:
    from .views import EventEntry

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class FeedInfo:
    title: str
    author: str
    site_url: str = ""  # absolute, no trailing slash; "" when the site has no address yet
    tag_authority: str = "timeline.invalid,2024"  # tag: URI authority and date, when no site_url
    self_path: str = ""  # the feed's own path in the site, for rel="self"
    home_path: str = ""  # the timeline's path in the site


def newest_report(event: Event) -> date | None:
    published = [source.published for source in event.sources if source.published]
    return max(published) if published else None


def feed_order(events: Sequence[Event]) -> list[Event]:
    """Newest report first; `events` come in timeline order and sorting is stable, so ties keep it."""
    return sorted(events, key=lambda event: newest_report(event) or date.min, reverse=True)


def events_atom(events: Sequence[Event], info: FeedInfo, path_of: Callable[[Event], str],
                content_of: Callable[[Event], str], pieces: Pieces = made_each_time, max_items: int | None = None) -> str:
    """The feed document: the `max_items` newest reported events (None: all). `path_of` gives an
    event page's path in the site, `content_of` its HTML; `pieces` each event's <entry> (`data_pieces`).

    Written as text, element by element, the way ElementTree writes an indented tree (the
    feed was made with it, and subscribers' readers saw those bytes): building the tree cost
    more than every other export of the site together.
    """
    ordered = feed_order(events)[:max_items or None]
    lines = [_DECLARATION, f'<feed xmlns="{ATOM}">',
             _text(1, "id", _url(info, info.home_path) if info.site_url else f"tag:{info.tag_authority}:timeline"),
             _text(1, "title", info.title),
             _text(1, "updated", _timestamp(max((newest_report(e) for e in ordered if newest_report(e)), default=None))),
             "  <author>", _text(2, "name", info.author), "  </author>",
             _link(1, _url(info, info.home_path), "alternate", "text/html")]
    if info.self_path and info.site_url:
        lines.append(_link(1, _url(info, info.self_path), "self", "application/atom+xml"))
    lines.append(_text(1, "generator", "timeline"))
    make = partial(atom_entry, info, path_of, content_of)
    lines += [pieces(event, make) for event in ordered]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def atom_entry(info: FeedInfo, path_of: Callable[[Event], str], content_of: Callable[[Event], str],
               event: Event) -> str:
    """One event's <entry>, its lines as the feed indents them."""
    page = _url(info, path_of(event))
    lines = ["  <entry>",
             _text(2, "id", page if info.site_url else f"tag:{info.tag_authority}:event:{event.id}"),
             _text(2, "title", event.summary or event.text),
             _text(2, "updated", _timestamp(newest_report(event) or event.start)),
             _link(2, page, "alternate", "text/html")]
    lines += [f'    <category term="{_escape_attribute(actor)}" />' for actor in event.actors]
    lines.append(_text(2, "summary", event.text))
    # type="html": the markup is written as escaped text, which is what Atom expects.
    lines.append(_text(2, "content", content_of(event), ' type="html"'))
    lines.append("  </entry>")
    return "\n".join(lines)


def entry_html(entry: EventEntry) -> str:
    """An event as HTML for a feed reader: everything from the articles escaped."""
    sentence = escape(entry.before)
    if entry.expression:
        sentence += f"<mark>{escape(entry.expression)}</mark>"
    sentence += escape(entry.after)
    sources = ", ".join(dict.fromkeys(escape(link.source.title) for link in entry.sources))
    upcoming = " (upcoming)" if entry.upcoming else ""
    return f"<p><strong>{escape(entry.when)}</strong>{upcoming}</p><p>{sentence}</p><p>Reported in: {sources}</p>"


# The XML declaration as ElementTree writes it (it names the locale's preferred encoding, as the feed always has).
_DECLARATION = ET.tostring(ET.Element("feed"), encoding="unicode", xml_declaration=True).split("\n", 1)[0]
# ElementTree's own escaping of text and of attribute values, so the bytes stay those it wrote.
_escape_text = ET._escape_cdata
_escape_attribute = ET._escape_attrib


def _text(depth: int, name: str, text: str | None, attributes: str = "") -> str:
    """An element holding text, on its own line at `depth`; empty, it closes itself, as ElementTree writes it."""
    if not text:
        return f"{'  ' * depth}<{name}{attributes} />"
    return f"{'  ' * depth}<{name}{attributes}>{_escape_text(text)}</{name}>"


def _link(depth: int, href: str, rel: str, media_type: str) -> str:
    return (f'{"  " * depth}<link href="{_escape_attribute(href)}" rel="{_escape_attribute(rel)}" '
            f'type="{_escape_attribute(media_type)}" />')


def _url(info: FeedInfo, path: str) -> str:
    """Absolute with a site address; else relative to the feed, which readers resolve against its URL."""
    if info.site_url:
        return f"{info.site_url}/{path}"
    folder = posixpath.dirname(info.self_path)
    if not folder and not path.startswith("/") and ".." not in path.split("/"):
        relative = posixpath.normpath(path or ".")  # what relpath makes of it, without its two abspath calls
    else:
        relative = posixpath.relpath(path or ".", folder or ".")
    return "./" if relative == "." else relative + ("/" if path.endswith("/") else "")


def _timestamp(day: date | None) -> str:
    return f"{(day or date(1970, 1, 1)).isoformat()}T00:00:00Z"
