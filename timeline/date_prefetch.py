"""Reading the articles' dates while Pelican reads the articles.

Pelican reads every article (its Markdown) in one process before any plugin
sees them; the temporal engine reads the same files. With several processes
(TIMELINE_JOBS), the extraction of the articles the cache lacks starts when
Pelican's article generator does, in a process pool, and the timeline takes
the results when it is built (`ExtractionCache.prefetch`). An article Pelican
ends up reading differently (another slug, say) is simply extracted then.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from .articles import read_article
from .cache import ExtractionCache
from .model import Article
from .timeline import PARALLEL_THRESHOLD, article_paths, batch_size, extract_batch, read_articles


@dataclass
class Started:
    """What a build began before it read its dates: the articles as they were read (to find each
    one's cache key they had to be), and the extractions under way, if any were worth starting."""

    settings: dict  # held, so that its id is not reused while the build runs
    read: dict[Path, Article] = field(default_factory=dict)
    cache: ExtractionCache | None = None
    pool: ProcessPoolExecutor | None = None

    def read_again(self, path: Path) -> Article:
        """The article at `path`, as read already in this build, else read now."""
        found = self.read.get(path)
        return found if found is not None else read_article(path)


_STARTED: dict[int, Started] = {}  # by the id of the build's settings


def jobs_of(settings: dict) -> int:
    """Processes that read dates and write pages (TIMELINE_JOBS, 0: one per core)."""
    return int(settings.get("TIMELINE_JOBS", 1) or 0) or os.cpu_count() or 1


def start_reading_dates(generator) -> None:
    """Receives Pelican's article generator as it starts: extract what the cache lacks, elsewhere."""
    settings = generator.settings
    folder, jobs = settings.get("TIMELINE_CACHE_PATH"), jobs_of(settings)
    if not folder or jobs < 2 or id(settings) in _STARTED:
        return
    started = _STARTED[id(settings)] = Started(settings)
    files, _ = article_paths([Path(settings["PATH"])])
    articles, _ = read_articles(files, _remembered(started.read))  # as build_timeline reads them: the same cache keys
    cache = ExtractionCache(Path(folder) / "extraction")
    missing = cache.missing(articles)
    if len(missing) < PARALLEL_THRESHOLD:  # a rebuild after a few changes: not worth starting processes
        return
    started.cache, started.pool = cache, ProcessPoolExecutor(max_workers=jobs)
    cache.prefetch(missing, partial(started.pool.submit, extract_batch, cache_folder=cache.folder),
                   batch_size(len(missing), jobs))


def _remembered(read: dict[Path, Article]):
    def read_and_remember(path: Path) -> Article:
        article = read[path] = read_article(path)
        return article
    return read_and_remember


def take_started(settings: dict) -> Started:
    """What was started for this build (an empty record where nothing was)."""
    return _STARTED.pop(id(settings), None) or Started(settings)


def drop_leftovers() -> None:
    """Stop what a build that failed before it read its dates left running."""
    while _STARTED:
        pool = _STARTED.popitem()[1].pool
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
