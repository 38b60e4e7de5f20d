"""Reading the articles' dates while Pelican reads the articles.

Pelican reads every article (its Markdown) in one process before any plugin
sees them; the temporal engine reads the same files. With several processes
(TIMELINE_JOBS), work starts when Pelican's article generator does:

- when the cache has entries (most likely a rebuild), the whole timeline, at
  once, in one other process: loading a thousand cache entries and merging
  their events takes about as long as Pelican's reading, which it overlaps.
  The build takes that timeline only if it is made from the very files Pelican
  read (`Started.timeline_of`); else it stops that process and makes the
  timeline itself. Which files those will be, and how many articles the cache
  lacks, this process learns by reading only the files that changed since the
  index (`article_index`) recorded them;
- when the cache lacks many articles (a first build, a new engine), their
  extraction, in a process pool, instead; the timeline takes the results when
  it is built (`ExtractionCache.prefetch`). An article Pelican ends up reading
  differently (another slug, say) is simply extracted then.
"""

from __future__ import annotations

import gc
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path

from .article_index import Recorded, file_stamps, load_index, save_index
from .articles import ARTICLE_SUFFIXES, read_article
from .cache import ExtractionCache
from .corrections import find_corrections
from .model import Article, Timeline
from .timeline import PARALLEL_THRESHOLD, batch_size, build_timeline, extract_batch, read_articles


@dataclass
class Started:
    """What a build began before it read its dates: the articles as they were read (to find each
    one's cache key they had to be), and the extractions under way (a first build) or the
    timeline being made (a rebuild), if any were worth starting."""

    settings: dict  # held, so that its id is not reused while the build runs
    read: dict[Path, Article] = field(default_factory=dict)
    cache: ExtractionCache | None = None
    pool: ProcessPoolExecutor | None = None  # extracting what the cache lacks
    worker: Pool | None = None  # making the timeline of `timeline_files`
    timeline_files: list[Path] = field(default_factory=list)
    timeline: AsyncResult | None = None  # of `_timeline_of`

    def timeline_of(self, files: list[Path]) -> tuple[Timeline, int, int] | None:
        """The timeline made elsewhere, if it is made from `files`, with the articles it found in the
        cache and those it read; None when none is, or it failed (the build then makes it, and shows why)."""
        if self.timeline is None or files != self.timeline_files:
            return None  # Pelican left out an article (one dated ahead, say): not even waited for
        try:
            made_from, *made = _loaded(self.timeline.get())
        except Exception:  # noqa: BLE001 - made again by the caller, which reports the error
            return None
        return tuple(made) if made_from == files else None

    def stop(self, wait: bool = True) -> None:
        """Stop what still runs: extractions nobody asked for, a timeline not taken."""
        if self.pool is not None:
            self.pool.shutdown(wait=wait, cancel_futures=True)
        if self.worker is not None:
            self.worker.terminate()

    def read_again(self, path: Path) -> Article:
        """The article at `path`, as read already in this build, else read now."""
        found = self.read.get(path)
        return found if found is not None else read_article(path)


_STARTED: dict[int, Started] = {}  # by the id of the build's settings
# The article index (`article_index`), in the cache folder.
INDEX = "articles.pickle"
# Statuses of articles Pelican does not list among the site's articles.
UNLISTED = ("draft", "hidden")


def jobs_of(settings: dict) -> int:
    """Processes that read dates and write pages (TIMELINE_JOBS, 0: one per core)."""
    return int(settings.get("TIMELINE_JOBS", 1) or 0) or os.cpu_count() or 1


def start_reading_dates(generator) -> None:
    """Receives Pelican's article generator as it starts: make the timeline, or extract what the
    cache lacks, elsewhere."""
    settings = generator.settings
    folder, jobs = settings.get("TIMELINE_CACHE_PATH"), jobs_of(settings)
    if not folder or jobs < 2 or id(settings) in _STARTED:
        return
    started = _STARTED[id(settings)] = Started(settings)
    files = _article_files(generator)
    cache, index = ExtractionCache(Path(folder) / "extraction"), Path(folder) / INDEX
    if cache.has_entries():  # most likely a rebuild: the timeline, elsewhere, from now on
        started.worker = Pool(1)
        started.timeline = started.worker.apply_async(_timeline_of, (files, Path(settings["PATH"]), cache.folder, index))
    statuses = _unchanged(files, load_index(index), cache)
    unknown = [path for path in files if path not in statuses]
    articles, _ = read_articles(unknown, _remembered(started.read))  # as build_timeline reads them: the same cache keys
    missing = cache.missing(articles)
    if len(missing) < PARALLEL_THRESHOLD:  # a few changes: not worth more processes
        statuses.update((path, _status(article)) for path, article in started.read.items())
        started.timeline_files = _listed(files, statuses)
        return
    started.stop()  # many (a first build, a new engine): extracted on every core instead
    started.worker = started.timeline = None
    started.cache, started.pool = cache, ProcessPoolExecutor(max_workers=jobs)
    cache.prefetch(missing, partial(started.pool.submit, extract_batch, cache_folder=cache.folder),
                   batch_size(len(missing), jobs))


def _article_files(generator) -> list[Path]:
    """The files Pelican's article generator reads as articles: not its pages, nor what it excludes."""
    settings = generator.settings
    listed = generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
    return sorted(Path(generator.path) / name for name in listed if Path(name).suffix.lower() in ARTICLE_SUFFIXES)


def _unchanged(files: list[Path], recorded: dict[str, Recorded], cache: ExtractionCache) -> dict[Path, str]:
    """The status of each file that is as the index recorded it, its cache entry still there."""
    unchanged = {}
    for path, stamp in file_stamps(files).items():
        found = recorded.get(str(path))
        if found is not None and found[0] == stamp and cache.has(found[1]):
            unchanged[path] = found[2]
    return unchanged


def _status(article: Article) -> str:
    return dict(article.metadata).get("status", "").lower()


def _listed(files: list[Path], statuses: dict[Path, str]) -> list[Path]:
    """The files Pelican lists among the site's articles: those read (that have a status), less drafts and hidden ones."""
    return [path for path in files if path in statuses and statuses[path] not in UNLISTED]


def _timeline_of(files: list[Path], content: Path, cache_folder: Path, index: Path) -> bytes:
    """The timeline of `files` as `TimelineGenerator.read_timeline` makes it, once they are known to be
    those Pelican publishes: pickled here, with the files it is made from and the cache's hits and
    misses, to be loaded by `_loaded`. The files as read are recorded in the index for the next build."""
    gc.disable()  # a process that lives for this: what it makes is all kept, or all freed when it ends
    stamps = file_stamps(files)
    read: dict[Path, Article] = {}
    read_articles(files, _remembered(read))  # as the build reads them; one that cannot be read, Pelican cannot either
    made_from = _listed(files, {path: _status(article) for path, article in read.items()})
    cache = ExtractionCache(cache_folder)
    timeline = build_timeline(made_from, corrections=find_corrections([content]), cache=cache, read=read.__getitem__)
    # Each under the slug the timeline gave it: a slug another article has already gets its -2 there.
    final = {article.path: article for article in timeline.articles}
    save_index(index, {str(path): (stamps[path], cache.key(final.get(path, article)), _status(article))
                       for path, article in read.items() if path in stamps})
    return pickle.dumps((made_from, timeline, cache.hits, cache.misses), protocol=pickle.HIGHEST_PROTOCOL)


def _loaded(data: bytes):
    """Unpickled without the garbage collector: it would walk the whole build's objects several
    times while hundreds of thousands of new ones, all kept, are made (a third of a second)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if collecting:
            gc.enable()


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
        _STARTED.popitem()[1].stop(wait=False)
