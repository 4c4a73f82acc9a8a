"""Writing the teacher's keys (``exercises/solutions/*.ipynb``) from the question banks.

    python -m kit.grading.author [--out exercises/solutions] [--no-execute]

Each key is the exercise with the reference answers filled in, executed with nbclient in the
current environment, outputs stored: the check cells' outputs are the lines nbval compares.
A teacher may also edit a key notebook by hand; ``python -m kit release`` then makes the
student versions from whatever the keys hold.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import List, Optional

from .checks import EXERCISES, exercise
from .notebook import ANSWER_TAG, CHECK_TAG, NBVAL_CHECK, dumps, literal

HOW_TO = ("**How this works.** Run the set-up cell first. Then, for each question, fill in the "
          "**answer cell** with plain values only (text in quotes, numbers, lists in square "
          "brackets) and run the **check cell** under it. A check prints one line: ✔ with your "
          "points and one more thing to learn, or ✘ with a hint phrased as a question. Do not "
          "edit the check cells: your teacher grades your answer cells only, against the "
          "original checks.")

SETUP = '''# Set-up: run this cell first. It prints the article the questions are about.
import sys
if "google.colab" in sys.modules:  # on Colab only the notebook arrives: install the kit first
    KIT_SOURCE = "git+https://github.com/OWNER/REPO"  # your teacher's copy of the kit
    !pip install --quiet {KIT_SOURCE}

from kit.grading import checker
from kit.resources import seed_text

check = checker("{name}")
print(seed_text())'''


def _cell(cell_type: str, source: str, cell_id: str, **extra) -> dict:
    cell = {"cell_type": cell_type, "id": cell_id, "metadata": extra.pop("metadata", {}), "source": source}
    if cell_type == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def build_key(name: str, *, setup: Optional[str] = None, meta: Optional[dict] = None) -> dict:
    """The key notebook of exercise ``name`` (not yet executed).

    ``setup`` replaces the set-up cell's source and ``meta`` is added to ``metadata.kit``
    (both used by the exercises made for another article, :mod:`kit.grading.article_set`).
    """
    data = exercise(name)
    total = sum(int(q["points"]) for q in data["questions"].values())
    cells = [
        _cell("markdown", f"# {data['title']}\n\n{data['intro']}\n\n{HOW_TO}\n\n"
                          f"This exercise has {len(data['questions'])} questions, {total} points in all.",
              f"{name}-intro"),
        _cell("code", setup if setup is not None else SETUP.replace("{name}", name), f"{name}-setup",
              metadata={"tags": ["setup"]}),
    ]
    for number, (qid, q) in enumerate(data["questions"].items(), 1):
        points = int(q["points"])
        cells.append(_cell("markdown", f"## Question {number} ({points} point{'s' if points != 1 else ''})\n\n"
                                       f"{q['prompt']}", f"{name}-{qid}-prompt"))
        cells.append(_cell("code", f"{qid} = {literal(q['answer'])}", f"{name}-{qid}-answer",
                           metadata={"tags": [ANSWER_TAG],
                                     "kit": {"answer": [qid], "template": q["template"]}}))
        cells.append(_cell("code", f'check("{qid}")', f"{name}-{qid}-check",
                           metadata={"tags": [NBVAL_CHECK, CHECK_TAG],
                                     "kit": {"check": qid, "points": points}}))
    cells.append(_cell("markdown", "## Done\n\nSave the notebook (File → Save) and hand it in as your "
                                   "teacher asked. Your answer cells are what gets graded.", f"{name}-end"))
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
            "kit": {"exercise": name, "role": "key", "format": 1, **(meta or {})},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def execute(nb: dict, *, cwd: Optional[str] = None, timeout: int = 120) -> dict:
    """Run every cell with nbclient in this environment; outputs stored, no timing metadata."""
    import nbformat
    from nbclient import NotebookClient

    node = nbformat.from_dict(nb)
    NotebookClient(node, timeout=timeout, kernel_name="python3", record_timing=False,
                   resources={"metadata": {"path": cwd or "."}}).execute()
    out = nbformat.from_dict(node)
    for cell in out["cells"]:  # one stream output per name: the kernel may flush a line in pieces
        merged: list = []
        for o in cell.get("outputs", []):
            if merged and o.get("output_type") == "stream" and merged[-1].get("output_type") == "stream" \
                    and merged[-1].get("name") == o.get("name"):
                merged[-1]["text"] = "".join(merged[-1]["text"]) + "".join(o["text"])
            else:
                merged.append(o)
        if "outputs" in cell:
            cell["outputs"] = merged
    out["metadata"].pop("widgets", None)
    out["metadata"]["language_info"] = {"name": "python"}  # no version numbers: same key everywhere
    return out


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kit.grading.author", description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="exercises/solutions")
    parser.add_argument("--no-execute", action="store_true")
    parser.add_argument("names", nargs="*", default=list(EXERCISES))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name in args.names:
        nb = build_key(name)
        if not args.no_execute:
            nb = execute(nb, cwd=str(out))
        (out / f"{name}.ipynb").write_text(dumps(nb), encoding="utf-8")
        print(f"wrote {out / (name + '.ipynb')}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
