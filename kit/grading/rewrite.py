"""Judging a student's neutral rewrite of a loaded sentence with the kit's own detectors.

The detectors judge the student's text, not the seed: the rewrite passes when the kit finds no
loaded wording in it and no distancing or endorsing cue, still finds an attribution to the same source, and still finds every
figure the original carried (same value). The hint says which of the three is missing.
"""
from __future__ import annotations

import math
from typing import Tuple

from . import normalize as norm


def judge_rewrite(q: dict, text: str) -> Tuple[bool, str]:
    """(passed, hint) for the rewrite ``text`` against question ``q``'s requirements."""
    limit = int(q.get("max_chars", 400))
    folded = norm.fold(text)
    if len(folded.split()) < int(q.get("min_words", 5)):
        return False, "Is your rewrite a whole sentence, with who said it and the number?"
    if len(folded) > limit:
        return False, f"Can you say it in one sentence of at most {limit} characters?"
    from ..analysis import analyze

    found = analyze(text)
    if found.loaded:
        words = sorted({norm.phrase(x.text) for x in found.loaded})
        return False, "The kit still finds loaded wording (" + ", ".join(f'"{w}"' for w in words) + \
            "): which plainer words would say the same?"
    leaning = sorted({norm.phrase(a.cue.text) for a in found.attributions if a.stance != "neutral"})
    if leaning:  # a distancing or endorsing cue ("claimed", "revealed") is loaded wording too
        return False, "The verb " + ", ".join(f'"{w}"' for w in leaning) + \
            " still takes a side: which plain verb reports words without judging them?"
    sources = [norm.phrase(a.speaker or "") + " " + norm.phrase(a.source.text if a.source else "")
               for a in found.attributions]
    want = [norm.phrase(s) for s in q.get("keep_source", [])]
    if not any(any(w in s for w in want) for s in sources):
        return False, "Does your sentence still say who says so, with a plain verb such as 'said'?"
    values = [f.value for f in found.figures if f.value is not None]
    for number in q.get("keep_figures", []):
        if not any(math.isclose(v, float(number)) for v in values):
            return False, "Did a number from the original go missing or change?"
    return True, ""
