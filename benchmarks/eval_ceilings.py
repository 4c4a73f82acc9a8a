"""How high can the scores of ``../shared/eval/score.py`` go, whatever the rules? Measured, not guessed.

    python benchmarks/eval_ceilings.py [--data DIR]      (DIR: the folder score.py reads)

Two ceilings that decide whether a bar can be reached at all:

* Figures (NewsQuant): score.py matches a found figure to a gold quantity by ``float(value)``.
  Gold ranges are written as text ("10.0-15.0"), which ``float()`` cannot read, so no detector
  can match them. The kit must still report every range and vague amount (one figure each), so
  each of those is a found figure that cannot count as a hit. The script prints the best
  precision, recall and F1 a detector gets when it finds every other quantity exactly and adds
  nothing else.
* Attribution cues (PolNeAR): the share of gold cues with no word from any of the kit's cue
  lexicons (verbs, phrases, nouns, agentless forms, "according to"; function words such as "to"
  or "in" left out). A lexicon method cannot find those, so one minus that share bounds its
  recall from above (a generous bound: a listed word is not always a cue).

Not a test: it reads the evaluation corpora (outside this repository) and prints numbers.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "eval"
_WORD = re.compile(r"[a-z]+")
# Words of multi-word cue forms ("according to", "in a statement") that say nothing alone.
_FUNCTION_WORDS = frozenset("a an the to of in on at by for as so out up that it is was be".split())


def figures_ceiling(path: Path) -> None:
    items = json.loads(path.read_text(encoding="utf-8"))
    gold = [q for item in items for q in item["quantities"] if q.get("value") not in (None, "", "-")]
    unreadable = []
    for q in gold:
        try:
            float(q["value"])
        except (TypeError, ValueError):
            unreadable.append(q["value"])
    readable = len(gold) - len(unreadable)
    p = readable / (readable + len(unreadable))  # every range reported once, as the contract asks
    r = readable / len(gold)
    f = 2 * p * r / (p + r)
    print(f"figures  NewsQuant {path.name}: {len(gold)} gold quantities, {len(unreadable)} written as ranges "
          f"float() cannot read (e.g. {', '.join(map(repr, unreadable[:3]))})")
    print(f"  best possible: recall {r:.3f}; reporting each range once: precision {p:.3f}, F1 {f:.3f}")


def cue_ceiling(folder: Path) -> None:
    from kit.cues import agentless_forms, cue_forms, noun_cues  # the kit's own lexicons

    words = set()
    for table in (cue_forms(), agentless_forms(), noun_cues()):
        for form in table:
            words.update(_WORD.findall(form.lower()))
    words -= _FUNCTION_WORDS
    total = without = 0
    for ann in sorted(folder.glob("*.ann")):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        for line in ann.read_text(encoding="utf-8").splitlines():
            if not line.startswith("T"):
                continue
            tag, label_span, _ = line.split("\t", 2)
            label, spans = label_span.split(" ", 1)
            if label != "Cue":
                continue
            cue_text = " ".join(text[int(s):int(e)] for s, e in (x.split() for x in spans.split(";")))
            total += 1
            without += not (set(_WORD.findall(cue_text.lower())) & words)
    print(f"attribution  PolNeAR {folder.name}: {total} gold cues, {without} ({without / max(total, 1):.1%}) "
          f"hold no word of the kit's cue lexicons")
    print(f"  recall ceiling of a lexicon method: {1 - without / max(total, 1):.3f}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder holding polnear-*/ and newsquant-*.json")
    args = parser.parse_args(argv)
    found = False
    for path in sorted(args.data.glob("newsquant-*.json")):
        figures_ceiling(path)
        found = True
    for folder in sorted(args.data.glob("polnear-*")):
        cue_ceiling(folder)
        found = True
    if not found:
        print(f"no evaluation data in {args.data}; give --data DIR", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
