"""Python's garbage collector during a build.

A build makes millions of objects that live until it ends: the articles, their
events, the entries the pages are written from. Python's collector walks all of
them again at each full collection, which was a tenth of a full build of 1,000
articles. During a build it runs less often, and what exists once every
generator has made its context (the articles and the timeline, final by then)
is left out of its walks. At the end, everything is handed back to it.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

from pelican.plugins import signals

# Young objects are collected after this many new ones (Python's default is 700): writing one page
# makes thousands that die with it.
YOUNG_THRESHOLD = 10_000


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    thresholds = gc.get_threshold()
    gc.freeze()  # the modules and settings: there before the build and after it
    gc.set_threshold(YOUNG_THRESHOLD, *thresholds[1:])
    signals.all_generators_finalized.connect(_freeze)
    try:
        yield
    finally:
        signals.all_generators_finalized.disconnect(_freeze)
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _freeze(generators) -> None:
    gc.freeze()
