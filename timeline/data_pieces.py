"""Data files made of per-event pieces, kept between builds: a rebuild serialises only the events that changed.

The feeds and exports (events.atom, events.ics, events.json, events.csv,
timelinejs.json, search.json) each hold every event, so one article added
meant writing thousands of unchanged events out again. Each exporter makes its
file as a header, then the text each event contributes (its piece) in the
file's order, then an end; it asks for a piece with `pieces(item, make)`, which
without a store is simply `make(item)` (`made_each_time`).

`PieceStore` is that call with a memory: a piece's key is the digest of what it
is made from (the event's entry, the settings and the code: the incremental
writer makes the keys), and its text is kept in the cache folder, one store per
data file, loaded and saved by the process that writes that file. Orderings and
headers are made each time; only pieces are kept. Pieces a build did not ask
for are dropped when it saves. Delete the folder at any time: pieces are made again.
"""

from __future__ import annotations

import json
import logging
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote, unquote

from .atomic_file import write_atomically

logger = logging.getLogger(__name__)

STORE_VERSION = 1
STORE_FOLDER = "data-pieces"

T = TypeVar("T")
# `pieces(item, make)`: the text `item` contributes to a data file, `make(item)` or that text as kept.
Pieces = Callable[[T, Callable[[T], str]], str]


def made_each_time(item: T, make: Callable[[T], str]) -> str:
    """No store: each piece is made (the CLI's exports, a build without a cache folder)."""
    return make(item)


def compact_json(value) -> str:
    """A data file's JSON, compact: programs read it, and without indentation the standard library
    encodes in C, several times faster on the thousands of events a large story has."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def json_array(items: Iterable[T], to_json: Callable[[T], object], pieces: Pieces = made_each_time) -> str:
    """`compact_json([to_json(item) for item in items])`, each item's JSON a piece."""
    def make(item: T) -> str:
        return compact_json(to_json(item))

    return "[" + ",".join([pieces(item, make) for item in items]) + "]"


def json_with(document: dict, key: str, text: str) -> str:
    """`compact_json(document)` with the member `key` written as `text` (the JSON of pieces): the same bytes,
    since the compact encoder writes an object as its members' JSON, in order, between braces."""
    return "{" + ",".join(f"{compact_json(name)}:{text if name == key else compact_json(value)}"
                          for name, value in document.items()) + "}"


class PieceStore:
    """One data file's pieces from the build that last wrote it; called as `pieces(item, make)`.

    `key_of(item)` is the digest of everything the item's piece is made from (None: it cannot be
    known, and the piece is made and not kept).
    """

    def __init__(self, path: Path, key_of: Callable[[object], bytes | None]):
        self.path = Path(path)
        self.key_of = key_of
        self._kept = self._load()
        self._used: dict[bytes, str] = {}  # the pieces of this build: what `save` keeps
        self.made = self.looked_up = 0

    def __call__(self, item: T, make: Callable[[T], str]) -> str:
        key = self.key_of(item)
        text = self._kept.get(key) if key is not None else None
        if text is None:
            text = make(item)
            self.made += 1
        else:
            self.looked_up += 1
        if key is not None:
            self._used[key] = text
        return text

    def _load(self) -> dict[bytes, str]:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as error:
            logger.warning("%s: cannot read the kept pieces (%s); they are made again", self.path, error.strerror or error)
            return {}
        try:
            # The project's own cache, written by `save` (as the extraction cache pickles its entries).
            stored = pickle.loads(data)
            if stored["version"] != STORE_VERSION:
                return {}  # kept by another version of this module: made again, without a fuss
            pieces = stored["pieces"]
            if isinstance(pieces, dict):
                return pieces
        except Exception:  # noqa: BLE001 - a truncated or garbled pickle can raise almost anything
            pass
        logger.warning("%s: the kept pieces are corrupt; they are made again", self.path)
        return {}

    def save(self) -> None:
        """Keep this build's pieces, and only those: the pieces of events that are gone are dropped."""
        if not self.made and len(self._used) == len(self._kept):
            return  # every piece was kept already, and every kept piece was used: the same store
        try:
            write_atomically(self.path, pickle.dumps({"version": STORE_VERSION, "pieces": self._used},
                                                     protocol=pickle.HIGHEST_PROTOCOL))
        except OSError as error:
            logger.warning("%s: cannot keep the pieces (%s); the next build makes them again",
                           self.path, error.strerror or error)


def store_path(cache_folder: Path, site_key: str, name: str) -> Path:
    """Where the pieces of the data file `name` of the site `site_key` are kept."""
    return Path(cache_folder) / STORE_FOLDER / f"{site_key}-{quote(name, safe='')}.pickle"


def drop_stores(cache_folder: Path, site_key: str, written: set[str]) -> None:
    """Remove the site's stores of data files it no longer writes (a feed turned off, a file renamed)."""
    for path in (Path(cache_folder) / STORE_FOLDER).glob(f"{site_key}-*.pickle"):
        if unquote(path.stem.split("-", 1)[1]) not in written:
            path.unlink(missing_ok=True)
