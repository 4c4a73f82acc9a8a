"""The ``release`` and ``grade`` subcommands of ``python -m kit``."""
from __future__ import annotations

import csv
import os
import sys

from ..errors import KitInputError


def cmd_release(args) -> int:
    if args.article or args.key:
        if not (args.article and args.key):
            raise KitInputError("give both --article FILE and --key KEY.json to make exercises for an article")
        from .article_set import release_article

        paths = release_article(args.article, args.key, args.out, name=args.name)
        for path in paths:
            print(f"wrote {path}", file=sys.stderr)
        print(f"grade with: python -m kit grade SUBMISSIONS --keys {paths[0].parent}", file=sys.stderr)
        return 0
    from .release import release

    for path in release(args.keys, args.out):
        print(f"wrote {path}", file=sys.stderr)
    return 0


def _progress(done: int, total: int, row) -> None:
    score = f"{row.total}/{row.max_points}" if row.status != "invalid" else "-"
    print(f"[{done}/{total}] {row.student}: {row.status} {score}", file=sys.stderr, flush=True)


def cmd_grade(args) -> int:
    if args.passed:
        return _passed(args)
    from .grade import grade

    rows = grade(args.submissions, key_paths=args.key or (), keys_dir=args.keys, out=args.out, jobs=args.jobs,
                 cell_timeout=args.cell_timeout, total_timeout=args.total_timeout,
                 progress=None if args.quiet else _progress)
    counts = {s: sum(1 for r in rows if r.status == s) for s in ("graded", "timeout", "invalid")}
    print(f"graded {counts['graded']}, timeout {counts['timeout']}, invalid {counts['invalid']} "
          f"of {len(rows)}: {os.path.join(args.out, 'gradebook.csv')}", file=sys.stderr)
    return 0


def _passed(args) -> int:
    """Exit 0 when the gradebook's (only) row has full points on question ``--passed``."""
    from .checks import EXERCISES, exercise

    path = os.path.join(args.out, "gradebook.csv")
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as err:
        raise KitInputError(f"cannot read {path}: {err.strerror}; grade first") from None
    if len(rows) != 1:
        raise KitInputError(f"{path} has {len(rows)} rows; --passed reads a gradebook of one submission")
    row = rows[0]
    if row["status"] == "invalid" or row["exercise"] not in EXERCISES:
        print(f"not graded: {row['reason']}", file=sys.stderr)
        return 1
    q = exercise(row["exercise"])["questions"].get(args.passed)
    if q is None or args.passed not in row:
        raise KitInputError(f"exercise {row['exercise']} has no question {args.passed}")
    got = int(row[args.passed] or 0)
    print(f"{args.passed}: {got}/{q['points']} points", file=sys.stderr)
    return 0 if got == int(q["points"]) else 1


def register(sub) -> None:
    p = sub.add_parser("release", help="make the student versions of the exercises from the teacher's keys")
    p.add_argument("--keys", default="exercises/solutions", help="folder of key notebooks (default: %(default)s)")
    p.add_argument("--out", default="exercises", help="folder for the student versions (default: %(default)s)")
    p.add_argument("--article", metavar="FILE", help="make exercises for this article instead (with --key)")
    p.add_argument("--key", metavar="KEY.json", help="the teacher's answer key of --article (kit.annotate.Annotator)")
    p.add_argument("--name", help="exercise name for --article (default: article_<file name>)")
    p.set_defaults(func=cmd_release)

    g = sub.add_parser("grade", help="grade submitted exercise notebooks with nbval; write a gradebook")
    g.add_argument("submissions", nargs="*", metavar="SUBMISSION", help="students' .ipynb files")
    g.add_argument("--key", action="append", metavar="KEY.ipynb",
                   help="the teacher's key (default: found by each notebook's exercise in --keys, "
                        "else built from the installed kit)")
    g.add_argument("--keys", default="exercises/solutions", help="folder of keys (default: %(default)s)")
    g.add_argument("--out", default="grading-out", help="folder for gradebook.csv, feedback/, summary.png")
    g.add_argument("--jobs", type=int, default=None, help="submissions graded at once (default: all cores)")
    g.add_argument("--cell-timeout", type=float, default=30.0, help="seconds per cell (default: %(default)s)")
    g.add_argument("--total-timeout", type=float, default=180.0,
                   help="seconds per submission (default: %(default)s)")
    g.add_argument("--quiet", action="store_true", help="no progress lines")
    g.add_argument("--passed", metavar="QUESTION",
                   help="do not grade: exit 0 if the one row in --out's gradebook has full points on QUESTION "
                        "(for GitHub Classroom)")
    g.set_defaults(func=cmd_grade)
