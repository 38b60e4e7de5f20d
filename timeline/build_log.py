"""What a build tells its user: every problem as a warning that names its file, and a count of them.

Pelican reports an article it cannot read as an error ("Could not process
./x.md", without the reason unless DEBUG is set) and goes on without it. For a
timeline that is a warning, like every other problem with one article: the
rest of the site is built. `ArticleProblems` rewrites those records, on
Pelican's own loggers, into warnings that name the file and say why.
`WarningCounter` counts what a build warned, for `timeline build --strict`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Iterator

from .articles import ArticleError

# The loggers Pelican reports per-file problems on.
PELICAN_LOGGERS = ("pelican.generators", "pelican.contents")


class ArticleProblems(logging.Filter):
    """Turns Pelican's errors about one unreadable file into warnings naming the file and the reason."""

    def __init__(self, content_path: str = ""):
        super().__init__()
        self.content_path = content_path

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg == "Could not process %s" and record.args:
            # Logged from inside Pelican's `except` block: the exception is still the one being handled.
            path = self._path(record.args[0])
            self._rewrite(record, "%s; it has no page", self._reason(path, sys.exc_info()[1]))
        elif record.msg == "Skipping %s: could not find information about '%s'" and len(record.args or ()) == 2:
            path, field = self._path(record.args[0]), str(record.args[1])
            if _is_empty(path):
                self._rewrite(record, "%s: empty file, skipped; it has no page", path)
            elif field == "date":
                self._rewrite(record, "%s: no dateline (no Date: in its header, and none found in its text); "
                                      "skipped, it has no page", path)
            else:
                self._rewrite(record, "%s: no %s: in its header; skipped, it has no page", path, field.capitalize())
        return True

    @staticmethod
    def _reason(path: str, error: BaseException | None) -> str:
        if isinstance(error, ArticleError):
            return str(error)  # the timeline's reader says it all, naming the file
        if isinstance(error, ValueError) and "is not a valid date" in str(error):
            return f"{path}: its Date: header is not a date ({error})"
        return f"{path}: Pelican could not read it ({type(error).__name__}: {error})" if error else f"{path}: unreadable"

    def _path(self, path) -> str:
        return os.path.normpath(os.path.join(self.content_path, str(path)))

    @staticmethod
    def _rewrite(record: logging.LogRecord, message: str, *args) -> None:
        record.msg, record.args = message, args
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = record.exc_text = None


def _is_empty(path: str) -> bool:
    try:
        with open(path, "rb") as file:
            return not file.read(4096).strip()
    except OSError:
        return False


def install_article_problems(content_path: str) -> None:
    """Put the filter on Pelican's loggers (once), reading paths against this build's content folder."""
    for name in PELICAN_LOGGERS:
        log = logging.getLogger(name)
        found = next((f for f in log.filters if isinstance(f, ArticleProblems)), None)
        if found is None:
            log.addFilter(ArticleProblems(content_path))
        else:
            found.content_path = content_path


class WarningCounter(logging.Handler):
    """Counts the warnings and errors logged while it is attached."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


@contextlib.contextmanager
def counting_warnings() -> Iterator[WarningCounter]:
    """Count what is warned inside; show it on stderr when nobody has set logging up."""
    root = logging.getLogger()
    counter = WarningCounter()
    shown = None if root.handlers else logging.StreamHandler()
    if shown:
        shown.setLevel(logging.WARNING)
        shown.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        root.addHandler(shown)
    root.addHandler(counter)
    try:
        yield counter
    finally:
        root.removeHandler(counter)
        if shown:
            root.removeHandler(shown)
