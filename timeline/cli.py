"""The `timeline` command: tag dates in a text, list a story's events, build and serve the site."""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from datetime import date
from pathlib import Path

from . import __version__
from .export import event_to_json, events_csv, timeline_to_json
from .model import Mention

DESCRIPTION = """\
Turn news articles into a timeline. Dates such as "on Tuesday", "earlier this
week" or "that same day" are resolved against each article's dateline and the
tense of their sentence; each dated sentence becomes an event.

  timeline tag --dct 2024-08-30 article.txt     the temporal expressions of a text
  timeline events content/                      the events of a folder of articles
  timeline build                                the website, from content/ into output/
  timeline serve                                preview the built site on localhost
"""


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except UsageError as error:
        parser.exit(2, f"timeline: error: {error}\n")
    except BrokenPipeError:  # `timeline events ... | head`
        return 0


def command() -> int:
    """The `timeline` console script: `main`, for a process that ends with it."""
    status = main()
    # Python's last collection would walk every object the command made (a fifth of a second
    # after a build of 1,000 articles) only for the process to free them as it exits.
    gc.freeze()
    return status


class UsageError(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="timeline", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"timeline {__version__}")
    commands = parser.add_subparsers(title="commands")

    tag = commands.add_parser("tag", help="print the temporal expressions of a text", description="Find and resolve the temporal expressions of a text against its dateline.")
    tag.add_argument("file", nargs="?", help="a text file, or - for standard input")
    tag.add_argument("--dct", type=_iso_date, help="the dateline (document creation time), YYYY-MM-DD; without it only absolute dates resolve")
    tag.add_argument("--format", choices=["json", "timeml"], default="json", help="json: a list of expressions (default); timeml: the text with TempEval-style <TIMEX3> tags")
    tag.add_argument("--batch", metavar="FILE.jsonl", help='read lines {"id", "dct", "text"} and write one line {"id", "timexes"} for each')
    tag.set_defaults(run=run_tag)

    events = commands.add_parser("events", help="print the events of articles, in timeline order", description="Read articles (files or folders) and print their events in timeline order.")
    events.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="article files or folders of articles")
    events.add_argument("--format", choices=["json", "jsonl", "csv"], default="json", help="json (default): one document with articles, events, warnings; jsonl: one event a line; csv: one event a row")
    events.add_argument("--top", type=int, metavar="K", help="only the K most important dated events, still in timeline order")
    events.add_argument("--jobs", type=_jobs, default=1, metavar="N", help="extract in N processes (0: one per core; default 1)")
    events.add_argument("--cache", type=Path, metavar="DIR", help="keep each article's extraction in DIR, so an unchanged article is not parsed again")
    events.set_defaults(run=run_events)

    build = commands.add_parser(
        "build", help="build the website", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Build the timeline website with Pelican and the project's pelicanconf.py.\n\n"
                    "Only what changed is read and rendered again; the new site replaces the old one\n"
                    "in one step at the end, so a failed build leaves the previous site whole.\n"
                    "Exit status: 0 when the site was built (warnings name each problem's file),\n"
                    "1 when nothing could be built, or with --strict when anything was warned.")
    build.add_argument("--content", type=Path, help="the folder of articles (default: PATH in pelicanconf.py, content/)")
    build.add_argument("--output", type=Path, help="where to write the site (default: OUTPUT_PATH in pelicanconf.py, output/)")
    build.add_argument("--settings", type=Path, help="a Pelican settings file (default: ./pelicanconf.py, else the project's)")
    build.add_argument("--jobs", type=_jobs, default=1, metavar="N", help="read dates and write pages in N processes (0: one per core; default 1)")
    build.add_argument("--no-cache", dest="cache", action="store_false",
                       help="read and render everything again, and keep nothing for the next build "
                            "(default: cache in TIMELINE_CACHE_PATH, .timeline-cache/ beside the settings)")
    build.add_argument("--strict", action="store_true",
                       help="treat warnings as errors: exit 1, and publish nothing, when the build warned about anything")
    build.set_defaults(run=run_build)

    serve = commands.add_parser("serve", help="preview the built site on localhost", description="Serve the built site on this machine.")
    serve.add_argument("--output", type=Path, default=Path("output"), help="the built site (default: output/)")
    serve.add_argument("--port", type=int, default=8000, help="the port (default: 8000)")
    serve.set_defaults(run=run_serve)
    return parser


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of processes: {value!r}") from None
    if jobs < 0:
        raise argparse.ArgumentTypeError("the number of processes cannot be negative")
    return jobs or os.cpu_count() or 1


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {value!r}") from None


# ------------------------------------------------------------------- tag


def run_tag(args: argparse.Namespace) -> int:
    from .temporal import tag, timex3

    if args.batch:
        return _tag_batch(Path(args.batch))
    if not args.file:
        raise UsageError("tag needs a FILE (or - for standard input), or --batch FILE.jsonl")
    text = sys.stdin.read() if args.file == "-" else _read_text(Path(args.file))
    if args.format == "timeml":  # TIMEX3 has no value for a range: timex3() tags its two ends
        sys.stdout.write(to_timeml(text, timex3(text, args.dct), args.dct))
    else:
        json.dump([mention_to_json(m) for m in tag(text, args.dct)], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    return 0


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise UsageError(f"{path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8 text") from None


def _tag_batch(path: Path) -> int:
    from .temporal import tag

    failures = 0
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                dct = date.fromisoformat(item["dct"]) if item.get("dct") else None
                timexes = [mention_to_json(m) for m in tag(item["text"], dct)]
            except (ValueError, KeyError, TypeError) as error:
                print(f"{path}:{number}: skipped: {error}", file=sys.stderr)
                failures += 1
                continue
            print(json.dumps({"id": item.get("id"), "timexes": timexes}, ensure_ascii=False))
    return 1 if failures else 0


def mention_to_json(mention: Mention) -> dict:
    item = {"start": mention.start, "end": mention.end, "text": mention.text, "type": mention.type, "value": mention.value}
    if mention.mod:
        item["mod"] = mention.mod
    if mention.first:
        item["first"], item["last"] = mention.first.isoformat(), mention.last.isoformat()
        item["granularity"] = mention.granularity
    return item


def to_timeml(text: str, mentions: list[Mention], dct: date | None) -> str:
    """The text with <TIMEX3> tags, in the TempEval-3 document layout the official scorer reads."""
    from xml.sax.saxutils import escape, quoteattr

    parts, cursor = [], 0
    for number, m in enumerate(mentions, 1):
        parts.append(escape(text[cursor : m.start]))
        mod = f" mod={quoteattr(m.mod)}" if m.mod else ""
        parts.append(f'<TIMEX3 tid="t{number}" type="{m.type}" value={quoteattr(m.value)}{mod}>{escape(m.text)}</TIMEX3>')
        cursor = m.end
    parts.append(escape(text[cursor:]))
    dct_tag = f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct.isoformat()}" functionInDocument="CREATION_TIME">{dct.isoformat()}</TIMEX3></DCT>\n' if dct else ""
    return f'<?xml version="1.0" ?>\n<TimeML>\n{dct_tag}<TEXT>{"".join(parts)}</TEXT>\n</TimeML>\n'


# ---------------------------------------------------------------- events


def run_events(args: argparse.Namespace) -> int:
    from .cache import ExtractionCache
    from .progress import progress_bar
    from .timeline import build_timeline, top_events

    cache = ExtractionCache(args.cache) if args.cache else None
    with progress_bar("Reading dates") as progress:
        timeline = build_timeline(args.paths, cache=cache, jobs=args.jobs, progress=progress)
    for warning in timeline.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.top is not None:
        timeline = top_events(timeline, args.top)
    if args.format == "json":
        json.dump(timeline_to_json(timeline), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    elif args.format == "jsonl":
        for event in timeline.events:
            print(json.dumps(event_to_json(event), ensure_ascii=False))
    else:
        sys.stdout.write(events_csv(timeline))
    return 0 if timeline.articles or not timeline.warnings else 1


# ------------------------------------------------------------ build, serve


def run_build(args: argparse.Namespace) -> int:
    from .site import build

    return build(content=args.content, output=args.output, settings_file=args.settings,
                 cache=args.cache, jobs=args.jobs, strict=args.strict)


def run_serve(args: argparse.Namespace) -> int:
    from .site import serve

    return serve(args.output, args.port)


if __name__ == "__main__":
    sys.exit(command())
