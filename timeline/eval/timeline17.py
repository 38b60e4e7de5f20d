"""Timeline17: build each topic's timeline from its articles and score its dates.

The measure is the date selection of the news timeline summarisation literature
(Gholipour Ghalandari & Ifrim, ACL 2020): keep the predicted dates inside the
gold timeline's first and last date, rank them by the number of distinct
articles that report an event on that day, take as many as the gold timeline
has, and compare the two sets of dates. Coverage is the share of gold dates
that have any event at all, before the cut; beside it, the share that any
article names as a day or was published on: what no timeline of these articles
can exceed, however it reads them.

`python -m timeline.eval.timeline17 --explain DIR...` also lists, per topic, the
gold dates missed and the dates picked wrongly, with what reported them, and how
many dates tie with the last pick (those are taken earliest first).
"""

from __future__ import annotations

import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from typing import TextIO
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..events import extract_events
from ..model import Article, Event
from ..temporal import tag
from ..timeline import merge_reports

_GOLD_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# HeidelTime 2.2.1 scored the same way on the same topics (every full-day DATE it
# tags counts as an event of its article): the figures the project is measured
# against, as given in its issue; printed beside ours for reference, not re-measured.
HEIDELTIME_F1 = {
    "EgyptianProtest_cnn": 1.000,
    "Finan_washingtonpost": 0.708,
    "H1N1_bbc": 0.857,
    "H1N1_guardian": 0.833,
    "H1N1_reuters": 0.733,
    "MJ_bbc": 0.487,
    "bpoil_bbc": 0.521,
    "bpoil_guardian": 0.696,
    "bpoil_reuters": 0.375,
}


@dataclass(frozen=True)
class TopicScore:
    topic: str
    articles: int
    precision: float
    recall: float
    f1: float
    coverage: float
    events: int = 0  # after merging
    reports: int = 0  # event reports before merging: each article's own
    reach: float = 0.0  # the share of gold dates any article names as a day or was published on


def read_articles(topic: Path) -> list[Article]:
    """A topic's articles: InputDocs/<publication date>/<id>.txt, the folder name the dateline."""
    articles = []
    for path in sorted((topic / "InputDocs").glob("*/*")):
        try:
            dateline = date.fromisoformat(path.parent.name)
        except ValueError:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        slug = f"{path.parent.name}-{path.name.split('.')[0]}"
        articles.append(Article(slug=slug, title=slug, text=text, dateline=dateline, path=path))
    return articles


def read_gold(path: Path) -> list[date]:
    """The dates of one gold timeline file: a date line, its sentences, a line of dashes."""
    dates = set()
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if _GOLD_DATE.match(line.strip()):
            dates.add(date.fromisoformat(line.strip()))
    return sorted(dates)


def day_counts(events: Iterable[Event]) -> dict[date, int]:
    """Each day's number of distinct articles that report an event on it."""
    reporters: dict[date, set[str]] = defaultdict(set)
    for event in events:
        if event.granularity == "day":
            reporters[event.start].update(source.article for source in event.sources)
    return {day: len(articles) for day, articles in reporters.items()}


def select_dates(counts: dict[date, int], gold: list[date]) -> list[date]:
    first, last = gold[0], gold[-1]
    inside = [day for day in counts if first <= day <= last]
    inside.sort(key=lambda day: (-counts[day], day))
    return inside[: len(gold)]


def score_dates(predicted: list[date], gold: list[date], counts: dict[date, int],
                named: set[date]) -> tuple[float, float, float, float, float]:
    hits = len(set(predicted) & set(gold))
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    coverage = _share(gold, counts)
    return precision, recall, f1, coverage, _share(gold, named)


def _share(gold: list[date], days) -> float:
    return sum(1 for day in gold if day in days) / len(gold) if gold else 0.0


def engine_reports(articles: list[Article]) -> tuple[list[Event], set[date]]:
    """Each article's own events, before merging; and the days that any article names as a day (in
    any tense or clause) or was published on: the most that a timeline of these articles can cover."""
    events, named = [], set()
    for article in articles:
        mentions = tag(article.text, article.dateline)
        events.extend(extract_events(article, mentions))
        named.update(m.first for m in mentions if m.type in ("DATE", "TIME") and m.first is not None and m.first == m.last)
        named.add(article.dateline)
    return events, named | {event.start for event in events if event.granularity == "day"}


def score_topic(topic: Path, explain: TextIO | None = None) -> TopicScore:
    articles = read_articles(topic)
    reports, named = engine_reports(articles)
    events = merge_reports(reports)
    counts = day_counts(events)
    scores = []
    for gold_file in sorted((topic / "timelines").glob("*.txt")):
        gold = read_gold(gold_file)
        if gold:
            picked = select_dates(counts, gold)
            scores.append(score_dates(picked, gold, counts, named))
            if explain:
                explain_dates(f"{topic.name}/{gold_file.name}", picked, gold, counts, reports, named, explain)
    *mean, reach = [sum(values) / len(values) for values in zip(*scores)] if scores else [0.0] * 5
    return TopicScore(topic.name, len(articles), *mean, events=len(events), reports=len(reports), reach=reach)


def explain_dates(name: str, picked: list[date], gold: list[date], counts: dict[date, int], reports: list[Event],
                  named: set[date], out: TextIO) -> None:
    """The gold dates missed and the dates picked wrongly, each with its count and what reported it:
    how many articles reported it the same day, later, or in advance, and by which kind of
    expression (none: a lead dated by its dateline); a gold date no article names is said so."""
    how: dict[date, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for report in reports:
        if report.granularity == "day":
            source = report.sources[0]
            when = "ahead" if report.future else "same day" if source.published == report.start else "later"
            how[report.start][f"{when}/{'lead' if not report.expression else 'expression'}"].add(source.article)
    wanted, chosen = set(gold), set(picked)
    last = counts.get(picked[-1], 0) if picked else 0
    print(f"\n{name}: {len(wanted & chosen)} of {len(wanted)} gold dates picked; the last pick has {last} articles{_tie(picked, gold, counts, last)}", file=out)
    for label, days in (("missed", sorted(wanted - chosen)), ("wrong", sorted(chosen - wanted))):
        for day in days:
            detail = ", ".join(f"{kind} {len(articles)}" for kind, articles in sorted(how[day].items()))
            if day not in named:
                detail = "no article names this day"
            elif not detail:
                detail = "named, but no event is dated by it"
            print(f"  {label:6} {day} {day:%a} {counts.get(day, 0):4d}  {detail}", file=out)


def _tie(picked: list[date], gold: list[date], counts: dict[date, int], last: int) -> str:
    """How many dates have as many articles as the last pick: among them the earliest are picked,
    so a report more or less on any of them can move the score without reading a date better."""
    if not picked:
        return ""
    tied = [day for day in counts if gold[0] <= day <= gold[-1] and counts[day] == last]
    if len(tied) < 2:
        return ""
    wanted = set(gold)
    chosen = [day for day in picked if counts.get(day, 0) == last]
    return (f", as many as {len(tied)} dates ({sum(day in wanted for day in tied)} gold): "
            f"{len(chosen)} of them picked, earliest first ({sum(day in wanted for day in chosen)} gold)")


def topic_dirs(dirs: Iterable[Path]) -> list[Path]:
    """Topic folders: the folders given, or their subfolders, that hold InputDocs and timelines."""
    found = []
    for folder in map(Path, dirs):
        if (folder / "InputDocs").is_dir():
            found.append(folder)
        else:
            found.extend(sorted(p for p in folder.iterdir() if (p / "InputDocs").is_dir()))
    return found


def report(dirs: Iterable[Path], out=sys.stdout, explain: TextIO | None = None) -> list[TopicScore]:
    topics = topic_dirs(dirs)
    if not topics:
        raise SystemExit("no Timeline17 topic found (a topic folder holds InputDocs/ and timelines/)")
    scores = []
    header = f"{'topic':22} {'articles':>8} {'P':>6} {'R':>6} {'F1':>6} {'cover':>6} {'named':>6} {'HT F1':>6} {'reports':>8} {'events':>7} {'merged':>7} {'sec':>5}"
    print(header, file=out)
    for topic in topics:
        started = time.perf_counter()
        score = score_topic(topic, explain)
        scores.append(score)
        print(_row(score, HEIDELTIME_F1.get(score.topic), time.perf_counter() - started), file=out, flush=True)
    mean = lambda name: sum(getattr(s, name) for s in scores) / len(scores)  # noqa: E731
    reference = [HEIDELTIME_F1[s.topic] for s in scores if s.topic in HEIDELTIME_F1]
    reference_mean = sum(reference) / len(reference) if len(reference) == len(scores) else None
    total = TopicScore("mean", sum(s.articles for s in scores), mean("precision"), mean("recall"), mean("f1"), mean("coverage"),
                       sum(s.events for s in scores), sum(s.reports for s in scores), mean("reach"))
    print(_row(total, reference_mean, None), file=out)
    print("\nP/R/F1: date selection against each gold timeline (mean over a topic's timelines); cover: the share of gold "
          "dates with any event; named: the share of gold dates that any article names as a day (as the engine reads it) or was published on, "
          "the most any timeline of these articles can cover; HT F1: HeidelTime's F1, the reference; merged: the share of reports merged into "
          "another article's event.", file=out)
    return scores


def _row(score: TopicScore, reference: float | None, seconds: float | None) -> str:
    merged = 1 - score.events / score.reports if score.reports else 0.0
    ref = f"{reference:6.3f}" if reference is not None else f"{'-':>6}"
    sec = f"{seconds:5.1f}" if seconds is not None else ""
    return (f"{score.topic:22} {score.articles:8d} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f} "
            f"{score.coverage:6.3f} {score.reach:6.3f} {ref} {score.reports:8d} {score.events:7d} {merged:7.1%} {sec}")


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    explain = "--explain" in arguments
    dirs = [Path(a) for a in arguments if a != "--explain"]
    if not dirs:
        print("usage: python -m timeline.eval.timeline17 [--explain] DIR...", file=sys.stderr)
        return 2
    report(dirs, explain=sys.stdout if explain else None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
