"""Incremental builds and atomic publishing: a rebuild touches only what changed, and a build that
fails or is killed halfway leaves the previous site whole."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import jinja2
import pytest

import timeline.date_prefetch as date_prefetch
import timeline.page_inputs as page_inputs
import timeline.parallel_pages as parallel_pages
import timeline.pelican as plugin
import timeline.timeline as pipeline
from timeline.cache import ExtractionCache
from timeline.output_tree import OutputTree, list_ahead
from timeline.pelican import RawTextReader, TolerantMarkdownReader
from timeline.site import build

from .conftest import REPOSITORY, settings_file

FIXTURES = Path(__file__).parent / "fixtures" / "site"

# About a library, not the bridge: it shares no event with the fixture articles. Dated inside
# their range (the newest fixture dateline is 5 Sep 2024), so no event becomes "upcoming" or not.
NEW_ARTICLE = """Title: The library reopens
Date: 2024-08-29
Slug: library-reopens

The central library reopened on Wednesday after a two-year renovation.

Librarian Ada Brooks said on Thursday that the reading room would stay open late.
"""


def project_settings(folder: Path) -> Path:
    """The project's settings, with the caches in `folder`."""
    return settings_file(folder, TIMELINE_CACHE_PATH=str(folder / "cache"))


@pytest.fixture
def project(tmp_path) -> tuple[Path, Path, Path]:
    """A copy of the fixture articles, its settings, and where its site goes (not built yet)."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES, content)
    return content, project_settings(tmp_path), tmp_path / "site" / "output"


def files(site: Path) -> dict[str, tuple[bytes, int]]:
    """Every file of a site: its bytes and modification time."""
    return {path.relative_to(site).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
            for path in sorted(site.rglob("*")) if path.is_file()}


def event_ids(site: Path) -> set[str]:
    return {path.parent.name for path in (site / "events").glob("*/index.html")}


@pytest.fixture
def rendered(monkeypatch) -> list[str]:
    """The pages rendered by the builds that follow (by output file)."""
    seen: list[str] = []
    original = jinja2.Template.render

    def render(self, *args, **kwargs):
        context = args[0] if args else kwargs
        seen.append(context.get("output_file", "?"))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", render)
    return seen


def test_a_rebuild_without_changes_touches_nothing(project, rendered):
    content, conf, output = project
    assert build(content, output, conf) == 0
    before = files(output)
    rendered.clear()
    assert build(content, output, conf) == 0
    assert files(output) == before
    # Only the pages that read the whole timeline (its front page, the list of everyone named) are
    # rendered every time, and then kept: same bytes.
    assert set(rendered) <= {"index.html", "actors/index.html"}
    # Twice: the second rebuild reuses the spare folder the first one left.
    assert build(content, output, conf) == 0
    assert files(output) == before


@pytest.mark.skipif(not hasattr(os, "fork"), reason="pages are written in several processes only where os.fork exists")
def test_a_site_built_in_two_processes_is_the_site_one_builds(project, tmp_path, monkeypatch, rendered):
    content, conf, output = project
    # Every site reads its dates while Pelican reads the articles, and shares its pages, however small.
    monkeypatch.setattr(date_prefetch, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(plugin, "MIN_PAGES", 1)
    monkeypatch.setattr(parallel_pages, "MIN_PAGES", 1)
    started = []
    original_start = parallel_pages.EarlyShare.start.__func__
    monkeypatch.setattr(parallel_pages.EarlyShare, "start",
                        classmethod(lambda cls, *args: started.append("pages") or original_start(cls, *args)))
    original_prefetch = ExtractionCache.prefetch
    monkeypatch.setattr(ExtractionCache, "prefetch",
                        lambda self, *args: started.append("dates") or original_prefetch(self, *args))
    assert build(content, output, conf, jobs=1) == 0
    alone = {name: data for name, (data, _) in files(output).items()}
    other, other_conf = tmp_path / "two" / "output", tmp_path / "two" / "settings"
    other_conf.mkdir(parents=True)
    other_conf = project_settings(other_conf)
    assert build(content, other, other_conf, jobs=2) == 0
    assert set(started) == {"pages", "dates"}, "no second process was started"
    assert {name: data for name, (data, _) in files(other).items()} == alone
    # What the second process wrote is in the page manifest: a rebuild (in one process, where every
    # render is seen) renders none of it again.
    before = files(other)
    rendered.clear()
    assert build(content, other, other_conf, jobs=1) == 0
    assert files(other) == before
    assert set(rendered) <= {"index.html", "actors/index.html"}


def _at_the_fork(project, monkeypatch, look):
    """What `look(generator)` sees of the timeline's generator when a build with --jobs 2 shares its pages out."""
    content, conf, output = project
    monkeypatch.setattr(plugin, "MIN_PAGES", 1)
    monkeypatch.setattr(parallel_pages, "MIN_PAGES", 1)
    seen = []
    original_start = parallel_pages.EarlyShare.start.__func__

    def start(cls, make_writer, make_pages, count):
        seen.append(look(make_pages.__self__))
        return original_start(cls, make_writer, make_pages, count)

    monkeypatch.setattr(parallel_pages.EarlyShare, "start", classmethod(start))
    assert build(content, output, conf, jobs=2) == 0
    assert len(seen) == 1
    return seen[0]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="pages are written in several processes only where os.fork exists")
def test_each_event_s_entry_is_digested_once_before_the_pages_are_shared_out(project, monkeypatch):
    """Every process that writes pages digests every entry: done before the fork, each process has them."""
    digested = _at_the_fork(project, monkeypatch, lambda generator: [("token" in vars(e)) for e in generator.entries])
    assert digested and all(digested)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="pages are written in several processes only where os.fork exists")
def test_the_timeline_s_templates_are_analysed_before_the_pages_are_shared_out(project, monkeypatch):
    """What each template reads is found while the build waits for its timeline: both processes have it."""
    analysed = _at_the_fork(project, monkeypatch, lambda generator: set(page_inputs._ANALYSED.get(generator.env, ())))
    assert {"timeline.html", "event.html", "events.html", "redirect.html", "months.html", "actors.html",
            "base.html"} <= analysed


@pytest.mark.skipif(not hasattr(os, "fork"), reason="pages are written in several processes only where os.fork exists")
def test_pages_a_failed_process_had_taken_are_written_by_the_parent(project, tmp_path, monkeypatch):
    content, conf, output = project
    assert build(content, output, conf, jobs=1) == 0
    alone = {name: data for name, (data, _) in files(output).items()}
    monkeypatch.setattr(plugin, "MIN_PAGES", 1)
    monkeypatch.setattr(parallel_pages, "MIN_PAGES", 1)
    parent, take = os.getpid(), parallel_pages.PageQueue.take

    def dies_after_one_run(queue):
        taken = take(queue)
        if os.getpid() != parent and taken is not None:
            os._exit(3)  # killed holding pages that nobody else will take from the queue
        return taken

    monkeypatch.setattr(parallel_pages.PageQueue, "take", dies_after_one_run)
    other = tmp_path / "two" / "output"
    other.parent.mkdir()
    assert build(content, other, project_settings(other.parent), jobs=2) == 0
    assert {name: data for name, (data, _) in files(other).items()} == alone


def test_a_build_in_two_processes_reads_each_article_once(project, monkeypatch):
    """The articles read to find what the extraction cache lacks are the ones the timeline is made of."""
    content, conf, output = project
    read = []
    original = date_prefetch.read_article
    monkeypatch.setattr(date_prefetch, "read_article", lambda path: read.append(path) or original(path))
    assert build(content, output, conf, jobs=2) == 0
    articles = sorted(path for path in content.iterdir() if path.suffix in {".md", ".txt"})
    assert sorted(read) == articles


def spy_on_timelines_made_elsewhere(monkeypatch) -> list[bool]:
    """For each build: whether it took the timeline another process made while Pelican read the articles."""
    taken = []
    original = date_prefetch.Started.timeline_of

    def timeline_of(self, paths):
        made = original(self, paths)
        taken.append(made is not None)
        return made

    monkeypatch.setattr(date_prefetch.Started, "timeline_of", timeline_of)
    return taken


def spy_on_articles_read_beforehand(monkeypatch) -> list[str]:
    """The names of the articles a build reads to find what the extraction cache lacks."""
    read = []
    original = date_prefetch.read_article
    monkeypatch.setattr(date_prefetch, "read_article", lambda path: read.append(path.name) or original(path))
    return read


def test_a_rebuild_in_two_processes_takes_the_timeline_made_beside_pelican(project, tmp_path, monkeypatch):
    content, conf, output = project
    (content / "pages").mkdir()
    (content / "pages" / "about.md").write_text("Title: About\n\nWho writes this timeline.\n", encoding="utf-8")
    (content / "draft.md").write_text(NEW_ARTICLE.replace("Slug: library", "Status: draft\nSlug: draft"), encoding="utf-8")
    (content / "empty.md").write_text("", encoding="utf-8")
    taken = spy_on_timelines_made_elsewhere(monkeypatch)
    assert build(content, output, conf, jobs=2) == 0  # a first build: nothing cached, nothing made elsewhere
    (content / "library-reopens.md").write_text(NEW_ARTICLE, encoding="utf-8")
    assert build(content, output, conf, jobs=2) == 0
    # A page, a draft and an empty file are none of the timeline's articles, there as here.
    assert taken == [False, True]
    assert (output / "drafts" / "draft-reopens" / "index.html").is_file()  # its preview (a draft once stopped the build)
    alone = tmp_path / "alone" / "output"
    alone.parent.mkdir()
    assert build(content, alone, project_settings(alone.parent), jobs=1) == 0
    assert {name: data for name, (data, _) in files(output).items()} == {
        name: data for name, (data, _) in files(alone).items()}


def test_a_rebuild_reads_beforehand_only_the_articles_changed_since_the_last(project, monkeypatch):
    """The article index tells the rest; an article made a draft since is left out, there as by Pelican."""
    content, conf, output = project
    assert build(content, output, conf, jobs=2) == 0
    assert build(content, output, conf, jobs=2) == 0  # made beside Pelican: the files are recorded
    buses = content / "bridge-buses.md"
    buses.write_text(buses.read_text(encoding="utf-8").replace("Slug: bridge-buses", "Slug: bridge-buses\nStatus: draft"),
                     encoding="utf-8")
    (content / "library-reopens.md").write_text(NEW_ARTICLE, encoding="utf-8")
    read = spy_on_articles_read_beforehand(monkeypatch)
    taken = spy_on_timelines_made_elsewhere(monkeypatch)
    assert build(content, output, conf, jobs=2) == 0
    assert sorted(read) == ["bridge-buses.md", "library-reopens.md"]
    assert taken == [True]
    ids = event_ids(output)
    assert any(i.startswith("library-reopens-") for i in ids) and not any(i.startswith("bridge-buses-") for i in ids)


def test_an_article_whose_slug_another_has_is_not_read_beforehand_again(project, monkeypatch):
    """The index records it under the slug the timeline gave it (its -2), the one its cache entry has."""
    content, conf, output = project
    buses = content / "bridge-buses.md"
    (content / "bridge-buses-again.md").write_text(buses.read_text(encoding="utf-8").replace("Title: ", "Title: Again: "),
                                                   encoding="utf-8")
    assert build(content, output, conf, jobs=2) == 0
    assert build(content, output, conf, jobs=2) == 0  # made beside Pelican: the files are recorded
    (content / "library-reopens.md").write_text(NEW_ARTICLE, encoding="utf-8")
    read = spy_on_articles_read_beforehand(monkeypatch)
    taken = spy_on_timelines_made_elsewhere(monkeypatch)
    assert build(content, output, conf, jobs=2) == 0
    assert read == ["library-reopens.md"]
    assert taken == [True]


def test_a_timeline_made_from_other_files_than_pelican_read_is_not_taken(project, tmp_path, monkeypatch):
    """Without WITH_FUTURE_DATES, Pelican makes an article dated ahead a draft, which only its reading tells."""
    content, _, output = project
    conf = settings_file(tmp_path, TIMELINE_CACHE_PATH=str(tmp_path / "cache"), WITH_FUTURE_DATES=False)
    assert build(content, output, conf, jobs=2) == 0
    (content / "library-reopens.md").write_text(NEW_ARTICLE.replace("2024-08-29", "2099-08-29"), encoding="utf-8")
    taken = spy_on_timelines_made_elsewhere(monkeypatch)
    assert build(content, output, conf, jobs=2) == 0
    assert taken == [False]
    assert event_ids(output) and not any(i.startswith("library-reopens-") for i in event_ids(output))


def test_adding_an_article_rewrites_only_what_changed(project, rendered, monkeypatch):
    content, conf, output = project
    assert build(content, output, conf) == 0
    assert build(content, output, conf) == 0  # the steady state: a spare folder beside the site
    before, ids_before = files(output), event_ids(output)

    extracted, parsed = [], []
    extract, read = pipeline.extract, TolerantMarkdownReader.read
    monkeypatch.setattr(pipeline, "extract", lambda article: extracted.append(article.slug) or extract(article))
    monkeypatch.setattr(TolerantMarkdownReader, "read", lambda self, path: parsed.append(Path(path).name) or read(self, path))
    (content / "library-reopens.md").write_text(NEW_ARTICLE, encoding="utf-8")
    rendered.clear()
    assert build(content, output, conf) == 0
    after = files(output)

    # No unchanged article is read again: not by the temporal engine, not by Pelican's Markdown reader.
    assert extracted == ["library-reopens"]
    assert parsed == ["library-reopens.md"]
    # Every earlier event keeps its page at its address, and the new article has its own.
    assert ids_before <= event_ids(output)
    assert event_ids(output) - ids_before and all(i.startswith("library-reopens-") for i in event_ids(output) - ids_before)
    assert "articles/library-reopens/index.html" in after
    # A file with the same bytes keeps its modification time; only files whose bytes changed were written.
    for name, (data, mtime) in before.items():
        if after[name][0] == data:
            assert after[name][1] == mtime, f"{name}: same bytes, rewritten"
    # The other articles' pages did not change, and were not even rendered.
    for slug in ("bridge-closure", "bridge-protest", "bridgeinspection", "bridge-buses"):
        page = f"articles/{slug}/index.html"
        assert after[page] == before[page], page
        assert page not in rendered
    changed = {name for name in after if name not in before or after[name] != before[name]}
    assert "index.html" in changed and "events.json" in changed
    assert len(changed) < len(after) / 2, sorted(changed)


def test_an_empty_text_file_is_not_read_again_and_still_warned_of(project, monkeypatch, caplog):
    """Pelican remembers a file its reader read as nothing (its cache), as it does an empty Markdown file."""
    content, conf, output = project
    (content / "blank.txt").write_text("\n", encoding="utf-8")
    assert build(content, output, conf) == 0
    parsed, read = [], RawTextReader.read
    monkeypatch.setattr(RawTextReader, "read", lambda self, path: parsed.append(Path(path).name) or read(self, path))
    caplog.set_level(logging.WARNING)
    assert build(content, output, conf) == 0
    assert parsed == []
    assert any("blank.txt: empty file" in record.getMessage() for record in caplog.records)


def test_a_removed_article_takes_its_pages_with_it(project):
    content, conf, output = project
    for _ in range(3):  # the third build works in the spare folder the second one left
        assert build(content, output, conf) == 0
    (content / "bridge-protest.md").unlink()
    assert build(content, output, conf) == 0
    assert not (output / "articles" / "bridge-protest").exists()
    assert not any(name.startswith("bridge-protest-") for name in event_ids(output))


def test_an_edited_output_file_is_put_right(project):
    content, conf, output = project
    assert build(content, output, conf) == 0
    assert build(content, output, conf) == 0
    page = output / "articles" / "bridge-closure" / "index.html"
    right = page.read_bytes()
    page.write_text("vandalised", encoding="utf-8")
    assert build(content, output, conf) == 0
    assert build(content, output, conf) == 0  # and the spare folder, which had the old bytes
    assert page.read_bytes() == right


def test_an_exception_halfway_leaves_the_previous_site_whole(project, monkeypatch):
    content, conf, output = project
    assert build(content, output, conf) == 0
    assert build(content, output, conf) == 0
    before = files(output)
    (content / "library-reopens.md").write_text(NEW_ARTICLE, encoding="utf-8")
    written = []
    original = plugin.TimelineGenerator.event_pages

    def fail_halfway(self, writer):
        pages = original(self, writer)
        half = pages[: len(pages) // 2]

        def fail():
            written.append(len(half))
            raise RuntimeError("injected failure")

        return half + [fail]

    monkeypatch.setattr(plugin.TimelineGenerator, "event_pages", fail_halfway)
    assert build(content, output, conf) == 1
    assert written, "the failure was not reached"
    assert files(output) == before
    assert not list(output.parent.glob("output.building-*"))
    monkeypatch.setattr(plugin.TimelineGenerator, "event_pages", original)
    assert build(content, output, conf) == 0
    assert "articles/library-reopens/index.html" in files(output)


def test_the_first_build_creates_the_output_folder_and_its_parents(tmp_path):
    output = tmp_path / "not" / "yet" / "output"
    assert build(FIXTURES, output, project_settings(tmp_path)) == 0
    assert (output / "index.html").is_file()


def test_an_output_folder_that_holds_the_content_is_refused(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES, content)
    assert build(content, tmp_path, project_settings(tmp_path)) == 1
    assert sorted(p.name for p in content.iterdir()) == sorted(p.name for p in FIXTURES.iterdir())


def test_a_killed_build_leaves_the_previous_site_whole(project):
    content, conf, output = project
    assert build(content, output, conf) == 0
    before = files(output)
    # Enough articles that the build runs for a while (and no cache, so that all of it is work).
    template = (FIXTURES / "bridge-closure.md").read_text(encoding="utf-8")
    for number in range(300):
        (content / f"copy-{number:03d}.md").write_text(
            template.replace("Slug: bridge-closure", f"Slug: copy-{number:03d}"), encoding="utf-8")
    command = [sys.executable, "-m", "timeline.cli", "build", "--content", str(content), "--output", str(output),
               "--settings", str(conf), "--no-cache"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPOSITORY)
    try:
        # Killed once it has written pages into its folder beside the site, before it swaps it in.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            staging = list(output.parent.glob("output.building-*"))
            if staging and any((staging[0] / "events").glob("*/index.html")):
                break
            time.sleep(0.005)
        if process.poll() is not None:
            pytest.fail("the build finished before it could be killed: give it more articles")
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait()
    assert files(output) == before
    assert list(output.parent.glob("output.building-*")), "the killed build left nothing behind?"
    # The next build reclaims what the killed one left, and publishes.
    assert build(content, output, conf) == 0
    assert not list(output.parent.glob("output.building-*"))
    assert "articles/copy-299/index.html" in files(output)


def test_plain_pelican_with_the_plugin_writes_in_place_and_keeps_unchanged_pages(tmp_path, monkeypatch):
    """`pelican` itself, with the plugin: no staging folder, but unchanged pages are left alone all the same."""
    from pelican import Pelican
    from pelican.settings import read_settings

    monkeypatch.chdir(tmp_path)  # where a relative TIMELINE_CACHE_PATH goes without `timeline build`
    conf, output = project_settings(tmp_path), tmp_path / "output"

    def run():
        Pelican(read_settings(str(conf), override={"PATH": str(FIXTURES), "OUTPUT_PATH": str(output)})).run()

    run()
    pages = {name: value for name, value in files(output).items() if name.endswith(".html")}
    run()
    assert {name: value for name, value in files(output).items() if name.endswith(".html")} == pages
    assert not list(tmp_path.glob("output.*")), "a plain Pelican run publishes in place"


def test_a_build_folder_listed_ahead_is_listed_once_and_never_for_another_build(project, tmp_path):
    """The listing a build makes while it waits for its timeline is its writer's; one left by a build
    that failed before writing is forgotten when the next begins."""
    folder, published = tmp_path / "building", tmp_path / "published"
    (folder / "events").mkdir(parents=True)
    (folder / "events" / "old.html").write_text("old", encoding="utf-8")
    list_ahead(folder, published)
    (folder / "events" / "new.html").write_text("new", encoding="utf-8")
    assert set(OutputTree(folder, published).before) == {"events/old.html"}  # the listing made ahead
    assert set(OutputTree(folder, published).before) == {"events/new.html", "events/old.html"}  # taken once
    list_ahead(folder, published)
    content, conf, output = project
    assert build(content, output, conf) == 0
    (folder / "events" / "newer.html").write_text("newer", encoding="utf-8")
    assert "events/newer.html" in OutputTree(folder, published).before
