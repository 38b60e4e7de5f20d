"""Write a build's pages in several processes.

Rendering and writing thousands of event pages is CPU work that splits cleanly:
each page is one call that writes one file through the incremental writer, and
no page reads another. The pages wait in a queue (`PageQueue`), filled before
any process is forked; each process, the parent included, takes the next few
until none are left. A process that has other work (the parent writes Pelican's
article pages first) or slower pages simply takes fewer, so all end together.

A forked child sends back what its copy of the writer learnt (the files it
produced, their manifest entries, its counts) and which pages it wrote; the
parent merges that, and writes itself any page a failed child had taken, so the
site is whole either way. The child leaves its report in a file, not a pipe:
should the parent fail before it reads, the child still finishes and exits.
"""

from __future__ import annotations

import logging
import os
import pickle
import struct
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
# What a child reports: how many pages its list had, its writer's changes, the indices it wrote.
Report = tuple[int, WriterChanges, list[int]]


class PageQueue:
    """The indices of `count` pages, in runs that processes take one at a time.

    A pipe, written whole before any fork: the kernel hands each run to exactly one
    reader, and an empty pipe whose writing end is closed means that all are taken.
    """

    INDEX = struct.Struct("=I")
    # At most this many runs: the whole queue must fit in a pipe's buffer (64 KiB on Linux, 4 KiB at least).
    MAX_RUNS = 1000

    def __init__(self, count: int):
        self.count = count
        self.run = max(4, -(-count // self.MAX_RUNS))
        self._taking, filling = os.pipe()
        try:
            data = memoryview(b"".join(self.INDEX.pack(start) for start in range(0, count, self.run)))
            while data:
                data = data[os.write(filling, data):]
        finally:
            os.close(filling)

    def take(self) -> range | None:
        """The next run of indices, or None when all are taken."""
        data = os.read(self._taking, self.INDEX.size)
        if not data:
            return None
        start = self.INDEX.unpack(data)[0]
        return range(start, min(start + self.run, self.count))

    def close(self) -> None:
        os.close(self._taking)


class Child:
    """A forked process writing pages; `report` waits for it and tells what it did."""

    def __init__(self, pid: int, results: str):
        self.pid, self.results = pid, results

    @classmethod
    def fork(cls, work: Callable[[], Report]) -> Child:
        """Run `work` (which writes pages and reports) in a child."""
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

    def report(self) -> Report | None:
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
        for index, page in enumerate(pages):
            page()
            _report_progress(progress, range(index, index + 1), len(pages))
        return
    queue = PageQueue(len(pages))
    children = [Child.fork(_taking(queue, lambda: (writer, pages))) for _ in range(processes - 1)]
    _finish(writer, pages, queue, children, progress)


class EarlyShare:
    """Pages written by a child forked before Pelican writes its own article pages.

    Pelican writes the article pages first, in one process; a child started then
    takes the plugin's pages from the queue meanwhile, and the parent joins it
    when its article pages are done. The child makes its own writer and page list;
    the parent's list is the same, page for page.
    """

    def __init__(self, child: Child, queue: PageQueue):
        self.child, self.queue = child, queue

    @classmethod
    def start(cls, make_writer: Callable[[], IncrementalWriter], make_pages: Callable[[IncrementalWriter], Sequence[Page]],
              count: int) -> EarlyShare | None:
        if not hasattr(os, "fork"):
            return None

        def made() -> tuple[IncrementalWriter, Sequence[Page]]:
            writer = make_writer()
            return writer, make_pages(writer)

        queue = PageQueue(count)
        return cls(Child.fork(_taking(queue, made)), queue)

    def finish(self, writer: IncrementalWriter, pages: Sequence[Page], processes: int,
               progress: Callable[[int, int], None] | None = None) -> None:
        """Take pages until none are left (with `processes` - 1 more children), then take in what the children did."""
        others = [Child.fork(_taking(self.queue, lambda: (writer, pages))) for _ in range(processes - 1)]
        _finish(writer, pages, self.queue, [self.child, *others], progress)


def _taking(queue: PageQueue, made: Callable[[], tuple[IncrementalWriter, Sequence[Page]]]) -> Callable[[], Report]:
    """What a child does: take pages from `queue` and write them with its writer, then report."""
    def work() -> Report:
        writer, pages = made()
        mark = writer.mark()
        done = _take_all(queue, pages, None)
        return len(pages), writer.changes_since(mark), done
    return work


def _finish(writer: IncrementalWriter, pages: Sequence[Page], queue: PageQueue, children: list[Child],
            progress: Callable[[int, int], None] | None) -> None:
    """Take pages until none are left, merge what each child did, and write what a failed one took."""
    done = set(_take_all(queue, pages, progress))
    queue.close()
    for child in children:
        report = child.report()
        if report is None or report[0] != len(pages):
            logger.warning("a process writing pages failed; this one writes the pages it had taken")
            continue
        writer.merge(report[1])
        done.update(report[2])
    for index in range(len(pages)):
        if index not in done:
            pages[index]()


def _take_all(queue: PageQueue, pages: Sequence[Page], progress: Callable[[int, int], None] | None) -> list[int]:
    done = []
    while (taken := queue.take()) is not None:
        for index in taken:
            pages[index]()
        done.extend(taken)
        _report_progress(progress, taken, len(pages))
    return done


def _report_progress(progress: Callable[[int, int], None] | None, taken: range, total: int) -> None:
    # Runs are taken in order: the end of the last one is about how far all processes have got.
    if progress and (taken.stop // PROGRESS_EVERY > taken.start // PROGRESS_EVERY or taken.stop == total):
        progress(taken.stop, total)
