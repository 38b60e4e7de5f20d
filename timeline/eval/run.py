"""Run one system over a corpus and score it, document by document."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from functools import reduce
from typing import Callable, Sequence

from .score import Counts, Error, score_document
from .systems import System
from .timeml import Document


@dataclass(frozen=True)
class DocumentResult:
    doc: str
    counts: Counts
    seconds: float
    chars: int


@dataclass(frozen=True)
class Result:
    system: str
    documents: tuple[DocumentResult, ...]
    errors: tuple[Error, ...]
    failures: tuple[tuple[str, str], ...] = ()  # (doc, exception) where the system raised

    @property
    def counts(self) -> Counts:
        return reduce(lambda a, b: a + b.counts, self.documents, Counts())

    @property
    def seconds(self) -> float:
        return sum(d.seconds for d in self.documents)

    def restricted(self, doc_ids: set[str]) -> "Result":
        """The same run scored over a subset of its documents (to compare with a sampled system)."""
        return Result(
            self.system,
            tuple(d for d in self.documents if d.doc in doc_ids),
            tuple(e for e in self.errors if e.doc in doc_ids),
            tuple(f for f in self.failures if f[0] in doc_ids),
        )


def evaluate(
    name: str,
    system: System,
    documents: Sequence[Document],
    timer: Callable[[Document, float], float] | None = None,
    quiet: bool = False,
) -> Result:
    """Score `system` on every document. A document where the system raises counts with no
    expressions found (as a scorer would see an empty output) and is listed in `failures`, so
    one bug does not hide the numbers of the rest. `timer` can replace the measured wall time
    (HeidelTime reports its own JVM time)."""
    results: list[DocumentResult] = []
    errors: list[Error] = []
    failures: list[tuple[str, str]] = []
    progress = Progress(name, len(documents), quiet)
    for i, doc in enumerate(documents, 1):
        began = time.perf_counter()
        try:
            found = system(doc.text, doc.dct)
        except Exception as error:  # noqa: BLE001 - reported, not hidden
            found = []
            failures.append((doc.id, f"{error.__class__.__name__}: {error}"))
        seconds = time.perf_counter() - began
        if timer:
            seconds = timer(doc, seconds)
        counts, doc_errors = score_document(doc.id, doc.text, doc.gold, found)
        results.append(DocumentResult(doc.id, counts, seconds, len(doc.text)))
        errors.extend(doc_errors)
        progress(i)
    return Result(name, tuple(results), tuple(errors), tuple(failures))


def sample(documents: Sequence[Document], n: int | None) -> list[Document]:
    """`n` documents spread evenly over the corpus (not its first n: those would all come from
    one sub-corpus), or all of them."""
    if n is None or n >= len(documents):
        return list(documents)
    if n <= 0:
        return []
    return [documents[i * len(documents) // n] for i in range(n)]


class Progress:
    """Documents done so far, on stderr: one line rewritten on a terminal, a line per tenth otherwise."""

    def __init__(self, name: str, total: int, quiet: bool = False):
        self.name, self.total, self.quiet = name, total, quiet
        self.tty = sys.stderr.isatty()
        self.began = time.perf_counter()

    def __call__(self, done: int, total: int | None = None) -> None:
        total = total or self.total
        if self.quiet or not total:
            return
        step = max(1, total // 10)
        if not self.tty and done % step and done != total:
            return
        elapsed = time.perf_counter() - self.began
        line = f"{self.name}: {done}/{total} documents, {elapsed:.0f} s"
        end = "\n" if not self.tty or done == total else ""
        print(("\r" if self.tty else "") + line, end=end, file=sys.stderr, flush=True)
