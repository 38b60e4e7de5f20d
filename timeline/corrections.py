"""Editors' corrections, by event id, from a file beside the articles.

content/corrections.yaml maps an event id to what an editor changes:

    austinumerov-86591a5b1f:
      date: 2024-08-25          # a day; or start/end (and granularity) for an interval
      summary: Kirby says talks with Kyiv will stay private
    austinumerov-660eb95c26:
      hide: true                # never published
    bidenstarmer-0123456789:
      merge_into: blinken-lammy-kyiv-aaaaaaaaaa   # its sources join that event

Applied on every build, after merging; an id that matches no event, or an
entry that makes no sense, is a warning that names it, and the rest applies.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from .model import Event

CORRECTIONS_NAMES = ("corrections.yaml", "corrections.yml")
GRANULARITIES = ("day", "week", "month", "quarter", "season", "year", "decade")
FIELDS = {"date", "start", "end", "granularity", "summary", "hide", "merge_into", "note"}


@dataclass(frozen=True)
class Correction:
    id: str
    start: date | None = None
    end: date | None = None
    granularity: str | None = None
    summary: str | None = None
    hide: bool = False
    merge_into: str | None = None


def find_corrections(folders: list[Path]) -> Path | None:
    for folder in folders:
        for name in CORRECTIONS_NAMES:
            if (folder / name).is_file():
                return folder / name
    return None


def read_corrections(path: Path) -> tuple[list[Correction], list[str]]:
    """The corrections in a file, and a warning for each one that cannot be read."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as error:
        return [], [f"{path}: corrections not applied, the file does not parse: {_first_line(error)}"]
    if data is None:
        return [], []
    if not isinstance(data, dict):
        return [], [f"{path}: corrections not applied: expected a mapping of event id to changes"]
    corrections, warnings = [], []
    for event_id, change in data.items():
        try:
            corrections.append(_correction(str(event_id), change))
        except ValueError as error:
            warnings.append(f"{path}: correction for {event_id}: {error}")
    return corrections, warnings


def _correction(event_id: str, change: Any) -> Correction:
    if not isinstance(change, dict):
        raise ValueError("expected a mapping such as {hide: true} or {date: 2024-08-26}")
    unknown = set(change) - FIELDS
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(sorted(map(str, unknown)))}; known: {', '.join(sorted(FIELDS))}")
    start = _day(change.get("start", change.get("date")))
    end = _day(change.get("end", change.get("date"))) or start
    granularity = change.get("granularity") or ("day" if "date" in change else None)
    if granularity is not None and granularity not in GRANULARITIES:
        raise ValueError(f"granularity {granularity!r} is not one of {', '.join(GRANULARITIES)}")
    if (start is None) != (end is None) or (start and end and end < start):
        raise ValueError("a date needs a start on or before its end")
    summary = change.get("summary")
    return Correction(
        id=event_id,
        start=start,
        end=end,
        granularity=granularity,
        summary=str(summary) if summary is not None else None,
        hide=bool(change.get("hide", False)),
        merge_into=str(change["merge_into"]) if change.get("merge_into") else None,
    )


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def apply_corrections(events: list[Event], corrections: list[Correction], source: Path | None = None) -> tuple[list[Event], list[str]]:
    """The events as the editors corrected them, and a warning for each id that matches none."""
    by_id = {event.id: event for event in events}
    for event in events:
        for alias in event.aliases:
            by_id.setdefault(alias, event)
    where = f"{source}: " if source else ""
    warnings = []
    changed: dict[str, Event] = {event.id: event for event in events}
    hidden: set[str] = set()
    for correction in corrections:
        target = by_id.get(correction.id)
        if target is None:
            warnings.append(f"{where}correction for unknown event id {correction.id}")
            continue
        event = changed[target.id]
        if correction.start:
            event = replace(event, start=correction.start, end=correction.end, granularity=correction.granularity or event.granularity, value=_value(correction, event))
        if correction.summary is not None:
            event = replace(event, summary=correction.summary)
        changed[target.id] = event
        if correction.hide:
            hidden.add(target.id)
        if correction.merge_into:
            into = by_id.get(correction.merge_into)
            if into is None:
                warnings.append(f"{where}correction for {correction.id}: merge_into names unknown event id {correction.merge_into}")
                continue
            host = changed[into.id]
            changed[into.id] = replace(
                host,
                sources=host.sources + event.sources,
                actors=tuple(dict.fromkeys(host.actors + event.actors)),
                aliases=tuple(dict.fromkeys(host.aliases + (event.id,) + event.aliases)),
            )
            hidden.add(target.id)
    return [changed[event.id] for event in events if event.id not in hidden], warnings


def _value(correction: Correction, event: Event) -> str:
    if correction.start == correction.end:
        return correction.start.isoformat()
    return f"{correction.start.isoformat()}/{correction.end.isoformat()}"
