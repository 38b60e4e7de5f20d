"""What each article file was when a build last read it: its stamp, its extraction cache key, its status.

Before Pelican reads anything, a rebuild must know how many articles the
extraction cache lacks (a few: the timeline is made in one other process; many:
extraction on every core) and which files Pelican will publish (not drafts, nor
hidden articles). Reading every file to learn that took a tenth of a second at
1,000 articles, in the process everything else waits for; a file whose stamp is
the one recorded is taken to be what it was. The index only guides that choice:
the timeline is made from the files as they are, so a wrong guess costs time,
never a wrong page. It lives in the cache folder, and is dropped when the engine
changes (every key with it).
"""

from __future__ import annotations

import pickle
from pathlib import Path

from .atomic_file import write_atomically
from .cache import CORRUPT, engine_version
from .output_tree import Stamp, file_stamp

# A file's stamp when it was read, its article's cache key, and its status ("" for none).
Recorded = tuple[Stamp, str, str]


def file_stamps(files: list[Path]) -> dict[Path, Stamp]:
    """Each file's stamp, taken before it is read: a file changed after it is then recorded as changed.
    A file gone already is left out: Pelican will not read it either."""
    stamps = {path: file_stamp(path) for path in files}
    return {path: stamp for path, stamp in stamps.items() if stamp is not None}


def load_index(path: Path) -> dict[str, Recorded]:
    """The recorded files, by path; nothing when there is no index, it is damaged, or the engine changed."""
    try:
        engine, files = pickle.loads(path.read_bytes())
    except (OSError, *CORRUPT):
        return {}
    return files if engine == engine_version() and isinstance(files, dict) else {}


def save_index(path: Path, files: dict[str, Recorded]) -> None:
    """Written beside and renamed, so that a build killed halfway leaves the previous index; a failure
    only means the next build reads every file."""
    try:
        write_atomically(path, pickle.dumps((engine_version(), files), protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass
