"""Shared test helpers: where ../shared is, and a skip with its reason where it is not."""

from __future__ import annotations

from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[1]
SHARED = REPOSITORY.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path inside ../shared; the calling test is skipped, with the reason, when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared test material sits beside the project in CI, not in a fresh clone")
    return path
