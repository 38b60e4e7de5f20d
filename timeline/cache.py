"""The extraction cache: an article's content → its mentions and events, so an unchanged article is never parsed again.

An entry's key is a hash of everything extraction reads — the article's text,
slug, title, path and dateline — and of the engine itself: the code and the
language data of the stages that read dates and make events. Changing a rule
invalidates every entry (each could change); changing an article invalidates
its own. The cache is one folder of small files, each an article's mentions and
events pickled (loading a thousand of them as JSON, and making the values again
field by field, took three times as long); like Pelican's own cache beside it,
it is the project's to write, not anyone's; delete it at any time. A corrupt
entry is a warning, and is extracted again.

Beside the entries, `MergeMemo` keeps how the last build merged the reports
of each interval, so that a rebuild compares only the reports of intervals
that changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections.abc import Callable
from concurrent.futures import Future
from functools import cache
from pathlib import Path

from .atomic_file import write_atomically
from .model import Article, Event, Mention

PACKAGE = Path(__file__).parent
# What extraction is made of: a change in any of these is a new engine.
ENGINE_FILES = ("temporal/**/*.py", "temporal/rules/*.toml", "language/*", "events.py", "sentences.py", "model.py", "articles.py")


@cache
def engine_version() -> str:
    digest = hashlib.sha256()
    for pattern in ENGINE_FILES:
        for path in sorted(PACKAGE.glob(pattern)):
            if path.is_file():
                digest.update(path.relative_to(PACKAGE).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class ExtractionCache:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.warnings: list[str] = []
        self.hits = 0
        self.misses = 0
        # Extractions started elsewhere before they were asked for (`prefetch`): key → (batch's future, place in it).
        self._prefetched: dict[str, tuple[Future, int]] = {}
        self._saved_elsewhere: set[str] = set()  # keys whose entries the prefetching processes wrote
        self._keys: dict[Article, str] = {}  # a build asks for an article's key several times; its text may be long

    def key(self, article: Article) -> str:
        try:
            return self._keys[article]
        except KeyError:
            key = self._keys[article] = self._key(article)
            return key
        except TypeError:  # an article that cannot be hashed: its key made each time
            return self._key(article)

    def _key(self, article: Article) -> str:
        identity = json.dumps(
            [engine_version(), article.slug, article.title, str(article.path), str(article.dateline), article.text],
            ensure_ascii=False,
        )
        return hashlib.sha256(identity.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def load(self, article: Article) -> tuple[list[Mention], list[Event]] | None:
        key = self.key(article)
        if key in self._prefetched:  # being extracted for this build: its entry, if there yet, is no cache hit
            self.misses += 1
            return None
        path = self._path(key)
        try:
            found = _entry(path.read_bytes())
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, *CORRUPT) as error:
            self.warnings.append(f"{path}: corrupt cache entry for {article.path} ({type(error).__name__}); extracted again")
            self.misses += 1
            return None
        self.hits += 1
        return found

    def has_entries(self) -> bool:
        """Whether any article is in the cache: a build has been made with it before."""
        return any(self.folder.glob("*/*.pickle"))

    def has(self, key: str) -> bool:
        """Whether the entry of `key` is there (without pathlib: a rebuild asks it of every article)."""
        return os.path.isfile(os.path.join(self.folder, key[:2], f"{key}.pickle"))

    def missing(self, articles: list[Article]) -> list[Article]:
        """The articles this cache has no entry for."""
        return [article for article in articles if not self.has(self.key(article))]

    def prefetch(self, articles: list[Article], submit_batch: Callable[[list[Article]], Future], batch_size: int) -> None:
        """Start extracting `articles` (`missing` ones), in batches, by `submit_batch(batch)`, which also
        saves their entries in this cache's folder (`timeline.extract_batch`).

        A build starts this before Pelican reads the articles, so that the dates are read while it
        does; `take_prefetched` collects each result. A batch that fails gives nothing: its
        articles are extracted again where the build asks for them, and the error shows there.
        """
        for start in range(0, len(articles), batch_size):
            batch = articles[start : start + batch_size]
            future = submit_batch(batch)
            for place, article in enumerate(batch):
                self._prefetched[self.key(article)] = (future, place)

    def take_prefetched(self, article: Article) -> tuple[list[Mention], list[Event]] | None:
        """The extraction `prefetch` made of this very article (same text, path, slug, dateline), if any."""
        found = self._prefetched.pop(self.key(article), None)
        if found is None:
            return None
        future, place = found
        try:
            result = future.result()[place]
        except Exception:  # noqa: BLE001 - extracted again by the caller, which reports the error
            return None
        self._saved_elsewhere.add(self.key(article))
        return result

    def save(self, article: Article, mentions: list[Mention], events: list[Event]) -> None:
        key = self.key(article)
        if key in self._saved_elsewhere:
            return
        path = self._path(key)
        data = pickle.dumps((list(mentions), list(events)), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            write_atomically(path, data)  # a build killed halfway never leaves half an entry
        except OSError as error:
            self.warnings.append(f"{self.folder}: cannot write the extraction cache ({error.strerror or error})")


class MergeMemo:
    """How the builds before merged the reports of each interval into events, by what the reports were
    made of: a rebuild compares again only the reports of intervals that changed (`merge.merge_events`).

    One file in the extraction cache's folder, made for one version of the merging code; it keeps
    what the last build used, so it does not grow with every article ever removed. Unreadable,
    it is simply not used (the reports are compared again).
    """

    FILE = "merges.pickle"

    def __init__(self, folder: Path):
        self.path = Path(folder) / self.FILE
        self._known: dict[str, tuple] = {}
        self._used: dict[str, tuple] = {}
        try:
            version, known = pickle.loads(self.path.read_bytes())
            if version == merge_version() and isinstance(known, dict):
                self._known = known
        except (OSError, *CORRUPT):
            pass

    @staticmethod
    def key(tokens) -> str:
        """The key of a group of reports, from what each is made of, in order."""
        return hashlib.sha256("\n".join(tokens).encode()).hexdigest()

    def clusters(self, key: str) -> tuple | None:
        found = self._known.get(key)
        if found is not None:
            self._used[key] = found
        return found

    def remember(self, key: str, clusters: tuple) -> None:
        self._used[key] = clusters

    def save(self) -> None:
        """Keep what this build used, when it is not what the file has already."""
        if self._used.keys() == self._known.keys():
            return
        try:
            write_atomically(self.path, pickle.dumps((merge_version(), self._used), protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # a memo only: the next build compares again


@cache
def merge_version() -> str:
    """The merging code's: reports are made by the engine, whose version is in each report's token already."""
    return hashlib.sha256((PACKAGE / "merge.py").read_bytes()).hexdigest()[:16]


# What unpickling damaged bytes raises, besides its own error.
CORRUPT = (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError, IndexError, KeyError)


def _entry(data: bytes) -> tuple[list[Mention], list[Event]]:
    """An entry's mentions and events; raises one of `CORRUPT` for bytes that are not one."""
    mentions, events = pickle.loads(data)
    if not (all(type(m) is Mention for m in mentions) and all(type(e) is Event for e in events)):
        raise TypeError("not mentions and events")
    return mentions, events
