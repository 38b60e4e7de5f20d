"""The language facts the event stage uses: which words are names, which are too common to compare."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LANGUAGE_DIR = Path(__file__).parent


@dataclass(frozen=True)
class Language:
    code: str
    not_names: frozenset[str]  # capitalised words that are not (part of) a name
    title_words: frozenset[str]  # words of titles: they end a name, except an organisation's ("Foreign")
    organisations: frozenset[str]  # the last word of an organisation's name ("Ministry")
    name_joiners: frozenset[str]  # small words inside one name: "Ministry of Defence"
    adjective_endings: tuple[str, ...]  # a one-word name so ending is an adjective ("Ukrainian")
    stop_words: frozenset[str]
    titles: re.Pattern[str] | None = None  # titles of several words before a name: "Secretary of State"
    stamp_label: re.Pattern[str] | None = None  # what heads a page's stamp: "Page last updated at"


@cache
def load_language(code: str = "en") -> Language:
    path = LANGUAGE_DIR / f"{code}.toml"
    if not path.exists():
        raise ValueError(f"no language facts for {code!r} (looked for {path})")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return Language(
        code,
        frozenset(data["names"]["not_names"]),
        frozenset(data["names"].get("title_words", ())),
        frozenset(data["names"].get("organisations", ())),
        frozenset(data["names"]["joiners"]),
        tuple(data["names"].get("adjective_endings", ())),
        frozenset(data["similarity"]["stop_words"]),
        _any_of(data["names"].get("titles", ())),
        _any_of(data.get("stamps", {}).get("labels", ()), r"\s*\Z", re.IGNORECASE),
    )


def _any_of(phrases, after: str = r"\b", flags: int = 0) -> re.Pattern[str] | None:
    """One pattern for whole phrases, the longest first, and what must follow them."""
    if not phrases:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + ")" + after, flags)
