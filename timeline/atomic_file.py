"""Files written whole or not at all: beside their place, then renamed over it.

A build killed halfway, or a disk that fills up, leaves the previous file (or none), never half
of one. The extraction cache, the page manifests, the kept pieces and the article index are
written so; a reader of any of them sees one build's file or another's.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in its folder, made if missing. Raises OSError,
    and leaves no temporary file behind when it does."""
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except FileNotFoundError:  # the folder's first file: one call more, and only then
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
