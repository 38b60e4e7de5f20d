"""The extraction cache: an article's content → its mentions and events, so an unchanged article is never parsed again.

An entry's key is a hash of everything extraction reads — the article's text,
slug, title, path and dateline — and of the engine itself: the code and the
language data of the stages that read dates and make events. Changing a rule
invalidates every entry (each could change); changing an article invalidates
its own. The cache is one folder of small JSON files; delete it at any time.
A corrupt entry is a warning, and is extracted again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from concurrent.futures import Future
from datetime import date
from functools import cache
from pathlib import Path

from .model import Article, Event, Mention, Source, field_names

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
        return self.folder / key[:2] / f"{key}.json"

    def load(self, article: Article) -> tuple[list[Mention], list[Event]] | None:
        key = self.key(article)
        if key in self._prefetched:  # being extracted for this build: its entry, if there yet, is no cache hit
            self.misses += 1
            return None
        path = self._path(key)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            found = [mention_from_json(m) for m in data["mentions"]], [event_from_json(e) for e in data["events"]]
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, ValueError, KeyError, TypeError) as error:
            self.warnings.append(f"{path}: corrupt cache entry for {article.path} ({type(error).__name__}); extracted again")
            self.misses += 1
            return None
        self.hits += 1
        return found

    def missing(self, articles: list[Article]) -> list[Article]:
        """The articles this cache has no entry for."""
        return [article for article in articles if not self._path(self.key(article)).is_file()]

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
        data = {"mentions": [to_json(m) for m in mentions], "events": [to_json(e) for e in events]}
        text = json.dumps(data, ensure_ascii=False)
        try:
            if not path.parent.is_dir():
                path.parent.mkdir(parents=True, exist_ok=True)
            # Written beside and renamed: a build killed halfway never leaves half an entry.
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, path)
        except OSError as error:
            self.warnings.append(f"{self.folder}: cannot write the extraction cache ({error.strerror or error})")


def to_json(value) -> dict:
    """A Mention or an Event as JSON values: what `json.loads(json.dumps(asdict(value)))` gives, without its copies."""
    return _plain(value)


def _plain(value):
    kind = type(value)
    if kind is str or kind is int or kind is float or kind is bool or value is None:
        return value
    if kind is tuple or kind is list:
        return [_plain(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    names = field_names(kind)
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    raise TypeError(f"{kind.__name__} cannot be cached")


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def mention_from_json(data: dict) -> Mention:
    return Mention(**{**data, "first": _day(data["first"]), "last": _day(data["last"])})


def event_from_json(data: dict) -> Event:
    sources = tuple(Source(**{**s, "published": _day(s["published"])}) for s in data["sources"])
    return Event(
        **{
            **data,
            "start": _day(data["start"]),
            "end": _day(data["end"]),
            "sources": sources,
            "actors": tuple(data["actors"]),
            "aliases": tuple(data["aliases"]),
        }
    )
