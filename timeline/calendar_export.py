"""The timeline as an iCalendar file (RFC 5545), so upcoming events land in a calendar.

Each event is an all-day VEVENT over its whole interval: "week of 26 Aug 2024"
spans the week, because the text never said which day. Written by hand (the
format is small) so the site needs no calendar library to build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from functools import partial

from .data_pieces import Pieces, made_each_time
from .model import Event

PRODID = "-//timeline//timeline generator//EN"
LINE_LIMIT = 75  # octets, CRLF excluded (RFC 5545 §3.1)


def timeline_to_ical(events: Iterable[Event], name: str, describe: Callable[[Event], str],
                     url_of: Callable[[Event], str] | None = None, pieces: Pieces = made_each_time) -> str:
    """An iCalendar document with one VEVENT per event.

    `describe` writes an event's DESCRIPTION; `url_of` its absolute URL (no URL property without it);
    `pieces` each event's folded VEVENT (`data_pieces`).
    """
    header = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
              "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(name)}"]
    make = partial(folded_vevent, describe, url_of)
    return content_lines(header) + "".join([pieces(event, make) for event in events]) + content_lines(["END:VCALENDAR"])


def folded_vevent(describe: Callable[[Event], str], url_of: Callable[[Event], str] | None, event: Event) -> str:
    return content_lines(vevent(event, describe(event), url_of(event) if url_of else ""))


def content_lines(lines: Iterable[str]) -> str:
    """Lines as the file holds them: folded, each ended with CRLF."""
    return "".join(fold(line) + "\r\n" for line in lines)


def vevent(event: Event, description: str, url: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(event.id)}",
        # When this entry was written: the newest report of it, so rebuilding changes nothing.
        f"DTSTAMP:{stamp(event):%Y%m%d}T000000Z",
        f"DTSTART;VALUE=DATE:{event.start:%Y%m%d}",
        # DTEND of an all-day event is the day after its last day.
        f"DTEND;VALUE=DATE:{event.end + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape_text(event.summary or event.text)}",
        f"DESCRIPTION:{escape_text(description)}",
        "TRANSP:TRANSPARENT",  # a news event does not make anyone busy
    ]
    if event.actors:
        lines.append("CATEGORIES:" + ",".join(escape_text(actor) for actor in event.actors))
    if url:
        lines.append(f"URL;VALUE=URI:{url}")
    lines.append("END:VEVENT")
    return lines


def stamp(event: Event) -> date:
    published = [source.published for source in event.sources if source.published]
    return max(published) if published else event.start


def escape_text(value: str) -> str:
    """A TEXT value: backslash, semicolon and comma escaped, line breaks as \\n (RFC 5545 §3.3.11)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line cut into lines of at most 75 octets, each continuation starting with a space.

    Cuts fall between characters, never inside a UTF-8 sequence.
    """
    data = line.encode("utf-8")
    if len(data) <= LINE_LIMIT:
        return line
    parts, start, limit = [], 0, LINE_LIMIT
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: back to the start of its character
            cut -= 1
        parts.append(data[start:cut])
        start, limit = cut, LINE_LIMIT - 1  # the leading space of a continuation counts
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode("utf-8")
