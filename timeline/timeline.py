"""Articles → one Timeline: read, tag, extract, merge, correct, rank, order.

Order: by start; at equal starts the finer precision first (a day before the
week that starts on it); then articles by dateline and path, and each article's
own reading order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from .articles import ARTICLE_SUFFIXES, ArticleError, read_article
from .boilerplate import boilerplate
from .cache import ExtractionCache, MergeMemo
from .corrections import CORRECTIONS_NAMES, apply_corrections, find_corrections, read_corrections
from .events import extract_events
from .merge import merge_events
from .model import Article, Event, Mention, Timeline
from .temporal import tag
from .temporal.calendar import precision_rank


# Files in a content folder that are not articles, and need no warning.
NOT_ARTICLES = frozenset(CORRECTIONS_NAMES)


def article_paths(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """The article files named by `paths` (files, or folders searched recursively).

    A file of another type in a folder is skipped with a warning, so that an
    article saved as .docx is not silently missing from the site.
    """
    found: list[Path] = []
    warnings: list[str] = []
    for path in map(Path, paths):
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p.relative_to(path))):
                if file.suffix.lower() in ARTICLE_SUFFIXES:
                    found.append(file)
                elif file.name not in NOT_ARTICLES:
                    warnings.append(f"{file}: not an article (expected {', '.join(ARTICLE_SUFFIXES)}); skipped")
        elif path.is_file():
            found.append(path)
        else:
            warnings.append(f"{path}: no such file or folder")
    return found, warnings


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def read_articles(files: list[Path], read: Callable[[Path], Article] = read_article) -> tuple[list[Article], list[str]]:
    """Every article that can be read (by `read`), each with a slug of its own, and what went wrong."""
    articles: list[Article] = []
    warnings: list[str] = []
    slugs: set[str] = set()
    for path in files:
        try:
            article = read(path)
        except (ArticleError, OSError) as error:
            warnings.append(str(error) if isinstance(error, ArticleError) else f"{path}: {error.strerror or error}")
            continue
        warnings.extend(article.warnings)
        if article.dateline is None:
            warnings.append(f"{path}: no dateline found; relative dates in it stay undated")
        if article.slug in slugs:
            unique = unique_slug(article.slug, slugs)
            warnings.append(slug_taken(path, article.slug, unique))
            article = replace(article, slug=unique)
        slugs.add(article.slug)
        articles.append(article)
    return articles, warnings


def slug_taken(path: Path, slug: str, unique: str) -> str:
    """The warning for an article whose slug an article before it has."""
    return f"{path}: slug {slug!r} is already used by another article; this one is {unique!r}"


def unique_slug(slug: str, taken: set[str]) -> str:
    """`slug`, or the first of `slug`-2, -3, … that is not taken: the rule Pelican's pages follow too (`unique_slugs`)."""
    if slug not in taken:
        return slug
    number = 2
    while f"{slug}-{number}" in taken:
        number += 1
    return f"{slug}-{number}"


def build_timeline(
    paths: Iterable[Path],
    corrections: Path | None = None,
    cache: ExtractionCache | None = None,
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
    read: Callable[[Path], Article] = read_article,
) -> Timeline:
    """The timeline of the articles named by `paths`, each read by `read`.

    Corrections come from `corrections`, else from a corrections.yaml in a folder among `paths`.
    Extraction reads from and writes to `cache`, runs in `jobs` processes, and reports
    `progress(done, total)` as it goes.
    """
    paths = [Path(p) for p in paths]
    files, warnings = article_paths(paths)
    articles, problems = read_articles(files, read)
    warnings.extend(problems)
    extracted = extract_all(articles, cache, jobs, progress)
    if cache is not None:
        warnings.extend(cache.warnings)
    mentions = {article.slug: tuple(found[0]) for article, found in zip(articles, extracted)}
    events = _merged(articles, extracted, cache)
    corrections = corrections or find_corrections([p for p in paths if p.is_dir()])
    if corrections:
        found, problems = read_corrections(corrections)
        events, unknown = apply_corrections(events, found, corrections)
        warnings.extend(problems + unknown)
    events = [replace(event, importance=importance(event)) for event in events]
    return Timeline(
        events=tuple(order_events(events, articles)),
        articles=tuple(articles),
        warnings=tuple(warnings),
        mentions=mentions,
    )


def merge_reports(reports: list[Event], memo: MergeMemo | None = None, tokens: list[str] | None = None) -> list[Event]:
    """All articles' reports as events: the site's repeated text left out (`boilerplate`), the rest
    merged (with `memo` and `tokens`, as much as can be as the last build merged them)."""
    repeated = boilerplate(reports)
    kept = [place for place in range(len(reports)) if place not in repeated]
    return merge_events([reports[place] for place in kept], memo=memo,
                        tokens=[tokens[place] for place in kept] if tokens is not None else None)


def _merged(articles: list[Article], extracted: list[tuple[list[Mention], list[Event]]],
            cache: ExtractionCache | None) -> list[Event]:
    """The articles' events; with a cache, a report is known to the merge memo by its article's cache
    key and its place in the article: the same key, the same reports."""
    reports = [event for _, found in extracted for event in found]
    if cache is None:
        return merge_reports(reports)
    tokens = [f"{cache.key(article)}:{place}" for article, (_, found) in zip(articles, extracted) for place in range(len(found))]
    memo = MergeMemo(cache.folder)
    events = merge_reports(reports, memo, tokens)
    memo.save()
    return events


def extract(article: Article) -> tuple[list[Mention], list[Event]]:
    """One article's mentions and its own events (before merging with other articles)."""
    mentions = tag(article.text, article.dateline)
    return mentions, extract_events(article, mentions)


# Below this many articles to extract, starting processes costs more than it saves.
PARALLEL_THRESHOLD = 16


def extract_batch(articles: list[Article], cache_folder: Path | None = None) -> list[tuple[list[Mention], list[Event]]]:
    """`extract` of several articles: one task for a process pool, so that it pays for its round trip.

    With `cache_folder`, the entries are saved there too, by the process that made them.
    """
    results = [extract(article) for article in articles]
    if cache_folder is not None:
        cache = ExtractionCache(cache_folder)
        for article, (mentions, events) in zip(articles, results):
            cache.save(article, mentions, events)
    return results


def batch_size(count: int, jobs: int) -> int:
    """Articles per task: a few tasks per process, so that none waits long for the last."""
    return max(1, count // (jobs * 8))


def extract_all(
    articles: list[Article],
    cache: ExtractionCache | None,
    jobs: int,
    progress: Callable[[int, int], None] | None,
) -> list[tuple[list[Mention], list[Event]]]:
    """Every article's extraction, from the cache where it is there, in the articles' order."""
    results: list[tuple[list[Mention], list[Event]] | None] = [cache.load(a) if cache else None for a in articles]
    todo = [index for index, found in enumerate(results) if found is None]
    if cache:  # extracted while Pelican read the articles (`ExtractionCache.prefetch`)
        for index in todo:
            results[index] = cache.take_prefetched(articles[index])
    remaining = [index for index in todo if results[index] is None]
    done = len(articles) - len(remaining)
    if progress:
        progress(done, len(articles))
    if jobs > 1 and len(remaining) >= PARALLEL_THRESHOLD:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            fresh = pool.map(extract, [articles[i] for i in remaining], chunksize=batch_size(len(remaining), jobs))
            for index, found in zip(remaining, fresh):
                results[index] = found
                done += 1
                if progress:
                    progress(done, len(articles))
    else:
        for index in remaining:
            results[index] = extract(articles[index])
            done += 1
            if progress:
                progress(done, len(articles))
    if cache:
        for index in todo:
            cache.save(articles[index], *results[index])
    return results


def importance(event: Event) -> float:
    """How much an event matters to a reader: how many articles report it, more than anything.

    A lead sentence (what the article is about) and a day-precise date add a little.
    """
    articles = len({source.article for source in event.sources})
    lead = 0.5 if not event.expression else 0.0
    precise = 0.25 if event.granularity == "day" else 0.0
    return articles + lead + precise


def order_events(events: list[Event], articles: list[Article]) -> list[Event]:
    rank = {a.slug: i for i, a in enumerate(sorted(articles, key=lambda a: (a.dateline is None, a.dateline, str(a.path))))}
    return sorted(
        events,
        key=lambda e: (e.start, precision_rank(e.granularity), rank.get(e.sources[0].article, 0), e.sources[0].sentence_start),
    )


def top_events(timeline: Timeline, count: int) -> Timeline:
    """The `count` most important events, kept in timeline order."""
    ranked = sorted(range(len(timeline.events)), key=lambda i: (-timeline.events[i].importance, i))
    keep = sorted(ranked[: max(count, 0)])
    return Timeline(tuple(timeline.events[i] for i in keep), timeline.articles, timeline.warnings)
