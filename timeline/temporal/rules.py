"""Load a language's rules file and compile its patterns.

A rules file (rules/<lang>.toml) holds word lists and patterns; this module
turns `{list}` placeholders into named groups of alternatives and compiles the
regular expressions once. It knows the file's shape, never its words.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Callable

RULES_DIR = Path(__file__).parent / "rules"

_PLACEHOLDER = re.compile(r"\{([a-z_]+)(?::([a-z_0-9]+))?\}")

# Distinct words remembered by the caches below: an archive's vocabulary, bounded so that a
# long run does not grow without end.
_TOKEN_CACHE = 200_000


@dataclass(frozen=True)
class WordList:
    name: str
    meanings: dict[str, Any]  # lowercased word → meaning, unless case-sensitive
    case_sensitive: bool
    # word as written in a text → its meaning: the same few spellings recur in every article
    _seen: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def meaning(self, word: str) -> Any:
        try:
            return self._seen[word]
        except KeyError:
            pass
        key = word if self.case_sensitive else word.lower()
        key = re.sub(r"\s+", " ", key)
        found = self.meanings[key]
        if len(self._seen) > _TOKEN_CACHE:
            self._seen.clear()
        self._seen[word] = found
        return found

    def alternation(self) -> str:
        # As a trie ("day|days|daily" as "da(?:ys?|ily)"): the engine tries an alternation's
        # words one by one at every position, and most patterns are a few lists long. The words
        # that can match at one place are prefixes of each other, and the trie tries the longer
        # first, as a list sorted longest first would: "the day before yesterday" wins over
        # "yesterday", and backtracking meets the words in the same order.
        body = _trie(list(self.meanings), _word_char)
        return f"(?-i:{body})" if self.case_sensitive else f"(?:{body})"


def _word_char(char: str) -> str:
    """A word's character in a pattern: a space stands for any run of white space."""
    return r"\s+" if char == " " else re.escape(char)


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
    clock_entry_heads: frozenset[str]  # what may stand before a time of day that is an entry's stamp
    patterns_by_word: dict[str, tuple[int, ...]]  # a trigger word → the patterns it wakes
    # Patterns woken by the same words look at the same stretches of text, so recognition
    # computes those once a "look": each pattern's look (None: it runs everywhere), the looks
    # a trigger word wakes, and those a token beginning or ending with a digit wakes.
    look_of_pattern: tuple[int | None, ...] = ()
    looks_by_word: dict[str, tuple[int, ...]] = field(default_factory=dict)
    digit_looks: tuple[int, ...] = ()
    # token as written → the looks it wakes; tokens repeat, and the test costs a lowercasing
    token_looks: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)

    def meaning(self, group: str, pattern: Pattern, text: str) -> Any:
        return self.words[pattern.groups[group]].meaning(text)

    @property
    def look_count(self) -> int:
        return max((look for look in self.look_of_pattern if look is not None), default=-1) + 1

    def looks_woken_by(self, token: str) -> tuple[int, ...]:
        """The looks a word token (a run of \\w) wakes: its trigger word's, and the digit
        patterns' where it begins or ends with a digit. Other tokens are not worth a look."""
        found = self.token_looks.get(token)
        if found is None:
            lower = token.lower()
            found = self.looks_by_word.get(lower, ())
            # a digit pattern reads \d, a decimal digit; a trigger word ("3rd") wakes its
            # looks whatever its digits are
            decimal = token[0].isdecimal() or token[-1].isdecimal()
            if decimal or (lower in self.patterns_by_word and (token[0].isdigit() or token[-1].isdigit())):
                found = tuple(sorted({*found, *self.digit_looks}))
            if len(self.token_looks) > _TOKEN_CACHE:
                self.token_looks.clear()
            self.token_looks[token] = found
        return found


@cache
def load_rules(language: str = "en") -> Rules:
    path = RULES_DIR / f"{language}.toml"
    if not path.exists():
        raise ValueError(f"no temporal rules for language {language!r} (looked for {path})")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    words = {
        name: WordList(
            name,
            {(k if spec.get("case") else k.lower()): v for k, v in _entries(spec, data["words"]).items()},
            bool(spec.get("case")),
        )
        for name, spec in data["words"].items()
    }
    not_triggers = frozenset(data.get("recognition", {}).get("not_triggers", ()))
    patterns = tuple(_compile(entry, words, not_triggers) for entry in data["pattern"])
    tense = {name: frozenset(values) for name, values in data["tense"].items()}
    joins = tuple((opener, connector) for opener, connector in data["range"]["joins"])
    by_word = _patterns_by_word(patterns)
    look_of_pattern, looks_by_word, digit_looks = _looks(patterns)
    return Rules(
        language,
        words,
        patterns,
        tense,
        joins,
        frozenset(data.get("clock", {}).get("joins", ())),
        frozenset(data.get("clock", {}).get("entry_heads", ())),
        by_word,
        look_of_pattern,
        looks_by_word,
        digit_looks,
    )


def _entries(spec: dict[str, Any], lists: dict[str, Any]) -> dict[str, Any]:
    """A word list's words and meanings: its map, and the numbers it composes (`compose`: each word
    of one list joined to each of another, meaning their sum: "twenty" and "four", "twenty-four")."""
    entries = dict(spec["map"])
    for rule in spec.get("compose", ()):
        for first, tens in lists[rule["first"]]["map"].items():
            for second, units in lists[rule["second"]]["map"].items():
                entries.update({f"{first}{joiner}{second}": tens + units for joiner in rule["joiners"]})
    return entries


def _looks(patterns: tuple[Pattern, ...]) -> tuple[tuple[int | None, ...], dict[str, tuple[int, ...]], tuple[int, ...]]:
    """Patterns grouped by what wakes them (their trigger words, whether they read digits)."""
    index: dict[tuple[frozenset[str], bool], int] = {}
    look_of_pattern = tuple(
        None if p.runs_everywhere else index.setdefault((p.triggers, p.reads_digits), len(index)) for p in patterns
    )
    by_word: dict[str, list[int]] = {}
    for (triggers, _), look in index.items():
        for word in triggers:
            by_word.setdefault(word, []).append(look)
    digit_looks = tuple(look for (_, digits), look in index.items() if digits)
    return look_of_pattern, {word: tuple(looks) for word, looks in by_word.items()}, digit_looks


def _trie(words: list[str], escape: Callable[[str], str] = re.escape) -> str:
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_source(root, escape) or "(?!)"


def _trie_source(node: dict[str, dict], escape: Callable[[str], str]) -> str:
    # An optional tail ("(?:...)?") is greedy: a word's longer forms are tried before it ends.
    branches = [escape(char) + _trie_source(child, escape) for char, child in sorted(node.items()) if char]
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
    # Words that wake it: those of its lists, those it names, and those of the lists it is woken by
    # without reading them ("Aug. 26-[29]" is looked for near a month's name).
    woken_by = [words[name] for name in (*groups.values(), *entry.get("woken_by", ()))]
    triggers = _triggers(woken_by, not_triggers) | set(entry.get("triggers", ()))
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
