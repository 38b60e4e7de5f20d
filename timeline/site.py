"""Build the website with Pelican, and serve a built site on this machine.

`timeline build` and `timeline serve` call these; the settings are the
project's pelicanconf.py, which names the `timeline.pelican` plugin.

A build writes into a folder beside the output and swaps it in at the end
(`publish`), so a failed or interrupted build leaves the previous site whole;
only the pages whose inputs changed are rendered (`incremental`). Its exit code: 0 when the site was built, even with warnings (each
names its file); 1 when nothing could be built (Pelican crashed, or not one
article could be read), and then the previous site stays as it was.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
from pathlib import Path

from . import publish
from .build_log import counting_warnings, install_article_problems
from .collector import fewer_collections

SETTINGS_NAME = "pelicanconf.py"
# The folder of caches, beside the settings file, unless TIMELINE_CACHE_PATH says otherwise.
DEFAULT_CACHE = ".timeline-cache"

logger = logging.getLogger(__name__)


def find_settings(settings_file: Path | None = None) -> Path:
    """The settings to build with: the one asked for, else ./pelicanconf.py, else the project's."""
    candidates = [settings_file] if settings_file else [
        Path.cwd() / SETTINGS_NAME,
        Path(__file__).resolve().parent.parent / SETTINGS_NAME,  # a checkout or an editable install
    ]
    for candidate in candidates:
        if candidate.is_file():
            return candidate.resolve()
    raise FileNotFoundError(f"no {SETTINGS_NAME} found (looked at {', '.join(map(str, candidates))})")


def build(content: Path | None = None, output: Path | None = None, settings_file: Path | None = None, *,
          cache: bool = True, jobs: int = 1, strict: bool = False) -> int:
    """Build the site; 0 when it was built (warnings or not), 1 when nothing could be built.

    `content` and `output` override PATH and OUTPUT_PATH from the settings file. `cache`
    keeps extractions, Pelican's reading of articles and a manifest of the pages between
    builds (TIMELINE_CACHE_PATH); `jobs` processes read dates (0: one per core). With
    `strict`, a build that warned returns 1 and publishes nothing.
    """
    with counting_warnings() as warned:
        try:
            settings = read_build_settings(content, output, settings_file, cache, jobs)
            output_path = Path(settings["OUTPUT_PATH"])
            check_output_folder(output_path, settings)
        except (OSError, ValueError) as error:  # no settings file, no content folder, an unsafe output folder
            logger.error("%s", error)
            return 1
        try:
            staging = publish.Staging(output_path, keep=settings.get("OUTPUT_RETENTION") or ())
            with staging as folder:
                articles = run_pelican(settings, folder, output_path)
                if articles is None:
                    return 1
                if not articles:
                    logger.error("no article could be read from %s: nothing to build; %s is left as it was",
                                 settings["PATH"], output_path)
                    return 1
                if strict and warned.count:
                    logger.error("%d warning(s), and --strict: the site was not published", warned.count)
                    return 1
                staging.publish()
        except Exception:
            logger.exception("the site could not be built")
            return 1
    return 0


def read_build_settings(content: Path | None, output: Path | None, settings_file: Path | None,
                        cache: bool, jobs: int) -> dict:
    """The settings file's settings, with the command line's choices and every path made absolute."""
    from pelican.settings import read_settings  # Pelican sets up its logging on import; `timeline tag` needs none

    settings_path = find_settings(settings_file)
    overrides: dict = {"TIMELINE_JOBS": jobs}
    if content is not None:
        overrides["PATH"] = str(Path(content).resolve())
    if output is not None:
        overrides["OUTPUT_PATH"] = str(Path(output).resolve())
    settings = read_settings(str(settings_path), override=overrides)
    settings["OUTPUT_PATH"] = os.path.realpath(settings["OUTPUT_PATH"])
    folder = settings_path.parent
    cache_path = settings.get("TIMELINE_CACHE_PATH", DEFAULT_CACHE)
    if cache and cache_path:
        cache_path = Path(cache_path) if Path(cache_path).is_absolute() else folder / cache_path
        settings["TIMELINE_CACHE_PATH"] = str(cache_path)
        pelican_cache = pelican_cache_folder(cache_path, settings)
        if pelican_cache is not None:
            settings["CACHE_PATH"] = str(pelican_cache)
    else:
        settings["TIMELINE_CACHE_PATH"] = None
        pelican_cache = None
    if pelican_cache is None:
        settings["CACHE_CONTENT"] = settings["LOAD_CONTENT_CACHE"] = False
    return settings


def pelican_cache_folder(cache_path: Path, settings: dict) -> Path | None:
    """Where Pelican keeps what its readers made of each article, so that unchanged ones are not parsed again.

    Pelican checks only each file's stamp, not the settings or the readers' code; a
    folder per digest of those makes a change of either start afresh (older folders are removed).
    """
    from .incremental import settings_digest
    from .page_inputs import Unknowable

    try:
        digest = settings_digest(settings)[:16]
    except Unknowable:
        return None
    folder = cache_path / "pelican" / digest
    for other in folder.parent.glob("*"):
        if other != folder and other.is_dir():
            shutil.rmtree(other, ignore_errors=True)
    return folder


class UnsafeOutput(ValueError):
    """An output folder that publishing would destroy more than the site with."""


def check_output_folder(output: Path, settings: dict) -> None:
    """Refuse an output folder that holds the content, the settings or the caches: publishing replaces it whole."""
    for name in ("PATH", "THEME", "TIMELINE_CACHE_PATH"):
        inside = settings.get(name)
        if inside and Path(os.path.realpath(inside)).is_relative_to(output):
            raise UnsafeOutput(f"the output folder {output} contains {name} ({inside}); "
                             "building would replace it with the site: choose another output folder")


def run_pelican(settings: dict, staging: Path, output: Path) -> int | None:
    """Run Pelican into `staging`; the number of articles it read, or None when it could not run."""
    from pelican import Pelican
    from pelican.plugins import signals

    settings = {**settings, "OUTPUT_PATH": str(staging), "TIMELINE_PUBLISH_PATH": str(output)}
    install_article_problems(settings["PATH"])
    site = Pelican(settings)
    if "timeline.pelican" not in site.settings["PLUGINS"]:
        # Pelican logs a plugin that fails to load and carries on; without it there is no timeline.
        logger.error("the timeline.pelican plugin did not load")
        return None
    read = ArticleCount()
    signals.article_generator_finalized.connect(read)
    try:
        with fewer_collections():
            site.run()
    finally:
        signals.article_generator_finalized.disconnect(read)
    return read.count


class ArticleCount:
    """Receives Pelican's article generator when it is done reading: how many articles it read."""

    def __init__(self):
        self.count = 0

    def __call__(self, generator):
        self.count = sum(len(getattr(generator, name, ())) for name in
                         ("articles", "translations", "hidden_articles", "hidden_translations", "drafts"))


def serve(output: Path, port: int = 8000, bind: str = "127.0.0.1") -> int:
    """Serve the built site at http://bind:port/ until interrupted."""
    import http.server  # here, not above: only serving needs it, and every build would load it

    output = Path(output)
    if not (output / "index.html").is_file():
        logger.error("%s has no index.html: run `timeline build` first", output)
        return 1
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(output))
    with http.server.ThreadingHTTPServer((bind, port), handler) as server:
        print(f"Serving {output} at http://{bind}:{server.server_address[1]}/ (Ctrl-C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0
