"""Build the fixture site and check its pages, links, feeds and exports, the way Pelican's own
tests build a site and look at the output tree."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
from collections import Counter
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import feedparser
import icalendar
import pytest

from timeline.calendar_export import escape_text, fold
from timeline.cli import main as cli_main
from timeline.display import DateFormatter
from timeline.feeds import FeedInfo, events_atom
from timeline.pelican import resolved_paths
from timeline.site import build
from timeline.structured_data import json_script

from .conftest import settings_file

FIXTURES = Path(__file__).parent / "fixtures" / "site"
ARTICLE_SLUGS = ("bridge-closure", "bridge-protest", "bridgeinspection", "bridge-buses")
# bridge-buses reports the council's vote again: merged into bridge-closure's event, under its id.
MERGED_EVENT = "bridge-closure-47b4ddf6e2"


class PageParser(HTMLParser):
    """Collects a page's internal links, its ids, its headings, and its meta and script data."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.resources: list[str] = []  # what a browser fetches to show the page
        self.ids: set[str] = set()
        self.headings: list[int] = []
        self.meta: dict[str, str] = {}
        self.json_ld: list[str] = []
        self.landmarks: set[str] = set()
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag in ("main", "header", "footer", "nav"):
            self.landmarks.add(tag)
        for name in ("id",) + (("name",) if tag == "a" else ()):
            if attrs.get(name):
                self.ids.add(attrs[name])
        for name in ("href", "src"):
            if attrs.get(name) is not None:
                self.links.append(attrs[name])
        if attrs.get("src") is not None or (tag == "link" and attrs.get("href") is not None):
            self.resources.append(attrs.get("src") or attrs["href"])
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name") or attrs.get("http-equiv")
            if key:
                self.meta[key] = attrs.get("content", "")
            if (attrs.get("http-equiv") or "").lower() == "refresh":
                self.links.append(attrs["content"].split("url=", 1)[1])
        self._in_json_ld = tag == "script" and attrs.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    @property
    def h1_count(self) -> int:
        return self.headings.count(1)


def parse(page: Path) -> PageParser:
    parser = PageParser()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return parser


def resolve(output: Path, page: Path, link: str) -> tuple[Path, str] | None:
    """The file a relative link on `page` points at and its fragment; None for other hosts."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        target = page
    elif path.startswith("/"):
        target = (output / path.lstrip("/")).resolve()
    else:
        target = (page.parent / path).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def broken_links(site: Path) -> list[str]:
    """Every internal link or anchor on every page that points at nothing."""
    site = site.resolve()
    parsed = {page.resolve(): parse(page) for page in sorted(site.rglob("*.html"))}
    broken = []
    for page, parser in parsed.items():
        for link in parser.links:
            resolved = resolve(site, page, link)
            if resolved is None:
                continue
            target, fragment = resolved
            if not target.is_file() or not target.is_relative_to(site):
                broken.append(f"{page.relative_to(site)}: {link} (no file)")
            elif fragment and fragment not in parsed.get(target, PageParser()).ids:
                broken.append(f"{page.relative_to(site)}: {link} (no #{fragment})")
    return broken


def build_with(tmp_path: Path, **settings) -> Path:
    """The fixture site built with the project's settings, some of them changed."""
    output = tmp_path / "output"
    assert build(FIXTURES, output, settings_file(tmp_path, **settings)) == 0
    return output


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("site") / "output"
    assert build(FIXTURES, output) == 0
    return output


@pytest.fixture(scope="module")
def data(site) -> dict:
    return json.loads((site / "events.json").read_text(encoding="utf-8"))


def page_text(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


# --- every kind of page


def test_timeline_is_the_index(site, data):
    index = page_text(site, "")
    assert "data-timeline" in index
    for event in data["events"]:
        assert f'id="{event["id"]}"' in index


def test_every_event_has_a_page(site, data):
    assert data["events"], "the fixture articles yield no events"
    assert {"articles", "events", "warnings"} <= data.keys()
    for event in data["events"]:
        assert (site / "events" / event["id"] / "index.html").is_file(), event["id"]


def test_every_article_has_a_page(site):
    for slug in ARTICLE_SLUGS:
        assert (site / "articles" / slug / "index.html").is_file(), slug


def test_every_month_and_every_actor_named_twice_has_a_page(site, data):
    months = {event["start"][:7] for event in data["events"]}
    assert months == {"2024-08", "2024-09"}
    for month in months:
        assert (site / "months" / month / "index.html").is_file(), month
    named = Counter(actor for event in data["events"] for actor in event["actors"])
    assert max(named.values()) >= 2 and min(named.values()) == 1
    actor_pages = {path.parent.name for path in (site / "actors").glob("*/index.html")}
    # A page for each name in two events or more (TIMELINE_ACTOR_MIN_EVENTS); a name in one is only text.
    assert len(actor_pages) == sum(1 for count in named.values() if count >= 2)
    assert "old-river-bridge" in actor_pages
    assert "Old River Bridge" in page_text(site, "actors/old-river-bridge")
    once = next(name for name, count in named.items() if count == 1)
    event = next(event for event in data["events"] if once in event["actors"])
    assert f"<span>{once}</span>" in page_text(site, f"events/{event['id']}")
    assert f"{sum(1 for count in named.values() if count == 1)} others named in fewer events" in page_text(site, "actors")
    for index in ("months", "actors", "key-events"):
        assert (site / index / "index.html").is_file(), index


def test_the_filter_offers_the_actors_with_a_page(site):
    offered = set(re.findall(r'<option value="([^"]+)">', page_text(site, "")))
    assert offered == {path.parent.name for path in (site / "actors").glob("*/index.html")}


def test_every_actor_can_have_a_page(tmp_path, data):
    site = build_with(tmp_path, TIMELINE_ACTOR_MIN_EVENTS=1)
    named = {actor for event in data["events"] for actor in event["actors"]}
    assert len(list((site / "actors").glob("*/index.html"))) == len(named)
    assert "named in fewer events" not in page_text(site, "actors")


def test_key_events_are_the_most_important(site, data):
    page = page_text(site, "key-events")
    listed = re.findall(r'<li class="event[^"]*" id="([^"]+)"', page)
    ranked = sorted(data["events"], key=lambda event: -event["importance"])
    assert len(listed) == min(7, len(data["events"]))
    assert ranked[0]["id"] in listed
    order = [event["id"] for event in data["events"]]
    assert listed == sorted(listed, key=order.index), "key events keep timeline order"


def test_merged_events_old_ids_redirect(site, data):
    merged = next(event for event in data["events"] if event["id"] == MERGED_EVENT)
    assert {source["article"] for source in merged["sources"]} == {"bridge-closure", "bridge-buses"}
    alias_pages = [path.parent.name for path in (site / "events").glob("bridge-buses-*/index.html")]
    live = {event["id"] for event in data["events"]}
    aliases = [name for name in alias_pages if name not in live]
    assert aliases, "no redirect page for the merged event's old id"
    parser = parse(site / "events" / aliases[0] / "index.html")
    assert parser.meta["refresh"].endswith(f"url=../../events/{MERGED_EVENT}/")
    # the old id still finds the event on the timeline too
    assert f'id="{aliases[0]}"' in page_text(site, "")


# --- links, headings, landmarks


def test_every_internal_link_resolves(site):
    broken = broken_links(site)
    assert not broken, "\n".join(broken)


def test_no_resources_from_other_hosts(site):
    for page in site.rglob("*.html"):
        for resource in parse(page).resources:
            assert resolve(site, page, resource) is not None, f"{page}: {resource}"


def test_one_h1_and_headings_in_order(site):
    for page in site.rglob("*.html"):
        parser = parse(page)
        assert parser.h1_count == 1, page
        assert parser.headings[0] == 1, page
        for before, after in zip(parser.headings, parser.headings[1:]):
            assert after <= before + 1, f"{page}: h{before} then h{after}"


def test_landmarks_and_skip_link(site):
    for page in site.rglob("*.html"):
        parser = parse(page)
        assert {"main", "header", "footer", "nav"} <= parser.landmarks, page
        assert "#main" in parser.links and "main" in parser.ids, page


def test_dates_at_their_precision(site):
    index = page_text(site, "")
    assert '<time datetime="2024-08-26">26 Aug 2024</time>' in index
    assert '<time datetime="2024-W35">week of 26 Aug 2024</time>' in index
    assert '<time datetime="2024-09">Sep 2024</time>' in index
    assert "August 2024" in index  # month heading
    # after the newest dateline (5 Sep 2024): upcoming
    upcoming = re.findall(r'class="event is-upcoming" id="([^"]+)"', index)
    assert upcoming and all(id_.startswith(("bridge-closure-3538", "bridge-buses-", "bridge-protest-4798")) for id_ in upcoming)


# --- the event page


def test_event_page_has_structured_data_and_previews(site, data):
    events = data["events"]
    index = next(i for i, event in enumerate(events) if event["id"] == MERGED_EVENT)
    parser = parse(site / "events" / MERGED_EVENT / "index.html")
    (json_ld,) = parser.json_ld
    item = json.loads(json_ld)
    assert item["@type"] == "Event" and item["startDate"] == "2024-08-27" and item["identifier"] == MERGED_EVENT
    assert len(item["subjectOf"]) == 2
    assert parser.meta["og:title"] == events[index]["summary"]
    assert parser.meta["og:type"] == "article" and parser.meta["og:description"].startswith("27 Aug 2024")
    assert parser.meta["twitter:card"] == "summary"
    # previous and next events, and each source's sentence
    assert f"../../events/{events[index - 1]['id']}/" in parser.links
    assert f"../../events/{events[index + 1]['id']}/" in parser.links
    assert any(link.startswith("../../articles/bridge-buses/#sentence-") for link in parser.links)
    assert "<mark>Tuesday</mark>" in page_text(site, f"events/{MERGED_EVENT}")


def test_json_in_a_script_cannot_close_it():
    text = str(json_script({"text": '</script><script>alert("x")</script> & more'}))
    assert "</" not in text and "<script" not in text and "&" not in text
    assert json.loads(text)["text"].startswith("</script>")


# --- the article page


def test_article_marks_each_date_and_links_its_event(site):
    page = page_text(site, "articles/bridge-closure")
    assert re.search(
        rf'<span class="event-sentence" id="sentence-0">The city council voted on <a class="timex" href="../../events/{MERGED_EVENT}/">Tuesday'
        r'<span class="timex-tip"><span class="visually-hidden"> \(</span>27 Aug 2024', page)
    # an expression that dates no event is marked, with what it means, and focusable
    assert '<mark class="timex" tabindex="0">six weeks<span class="timex-tip">' in page


def test_raw_text_is_escaped(site):
    page = page_text(site, "articles/bridgeinspection")
    assert "&lt;script&gt;alert" in page
    assert "<script>alert" not in page
    assert "&lt; $2 million &amp; take" in page
    assert "Shop owners &amp; residents" in page_text(site, "articles/bridge-protest")


# --- feeds and exports


def test_atom_feed_parses(site, data):
    feed = feedparser.parse((site / "events.atom").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert len(feed.entries) == len(data["events"])
    ids = [entry.id for entry in feed.entries]
    assert len(set(ids)) == len(ids) and all(id_.startswith("tag:") for id_ in ids)
    # newest report first; ties in timeline order
    newest = {event["id"]: max(source["published"] for source in event["sources"]) for event in data["events"]}
    order = [event["id"] for event in data["events"]]
    feed_order = [entry.id.rsplit(":", 1)[1] for entry in feed.entries]
    assert feed_order == sorted(order, key=lambda id_: (-date.fromisoformat(newest[id_]).toordinal(), order.index(id_)))
    # relative links resolve to the event pages
    for entry in feed.entries:
        target = site / entry.link / "index.html"
        assert target.is_file(), entry.link


def test_atom_feed_holds_the_newest_reports(tmp_path, data):
    site = build_with(tmp_path, FEED_MAX_ITEMS=3)
    feed = feedparser.parse((site / "events.atom").read_bytes())
    assert len(data["events"]) > 3 and len(feed.entries) == 3
    newest = max(source["published"] for event in data["events"] for source in event["sources"])
    assert feed.entries[0].updated.startswith(newest)
    # the calendar is not a feed: every event stays in it
    assert (site / "events.ics").read_text(encoding="utf-8").count("BEGIN:VEVENT") == len(data["events"])


def test_atom_feed_is_the_text_elementtree_writes():
    """The feed is written as text; it must stay the bytes ElementTree wrote, escaping and all."""
    # (No carriage return: the parser reads it as a line end, so it would not come back as it went.)
    awkward = ['Tom & Jerry <b>"quoted"</b>', "tab\there\nline", "", "é ü 😀", "]]> &amp;"]
    events = [SimpleNamespace(id=f"e{i}", summary=text if i % 2 else "", text=text or "t", actors=(text, "X") if text else (),
                              start=date(2024, 1, 1 + i), sources=[SimpleNamespace(published=date(2024, 2, 1 + i % 4))])
              for i, text in enumerate(awkward * 2)]
    for info in (FeedInfo('T & "t"', "<A>"), FeedInfo("", "", site_url="https://x.org", self_path="feeds/a.atom", home_path="t/")):
        for shown in (events, []):
            text = events_atom(shown, info, lambda event: f"events/{event.id}/", lambda event: "<p>" + event.text)
            ElementTree.register_namespace("", "http://www.w3.org/2005/Atom")
            tree = ElementTree.fromstring(text.encode("utf-8"))
            assert ElementTree.tostring(tree, encoding="unicode", xml_declaration=True) + "\n" == text


def test_icalendar_parses(site, data):
    raw = (site / "events.ics").read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "a line longer than 75 octets"
    calendar = icalendar.Calendar.from_ical(raw)
    vevents = calendar.walk("VEVENT")
    assert len(vevents) == len(data["events"])
    by_uid = {str(vevent["UID"]): vevent for vevent in vevents}
    for event in data["events"]:
        vevent = by_uid[event["id"]]
        assert vevent["DTSTART"].dt == date.fromisoformat(event["start"])
        assert vevent["DTEND"].dt == date.fromisoformat(event["end"]) + timedelta(days=1)
        assert str(vevent["SUMMARY"]) == event["summary"]
        assert "DTSTAMP" in vevent


def test_timelinejs_has_what_timelinejs_needs(site, data):
    timelinejs = json.loads((site / "timelinejs.json").read_text(encoding="utf-8"))
    assert timelinejs["title"]["text"]["headline"]
    assert [item["unique_id"] for item in timelinejs["events"]] == [event["id"] for event in data["events"]]
    for item in timelinejs["events"]:
        assert isinstance(item["start_date"]["year"], int)
        assert set(item["start_date"]) <= {"year", "month", "day"}
        assert item["text"]["headline"] and item["display_date"]
    week = next(item for item in timelinejs["events"] if item["display_date"] == "week of 26 Aug 2024")
    assert week["start_date"] == {"year": 2024, "month": 8, "day": 26} and "end_date" in week
    month = next(item for item in timelinejs["events"] if item["display_date"] == "Sep 2024")
    assert month["start_date"] == {"year": 2024, "month": 9} and "end_date" not in month
    shop = next(item for item in timelinejs["events"] if "Shop" in item["text"]["text"])
    assert "Shop owners &amp; residents" in shop["text"]["text"]  # TimelineJS reads HTML: escaped


def test_csv_is_what_the_cli_prints(site):
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert cli_main(["events", "--format", "csv", str(FIXTURES)]) == 0
    written = (site / "events.csv").read_text(encoding="utf-8")
    assert written == printed.getvalue()
    assert next(csv.reader(io.StringIO(written)))[0] == "id"


def test_search_index_covers_every_event(site, data):
    records = json.loads((site / "search.json").read_text(encoding="utf-8"))
    assert [record["id"] for record in records] == [event["id"] for event in data["events"]]
    for record in records:
        assert (site / record["url"] / "index.html").is_file()


def test_pages_link_the_feeds(site):
    parser = parse(site / "index.html")
    for name in ("events.atom", "events.ics", "events.json", "events.csv", "timelinejs.json"):
        assert f"./{name}" in parser.links, name


# --- settings


def test_long_timeline_splits_by_month(tmp_path):
    site = build_with(tmp_path, TIMELINE_MONTH_SPLIT=3, TIMELINE_KEY_EVENTS=2)
    data = json.loads((site / "events.json").read_text(encoding="utf-8"))
    index = parse(site / "index.html")
    listed = [id_ for id_ in index.ids if id_ in {event["id"] for event in data["events"]}]
    assert len(listed) == 2, "the front page of a long timeline lists only the key events"
    assert "./months/2024-08/" in index.links and "./months/2024-09/" in index.links
    for event in data["events"]:
        assert f'id="{event["id"]}"' in page_text(site, f"months/{event['start'][:7]}")
    # "on the timeline" links now point into the month pages
    assert f"../../months/2024-08/#{MERGED_EVENT}" in parse(site / "articles" / "bridge-closure" / "index.html").links
    assert not broken_links(site), "\n".join(broken_links(site))


def test_site_url_makes_absolute_feed_and_preview_links(tmp_path):
    site = build_with(tmp_path, TIMELINE_SITE_URL="https://timeline.example.org/")
    feed = feedparser.parse((site / "events.atom").read_bytes())
    assert not feed.bozo
    assert feed.entries[0].id.startswith("https://timeline.example.org/events/")
    assert feed.entries[0].link == feed.entries[0].id
    assert feed.feed.id == "https://timeline.example.org/"
    parser = parse(site / "events" / MERGED_EVENT / "index.html")
    assert parser.meta["og:url"] == f"https://timeline.example.org/events/{MERGED_EVENT}/"
    calendar = icalendar.Calendar.from_ical((site / "events.ics").read_bytes())
    assert str(calendar.walk("VEVENT")[0]["URL"]).startswith("https://timeline.example.org/events/")


def test_feeds_can_be_turned_off(tmp_path):
    site = build_with(tmp_path, TIMELINE_FEEDS=False)
    assert not (site / "events.atom").exists() and not (site / "events.ics").exists()
    assert (site / "events.json").is_file()
    assert "events.atom" not in (site / "index.html").read_text(encoding="utf-8")
    assert not broken_links(site)


def test_date_formats_are_a_setting(tmp_path):
    site = build_with(tmp_path, TIMELINE_DATE_FORMATS={"day": "{weekday} {d} {month} {yyyy}", "week": "the week of {monday}"})
    index = (site / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2024-08-26">Mon 26 August 2024</time>' in index
    assert "the week of Mon 26 August 2024" in index


# --- the formats' small print


def test_date_formatter():
    dates = DateFormatter()
    assert dates.interval(date(2024, 8, 30), date(2024, 8, 30), "day") == "30 Aug 2024"
    assert dates.interval(date(2024, 8, 28), date(2024, 8, 30), "week") == "week of 26 Aug 2024"
    assert dates.interval(date(2024, 8, 1), date(2024, 8, 31), "month") == "Aug 2024"
    assert dates.interval(date(2024, 7, 1), date(2024, 9, 30), "quarter") == "Q3 2024"
    assert dates.interval(date(2024, 8, 3), date(2024, 8, 9), "") == "3 Aug 2024 – 9 Aug 2024"
    with pytest.raises(ValueError, match="no_such_field"):
        DateFormatter({"day": "{no_such_field}"})
    with pytest.raises(ValueError, match="unknown date format"):
        DateFormatter({"fortnight": "{d}"})


def test_icalendar_folding_and_escaping():
    line = "DESCRIPTION:" + "é" * 60 + ";, \\"
    folded = fold(line)
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
    assert escape_text('a;b,c\\d\ne') == "a\\;b\\,c\\\\d\\ne"


def test_article_paths_resolve_as_realpath_does_through_links(tmp_path):
    """Each folder is resolved once and a file only when it is a link: the same answers as os.path.realpath."""
    (tmp_path / "real" / "sub").mkdir(parents=True)
    (tmp_path / "real" / "a.md").write_text("a", encoding="utf-8")
    (tmp_path / "real" / "b.md").symlink_to(tmp_path / "real" / "a.md")
    (tmp_path / "link").symlink_to(tmp_path / "real" / "sub")
    resolved = resolved_paths()
    for path in (tmp_path / "real" / "a.md", tmp_path / "real" / "b.md", tmp_path / "link" / "c.md",
                 tmp_path / "link" / ".." / "a.md", tmp_path / "real" / ".." / "real" / "a.md"):
        assert resolved(str(path)) == resolved(path) == os.path.realpath(path), path
