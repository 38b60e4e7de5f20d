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
    question: re.Pattern[str] | None = None  # ends a question, which reports nothing
    bound: re.Pattern[str] | None = None  # ends the text before an expression that bounds, not dates: "until"
    bound_lifted: re.Pattern[str] | None = None  # before a bound, makes it a date again: "not ... until"
    near_bound: re.Pattern[str] | None = None  # ends the text before an expression a bound so near it dates
    bound_then: re.Pattern[str] | None = None  # after a bound, what happens at it: "until July 15, when"


@cache
def load_language(code: str = "en") -> Language:
    path = LANGUAGE_DIR / f"{code}.toml"
    if not path.exists():
        raise ValueError(f"no language facts for {code!r} (looked for {path})")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    names, events = data["names"], data.get("events", {})
    return Language(
        code=code,
        not_names=frozenset(names["not_names"]),
        title_words=frozenset(names.get("title_words", ())),
        organisations=frozenset(names.get("organisations", ())),
        name_joiners=frozenset(names["joiners"]),
        adjective_endings=tuple(names.get("adjective_endings", ())),
        stop_words=frozenset(data["similarity"]["stop_words"]),
        titles=_any_of(names.get("titles", ())),
        stamp_label=_any_of(data.get("stamps", {}).get("labels", ()), r"\s*\Z", re.IGNORECASE),
        # closing brackets may follow, as text and tokenised corpora ("-RRB-") write them; not a closing
        # quote: "He asked on Tuesday: 'Why now?'" reports the asking
        question=_any_of(events.get("question_marks", ()), r"(?:\s*(?:[)\]]|-RRB-))*\s*\Z", before=""),
        bound=_any_of(events.get("bounds", ()), r"\s+\Z", re.IGNORECASE),
        bound_lifted=_any_of(events.get("bounds_lifted_by", ()), r"(?!\w)", re.IGNORECASE),
        near_bound=_any_of(events.get("near_bounds", ()), r"\s+\Z", re.IGNORECASE),
        bound_then=_any_of(events.get("bounds_then", ()), before=r"\s*,?\s*"),
    )


def _any_of(phrases, after: str = r"\b", flags: int = 0, before: str = r"\b") -> re.Pattern[str] | None:
    """One pattern for whole phrases, the longest first, what must come before them and what must follow them."""
    if not phrases:
        return None
    # An apostrophe in a phrase is either one a text may use: "won't", "won’t".
    alternatives = (re.escape(p).replace("'", "['’]") for p in sorted(phrases, key=len, reverse=True))
    return re.compile(before + "(?:" + "|".join(alternatives) + ")" + after, flags)
