"""Shared test helpers: where ../shared is, and a skip with its reason where it is not."""

from __future__ import annotations

from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[1]
SHARED = REPOSITORY.parent / "shared"


def settings_file(folder: Path, **settings) -> Path:
    """A settings file in `folder`: the project's pelicanconf.py, with its relative paths made
    absolute (the file lives elsewhere) and `settings` added or changed."""
    conf = folder / "pelicanconf.py"
    lines = [
        f"exec(open({str(REPOSITORY / 'pelicanconf.py')!r}, encoding='utf-8').read())",
        f"THEME = {str(REPOSITORY / 'theme')!r}",
        f"PLUGIN_PATHS = [{str(REPOSITORY)!r}]",
        *(f"{name} = {value!r}" for name, value in settings.items()),
    ]
    conf.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return conf


def shared_path(*parts: str) -> Path:
    """A path inside ../shared; the calling test is skipped, with the reason, when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared test material sits beside the project in CI, not in a fresh clone")
    return path
