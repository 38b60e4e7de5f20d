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
from dataclasses import asdict
from datetime import date
from functools import cache
from pathlib import Path

from .model import Article, Event, Mention, Source

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

    def key(self, article: Article) -> str:
        identity = json.dumps(
            [engine_version(), article.slug, article.title, str(article.path), str(article.dateline), article.text],
            ensure_ascii=False,
        )
        return hashlib.sha256(identity.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def load(self, article: Article) -> tuple[list[Mention], list[Event]] | None:
        path = self._path(self.key(article))
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

    def save(self, article: Article, mentions: list[Mention], events: list[Event]) -> None:
        path = self._path(self.key(article))
        data = {"mentions": [to_json(m) for m in mentions], "events": [to_json(e) for e in events]}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Written beside and renamed: a build killed halfway never leaves half an entry.
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False)
            os.replace(temporary, path)
        except OSError as error:
            self.warnings.append(f"{self.folder}: cannot write the extraction cache ({error.strerror or error})")


def to_json(value) -> dict:
    return json.loads(json.dumps(asdict(value), default=_default))


def _default(value):
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


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
