"""Open the built fixture site in a headless Chromium and use it the way a reader would.

Needs Chromium (Debian: `apt-get install chromium`) and the websocket-client
package (the [test] extra); the accessibility check also needs axe-core
(`npm ci` at the repository's root). Each is skipped, with the reason, when absent.
Screenshots go to $TIMELINE_SCREENSHOTS, else to a folder under pytest's tmp.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import threading
from pathlib import Path

import pytest

from timeline.site import build

from .chromium import Chromium, find_chromium

REPOSITORY = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "site"
AXE = REPOSITORY / "node_modules" / "axe-core" / "axe.min.js"
PHONE = (375, 812)
DESKTOP = (1280, 900)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("browser-site") / "output"
    assert build(FIXTURES, output) == 0
    return output


@pytest.fixture(scope="module")
def events(site) -> list[dict]:
    return json.loads((site / "events.json").read_text(encoding="utf-8"))["events"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def server(site):
    """The built site at http://127.0.0.1:<free port>/."""
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    pytest.importorskip("websocket", reason="websocket-client is not installed: pip install -e '.[test]'")
    executable = find_chromium()
    if executable is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium; or set $CHROMIUM)")
    chromium = Chromium(executable)
    yield chromium
    chromium.close()


@pytest.fixture
def tab(browser):
    tab = browser.new_tab()
    tab.set_viewport(*DESKTOP)
    yield tab
    tab.close()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("TIMELINE_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"screenshots: {folder}")
    return folder


def visible_event_ids(tab) -> list[str]:
    return tab.evaluate(
        "[...document.querySelectorAll('.event')].filter(e => e.offsetParent !== null).map(e => e.id)"
    )


def test_events_show_in_order(tab, server, events, screenshots):
    tab.goto(server)
    assert visible_event_ids(tab) == [event["id"] for event in events]
    starts = [event["start"] for event in events]
    assert starts == sorted(starts)
    headings = tab.evaluate("[...document.querySelectorAll('.day-heading')].map(h => h.textContent.trim())")
    assert headings[0] == "26 Aug 2024"
    assert "week of 26 Aug 2024" in headings
    assert tab.evaluate("document.querySelectorAll('h1').length") == 1
    tab.screenshot(screenshots / "timeline-desktop.png")


def test_permanent_link_opens_its_event(tab, server, events, screenshots):
    tab.goto(server)
    event = events[3]
    tab.click(f"[id='{event['id']}'] a.permalink")
    tab.wait_for("Page.loadEventFired")
    assert tab.evaluate("location.pathname") == f"/events/{event['id']}/"
    assert tab.evaluate("document.querySelector('h1').textContent.trim()") == event["summary"]
    assert tab.evaluate("JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').text)['@type']") == "Event"
    tab.screenshot(screenshots / "event-desktop.png")


def test_keyboard_moves_between_events(tab, server, events):
    tab.goto(server)
    tab.press("j")
    assert tab.evaluate("document.activeElement.id") == events[0]["id"]
    tab.press("j")
    assert tab.evaluate("document.activeElement.id") == events[1]["id"]
    # the focused event shows a visible outline
    assert tab.evaluate("parseFloat(getComputedStyle(document.activeElement).outlineWidth)") >= 2
    tab.press("k")
    assert tab.evaluate("document.activeElement.id") == events[0]["id"]
    tab.press("Enter")
    tab.wait_for("Page.loadEventFired")
    assert tab.evaluate("location.pathname") == f"/events/{events[0]['id']}/"
    # on an event's page, j goes on to the next event
    tab.press("j")
    tab.wait_for("Page.loadEventFired")
    assert tab.evaluate("location.pathname") == f"/events/{events[1]['id']}/"


def test_filter_by_actor(tab, server, events, screenshots):
    tab.goto(server)
    assert tab.evaluate("document.querySelector('[data-controls]').hidden") is False
    slug = tab.evaluate("document.querySelector('#actor-filter option[value]:not([value=\"\"])').value")
    tab.evaluate(
        "(() => { const s = document.getElementById('actor-filter');"
        f" s.value = {json.dumps(slug)}; s.dispatchEvent(new Event('change')); }})()"
    )
    shown = visible_event_ids(tab)
    with_actor = tab.evaluate(
        f"[...document.querySelectorAll('.event')].filter(e => e.dataset.actors.split(' ').includes({json.dumps(slug)})).map(e => e.id)"
    )
    assert shown and shown == with_actor and len(shown) < len(events)
    assert f"Showing {len(shown)} of {len(events)}" in tab.evaluate("document.querySelector('[data-status]').textContent")
    assert f"actor={slug}" in tab.evaluate("location.search")
    tab.screenshot(screenshots / "timeline-filtered.png", full_page=False)
    # the filtered address opens filtered
    tab.goto(f"{server}?actor={slug}")
    assert visible_event_ids(tab) == shown


def test_search_finds_events(tab, server, events, screenshots):
    tab.goto(server)
    protest = next(event for event in events if "protest" in event["summary"].lower())
    tab.evaluate("document.getElementById('event-search').focus()")
    tab.type_text("protest monday")
    links = tab.wait_until("[...document.querySelectorAll('[data-search-results] li a')].map(a => a.getAttribute('href'))")
    assert links == [f"./events/{protest['id']}/"]
    assert "1 event matches" in tab.evaluate("document.querySelector('[data-status]').textContent")
    tab.screenshot(screenshots / "timeline-search.png", full_page=False)
    tab.click("[data-search-results] li a")
    tab.wait_for("Page.loadEventFired")
    assert tab.evaluate("location.pathname") == f"/events/{protest['id']}/"

    tab.goto(server)
    tab.evaluate("document.getElementById('event-search').focus()")
    tab.type_text("zzzzqx")
    assert tab.wait_until("document.querySelector('[data-status]').textContent").startswith("No event matches")


def test_article_page_shows_what_each_date_means(tab, server, screenshots):
    tab.goto(f"{server}articles/bridge-closure/")
    tab.evaluate("document.querySelector('a.timex').focus()")
    tip = tab.evaluate(
        "(() => { const t = document.activeElement.querySelector('.timex-tip'); const r = t.getBoundingClientRect();"
        " return {text: t.textContent.trim(), width: r.width, height: r.height}; })()"
    )
    assert tip["text"] == "(27 Aug 2024)" and tip["width"] > 20 and tip["height"] > 10
    tab.screenshot(screenshots / "article-desktop.png")
    # the sentence anchors the event pages link to exist
    assert tab.evaluate("document.querySelectorAll('.event-sentence[id]').length") >= 3


@pytest.mark.parametrize("path", ["", "events/bridge-closure-47b4ddf6e2/", "articles/bridge-closure/", "months/2024-08/"])
def test_pages_fit_a_phone(tab, server, screenshots, path):
    tab.set_viewport(*PHONE, mobile=True)
    tab.goto(server + path)
    width = tab.evaluate("({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})")
    assert width["inner"] == PHONE[0]
    assert width["scroll"] <= width["inner"], f"{path or 'index'} scrolls sideways at {PHONE[0]}px"
    name = (path.strip("/").replace("/", "-") or "timeline")
    tab.screenshot(screenshots / f"{name}-phone.png")


def test_reads_without_javascript(tab, server, events):
    tab.send("Emulation.setScriptExecutionDisabled", value=True)
    tab.goto(server)
    assert visible_event_ids(tab) == [event["id"] for event in events]
    assert tab.evaluate("document.querySelector('[data-controls]').offsetParent") is None


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", "events/bridge-closure-47b4ddf6e2/", "articles/bridge-closure/", "actors/", "key-events/"])
def test_no_serious_accessibility_violations(tab, server, path, scheme):
    if not AXE.is_file():
        pytest.skip(f"{AXE} is absent: run `npm ci` at the repository's root to install axe-core")
    tab.send("Emulation.setEmulatedMedia", features=[{"name": "prefers-color-scheme", "value": scheme}])
    tab.goto(server + path)
    tab.evaluate(AXE.read_text(encoding="utf-8"))
    violations = tab.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(result => result.violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))",
        await_promise=True,
    )
    assert violations == [], json.dumps(violations, indent=2)
