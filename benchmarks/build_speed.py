"""How fast `timeline build` is: against plain Pelican, on a rebuild after one new article, and per article.

    python benchmarks/build_speed.py                      # synthetic sites of 100 and 1,000 articles, and Timeline17
    python benchmarks/build_speed.py --sizes 100,1000,5000   # add 5,000 (several minutes)
    python benchmarks/build_speed.py --sizes 1000 --no-timeline17 --jobs 2

For each site (synthetic news articles from `synthetic_news.py`, and the Timeline17 articles in
../shared/corpora/timeline17 when that folder is there), in a temporary folder:

- plain Pelican: `pelican` on the same articles with the same settings and theme, without the
  timeline plugin (and without caches): the pages Pelican makes by itself;
- full build: `timeline build` from nothing (no output, no cache), in one process and with --jobs
  (default: every core); its ratio to plain Pelican;
- the second build, unchanged (it makes the spare folder the next builds work in), and a third;
- one article added, then `timeline build`: its time and ratio to the full build, the files
  whose modification time changed (or that are new) out of all, and how many articles were
  extracted and how many Pelican's readers parsed again (both should be 1);
- articles per second read by the temporal engine and events stage (`timeline.timeline.extract`)
  against dateparser's `search_dates` on the same texts (on a sample: it is slow).

Every build runs as its own command, timed from outside. Nothing here fails on a slow machine:
it prints the numbers (DESIGN.md, "Speed").
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parent
TIMELINE17 = REPOSITORY.parent / "shared" / "corpora" / "timeline17"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPOSITORY))

from synthetic_news import write_articles  # noqa: E402

# Runs `timeline build` in a fresh interpreter and reports what was read again, as JSON on the last line.
COUNTING_BUILD = """
import json, logging, sys
from timeline.cli import command
from timeline.pelican import RawTextReader, TolerantMarkdownReader
parsed, extracted = [], []
for reader in (TolerantMarkdownReader, RawTextReader):  # what Pelican reads an article with: cached, it is not called
    reader.read = (lambda read: lambda self, path: parsed.append(1) or read(self, path))(reader.read)

class ExtractionCount(logging.Handler):
    def emit(self, record):
        if record.msg.startswith("extraction cache"):
            extracted.append(record.args[1])  # (from the cache, read)

log = logging.getLogger("timeline.pelican")
log.setLevel(logging.INFO)
log.addHandler(ExtractionCount())
status = command()
print(json.dumps({"status": status, "extracted": sum(extracted), "parsed": len(parsed)}))
sys.exit(status)
"""

# Plain Pelican reading the raw .txt articles of Timeline17: only the project's reader, and a page of
# its own for each article whose file name it shares with another (else Pelican stops), no timeline.
TXT_READER_PLUGIN = """
from pelican import signals
from timeline import unique_slugs
from timeline.pelican import RawTextReader

def add_reader(readers):
    readers.reader_classes["txt"] = RawTextReader

def register():
    signals.readers_init.connect(add_reader)
    signals.article_generator_init.connect(unique_slugs.read_in_path_order)
    signals.content_object_init.connect(unique_slugs.on_content_made)
"""


def write_settings(folder: Path, cache: Path) -> tuple[Path, Path]:
    """The timeline's settings, and plain Pelican's: the same, less the plugin (and with no cache)."""
    base = [
        f"exec(open({str(REPOSITORY / 'pelicanconf.py')!r}, encoding='utf-8').read())",
        f"THEME = {str(REPOSITORY / 'theme')!r}",
    ]
    timeline_conf = folder / "timeline_conf.py"
    timeline_conf.write_text("\n".join(base + [
        f"PLUGIN_PATHS = [{str(REPOSITORY)!r}]",
        f"TIMELINE_CACHE_PATH = {str(cache)!r}",
    ]) + "\n", encoding="utf-8")
    (folder / "plain_txt_reader.py").write_text(TXT_READER_PLUGIN, encoding="utf-8")
    plain_conf = folder / "plain_conf.py"
    plain_conf.write_text("\n".join(base + [
        f"PLUGIN_PATHS = [{str(folder)!r}, {str(REPOSITORY)!r}]",
        "PLUGINS = ['plain_txt_reader']",
        # The theme's filter and its cache of the parts every page has, which the plugin provides.
        "JINJA_FILTERS = {'day': lambda d: f'{d.day} {d:%b %Y}'}",
        "from timeline.fragment_cache import FragmentCache",
        "JINJA_GLOBALS = {'cached': FragmentCache()}",
        "CACHE_CONTENT = LOAD_CONTENT_CACHE = False",
    ]) + "\n", encoding="utf-8")
    return timeline_conf, plain_conf


def timed(command: list[str]) -> tuple[float, dict]:
    began = time.perf_counter()
    run = subprocess.run(command, capture_output=True, text=True, cwd=REPOSITORY)
    seconds = time.perf_counter() - began
    if run.returncode != 0:
        sys.exit(f"failed ({run.returncode}): {' '.join(command)}\n{run.stderr[-3000:]}")
    lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
    return seconds, (json.loads(lines[-1]) if lines else {})


def timeline_build(conf: Path, content: Path, output: Path, jobs: int) -> tuple[float, dict]:
    return timed([sys.executable, "-c", COUNTING_BUILD, "build", "--settings", str(conf), "--content", str(content),
                  "--output", str(output), "--jobs", str(jobs)])


def stamps(site: Path) -> dict[str, int]:
    return {str(p.relative_to(site)): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def measure_site(name: str, content: Path, held_back: Path, destination: Path, work: Path, jobs: int,
                 sample: int, repeat: int) -> dict:
    """Every measure on one folder of articles; `held_back` is the article added (at `destination`) for the rebuild.

    Times are the best of `repeat` runs: the machine's other work only ever adds time.
    """
    cache, output = work / "cache", work / "site" / "output"
    timeline_conf, plain_conf = write_settings(work, cache)
    articles = sum(1 for p in content.rglob("*") if p.suffix in (".md", ".txt"))
    row: dict = {"site": name, "articles": articles}

    def from_nothing(processes: int) -> float:
        # Moved aside, not deleted: deleting tens of thousands of files slows the disk for a while
        # after (on file systems mounted with `discard`), which would be timed as the next build.
        trash = Path(tempfile.mkdtemp(prefix="previous-", dir=work))
        for folder in (cache, output.parent):
            if folder.exists():
                folder.rename(trash / folder.name)
        return timeline_build(timeline_conf, content, output, processes)[0]

    progress(f"{name}: plain Pelican")
    row["plain"] = min(timed(["pelican", "-s", str(plain_conf), str(content), "-o", str(work / "plain"), "-q"])[0]
                       for _ in range(repeat))
    progress(f"{name}: full build, 1 process")
    row["full_1"] = min(from_nothing(1) for _ in range(repeat))
    progress(f"{name}: full build, {jobs} processes")
    row["full"] = min(from_nothing(jobs) for _ in range(repeat))
    row["files"] = len(stamps(output))
    progress(f"{name}: builds with nothing changed")
    row["second"], _ = timeline_build(timeline_conf, content, output, jobs)
    thirds = [timeline_build(timeline_conf, content, output, jobs) for _ in range(repeat)]
    row["third"] = min(seconds for seconds, _ in thirds)
    row["third_extracted"], row["third_parsed"] = thirds[0][1]["extracted"], thirds[0][1]["parsed"]

    progress(f"{name}: one article added")
    rebuilds = []
    for attempt in range(repeat):
        if attempt:  # back to the site without it, then add it again
            destination.unlink()
            timeline_build(timeline_conf, content, output, jobs)
            timeline_build(timeline_conf, content, output, jobs)
        before = stamps(output)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(held_back, destination)
        seconds, counts = timeline_build(timeline_conf, content, output, jobs)
        after = stamps(output)
        rebuilds.append(seconds)
        if not attempt:
            row["rewritten"] = sum(1 for path, mtime in after.items() if before.get(path) != mtime)
            row["removed"] = len(before.keys() - after.keys())
            row["files_after"] = len(after)
            row["extracted"], row["parsed"] = counts["extracted"], counts["parsed"]
    row["rebuild"] = min(rebuilds)

    progress(f"{name}: extraction speed")
    row.update(extraction_speed(content, sample))
    return row


def extraction_speed(content: Path, sample: int) -> dict:
    """Articles per second: the timeline's extraction, and search_dates on a sample of the same texts."""
    from dateparser.search import search_dates

    from timeline.timeline import extract, read_articles

    articles, _ = read_articles([p for p in sorted(content.rglob("*")) if p.suffix in (".md", ".txt")])
    extract(articles[0])  # rules and language data loaded before timing
    began = time.perf_counter()
    for article in articles:
        extract(article)
    ours = len(articles) / (time.perf_counter() - began)

    step = max(1, len(articles) // sample)
    chosen = articles[::step][:sample]
    search_dates("Warm up: on Tuesday, 3 March 2020.", languages=["en"])
    began = time.perf_counter()
    for article in chosen:
        base = article.dateline or datetime(2024, 1, 1).date()
        search_dates(article.text, languages=["en"],
                     settings={"RELATIVE_BASE": datetime(base.year, base.month, base.day)})
    theirs = len(chosen) / (time.perf_counter() - began)
    return {"ours_per_s": ours, "dateparser_per_s": theirs, "dateparser_sample": len(chosen)}


def synthetic_site(size: int, work: Path) -> tuple[Path, Path, Path]:
    content = work / "content"
    write_articles(content, size)
    held_back = write_articles(work / "held-back", 1, start=size)[0]
    return content, held_back, content / held_back.name


def timeline17_site(work: Path) -> tuple[Path, Path, Path] | None:
    files = sorted(TIMELINE17.glob("*/InputDocs/*/*.txt"))
    if not files:
        return None
    content = work / "content"
    for path in files:  # topic/date/file: the date folder is each article's dateline
        target = content / path.parts[-4] / path.parent.name / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    destination = sorted(content.rglob("*.txt"))[-1]
    held_back = work / "held-back" / destination.name
    held_back.parent.mkdir(parents=True)
    shutil.move(destination, held_back)
    return content, held_back, destination


def print_tables(rows: list[dict], jobs: int) -> None:
    print(f"\nBuild times (seconds, wall clock, each a new process; full builds from nothing; --jobs {jobs} unless said)\n")
    print("| site | articles | plain Pelican | full, 1 process | full | best full ÷ Pelican | 2nd build | 3rd build "
          "| +1 article | ÷ best full | files rewritten | re-extracted | re-read by Pelican |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['site']} | {r['articles']:,} | {r['plain']:.1f} | {r['full_1']:.1f} | {r['full']:.1f} "
              f"| {min(r['full'], r['full_1']) / r['plain']:.1f}× | {r['second']:.1f} | {r['third']:.1f} | {r['rebuild']:.1f} "
              f"| {r['rebuild'] / min(r['full'], r['full_1']):.0%} | {r['rewritten']:,} of {r['files_after']:,} "
              f"| {r['extracted']} | {r['parsed']} |")
    print("\nExtraction (articles per second, one process)\n")
    print("| site | timeline (tag + events) | dateparser search_dates | ratio | search_dates sample |")
    print("|---|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['site']} | {r['ours_per_s']:,.0f} | {r['dateparser_per_s']:,.1f} "
              f"| {r['ours_per_s'] / r['dateparser_per_s']:,.0f}× | {r['dateparser_sample']} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000",
                        help="synthetic site sizes, comma-separated (default: 100,1000; 5000 takes several minutes)")
    parser.add_argument("--jobs", type=int, default=0, help="processes for extraction (default 0: one per core)")
    parser.add_argument("--no-timeline17", action="store_true", help="skip the Timeline17 articles")
    parser.add_argument("--sample", type=int, default=100, help="articles given to search_dates (default 100)")
    parser.add_argument("--repeat", type=int, default=1, help="run each timed build this many times, keep the best")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary folder)")
    args = parser.parse_args()
    jobs = args.jobs or os.cpu_count() or 1
    # Other work on the machine slows the parallel builds most: said with the table.
    load_before = os.getloadavg()[0]
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    root = args.keep or Path(tempfile.mkdtemp(prefix="build-speed-"))
    rows = []
    try:
        for size in sizes:
            work = root / f"synthetic-{size}"
            rows.append(measure_site(f"synthetic {size:,}", *synthetic_site(size, work), work, jobs, args.sample,
                                     args.repeat))
            progress(json.dumps(rows[-1]))
        if not args.no_timeline17:
            work = root / "timeline17"
            site = timeline17_site(work)
            if site is None:
                progress(f"Timeline17 skipped: no articles under {TIMELINE17}")
            else:
                rows.append(measure_site("Timeline17", *site, work, jobs, args.sample, args.repeat))
                progress(json.dumps(rows[-1]))
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    print(f"\n{os.cpu_count()} cores; Python {sys.version.split()[0]}; "
          f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after")
    print_tables(rows, jobs)


if __name__ == "__main__":
    main()
