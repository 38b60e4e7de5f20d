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
from functools import partial
from pathlib import Path

from .cache import ExtractionCache
from .timeline import PARALLEL_THRESHOLD, article_paths, batch_size, extract_batch, read_articles

# Extractions under way, by the build's settings (held, so that their id is not reused while they wait).
_STARTED: dict[int, tuple[dict, ExtractionCache, ProcessPoolExecutor]] = {}


def jobs_of(settings: dict) -> int:
    """Processes that read dates and write pages (TIMELINE_JOBS, 0: one per core)."""
    return int(settings.get("TIMELINE_JOBS", 1) or 0) or os.cpu_count() or 1


def start_reading_dates(generator) -> None:
    """Receives Pelican's article generator as it starts: extract what the cache lacks, elsewhere."""
    settings = generator.settings
    folder, jobs = settings.get("TIMELINE_CACHE_PATH"), jobs_of(settings)
    if not folder or jobs < 2 or id(settings) in _STARTED:
        return
    files, _ = article_paths([Path(settings["PATH"])])
    articles, _ = read_articles(files)  # as build_timeline reads them: the same slugs, so the same cache keys
    cache = ExtractionCache(Path(folder) / "extraction")
    missing = cache.missing(articles)
    if len(missing) < PARALLEL_THRESHOLD:  # a rebuild after a few changes: not worth starting processes
        return
    pool = ProcessPoolExecutor(max_workers=jobs)
    cache.prefetch(missing, partial(pool.submit, extract_batch, cache_folder=cache.folder), batch_size(len(missing), jobs))
    _STARTED[id(settings)] = settings, cache, pool


def take_started(settings: dict) -> tuple[ExtractionCache | None, ProcessPoolExecutor | None]:
    """The cache holding the extractions started for this build, and their pool (to shut down when done)."""
    _, cache, pool = _STARTED.pop(id(settings), (None, None, None))
    return cache, pool


def drop_leftovers() -> None:
    """Stop what a build that failed before it read its dates left running."""
    while _STARTED:
        _STARTED.popitem()[1][2].shutdown(wait=False, cancel_futures=True)
