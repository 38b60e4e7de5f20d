"""Build the website with Pelican, and serve a built site on this machine.

`timeline build` and `timeline serve` call these; the settings are the
project's pelicanconf.py, which names the `timeline.pelican` plugin.
"""

from __future__ import annotations

import functools
import http.server
import logging
from pathlib import Path

SETTINGS_NAME = "pelicanconf.py"

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


def build(content: Path | None = None, output: Path | None = None, settings_file: Path | None = None) -> int:
    """Run Pelican once; 0 when the site was written without errors, 1 otherwise.

    `content` and `output` override PATH and OUTPUT_PATH from the settings file.
    """
    # Imported here: Pelican sets up its logging on import, which `timeline tag` does not need.
    from pelican import Pelican
    from pelican.settings import read_settings

    overrides = {}
    if content is not None:
        overrides["PATH"] = str(Path(content).resolve())
    if output is not None:
        overrides["OUTPUT_PATH"] = str(Path(output).resolve())

    root = logging.getLogger()
    errors = ErrorCounter()
    # Pelican reports through logging; when nobody has set logging up, show its warnings.
    shown = None if root.handlers else logging.StreamHandler()
    if shown:
        shown.setLevel(logging.WARNING)
        shown.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        root.addHandler(shown)
    root.addHandler(errors)
    try:
        settings = read_settings(str(find_settings(settings_file)), override=overrides)
        site = Pelican(settings)
        if "timeline.pelican" not in settings["PLUGINS"]:
            # Pelican logs a plugin that fails to load and carries on; without it there is no timeline.
            logger.error("the timeline.pelican plugin did not load")
            return 1
        site.run()
    except Exception:
        logger.exception("the site could not be built")
        return 1
    finally:
        root.removeHandler(errors)
        if shown:
            root.removeHandler(shown)
    return 1 if errors.count else 0


class ErrorCounter(logging.Handler):
    """Counts the errors logged during a build: Pelican reports a broken article and goes on."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.count = 0

    def emit(self, record):
        self.count += 1


def serve(output: Path, port: int = 8000, bind: str = "127.0.0.1") -> int:
    """Serve the built site at http://bind:port/ until interrupted."""
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
