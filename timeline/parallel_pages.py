"""Write a build's pages in several processes.

Rendering and writing thousands of event pages is CPU work that splits cleanly:
each page is one call that writes one file through the incremental writer, and
no page reads another. A forked child takes a share of the calls and sends back
what its copy of the writer learnt (the files it produced, their manifest
entries, its counts); the parent writes its own share meanwhile and merges. A
child that fails leaves its share to the parent, so the site is whole either way.

The child leaves what it learnt in a file, not a pipe: should the parent fail
before it reads, the child still finishes and exits.
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from .incremental import IncrementalWriter, WriterChanges

logger = logging.getLogger(__name__)

# Below this many pages, forking costs more than it saves.
MIN_PAGES = 200
# How often the parent reports progress, in pages.
PROGRESS_EVERY = 100

Page = Callable[[], None]


class Child:
    """A forked process writing some pages; `changes` waits for it and tells what its writer learnt."""

    def __init__(self, pid: int, results: str):
        self.pid, self.results = pid, results

    @classmethod
    def fork(cls, work: Callable[[], tuple[int, WriterChanges]]) -> Child:
        """Run `work` (which writes pages and says how many pages its list had, and its writer's changes) in a child."""
        handle, results = tempfile.mkstemp(prefix="timeline-pages-", suffix=".pickle")
        os.close(handle)
        pid = os.fork()
        if pid:
            return cls(pid, results)
        status = 1
        try:
            Path(results).write_bytes(pickle.dumps(work()))
            status = 0
        except BaseException:  # noqa: BLE001 - reported here, and the parent writes the pages itself
            logger.exception("writing pages in a child process")
        finally:
            logging.shutdown()
            os._exit(status)  # not the parent's exit handlers, nor its buffered output

    def changes(self) -> tuple[int, WriterChanges] | None:
        """What the child reported, or None when it failed."""
        _, status = os.waitpid(self.pid, 0)
        try:
            return pickle.loads(Path(self.results).read_bytes()) if status == 0 else None
        except (OSError, EOFError, pickle.UnpicklingError):
            return None
        finally:
            Path(self.results).unlink(missing_ok=True)


def write_pages(writer, pages: Sequence[Page], processes: int,
                progress: Callable[[int, int], None] | None = None) -> None:
    """Call every page of `pages`, in up to `processes` processes."""
    if processes <= 1 or len(pages) < MIN_PAGES or not hasattr(os, "fork") or not isinstance(writer, IncrementalWriter):
        _write(pages, progress, len(pages), 1)
        return
    # Interleaved shares: neighbouring pages cost alike, so each process gets as much work.
    shares = [pages[index::processes] for index in range(processes)]
    children = [(Child.fork(_share_work(writer, share)), share) for share in shares[1:]]
    _write(shares[0], progress, len(pages), processes)
    for child, share in children:
        _take_in(writer, child, share, len(share))


def _share_work(writer: IncrementalWriter, share: Sequence[Page]) -> Callable[[], tuple[int, WriterChanges]]:
    """What a child does with a share: write it with its copy of `writer`, and report."""
    def work():
        mark = writer.mark()
        _write(share, None, len(share), 1)
        return len(share), writer.changes_since(mark)
    return work


def _take_in(writer: IncrementalWriter, child: Child, share: Sequence[Page], count: int) -> None:
    """Merge what `child` learnt writing `share` (from a list of `count` pages), or write the share here."""
    reported = child.changes()
    if reported is None or reported[0] != count:
        logger.warning("the process writing %d pages failed; writing them in this one", len(share))
        _write(share, None, len(share), 1)
    else:
        writer.merge(reported[1])


def _write(pages: Sequence[Page], progress, total: int, scale: int) -> None:
    for done, page in enumerate(pages, 1):
        page()
        if progress and done % PROGRESS_EVERY == 0:
            progress(min(done * scale, total), total)


class EarlyShare:
    """A share of the plugin's pages, written by a child forked before Pelican writes its own article pages.

    Pelican writes the article pages first, in one process; a child started then
    writes part of the timeline's pages meanwhile, and the parent the rest after.
    The child takes a `fraction` of the pages, spread evenly (`shared_indices`),
    with a writer and a page list of its own; the parent's list is the same, so
    it knows which pages the child took without asking.
    """

    def __init__(self, child: Child, fraction: float):
        self.child, self.fraction = child, fraction

    @classmethod
    def start(cls, make_writer: Callable[[], IncrementalWriter], make_pages: Callable[[IncrementalWriter], Sequence[Page]],
              fraction: float) -> EarlyShare | None:
        if not hasattr(os, "fork"):
            return None

        def work():
            writer = make_writer()
            pages = make_pages(writer)
            mark = writer.mark()
            _write([pages[index] for index in shared_indices(len(pages), fraction)], None, 0, 1)
            return len(pages), writer.changes_since(mark)

        return cls(Child.fork(work), fraction)

    def finish(self, writer: IncrementalWriter, pages: Sequence[Page], processes: int,
               progress: Callable[[int, int], None] | None = None) -> None:
        """Write the pages the child did not take, then take in what it did (or write its share too, if it failed)."""
        taken = set(shared_indices(len(pages), self.fraction))
        write_pages(writer, [page for index, page in enumerate(pages) if index not in taken], processes, progress)
        _take_in(writer, self.child, [pages[index] for index in sorted(taken)], len(pages))


def shared_indices(count: int, fraction: float) -> list[int]:
    """`fraction` of the indices below `count`, spread evenly."""
    return [index for index in range(count) if int((index + 1) * fraction) > int(index * fraction)]
