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
from html import escape
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

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
                content_of: Callable[[Event], str]) -> str:
    """The feed document. `path_of` gives an event page's path in the site, `content_of` its HTML."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(_q("feed"))
    ordered = feed_order(events)
    _text(feed, "id", _url(info, info.home_path) if info.site_url else f"tag:{info.tag_authority}:timeline")
    _text(feed, "title", info.title)
    _text(feed, "updated", _timestamp(max((newest_report(e) for e in ordered if newest_report(e)), default=None)))
    author = ET.SubElement(feed, _q("author"))
    _text(author, "name", info.author)
    _link(feed, _url(info, info.home_path), "alternate", "text/html")
    if info.self_path and info.site_url:
        _link(feed, _url(info, info.self_path), "self", "application/atom+xml")
    _text(feed, "generator", "timeline")
    for event in ordered:
        entry = ET.SubElement(feed, _q("entry"))
        page = _url(info, path_of(event))
        _text(entry, "id", page if info.site_url else f"tag:{info.tag_authority}:event:{event.id}")
        _text(entry, "title", event.summary or event.text)
        _text(entry, "updated", _timestamp(newest_report(event) or event.start))
        _link(entry, page, "alternate", "text/html")
        for actor in event.actors:
            ET.SubElement(entry, _q("category"), term=actor)
        _text(entry, "summary", event.text)
        # type="html": the markup is written as escaped text, which is what Atom expects.
        _text(entry, "content", content_of(event), type="html")
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def entry_html(entry: EventEntry) -> str:
    """An event as HTML for a feed reader: everything from the articles escaped."""
    sentence = escape(entry.before)
    if entry.expression:
        sentence += f"<mark>{escape(entry.expression)}</mark>"
    sentence += escape(entry.after)
    sources = ", ".join(dict.fromkeys(escape(link.source.title) for link in entry.sources))
    upcoming = " (upcoming)" if entry.upcoming else ""
    return f"<p><strong>{escape(entry.when)}</strong>{upcoming}</p><p>{sentence}</p><p>Reported in: {sources}</p>"


def _q(name: str) -> str:
    return f"{{{ATOM}}}{name}"


def _text(parent: ET.Element, name: str, text: str, **attributes) -> ET.Element:
    element = ET.SubElement(parent, _q(name), attributes)
    element.text = text
    return element


def _link(parent: ET.Element, href: str, rel: str, media_type: str) -> None:
    ET.SubElement(parent, _q("link"), href=href, rel=rel, type=media_type)


def _url(info: FeedInfo, path: str) -> str:
    """Absolute with a site address; else relative to the feed, which readers resolve against its URL."""
    if info.site_url:
        return f"{info.site_url}/{path}"
    folder = posixpath.dirname(info.self_path)
    relative = posixpath.relpath(path or ".", folder or ".")
    return "./" if relative == "." else relative + ("/" if path.endswith("/") else "")


def _timestamp(day: date | None) -> str:
    return f"{(day or date(1970, 1, 1)).isoformat()}T00:00:00Z"
