"""A progress bar for long extractions, on a terminal only: logs and CI get nothing."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# Extractions shorter than this finish before a bar would be worth drawing.
MIN_ARTICLES = 50


@contextmanager
def progress_bar(label: str, stream=None) -> Iterator[Callable[[int, int], None] | None]:
    """Yield a `progress(done, total)` callback drawing a bar on `stream` (stderr), or None off a terminal."""
    stream = stream or sys.stderr
    if not stream.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=Console(file=stream), transient=True)
    task = None

    def update(done: int, total: int) -> None:
        nonlocal task
        if total < MIN_ARTICLES:
            return
        if task is None:
            bar.start()
            task = bar.add_task(label, total=total)
        bar.update(task, completed=done)

    try:
        yield update
    finally:
        if task is not None:
            bar.stop()
