"""Nothing in an article runs in a reader's browser: hostile text is shown as text on every page,
in every export and in the feed (issue 7)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path

import pytest

from timeline.site import build

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
ATOM = "{http://www.w3.org/2005/Atom}"
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@")


class ActiveContent(HTMLParser):
    """What in a page could run: scripts, event handlers, javascript: URLs, frames and embeds."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.scripts: list[dict] = []
        self._in_script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and (value or "").strip().lower().startswith(("javascript:", "data:text/html")):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in ("iframe", "object", "embed", "svg", "img", "textarea") :
            self.problems.append(f"<{tag}> from content")
        if tag == "script":
            self._in_script = {"src": attributes.get("src"), "type": attributes.get("type"), "text": ""}
            self.scripts.append(self._in_script)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None:
            self._in_script["text"] += data


def active_content(html: str) -> list[str]:
    parser = ActiveContent()
    parser.feed(html)
    problems = list(parser.problems)
    for script in parser.scripts:
        if script["type"] == "application/ld+json":
            json.loads(script["text"])  # data, and valid: no article text broke out of it
        elif not (script["src"] and script["src"].endswith("timeline.js") and not script["text"].strip()):
            problems.append(f"script {script}")
    return problems


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("hostile") / "output"
    assert build(HOSTILE, output) == 0
    return output


def test_every_page_shows_hostile_text_as_text(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        assert active_content(page.read_text(encoding="utf-8")) == [], page.relative_to(site)
    article = (site / "articles" / "hostile-markdown" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#34;body&#34;)&lt;/script&gt;" in article or '&lt;script&gt;alert("body")&lt;/script&gt;' in article


def test_the_events_are_there(site):
    events = json.loads((site / "events.json").read_text(encoding="utf-8"))["events"]
    assert len(events) >= 4  # hostile text is shown, not dropped


def test_feed_content_is_inert(site):
    feed = ElementTree.parse(site / "events.atom").getroot()
    for element in feed.iter():
        if element.get("type") == "html":
            assert active_content(element.text or "") == [], element.tag
        elif element.tag in (f"{ATOM}title", f"{ATOM}summary"):
            assert element.get("type") in (None, "text", "html")


def test_timelinejs_html_is_inert(site):
    data = json.loads((site / "timelinejs.json").read_text(encoding="utf-8"))
    for event in data["events"]:
        for field in ("headline", "text"):
            assert active_content(event["text"][field]) == [], event["unique_id"]


def test_csv_cells_never_start_a_formula(site):
    rows = list(csv.reader(io.StringIO((site / "events.csv").read_text(encoding="utf-8"))))
    assert len(rows) > 1
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(FORMULA_START), cell


def test_calendar_and_search_index_are_data(site):
    calendar = (site / "events.ics").read_text(encoding="utf-8")
    assert calendar.startswith("BEGIN:VCALENDAR")
    search = json.loads((site / "search.json").read_text(encoding="utf-8"))
    assert search
    script = (site / "theme" / "timeline.js").read_text(encoding="utf-8") if (site / "theme" / "timeline.js").exists() else ""
    assert "innerHTML" not in script
