"""The extraction cache: an unchanged article is never parsed again; a corrupt entry is rebuilt."""

from __future__ import annotations

from pathlib import Path

import timeline.timeline as pipeline
from timeline.article_index import load_index, save_index
from timeline.cache import ExtractionCache
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
