"""Build the fixture site and check its pages and links, the way Pelican's own tests
build a site and look at the output tree."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from timeline.site import build

FIXTURES = Path(__file__).parent / "fixtures" / "site"
ARTICLE_SLUGS = ("bridge-closure", "bridge-protest", "bridgeinspection")


class PageParser(HTMLParser):
    """Collects a page's internal links, its ids, and its h1 headings."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.resources: list[str] = []  # what a browser fetches to show the page
        self.ids: set[str] = set()
        self.h1_count = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h1":
            self.h1_count += 1
        for name in ("id",) + (("name",) if tag == "a" else ()):
            if attrs.get(name):
                self.ids.add(attrs[name])
        for name in ("href", "src"):
            if attrs.get(name) is not None:
                self.links.append(attrs[name])
        if attrs.get("src") is not None or (tag == "link" and attrs.get("href") is not None):
            self.resources.append(attrs.get("src") or attrs["href"])


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


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("site") / "output"
    assert build(FIXTURES, output) == 0
    return output


def test_timeline_is_the_index(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'class="timeline"' in index


def test_every_event_has_a_page(site):
    data = json.loads((site / "events.json").read_text(encoding="utf-8"))
    assert data["events"], "the fixture articles yield no events"
    assert {"articles", "events", "warnings"} <= data.keys()
    for event in data["events"]:
        assert (site / "events" / event["id"] / "index.html").is_file(), event["id"]


def test_every_article_has_a_page(site):
    for slug in ARTICLE_SLUGS:
        assert (site / "articles" / slug / "index.html").is_file(), slug


def test_every_internal_link_resolves(site):
    pages = sorted(site.rglob("*.html"))
    parsed = {page.resolve(): parse(page) for page in pages}
    broken = []
    for page, parser in parsed.items():
        for link in parser.links:
            resolved = resolve(site, page, link)
            if resolved is None:
                continue
            target, fragment = resolved
            if not target.is_file() or not target.is_relative_to(site.resolve()):
                broken.append(f"{page.relative_to(site.resolve())}: {link} (no file)")
            elif fragment and fragment not in parsed.get(target, PageParser()).ids:
                broken.append(f"{page.relative_to(site.resolve())}: {link} (no #{fragment})")
    assert not broken, "\n".join(broken)


def test_no_resources_from_other_hosts(site):
    for page in site.rglob("*.html"):
        for resource in parse(page).resources:
            assert resolve(site, page, resource) is not None, f"{page}: {resource}"


def test_one_h1_per_page(site):
    for page in site.rglob("*.html"):
        assert parse(page).h1_count == 1, page


def test_raw_text_is_escaped(site):
    page = (site / "articles" / "bridgeinspection" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in page
    assert "<script" not in page
    assert "&lt; $2 million &amp; take" in page
