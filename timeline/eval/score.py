"""The TempEval-3 timex measures, as the task's official scorer computes them.

UzZaman et al. (2013), and the scorer's `evaluate_entities.py`: a system expression and a gold
one match *relaxed* when their extents overlap and *strict* when the extents are identical; each
gold expression is matched at most once. Precision = matches / system expressions, recall =
matches / gold expressions, counted over the whole corpus (micro), not averaged per document.
Type and value accuracy are counted over the relaxed matches only, and the attribute F1 the task
ranks by is relaxed F1 x accuracy: value F1 = relaxed F1 x value accuracy.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Sequence

from .timeml import Timex


@dataclass(frozen=True)
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0  # relaxed matches whose type is right
    value_ok: int = 0  # relaxed matches whose value is right

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


@dataclass(frozen=True)
class Measures:
    strict_precision: float
    strict_recall: float
    strict_f1: float
    relaxed_precision: float
    relaxed_recall: float
    relaxed_f1: float
    type_accuracy: float
    value_accuracy: float
    type_f1: float
    value_f1: float


@dataclass(frozen=True)
class Error:
    """One disagreement, kept for inspection: what gold says, what the system said, and where."""

    kind: str  # missed, spurious, extent (overlap only), type, value
    doc: str
    gold: Timex | None
    system: Timex | None
    context: str


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def measures(c: Counts) -> Measures:
    sp, sr = _ratio(c.strict, c.system), _ratio(c.strict, c.gold)
    rp, rr = _ratio(c.relaxed, c.system), _ratio(c.relaxed, c.gold)
    rf = _f1(rp, rr)
    type_acc, value_acc = _ratio(c.type_ok, c.relaxed), _ratio(c.value_ok, c.relaxed)
    return Measures(sp, sr, _f1(sp, sr), rp, rr, rf, type_acc, value_acc, rf * type_acc, rf * value_acc)


def align(gold: Sequence[Timex], system: Sequence[Timex]) -> list[tuple[int, int]]:
    """Pairs (gold index, system index), one-to-one, of overlapping expressions.

    Identical extents pair first, so a gold that has an exact match keeps it even when an earlier
    gold also overlaps that system expression; the rest pair by largest overlap, then leftmost.
    """
    pairs: dict[int, int] = {}
    used: set[int] = set()
    exact: dict[tuple[int, int], list[int]] = {}
    for si, s in enumerate(system):
        exact.setdefault((s.start, s.end), []).append(si)
    for gi, g in enumerate(gold):
        free = [si for si in exact.get((g.start, g.end), ()) if si not in used]
        if free:
            pairs[gi] = free[0]
            used.add(free[0])
    for gi, g in enumerate(gold):
        if gi in pairs:
            continue
        overlapping = [
            (min(g.end, s.end) - max(g.start, s.start), -s.start, -si)
            for si, s in enumerate(system)
            if si not in used and s.start < g.end and g.start < s.end
        ]
        if overlapping:
            si = -max(overlapping)[2]
            pairs[gi] = si
            used.add(si)
    return sorted(pairs.items())


def score_document(
    doc_id: str, text: str, gold: Sequence[Timex], system: Sequence[Timex]
) -> tuple[Counts, list[Error]]:
    """The counts of one document, and its errors in text order."""
    pairs = align(gold, system)
    errors: list[Error] = []
    strict = type_ok = value_ok = 0
    for gi, si in pairs:
        g, s = gold[gi], system[si]
        same_extent = (g.start, g.end) == (s.start, s.end)
        strict += same_extent
        type_ok += g.type == s.type
        value_ok += g.value == s.value
        where = _context(text, min(g.start, s.start), max(g.end, s.end))
        if not same_extent:
            errors.append(Error("extent", doc_id, g, s, where))
        if g.value != s.value:
            errors.append(Error("value", doc_id, g, s, where))
        elif g.type != s.type:
            errors.append(Error("type", doc_id, g, s, where))
    matched_gold = {gi for gi, _ in pairs}
    matched_system = {si for _, si in pairs}
    errors += [Error("missed", doc_id, g, None, _context(text, g.start, g.end))
               for gi, g in enumerate(gold) if gi not in matched_gold]
    errors += [Error("spurious", doc_id, None, s, _context(text, s.start, s.end))
               for si, s in enumerate(system) if si not in matched_system]
    errors.sort(key=lambda e: (e.gold or e.system).start)
    counts = Counts(len(gold), len(system), strict, len(pairs), type_ok, value_ok)
    return counts, errors


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    """The expression in its surroundings, bracketed, on one line."""
    left = " ".join(text[max(0, start - width) : start].split())
    right = " ".join(text[end : end + width].split())
    middle = " ".join(text[start:end].split())
    return f"{left} [{middle}] {right}".strip()
