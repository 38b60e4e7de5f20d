"""The extraction cache: an unchanged article is never parsed again; a corrupt entry is rebuilt."""

from __future__ import annotations

from pathlib import Path

import timeline.timeline as pipeline
from timeline.article_index import load_index, save_index
from timeline.cache import ExtractionCache, MergeMemo
from timeline.timeline import build_timeline

ARTICLE = "Title: {title}\nDate: 2024-08-30\nSlug: {slug}\n\nOn Tuesday, the {title} committee met.\n\nThat same day, it adjourned.\n"


def write(folder: Path, slug: str) -> None:
    (folder / f"{slug}.md").write_text(ARTICLE.format(title=slug.title(), slug=slug), encoding="utf-8")


def counting_extract(monkeypatch) -> list[str]:
    seen: list[str] = []
    original = pipeline.extract

    def extract(article):
        seen.append(article.slug)
        return original(article)

    monkeypatch.setattr(pipeline, "extract", extract)
    return seen


def test_unchanged_articles_are_not_parsed_again(tmp_path, monkeypatch):
    content, cache_dir = tmp_path / "content", tmp_path / "cache"
    content.mkdir()
    for slug in ("alpha", "beta", "gamma"):
        write(content, slug)
    first = build_timeline([content], cache=ExtractionCache(cache_dir))
    parsed = counting_extract(monkeypatch)
    write(content, "delta")
    (content / "beta.md").write_text((content / "beta.md").read_text() + "\nOn Friday, it met again.\n", encoding="utf-8")
    cache = ExtractionCache(cache_dir)
    second = build_timeline([content], cache=cache)
    assert sorted(parsed) == ["beta", "delta"]
    assert (cache.hits, cache.misses) == (2, 2)
    assert {e.id for e in first.events} - {e.id for e in second.events} == set()
    again = build_timeline([content], cache=ExtractionCache(cache_dir))
    assert again.events == second.events and sorted(parsed) == ["beta", "delta"]


def test_a_new_engine_invalidates_every_entry(tmp_path, monkeypatch):
    write(tmp_path, "alpha")
    build_timeline([tmp_path / "alpha.md"], cache=ExtractionCache(tmp_path / "cache"))
    monkeypatch.setattr("timeline.cache.engine_version", lambda: "another-engine")
    cache = ExtractionCache(tmp_path / "cache")
    build_timeline([tmp_path / "alpha.md"], cache=cache)
    assert (cache.hits, cache.misses) == (0, 1)


def test_a_corrupt_entry_is_rebuilt_with_a_warning(tmp_path):
    write(tmp_path, "alpha")
    clean = build_timeline([tmp_path / "alpha.md"], cache=ExtractionCache(tmp_path / "cache"))
    for entry in (tmp_path / "cache").rglob("*.pickle"):
        entry.write_bytes(entry.read_bytes()[:40])
    rebuilt = build_timeline([tmp_path / "alpha.md"], cache=ExtractionCache(tmp_path / "cache"))
    assert rebuilt.events == clean.events
    assert any("corrupt cache entry" in w and "alpha.md" in w for w in rebuilt.warnings)


def test_parallel_extraction_gives_the_same_timeline(tmp_path):
    for number in range(pipeline.PARALLEL_THRESHOLD + 4):
        write(tmp_path, f"article{number:02d}")
    assert build_timeline([tmp_path], jobs=2).events == build_timeline([tmp_path], jobs=1).events


def test_the_article_index_is_dropped_when_damaged_or_made_by_another_engine(tmp_path, monkeypatch):
    index = tmp_path / "cache" / "articles.pickle"
    recorded = {str(tmp_path / "alpha.md"): ((1, 2, 3), "key", "")}
    save_index(index, recorded)
    assert load_index(index) == recorded
    index.write_bytes(index.read_bytes()[:20])
    assert load_index(index) == {}
    save_index(index, recorded)
    monkeypatch.setattr("timeline.article_index.engine_version", lambda: "another-engine")
    assert load_index(index) == {}


SAME_DAY = "Title: {slug}\nDate: 2024-08-30\nSlug: {slug}\n\n{sentence}\n"
TUESDAY = "On Tuesday, the finance committee met in Geneva and approved the budget."
WEDNESDAY = "On Wednesday, flooding closed the northern railway line."


def write_report(folder: Path, slug: str, sentence: str) -> None:
    (folder / f"{slug}.md").write_text(SAME_DAY.format(slug=slug, sentence=sentence), encoding="utf-8")


def counting_merges(monkeypatch) -> list[int]:
    """The size of each group of reports actually compared."""
    import timeline.merge as merge

    compared: list[int] = []
    original = merge._clusters
    monkeypatch.setattr(merge, "_clusters", lambda group, language: compared.append(len(group)) or original(group, language))
    return compared


def test_a_rebuild_compares_again_only_the_reports_of_intervals_that_changed(tmp_path, monkeypatch):
    content, cache = tmp_path / "content", tmp_path / "cache"
    content.mkdir()
    for number in range(3):
        write_report(content, f"tuesday-{number}", TUESDAY)
    for number in range(2):
        write_report(content, f"wednesday-{number}", WEDNESDAY)
    compared = counting_merges(monkeypatch)
    first = build_timeline([content], cache=ExtractionCache(cache))
    assert sorted(compared) == [2, 3] and len(first.events) == 2

    compared.clear()
    assert build_timeline([content], cache=ExtractionCache(cache)).events == first.events
    assert compared == []

    write_report(content, "wednesday-2", WEDNESDAY)
    rebuilt = build_timeline([content], cache=ExtractionCache(cache))
    assert compared == [3]  # Wednesday's reports only
    assert rebuilt.events == build_timeline([content]).events
    assert [len(event.sources) for event in rebuilt.events] == [3, 3]


def test_a_damaged_or_outdated_merge_memo_is_not_used(tmp_path, monkeypatch):
    for number in range(2):
        write_report(tmp_path, f"tuesday-{number}", TUESDAY)
    clean = build_timeline([tmp_path], cache=ExtractionCache(tmp_path / "cache"))
    memo = tmp_path / "cache" / MergeMemo.FILE
    memo.write_bytes(memo.read_bytes()[:30])
    compared = counting_merges(monkeypatch)
    assert build_timeline([tmp_path], cache=ExtractionCache(tmp_path / "cache")).events == clean.events
    assert compared == [2]
    monkeypatch.setattr("timeline.cache.merge_version", lambda: "other merging code")
    build_timeline([tmp_path], cache=ExtractionCache(tmp_path / "cache"))
    assert compared == [2, 2]
