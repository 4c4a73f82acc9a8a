"""Grade 30 submissions of one exercise with ``python -m kit grade`` (--jobs default) and time it.

    .venv/bin/python benchmarks/bench_grade.py [--n 30] [--exercise 01_who_says_so] [--jobs N]

Submissions are made from the teacher's key: a third fully correct, a third with one wrong
answer, a third the empty student version. The bar (issue 5): 30 submissions under 2 minutes.
"""
from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_submissions(folder: Path, exercise: str, n: int) -> None:
    key = json.loads((ROOT / "exercises" / "solutions" / f"{exercise}.ipynb").read_text(encoding="utf-8"))
    student = json.loads((ROOT / "exercises" / f"{exercise}.ipynb").read_text(encoding="utf-8"))
    for i in range(n):
        if i % 3 == 2:
            nb = student
        else:
            nb = json.loads(json.dumps(key))
            if i % 3 == 1:
                cell = next(c for c in nb["cells"] if "answer" in c["metadata"].get("tags", []))
                cell["source"] = cell["metadata"]["kit"]["template"]
        (folder / f"student{i:02d}.ipynb").write_text(json.dumps(nb), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--exercise", default="01_who_says_so")
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        subs = folder / "subs"
        subs.mkdir()
        make_submissions(subs, args.exercise, args.n)
        cmd = [sys.executable, "-m", "kit", "grade", *sorted(map(str, subs.glob("*.ipynb"))),
               "--key", str(ROOT / "exercises" / "solutions" / f"{args.exercise}.ipynb"),
               "--out", str(folder / "out"), "--quiet"]
        if args.jobs:
            cmd += ["--jobs", str(args.jobs)]
        start = time.perf_counter()
        subprocess.run(cmd, check=True, cwd=ROOT)
        wall = time.perf_counter() - start
        with open(folder / "out" / "gradebook.csv", newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
    statuses = {s: sum(r["status"] == s for r in rows) for s in ("graded", "timeout", "invalid")}
    print(f"{len(rows)} submissions of {args.exercise} graded in {wall:.1f} s wall "
          f"({wall / max(len(rows), 1):.2f} s each); statuses {statuses}; bar: under 120 s")
    return 0 if len(rows) == args.n and wall < 120 else 1


if __name__ == "__main__":
    sys.exit(main())
