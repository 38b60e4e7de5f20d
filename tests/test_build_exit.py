"""`timeline build`'s exit status: 0 when the site was built, warnings or not (each names its file);
1 when nothing could be built; with --strict, 1 when anything was warned."""

from __future__ import annotations

import gc
import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import timeline.pelican as plugin
from timeline.cli import main

from .conftest import settings_file

FIXTURES = Path(__file__).parent / "fixtures" / "site"

GOOD = "Title: Good\nDate: 2024-08-30\nSlug: good\n\nOn Tuesday, the ministers met in Brussels.\n"
NO_DATE = "Title: Undated\nSlug: undated\n\nOn Tuesday, the ministers met in Vienna.\n"
BAD_DATE = "Title: Bad header\nDate: sometime last spring\nSlug: bad-header\n\nThe ministers met in Oslo.\n"


@pytest.fixture
def conf(tmp_path) -> Path:
    return settings_file(tmp_path, TIMELINE_CACHE_PATH=str(tmp_path / "cache"))


def content(tmp_path: Path, **articles: str) -> Path:
    folder = tmp_path / "content"
    folder.mkdir(exist_ok=True)
    for name, text in articles.items():
        (folder / name.replace("_", "-").replace("-md", ".md").replace("-txt", ".txt")).write_text(text, encoding="utf-8")
    return folder


def timeline_build(conf: Path, folder: Path, output: Path, *options: str) -> int:
    return main(["build", "--settings", str(conf), "--content", str(folder), "--output", str(output), *options])


def warned(caplog, *words: str) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.levelno == logging.WARNING and all(word in r.getMessage() for word in words)]


def test_warnings_exit_zero_and_name_the_file(tmp_path, conf, caplog):
    folder = content(tmp_path, good_md=GOOD, undated_md=NO_DATE, bad_md=BAD_DATE)
    output = tmp_path / "output"
    assert timeline_build(conf, folder, output) == 0
    assert (output / "articles" / "good" / "index.html").is_file()
    assert not (output / "articles" / "undated").exists() and not (output / "articles" / "bad-header").exists()
    assert warned(caplog, str(folder / "undated.md"), "Date")
    assert warned(caplog, str(folder / "bad.md"), "sometime last spring")
    # Pelican's own errors about them became these warnings: nothing is reported twice, or as an error.
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_strict_makes_a_warning_an_error_and_publishes_nothing(tmp_path, conf, caplog):
    folder = content(tmp_path, good_md=GOOD)
    output = tmp_path / "output"
    assert timeline_build(conf, folder, output, "--strict") == 0, "no warning: --strict changes nothing"
    before = (output / "index.html").read_bytes()
    (folder / "undated.md").write_text(NO_DATE, encoding="utf-8")
    (folder / "good.md").write_text(GOOD.replace("Brussels", "Lisbon"), encoding="utf-8")
    assert timeline_build(conf, folder, output, "--strict") == 1
    assert (output / "index.html").read_bytes() == before
    assert warned(caplog, "undated.md")
    assert timeline_build(conf, folder, output) == 0
    assert "Lisbon" in (output / "index.html").read_text(encoding="utf-8")


def test_every_timeline_warning_is_logged(tmp_path, conf, caplog):
    folder = content(tmp_path, good_md=GOOD, year1_md=GOOD.replace("2024-08-30", "0001-01-01").replace("good", "y1"))
    (folder / "raw.txt").write_text("Talks resumed on Tuesday after a long pause.\n", encoding="utf-8")
    (folder / "corrections.yaml").write_text("no-such-event-0123456789:\n  hide: true\n", encoding="utf-8")
    assert timeline_build(conf, folder, tmp_path / "output") == 0
    assert warned(caplog, "year1.md", "0001-01-01")  # from reading the article
    assert warned(caplog, "no-such-event-0123456789")  # from the corrections file, which the site applies
    assert warned(caplog, "raw.txt", "dateline")  # Pelican cannot place an article without a date


def test_nothing_buildable_is_an_error(tmp_path, conf, caplog):
    folder = content(tmp_path, undated_md=NO_DATE, bad_md=BAD_DATE)
    output = tmp_path / "output"
    assert timeline_build(conf, folder, output) == 1
    assert not output.exists()
    assert any("no article could be read" in r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR)
    assert timeline_build(conf, tmp_path / "no-such-folder", output) == 1


def test_nothing_buildable_keeps_the_previous_site(tmp_path, conf):
    folder = content(tmp_path, good_md=GOOD)
    output = tmp_path / "output"
    assert timeline_build(conf, folder, output) == 0
    (folder / "good.md").unlink()
    assert timeline_build(conf, folder, output) == 1
    assert (output / "articles" / "good" / "index.html").is_file()


def test_a_crash_is_an_error_and_keeps_the_previous_site(tmp_path, conf, monkeypatch):
    folder = content(tmp_path, good_md=GOOD)
    output = tmp_path / "output"
    assert timeline_build(conf, folder, output) == 0
    before = (output / "index.html").read_bytes()

    def crash(self, writer):
        raise RuntimeError("a bug")

    monkeypatch.setattr(plugin.TimelineGenerator, "generate_output", crash)
    assert timeline_build(conf, folder, output) == 1
    assert (output / "index.html").read_bytes() == before


def test_the_collector_gets_back_what_a_build_kept_from_it(tmp_path, conf, monkeypatch):
    """During a build the articles and timeline are left out of garbage collections (`collector`);
    after it, built or crashed, the collector has everything back, as it was."""
    folder, output = content(tmp_path, good_md=GOOD), tmp_path / "output"
    thresholds, write = gc.get_threshold(), plugin.TimelineGenerator.generate_output
    frozen_while_writing = []

    def writing(self, writer):
        frozen_while_writing.append(gc.get_freeze_count())
        return write(self, writer)

    monkeypatch.setattr(plugin.TimelineGenerator, "generate_output", writing)
    assert timeline_build(conf, folder, output) == 0
    assert frozen_while_writing[0] > 0
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == thresholds

    monkeypatch.setattr(plugin.TimelineGenerator, "generate_output", lambda self, writer: 1 / 0)
    assert timeline_build(conf, folder, output) == 1
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == thresholds


def test_two_articles_with_one_slug_get_a_page_each(tmp_path, conf, caplog):
    second = GOOD.replace("Title: Good", "Title: Also good").replace("Brussels", "Geneva")
    folder = content(tmp_path, a_md=GOOD, b_md=second)
    output = tmp_path / "output"
    assert timeline_build(conf, folder, output) == 0
    first, later = (output / "articles" / "good" / "index.html"), (output / "articles" / "good-2" / "index.html")
    assert "Brussels" in first.read_text(encoding="utf-8") and "Geneva" in later.read_text(encoding="utf-8")
    assert warned(caplog, str(folder / "b.md"), "good-2")
    # once: the build's own warning names the other article, the timeline's would say it again
    assert sum(str(folder / "b.md") in record.getMessage() for record in caplog.records) == 1
    # The timeline's rule is the same: the later by path is good-2, so its events link to its own page.
    event_pages = sorted((output / "events").glob("good-2-*/index.html"))
    assert event_pages and "../../articles/good-2/" in event_pages[0].read_text(encoding="utf-8")


def test_the_command_exits_with_the_status(tmp_path, conf):
    folder = content(tmp_path, undated_md=NO_DATE)
    run = subprocess.run([sys.executable, "-m", "timeline.cli", "build", "--settings", str(conf), "--content",
                          str(folder), "--output", str(tmp_path / "output")], capture_output=True, text=True)
    assert run.returncode == 1
    assert "undated.md" in run.stderr and "no article could be read" in run.stderr
    shutil.copy(FIXTURES / "bridge-closure.md", folder)
    run = subprocess.run([sys.executable, "-m", "timeline.cli", "build", "--settings", str(conf), "--content",
                          str(folder), "--output", str(tmp_path / "output")], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "WARNING" in run.stderr and "undated.md" in run.stderr
