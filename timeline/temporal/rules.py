"""Load a language's rules file and compile its patterns.

A rules file (rules/<lang>.toml) holds word lists and patterns; this module
turns `{list}` placeholders into named groups of alternatives and compiles the
regular expressions once. It knows the file's shape, never its words.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

RULES_DIR = Path(__file__).parent / "rules"

_PLACEHOLDER = re.compile(r"\{([a-z_]+)(?::([a-z_0-9]+))?\}")


@dataclass(frozen=True)
class WordList:
    name: str
    meanings: dict[str, Any]  # lowercased word → meaning, unless case-sensitive
    case_sensitive: bool

    def meaning(self, word: str) -> Any:
        key = word if self.case_sensitive else word.lower()
        key = re.sub(r"\s+", " ", key)
        return self.meanings[key]

    def alternation(self) -> str:
        # Longest first, so that "the day before yesterday" wins over "yesterday".
        words = sorted(self.meanings, key=len, reverse=True)
        body = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in words)
        return f"(?-i:{body})" if self.case_sensitive else f"(?:{body})"


@dataclass(frozen=True)
class Pattern:
    kind: str
    regex: re.Pattern[str]
    groups: dict[str, str]  # group name → the word list it draws from
    only_in_range: bool = False
    # Recognition runs a pattern only near one of its trigger words, or near a
    # digit where it reads digits; a pattern with neither runs over the whole text.
    triggers: frozenset[str] = frozenset()
    reads_digits: bool = False
    # Context the expression must not stand in: "44-[year]-old" is an age, "$2 million
    # [a year]" a rate. Matched against the text just before (ending there) and just after.
    not_before: re.Pattern[str] | None = None
    not_after: re.Pattern[str] | None = None

    @property
    def runs_everywhere(self) -> bool:
        return not self.triggers and not self.reads_digits


@dataclass(frozen=True)
class Rules:
    language: str
    words: dict[str, WordList]
    patterns: tuple[Pattern, ...]
    tense: dict[str, frozenset[str]]
    range_joins: tuple[tuple[str, str], ...]
    clock_joins: frozenset[str]  # what may stand between a time of day and its day
    patterns_by_word: dict[str, tuple[int, ...]]  # a trigger word → the patterns it wakes
    wake_words: re.Pattern[str]  # the tokens worth a look: a trigger word, or one beginning or ending with a digit

    def meaning(self, group: str, pattern: Pattern, text: str) -> Any:
        return self.words[pattern.groups[group]].meaning(text)


@cache
def load_rules(language: str = "en") -> Rules:
    path = RULES_DIR / f"{language}.toml"
    if not path.exists():
        raise ValueError(f"no temporal rules for language {language!r} (looked for {path})")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    words = {
        name: WordList(
            name,
            {(k if spec.get("case") else k.lower()): v for k, v in spec["map"].items()},
            bool(spec.get("case")),
        )
        for name, spec in data["words"].items()
    }
    not_triggers = frozenset(data.get("recognition", {}).get("not_triggers", ()))
    patterns = tuple(_compile(entry, words, not_triggers) for entry in data["pattern"])
    tense = {name: frozenset(values) for name, values in data["tense"].items()}
    joins = tuple((opener, connector) for opener, connector in data["range"]["joins"])
    by_word = _patterns_by_word(patterns)
    return Rules(
        language,
        words,
        patterns,
        tense,
        joins,
        frozenset(data.get("clock", {}).get("joins", ())),
        by_word,
        _wake_words(by_word),
    )


def _wake_words(by_word: dict[str, tuple[int, ...]]) -> re.Pattern[str]:
    """One regex that finds the tokens recognition looks around, so that the scan for them runs
    in C rather than a Python loop over every word. The words go in as a trie ("day|days|
    daily" as "da(?:ys?|ily)"): an alternation of hundreds of words tried one by one at every
    character would cost more than it saves."""
    words = _trie(sorted(by_word))
    return re.compile(rf"(?<!\w)(?:{words}(?!\w)|\d\w*|\w*\d(?!\w))", re.IGNORECASE)


def _trie(words: list[str]) -> str:
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_source(root) or "(?!)"


def _trie_source(node: dict[str, dict]) -> str:
    branches = [re.escape(char) + _trie_source(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


def _patterns_by_word(patterns: tuple[Pattern, ...]) -> dict[str, tuple[int, ...]]:
    table: dict[str, list[int]] = {}
    for index, pattern in enumerate(patterns):
        for word in pattern.triggers:
            table.setdefault(word, []).append(index)
    return {word: tuple(indices) for word, indices in table.items()}


def _triggers(lists: list[WordList], not_triggers: frozenset[str]) -> frozenset[str]:
    """The words of these lists as the text's tokens are cut (runs of word characters: "new"
    and "year" of "New Year's"), lowercased, but the too common ones and single letters."""
    found = {part.lower() for word_list in lists for entry in word_list.meanings for part in re.split(r"\W+", entry)}
    return frozenset(word for word in found - not_triggers if len(word) > 1)


def _compile(entry: dict[str, Any], words: dict[str, WordList], not_triggers: frozenset[str]) -> Pattern:
    groups: dict[str, str] = {}

    def expand(match: re.Match[str]) -> str:
        list_name, alias = match.group(1), match.group(2)
        group = alias or list_name
        groups[group] = list_name
        return f"(?P<{group}>{words[list_name].alternation()})"

    source = _PLACEHOLDER.sub(expand, entry["regex"])
    triggers = _triggers([words[name] for name in groups.values()], not_triggers) | set(entry.get("triggers", ()))
    return Pattern(
        kind=entry["kind"],
        regex=re.compile(source, re.IGNORECASE),
        groups=groups,
        only_in_range=bool(entry.get("only_in_range")),
        triggers=triggers,
        # A pattern with trigger words needs one of them in every match ("Aug. 30" has its
        # month, "3 days ago" its unit), so only a pattern with none ("1998", "3 p.m.")
        # looks near every number; `near_digits` says so where the words are optional.
        reads_digits=entry.get("near_digits", "\\d" in entry["regex"] and not triggers),
        not_before=_context(entry, "not_before", words, anchor=r"\Z"),
        not_after=_context(entry, "not_after", words, anchor=""),
    )


def _context(entry: dict[str, Any], key: str, words: dict[str, WordList], anchor: str) -> re.Pattern[str] | None:
    """A context regex; the one before the expression must reach up to it (anchor \\Z)."""
    if key not in entry:
        return None
    source = _PLACEHOLDER.sub(lambda m: words[m.group(1)].alternation(), entry[key])
    return re.compile(f"(?:{source}){anchor}", re.IGNORECASE)
