"""Claims in the reporter's own voice with no attribution.

``find_unattributed(doc)`` returns the sentences of the article proper (headline, standfirst,
body — not page furniture) that state something as fact and carry no source:

* no reporting cue with a source in the sentence, and the sentence is not inside the content
  of an attribution (``…, the minister said`` makes the whole quote the minister's);
* declarative: not a question, at least ``MIN_WORDS`` words, not interface text ("Read more");
* it asserts something: a finite verb (an auxiliary, a past form, or the parser's tag when a
  trained pipeline runs), a figure, or a named actor.

An agentless cue ("the stated goal", "it was reported") does not give a source: the sentence
still counts, and ``why`` says which word hides the speaker.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, FrozenSet, List, Tuple

from spacy.tokens import Doc, Span

from . import store
from .records import Claim
from .cues import source_words
from .resources import load_jsonl

CLAIMS_FILE = "attribution/claims.jsonl"
MIN_WORDS = 5  # shorter lines are labels, datelines or fragments
CONTENT_SHARE = 0.5  # a sentence this much inside an attribution's content is the source's, not the reporter's
_PAST = re.compile(r"^[a-z]{3,}ed$")
_BE = frozenset("is are was were be been being".split())
_OPENERS = frozenset("the a an in on at after before but and so yet as while when".split())


@lru_cache(maxsize=None)
def _lexicon() -> Dict[str, FrozenSet[str]]:
    return {row["kind"]: frozenset(w.lower() for w in row["words"]) for row in load_jsonl(CLAIMS_FILE)}


def find_unattributed(doc: Doc) -> List[Claim]:
    """Sentences stating a fact in the reporter's own voice with no source, in text order."""
    if not doc.text.strip():
        return []
    furniture = sorted((f.start, f.end) for f in store.layer(doc, "furniture"))
    attributions = store.layer(doc, "attributions")
    sourced_cues = [(a.cue.start, a.cue.end) for a in attributions if a.source is not None]
    hidden = [(a.cue.start, a.cue.end, a.cue.text) for a in attributions if a.source is None]
    contents = [(a.content.start, a.content.end) for a in attributions
                if a.content is not None and a.source is not None]
    lex = _lexicon()
    parsed = doc.has_annotation("TAG")
    out: List[Claim] = []
    for sent in doc.sents:
        start, end = _strip(sent)
        if end <= start:
            continue
        text = doc.text[start:end]
        if _overlaps_any(furniture, start, end) or _hits(sourced_cues, start, end):
            continue
        if _inside_share(contents, start, end) >= CONTENT_SHARE:
            continue
        words = [t for t in sent if t.is_alpha or t.like_num]
        if len(words) < MIN_WORDS or text.rstrip().endswith("?") or _is_ui(text, lex["ui"]):
            continue
        why = _why(sent, lex["finite"], parsed)
        if why is None:
            continue
        masks = [w for s, e, w in hidden if start <= s < end]
        if masks:
            why += f"; '{masks[0]}' hides who says so"
        out.append(Claim(start, end, text, why))
    return out


def _why(sent: Span, finite: FrozenSet[str], parsed: bool) -> str | None:
    """Why the sentence reads as an unsourced claim, or None when it asserts nothing checkable."""
    figure = next((t for t in sent if t.like_num and any(c.isdigit() for c in t.text)), None)
    nationality = source_words().get("nationality", frozenset())
    actors = [t.text for t in sent if t.text[:1].isupper() and t.is_alpha and not t.is_stop
              and t.lower_ not in nationality and not (t.i == sent.start and t.lower_ in _OPENERS)]
    passive = any(t.lower_ in _BE and t.i + 1 < sent.end and _PAST.match(t.nbor(1).text) for t in sent)
    if parsed:
        has_verb = any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") for t in sent)
    else:
        has_verb = any(t.lower_ in finite or (_PAST.match(t.text) is not None) for t in sent)
    if figure is not None:
        unit = figure.nbor(1).text if figure.i + 1 < sent.end and figure.nbor(1).is_alpha else ""
        shown = f"{figure.text} {unit}".strip()
        return f"states a figure ({shown}) as fact with no source"
    if passive and not actors[:1] == [sent[0].text]:
        return "states in the passive that something was done: neither the doer nor a source is named"
    if has_verb and actors:
        return f"says what {actors[0]} did or is as a fact, without saying who reports it"
    if has_verb:
        return "states something as fact in the reporter's own voice, with no source"
    if len(actors) >= 2:  # a headline: "Moscow outlines territorial gains in Ukraine conflict"
        return f"a headline stating what {actors[0]} did, with no source"
    return None


def _strip(sent: Span) -> Tuple[int, int]:
    text = sent.text
    lead = len(text) - len(text.lstrip())
    return sent.start_char + lead, sent.start_char + len(text.rstrip())


def _overlaps_any(ranges, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in ranges)


def _hits(ranges, start: int, end: int) -> bool:
    return any(start <= s < end for s, e in ranges)


def _inside_share(ranges, start: int, end: int) -> float:
    best = 0
    for s, e in ranges:
        if s < end and start < e:
            best = max(best, min(e, end) - max(s, start))
    return best / max(end - start, 1)


def _is_ui(text: str, ui: FrozenSet[str]) -> bool:
    low = text.lower()
    return any(low.startswith(phrase) for phrase in ui)
