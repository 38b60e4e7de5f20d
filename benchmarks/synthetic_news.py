"""Synthetic news articles for benchmarks: varied Markdown with datelines and relative dates.

    python benchmarks/synthetic_news.py FOLDER COUNT [--seed S]

Each article has a Pelican header (Title, Date, Slug) and six to twelve paragraphs
mixing what a news article says about time: weekdays ("said on Tuesday"),
deictic phrases ("earlier this week", "next month"), explicit dates
("on March 3"), anaphora ("that same day", "two days later"), durations and
sentences with no date at all. The same seed always writes the same articles.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

PEOPLE = [
    ("Maria Lopez", "the finance minister"), ("Jonas Berg", "the mayor"), ("Aisha Khan", "the health secretary"),
    ("Tom Whitaker", "the union leader"), ("Elena Petrova", "the foreign minister"), ("David Osei", "the central bank governor"),
    ("Hannah Schmidt", "the opposition leader"), ("Kenji Sato", "the trade envoy"), ("Laura Rossi", "the prosecutor"),
    ("Samuel Adeyemi", "the transport minister"), ("Ines Duarte", "the committee chair"), ("Peter Novak", "the chief executive"),
]
ORGANISATIONS = [
    "the city council", "parliament", "the central bank", "the health ministry", "the transport authority",
    "the port workers' union", "the energy regulator", "the supreme court", "the electoral commission", "the water board",
]
PLACES = ["Brussels", "Lisbon", "Nairobi", "Osaka", "Toronto", "Warsaw", "Lagos", "Geneva", "Valencia", "Oslo"]
SUBJECTS = [
    "the bridge repairs", "the new budget", "the rail strike", "the vaccine rollout", "the port expansion",
    "the election recount", "the water shortage", "the trade agreement", "the housing plan", "the tax reform",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]

# Sentences about the past, the future and no time at all; {when} is filled by a temporal expression.
PAST = [
    "{person}, {role}, said {when} that {org} would review {subject}.",
    "{when_cap}, {org} voted to suspend {subject} until further notice.",
    "{person} met officials in {place} {when} to discuss {subject}.",
    "{when_cap}, protesters gathered outside the offices of {org} in {place}.",
    "{org_cap} published its report on {subject} {when}.",
]
FUTURE = [
    "{org_cap} will meet {when} to decide on {subject}.",
    "{person} is expected to travel to {place} {when}.",
    "A final vote on {subject} is scheduled for {when}.",
]
ANAPHORA = [
    "That same day, {person} called for calm.",
    "Two days later, {org} reversed its decision.",
    "The following week, talks resumed in {place}.",
]
PLAIN = [
    "Critics say the plan leaves too many questions unanswered.",
    "{person} declined to comment on the details.",
    "Officials in {place} said the situation was being monitored closely.",
    "The costs of {subject} have risen sharply, according to {org}.",
    "Residents have complained about delays for {years} years.",
    "Negotiations have dragged on for {years} months without agreement.",
]
PAST_WHEN = ["on {weekday}", "earlier this week", "last week", "last month", "on {month} {day}", "yesterday",
             "on {weekday} evening", "in {month}"]
FUTURE_WHEN = ["next week", "on {weekday}", "next month", "on {month} {day}", "in the coming days", "tomorrow"]


def article(number: int, rng: random.Random, first: date, days: int) -> tuple[str, str]:
    """One article's file name and text."""
    dateline = first + timedelta(days=rng.randrange(days))
    subject, org, place = rng.choice(SUBJECTS), rng.choice(ORGANISATIONS), rng.choice(PLACES)
    person, role = rng.choice(PEOPLE)

    def fill(template: str, when_templates: list[str]) -> str:
        other, other_role = rng.choice(PEOPLE)
        when = rng.choice(when_templates or [""]).format(weekday=rng.choice(WEEKDAYS), month=rng.choice(MONTHS),
                                                 day=rng.randint(1, 28))
        return template.format(person=other if rng.random() < 0.5 else person, role=other_role, org=org,
                               org_cap=org[0].upper() + org[1:], place=place, subject=subject, when=when,
                               when_cap=when[:1].upper() + when[1:], years=rng.randint(2, 9))

    paragraphs = [fill(rng.choice(PAST), PAST_WHEN)]
    for _ in range(rng.randint(5, 11)):
        kind = rng.random()
        if kind < 0.35:
            sentences = [fill(rng.choice(PAST), PAST_WHEN)]
        elif kind < 0.55:
            sentences = [fill(rng.choice(FUTURE), FUTURE_WHEN)]
        elif kind < 0.7:
            sentences = [fill(rng.choice(PAST), PAST_WHEN), fill(rng.choice(ANAPHORA), [])]
        else:
            sentences = [fill(rng.choice(PLAIN), []) for _ in range(rng.randint(1, 3))]
        paragraphs.append(" ".join(sentences))
    title = f"{org[0].upper() + org[1:]} and {subject} ({place})"
    slug = f"story-{number:05d}"
    header = f"Title: {title}\nDate: {dateline.isoformat()}\nSlug: {slug}\nSource: synthetic\n\n"
    return f"{dateline.isoformat()}-{slug}.md", header + "\n\n".join(paragraphs) + "\n"


def write_articles(folder: Path, count: int, seed: int = 0, start: int = 0) -> list[Path]:
    """Write articles number `start` to `start + count - 1` into `folder`; the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for number in range(start, start + count):
        # One generator per article: article N is the same whatever the count.
        name, text = article(number, random.Random(f"{seed}-{number}"), date(2023, 1, 1), 730)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    write_articles(args.folder, args.count, args.seed)


if __name__ == "__main__":
    main()
