"""How fast the temporal engine reads news, against dateparser's search_dates on the same texts.

    python benchmarks/engine_speed.py [--sample N | --full] [--limit N]

Over the Timeline17 articles (../shared/corpora/timeline17/<topic>/InputDocs/<YYYY-MM-DD>/*.txt,
the folder name being the article's dateline): milliseconds per article and MB/s for
`timeline.temporal.tag` and for `search_dates(text, languages=['en'], RELATIVE_BASE=dateline)`,
and their ratio on the same articles. One process pinned to one core; each function is called
once before timing so that loading rules and language data is not counted.

It prints numbers and ratios and never fails on a slow machine (DESIGN.md, "Speed").
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date, datetime
from pathlib import Path
from typing import Callable

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpora" / "timeline17"


def read_articles(limit: int | None) -> list[tuple[str, date]]:
    paths = sorted(CORPUS.glob("*/InputDocs/*/*.txt"))
    articles = []
    for path in paths:
        try:
            dct = date.fromisoformat(path.parent.name)
        except ValueError:
            continue
        articles.append((path.read_text(encoding="utf-8", errors="replace"), dct))
    return articles[:limit] if limit else articles


def run_tag(text: str, dct: date) -> None:
    from timeline.temporal import tag

    tag(text, dct)


def run_search_dates(text: str, dct: date) -> None:
    from dateparser.search import search_dates

    search_dates(text, languages=["en"], settings={"RELATIVE_BASE": datetime(dct.year, dct.month, dct.day)})


def time_each(name: str, function: Callable[[str, date], None], articles: list[tuple[str, date]]) -> tuple[list[float], int]:
    """Seconds per article, and how many raised (timed up to the raise, and counted)."""
    function("Warm up: the meeting is on Tuesday, 3 March 2020.", date(2020, 3, 1))
    seconds: list[float] = []
    failures = 0
    step = max(1, len(articles) // 10)
    began = time.perf_counter()
    for i, (text, dct) in enumerate(articles, 1):
        start = time.perf_counter()
        try:
            function(text, dct)
        except Exception:  # noqa: BLE001 - a benchmark reports failures, it does not stop on them
            failures += 1
        seconds.append(time.perf_counter() - start)
        if i % step == 0 or i == len(articles):
            # On a terminal one line is rewritten; in a log, a line per tenth.
            tty = sys.stderr.isatty()
            print(f"{chr(13) if tty else ''}{name}: {i}/{len(articles)} articles, {time.perf_counter() - began:.0f} s",
                  end="" if tty and i < len(articles) else "\n", file=sys.stderr, flush=True)
    return seconds, failures


def spread(items: list, n: int) -> list[int]:
    """Indices of `n` items spread evenly over the list (topics and years all represented)."""
    if n >= len(items):
        return list(range(len(items)))
    return [i * len(items) // n for i in range(n)]


def line(name: str, seconds: list[float], articles: list[tuple[str, date]]) -> str:
    total = sum(seconds)
    megabytes = sum(len(text.encode("utf-8")) for text, _ in articles) / 1e6
    return (f"{name:<34}{len(seconds):>9}{1000 * total / len(seconds):>12.1f}"
            f"{1000 * statistics.median(seconds):>12.1f}{megabytes / total:>10.3f}{total:>10.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=int, default=200, metavar="N",
                        help="articles given to search_dates, spread over the corpus (default 200; it is slow)")
    parser.add_argument("--full", action="store_true", help="give search_dates every article")
    parser.add_argument("--limit", type=int, metavar="N", help="use only the first N articles")
    args = parser.parse_args(argv)

    if not CORPUS.is_dir():
        print(f"skipped: the Timeline17 corpus is not at {CORPUS} (it comes with ../shared)")
        return 0
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # single core, as promised

    articles = read_articles(args.limit)
    if not articles:
        print(f"skipped: no articles under {CORPUS}")
        return 0
    megabytes = sum(len(text.encode("utf-8")) for text, _ in articles) / 1e6
    print(f"Timeline17: {len(articles)} articles, {megabytes:.1f} MB, one core\n")

    tag_seconds, tag_failures = time_each("tag", run_tag, articles)
    picked = spread(articles, len(articles) if args.full else args.sample)
    sample = [articles[i] for i in picked]
    sd_seconds, sd_failures = time_each("search_dates", run_search_dates, sample)
    tag_on_sample = [tag_seconds[i] for i in picked]

    print(f"{'':<34}{'articles':>9}{'ms/article':>12}{'median ms':>12}{'MB/s':>10}{'s total':>10}")
    print(line("timeline.temporal.tag", tag_seconds, articles))
    if len(sample) < len(articles):
        print(line(f"timeline.temporal.tag (same {len(sample)})", tag_on_sample, sample))
    print(line("dateparser search_dates", sd_seconds, sample))
    ratio = sum(sd_seconds) / sum(tag_on_sample)
    print(f"\nsearch_dates / tag on the same {len(sample)} articles: {ratio:.1f}x the time")
    if len(sample) < len(articles):
        print(f"(search_dates ran on a sample of {len(sample)} of {len(articles)} articles spread over the corpus; "
              f"--full runs it on all, about {sum(sd_seconds) / len(sample) * len(articles):.0f} s)")
    for name, failures in (("tag", tag_failures), ("search_dates", sd_failures)):
        if failures:
            print(f"{name} raised on {failures} articles (timed up to the exception)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
