"""The case table: one behaviour of the temporal engine a row (../shared/cases/temporal-en.tsv).

A row gives a dateline, a sentence with the expression marked [[...]], and the
TIMEX3 value and type it must get; a row with value "-" has no expression at all.
"""

from __future__ import annotations

import csv
import re
from datetime import date

import pytest

from timeline.temporal import tag

from .conftest import SHARED, shared_path

CASES = SHARED / "cases" / "temporal-en.tsv"


def load_cases() -> list[dict]:
    if not CASES.exists():
        return []
    with open(CASES, encoding="utf-8") as table:
        return list(csv.DictReader(table, delimiter="\t"))


def _id(row: dict) -> str:
    return re.sub(r"\W+", "-", row["context"])[:60]


@pytest.mark.parametrize("row", load_cases() or [None], ids=lambda row: _id(row) if row else "no-table")
def test_case(row):
    if row is None:
        shared_path("cases", "temporal-en.tsv")
    marked = re.search(r"\[\[(.*?)\]\]", row["context"])
    text = row["context"].replace("[[", "").replace("]]", "")
    mentions = tag(text, date.fromisoformat(row["dct"]))
    if row["value"] == "-":
        assert mentions == [], row["note"]
        return
    start, end = marked.start(), marked.end() - 4
    hits = [m for m in mentions if m.start < end and start < m.end]
    assert len(hits) == 1, f"expected one expression inside {marked.group(1)!r}, got {hits}"
    assert (hits[0].value, hits[0].type) == (row["value"], row["type"]), row["note"]
    assert hits[0].first is None or hits[0].first <= hits[0].last


def test_table_is_complete():
    shared_path("cases", "temporal-en.tsv")
    assert len(load_cases()) >= 76


def test_intervals_and_mods():
    """The interval and precision each mention carries beside its value."""
    mentions = {m.text: m for m in tag("Earlier this week and earlier this month, then in late August.", date(2024, 8, 30))}
    week = mentions["Earlier this week"]
    assert (week.first, week.last, week.granularity) == (date(2024, 8, 26), date(2024, 8, 30), "week")
    month = mentions["earlier this month"]
    assert (month.first, month.last, month.mod) == (date(2024, 8, 1), date(2024, 8, 30), "START")
    late = mentions["late August"]
    assert late.mod == "END" and late.first > date(2024, 8, 15) and late.last == date(2024, 8, 31)


def test_no_dateline_keeps_only_absolute_dates():
    mentions = tag("On Tuesday the deal signed on Aug. 30, 2024 took effect; in 1998 too.", None)
    assert [m.value for m in mentions] == ["2024-08-30", "1998"]
