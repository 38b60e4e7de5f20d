"""The errors of a run, for rule work: a TSV of every one, and the most frequent classes.

A class groups errors by the *shape* of the expression ("MONTH 9, 9999", "the past NUM years")
rather than its words, so one missing rule shows up as one large class, not many small ones.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable

from .score import Error

COLUMNS = ("kind", "doc", "start", "end", "gold_text", "gold_type", "gold_value",
           "system_text", "system_type", "system_value", "context")

_MONTHS = r"jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sept?(?:ember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?"
_WEEKDAYS = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_NUMBERS = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|several|few|a couple of"
_SHAPES = [
    (re.compile(rf"\b(?:{_MONTHS})(?![\w])", re.I), "MONTH"),
    (re.compile(rf"\b{_WEEKDAYS}s?\b", re.I), "WEEKDAY"),
    (re.compile(rf"\b(?:{_NUMBERS})\b(?:-(?:{_NUMBERS}))?", re.I), "NUM"),
    # A day or an age ("3", "23", "44-year") is one shape; a year ("1998") stays apart from them.
    (re.compile(r"\d+"), lambda m: "9" if len(m.group()) <= 2 else "9" * min(len(m.group()), 4)),
]


def shape(text: str) -> str:
    """"Oct. 23, 1998" -> "MONTH 9, 9999"; "the past two years" -> "the past NUM years"."""
    text = " ".join(text.lower().split())  # lower first: the placeholders stay upper case
    for pattern, replacement in _SHAPES:
        text = pattern.sub(replacement, text)
    return text


def value_shape(value: str) -> str:
    return re.sub(r"\d", "9", value) or "''"


def error_class(e: Error) -> str:
    """What an error says about the rules: which shape was missed or wrongly found, or which
    kind of value came out instead of which."""
    if e.kind == "missed":
        return f"missed {e.gold.type}: {shape(e.gold.text)}"
    if e.kind == "spurious":
        return f"spurious {e.system.type}: {shape(e.system.text)}"
    if e.kind == "extent":
        return f"extent: gold {shape(e.gold.text)!r} / ours {shape(e.system.text)!r}"
    if e.kind == "type":
        return f"type {e.gold.type} -> {e.system.type}: {shape(e.gold.text)}"
    return f"value {value_shape(e.gold.value)} -> {value_shape(e.system.value)}: {shape(e.gold.text)}"


def write_tsv(errors: Iterable[Error], path: str | Path) -> int:
    """One row per error. Tabs and newlines inside the text become spaces; a cell with a quote
    is quoted the csv way, so csv.reader(delimiter="\\t") and pandas read every row back."""

    def cell(x: object) -> str:
        return " ".join(str(x if x is not None else "").split())

    rows = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(COLUMNS)
        for e in errors:
            g, s = e.gold, e.system
            at = g or s
            row = (e.kind, e.doc, at.start, at.end,
                   g.text if g else "", g.type if g else "", g.value if g else "",
                   s.text if s else "", s.type if s else "", s.value if s else "", e.context)
            writer.writerow([cell(x) for x in row])
            rows += 1
    return rows


def top_classes(errors: Iterable[Error], n: int = 15, examples: int = 3) -> list[tuple[str, int, list[str]]]:
    """The `n` most frequent error classes, each with its count and a few distinct examples."""
    counts: Counter[str] = Counter()
    seen: dict[str, list[str]] = defaultdict(list)
    for e in errors:
        key = error_class(e)
        counts[key] += 1
        if e.kind == "value":
            example = f"{e.gold.text!r} gold {e.gold.value} ours {e.system.value}"
        elif e.kind == "extent":
            example = f"gold {e.gold.text!r} ours {e.system.text!r}"
        else:
            example = repr((e.gold or e.system).text)
        if len(seen[key]) < examples and example not in seen[key]:
            seen[key].append(example)
    return [(key, count, seen[key]) for key, count in counts.most_common(n)]
