"""``python -m kit``: analyse articles from the command line.

    python -m kit analyze                  # the seed article, as a readable report
    python -m kit analyze FILE... --json   # one JSON document (a list when several files)
    python -m kit analyze DIR/*.txt --jsonl  # one JSON object a line, input order, one process
    python -m kit analyze -                # read the text from standard input
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import List, Optional

from .errors import KitInputError


def _read_inputs(paths: List[str]):
    """Yield (name, Article or KitInputError) for each input, in order."""
    from .article import _decode, load_article

    if not paths:
        yield "seed", load_article()
        return
    for name in paths:
        try:
            if name == "-":
                yield name, load_article(_decode(sys.stdin.buffer.read(), "standard input"))
            else:
                yield name, load_article(Path(name))  # a file: text, or a web page by its .html suffix
        except KitInputError as err:
            yield name, err


def cmd_analyze(args) -> int:
    from .analysis import analyze_many
    from .pipeline import get_nlp

    try:
        get_nlp(args.model)
    except KitInputError as err:
        print(f"kit: {err}", file=sys.stderr)
        return 2
    batch = args.jobs != 1 or args.summary_csv or args.chart
    if batch and (not args.paths or "-" in args.paths or args.format != "jsonl"):
        print("kit: --jobs, --summary-csv and --chart work with --jsonl over files or folders", file=sys.stderr)
        return 2
    if args.format == "jsonl" and args.paths and "-" not in args.paths:
        from .corpus import run_batch

        return run_batch(args.paths, out=sys.stdout, err=sys.stderr, jobs=args.jobs, model=args.model,
                         summary_csv=args.summary_csv, chart=args.chart, outlet_from=args.outlet_from)
    inputs = list(_read_inputs(args.paths))
    good = [(name, item) for name, item in inputs if not isinstance(item, KitInputError)]
    results = dict(zip((name for name, _ in good),
                       analyze_many((item for _, item in good), model=args.model)))
    status = 0
    collected = []
    for name, item in inputs:
        if isinstance(item, KitInputError):
            print(f"kit: {item}", file=sys.stderr)
            status = 2
            if args.format == "jsonl":
                print(json.dumps({"origin": name, "error": str(item)}, ensure_ascii=False))
            continue
        analysis = results[name]
        if args.format == "jsonl":
            print(json.dumps(analysis.to_dict(), ensure_ascii=False))
        elif args.format == "json":
            collected.append(analysis.to_dict())
        else:
            sys.stdout.write(analysis.report())
    if args.format == "json":
        doc = collected[0] if len(collected) == 1 and len(inputs) == 1 else collected
        print(json.dumps(doc, ensure_ascii=False, indent=1))
    return status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m kit", description="The media-literacy kit.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser("analyze", help="analyse articles: attribution, loaded wording, figures")
    p.add_argument("paths", nargs="*", metavar="PATH", help="article files (default: the seed; - for stdin)")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", dest="format", action="store_const", const="json", help="print JSON")
    fmt.add_argument("--jsonl", dest="format", action="store_const", const="jsonl",
                     help="print one JSON object per input, one a line")
    p.add_argument("--model", default=None, help="a trained spaCy pipeline, e.g. en_core_web_sm (optional)")
    p.add_argument("--jobs", type=int, default=1,
                   help="with --jsonl: processes to use (0 = one per core); default 1")
    p.add_argument("--summary-csv", metavar="PATH", help="with --jsonl: write a corpus summary (who is quoted, "
                   "verb stance per source, loaded wording per outlet, figures per claimant) as CSV")
    p.add_argument("--chart", metavar="PATH", help="with --jsonl: save a chart of the corpus summary (.png/.svg/.pdf)")
    p.add_argument("--outlet-from", choices=("folder", "site"), default="folder",
                   help="with --jsonl: name each article's outlet by its folder or, for web pages, its site name")
    p.set_defaults(func=cmd_analyze, format="text")
    from .grading import register as register_grading  # release, grade

    register_grading(sub)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except KitInputError as err:
        print(f"kit: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `python -m kit analyze | head`
        return 0
