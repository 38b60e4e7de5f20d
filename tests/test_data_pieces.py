"""Data files made of per-event pieces kept between builds: the same bytes as made whole, and a
rebuild makes only the pieces of events that changed (`timeline.data_pieces`)."""

from __future__ import annotations

import json
import logging
import pickle
import shutil
from pathlib import Path

import pytest

from timeline import data_pieces
from timeline.data_pieces import STORE_FOLDER, PieceStore, compact_json
from timeline.export import timeline_json, timeline_to_json
from timeline.site import build
from timeline.timeline import build_timeline
from timeline.timelinejs import timeline_to_timelinejs, timelinejs_json

from .test_incremental import FIXTURES, NEW_ARTICLE, project_settings

DATA_FILES = ("events.atom", "events.ics", "events.json", "events.csv", "timelinejs.json", "search.json")


@pytest.fixture
def project(tmp_path) -> tuple[Path, Path, Path]:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES, content)
    return content, project_settings(tmp_path), tmp_path / "site" / "output"


@pytest.fixture
def saved(monkeypatch) -> dict[str, tuple[int, int]]:
    """Each data file whose pieces a build saved → (pieces made, pieces kept from the build before)."""
    seen: dict[str, tuple[int, int]] = {}
    original = PieceStore.save

    def save(self):
        seen[self.path.name.split("-", 1)[1].removesuffix(".pickle")] = (self.made, self.looked_up)
        original(self)

    monkeypatch.setattr(PieceStore, "save", save)
    return seen


def data(output: Path) -> dict[str, bytes]:
    return {name: (output / name).read_bytes() for name in DATA_FILES}


def stores(cache: Path) -> dict[str, dict]:
    """The pieces kept for each data file."""
    return {path.name.split("-", 1)[1].removesuffix(".pickle"): pickle.loads(path.read_bytes())["pieces"]
            for path in (cache / STORE_FOLDER).glob("*.pickle")}


def event_count(output: Path) -> int:
    return len(json.loads((output / "events.json").read_text(encoding="utf-8"))["events"])


def test_a_rebuild_makes_only_the_new_events_pieces_and_the_same_bytes(project, tmp_path, saved):
    content, conf, output = project
    assert build(content, output, conf) == 0
    ids_before = {event["id"] for event in json.loads((output / "events.json").read_text())["events"]}
    assert set(saved) == set(DATA_FILES) and all(kept == 0 for _, kept in saved.values())
    saved.clear()
    (content / "library-reopens.md").write_text(NEW_ARTICLE, encoding="utf-8")
    assert build(content, output, conf) == 0

    events = json.loads((output / "events.json").read_text())["events"]
    new = [event for event in events if event["id"] not in ids_before]
    assert new and len(new) < len(events)
    # Every data file changed, and each made only the new events' pieces; the rest were kept.
    assert saved == {name: (len(new), len(events) - len(new)) for name in DATA_FILES}
    # The same bytes as made whole, without any store.
    whole = tmp_path / "whole" / "output"
    assert build(content, whole, conf, cache=False) == 0
    assert data(output) == data(whole)
    assert not (tmp_path / "whole" / "cache").exists()


def test_the_pieces_of_a_retitled_article_s_events_are_made_again(project, tmp_path, saved):
    content, conf, output = project
    assert build(content, output, conf) == 0
    article = content / "bridge-protest.md"
    article.write_text(article.read_text(encoding="utf-8").replace("Title: Shop owners & residents protest",
                                                                   "Title: Traders <rally> against"), encoding="utf-8")
    saved.clear()
    assert build(content, output, conf) == 0
    events = json.loads((output / "events.json").read_text())["events"]
    reported = [event for event in events if any(source["article"] == "bridge-protest" for source in event["sources"])]
    assert reported and len(reported) < len(events)
    assert saved == {name: (len(reported), len(events) - len(reported)) for name in DATA_FILES}
    whole = tmp_path / "whole" / "output"
    assert build(content, whole, conf, cache=False) == 0
    assert data(output) == data(whole)
    assert b"Traders &amp;lt;rally&amp;gt; against" in data(output)["events.atom"]


def test_a_rebuild_of_the_same_articles_leaves_the_stores_alone(project, saved):
    content, conf, output = project
    assert build(content, output, conf) == 0
    stored = {path: path.stat().st_mtime_ns for path in (conf.parent / "cache" / STORE_FOLDER).iterdir()}
    saved.clear()
    assert build(content, output, conf) == 0
    assert saved == {}  # each file's inputs are unchanged: not made, so no piece asked for
    assert {path: path.stat().st_mtime_ns for path in stored} == stored


def test_a_corrupt_store_is_made_again_with_a_warning(project, tmp_path, saved, caplog):
    content, conf, output = project
    assert build(content, output, conf) == 0
    store = next((conf.parent / "cache" / STORE_FOLDER).glob("*-events.atom.pickle"))
    store.write_bytes(b"\x80\x05not a pickle at all")
    (content / "library-reopens.md").write_text(NEW_ARTICLE, encoding="utf-8")
    saved.clear()
    with caplog.at_level(logging.WARNING):
        assert build(content, output, conf) == 0
    assert any(str(store) in record.getMessage() and "corrupt" in record.getMessage() for record in caplog.records)
    assert saved["events.atom"] == (event_count(output), 0)  # every piece made again
    assert saved["events.ics"][1] > 0  # the other stores were read as usual
    whole = tmp_path / "whole" / "output"
    assert build(content, whole, conf, cache=False) == 0
    assert data(output) == data(whole)
    assert len(stores(conf.parent / "cache")["events.atom"]) == event_count(output)


def test_the_stores_drop_the_pieces_of_removed_events(project):
    content, conf, output = project
    (content / "library-reopens.md").write_text(NEW_ARTICLE, encoding="utf-8")
    assert build(content, output, conf) == 0
    with_new = event_count(output)
    (content / "library-reopens.md").unlink()
    assert build(content, output, conf) == 0
    assert event_count(output) < with_new
    kept = stores(conf.parent / "cache")
    assert set(kept) == set(DATA_FILES)
    assert all(len(pieces) == event_count(output) for pieces in kept.values())


def test_the_store_of_a_file_no_longer_written_is_removed(project, tmp_path):
    content, conf, output = project
    assert build(content, output, conf) == 0
    with conf.open("a", encoding="utf-8") as settings:
        settings.write("TIMELINE_FEEDS = False\n")
    assert build(content, output, conf) == 0
    assert set(stores(conf.parent / "cache")) == set(DATA_FILES) - {"events.atom", "events.ics"}


def test_pieces_join_to_the_json_the_standard_library_writes():
    timeline = build_timeline(sorted(FIXTURES.iterdir()))
    assert timeline.events
    assert timeline_json(timeline) == compact_json(timeline_to_json(timeline)) + "\n"

    def when(event):
        return event.start.isoformat()

    def url_of(event):
        return f"https://example.org/events/{event.id}/"

    arguments = (timeline.events, "A title", "Its <description>", when, url_of)
    assert timelinejs_json(*arguments) == compact_json(timeline_to_timelinejs(*arguments)) + "\n"


def test_a_store_keeps_what_is_asked_for_and_saves_only_a_change(tmp_path):
    path = tmp_path / "store.pickle"
    made = []

    def make(item):
        made.append(item)
        return f"<{item}>"

    first = PieceStore(path, lambda item: item.encode())
    assert [first(item, make) for item in "abc"] == ["<a>", "<b>", "<c>"]
    first.save()
    second = PieceStore(path, lambda item: item.encode())
    assert [second(item, make) for item in "ab"] == ["<a>", "<b>"]
    assert (second.made, second.looked_up, made) == (0, 2, list("abc"))
    second.save()  # "c" is no longer asked for: dropped
    assert pickle.loads(path.read_bytes())["pieces"] == {b"a": "<a>", b"b": "<b>"}
    mtime = path.stat().st_mtime_ns
    third = PieceStore(path, lambda item: item.encode())
    third("a", make), third("b", make)
    third.save()  # the same pieces: the file is left as it is
    assert path.stat().st_mtime_ns == mtime
    # A piece whose key cannot be known is made each time, and not kept.
    fourth = PieceStore(path, lambda item: None)
    assert fourth("z", make) == "<z>" and fourth("z", make) == "<z>" and made[-2:] == ["z", "z"]


def test_a_store_that_cannot_be_written_is_a_warning(tmp_path, caplog):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    store = PieceStore(blocked / "store.pickle", lambda item: item.encode())
    store("a", str.upper)
    with caplog.at_level(logging.WARNING, logger=data_pieces.__name__):
        store.save()
    assert any("cannot keep the pieces" in record.getMessage() for record in caplog.records)
