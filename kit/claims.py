"""Claims in the reporter's own voice with no attribution.

``find_unattributed(doc)`` returns the sentences of the article proper (headline, standfirst,
body — not page furniture) that state something as fact and carry no source:

* no reporting cue with a source in the sentence, and the sentence is not inside the content
  of an attribution (``…, the minister said`` makes the whole quote the minister's);
* declarative: not a question, at least ``MIN_WORDS`` words, not interface text ("Read more");
* it asserts something: a finite verb (an auxiliary or a past form from the kit's list, or the
  parser's tag when a trained pipeline runs), a figure, or a named actor.

An agentless cue ("the stated goal", "it was reported") does not give a source: the sentence
still counts, and ``why`` says which word hides the speaker. The checks are regular
expressions over each sentence's text (no Python loop over tokens).
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Dict, FrozenSet, List, Optional, Pattern, Tuple

from spacy.tokens import Doc

from . import store
from .cues import doc_text, sentence_bounds, source_words
from .records import Claim
from .resources import load_jsonl

CLAIMS_FILE = "attribution/claims.jsonl"
MIN_WORDS = 5  # shorter lines are labels, datelines or fragments
CONTENT_SHARE = 0.5  # a sentence this much inside an attribution's content is the source's, not the reporter's

_WORD = re.compile(r"[^\W_]+(?:[’'\-.][^\W_]+)*")
_FIGURE = re.compile(r"(?<![\w.])(\d[\d,.]*(?:\s?%)?)(?:\s+([a-z]+(?:\s(?:of|per)\s[a-z]+)?))?")
_DIGIT = re.compile(r"\d")
_CAPITALISED = re.compile(r"\b([A-Z][a-zA-Z’'\-]+)")  # one group: findall() gives the words
_PASSIVE = re.compile(r"\b(?:is|are|was|were|been|being)\s+(?:\w+ly\s+)?[a-z]{3,}(?:ed|en)\b")
_OPENERS = frozenset("the a an in on at after before but and so yet as while when this that these those it its "
                     "some over for by from with".split())


@lru_cache(maxsize=None)
def _lexicon() -> Dict[str, FrozenSet[str]]:
    return {row["kind"]: frozenset(w.lower() for w in row["words"]) for row in load_jsonl(CLAIMS_FILE)}


@lru_cache(maxsize=None)
def _finite_re() -> Pattern:
    """A finite-verb cue: a listed auxiliary or irregular past, or a regular past form in -ed."""
    words = sorted(_lexicon()["finite"], key=len, reverse=True)
    return re.compile(r"(?i)(?<![\w’'])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w’'])|\b[a-z]{3,}ed\b")


_RUN = re.compile(r"[\w’']+")  # a word with its apostrophes ("it's", "’s")
_PAST_ED = re.compile(r"(?i)\b[a-z]{3,}ed\b")  # the second branch of _finite_re(), alone


@lru_cache(maxsize=None)
def _listed_finite_re() -> Pattern:
    """The first branch of :func:`_finite_re` alone: a listed word standing on its own."""
    words = sorted(_lexicon()["finite"], key=len, reverse=True)
    return re.compile(r"(?i)(?<![\w’'])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w’'])")


def _has_finite_word(sentence: str) -> bool:
    r"""``_finite_re().search(sentence) is not None``, without its slow 48-way alternation.

    A listed word matches only where it fills a whole ``[\w’']`` run (the look-arounds), so the
    runs are looked up in the word set. Case folding is plain ``lower()`` for ASCII runs; a run
    with other non-ASCII letters goes to the regex.
    """
    if _PAST_ED.search(sentence):
        return True
    finite = _lexicon()["finite"]
    if sentence.isascii():
        return not finite.isdisjoint(_RUN.findall(sentence.lower()))
    runs = _RUN.findall(sentence)
    if all(run.replace("’", "").isascii() for run in runs):
        return not finite.isdisjoint([run.lower() for run in runs])
    return _listed_finite_re().search(sentence) is not None


def _fewer_words(text: str, n: int) -> bool:
    """``len(_WORD.findall(text)) < n``, stopping at the n-th word."""
    for count, _ in enumerate(_WORD.finditer(text), 1):
        if count >= n:
            return False
    return True


@lru_cache(maxsize=None)
def _not_actors() -> FrozenSet[str]:
    """Capitalised words that are not actors: nationalities, titles, sentence openers."""
    lex = source_words()
    return lex.get("nationality", frozenset()) | lex.get("role", frozenset()) | _OPENERS


def find_unattributed(doc: Doc) -> List[Claim]:
    """Sentences stating a fact in the reporter's own voice with no source, in text order."""
    text = doc_text(doc)
    if not text.strip():
        return []
    furniture = _Intervals((f.start, f.end) for f in store.layer(doc, "furniture"))
    attributions = store.layer(doc, "attributions")
    sourced_cues = sorted(a.cue.start for a in attributions if a.source is not None)
    hidden = sorted((a.cue.start, a.cue.text) for a in attributions if a.source is None)
    hidden_starts = [h[0] for h in hidden]
    contents = _Intervals((a.content.start, a.content.end) for a in attributions
                          if a.content is not None and a.source is not None)
    ui = tuple(_lexicon()["ui"])
    parsed = doc.has_annotation("TAG")
    starts, ends = sentence_bounds(doc)
    offsets = store.tokens(doc).idx + [len(text)]
    out: List[Claim] = []
    for t0, t1 in zip(starts, ends):
        raw_start = offsets[t0]
        raw_end = offsets[t1]
        chunk = text[raw_start:raw_end]
        stripped = chunk.strip()
        if not stripped:
            continue
        start = raw_start + (len(chunk) - len(chunk.lstrip()))
        end = start + len(stripped)
        if furniture.overlapping(start, end):
            continue
        if _has_between(sourced_cues, start, end):
            tail = _unsourced_tail(text, start, end, contents)
            if tail is not None:
                out.append(tail)
            continue
        if _inside_share(contents.overlapping(start, end), start, end) >= CONTENT_SHARE:
            continue
        if stripped.endswith("?") or _fewer_words(stripped, MIN_WORDS) or stripped.lower().startswith(ui):
            continue
        has_verb = _parsed_finite(doc, t0, t1) if parsed else _has_finite_word(stripped)
        why = _why(stripped, has_verb)
        if why is None:
            continue
        k = bisect.bisect_left(hidden_starts, start)
        masks = [hidden[k][1]] if k < len(hidden) and hidden[k][0] < end else []
        if masks:
            why += f"; '{masks[0]}' hides who says so"
        out.append(Claim(start, end, stripped, why))
    return out


def _parsed_finite(doc: Doc, t0: int, t1: int) -> bool:
    return any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") for t in doc[t0:t1])


def _why(sentence: str, has_verb: bool) -> Optional[str]:
    """Why the sentence reads as an unsourced claim, or None when it asserts nothing checkable."""
    skip = _not_actors()
    actors = [w for w in _CAPITALISED.findall(sentence) if w.lower() not in skip]  # (the pattern holds no ".")
    figure = _FIGURE.search(sentence) if _DIGIT.search(sentence) else None  # a figure needs a digit
    if figure is not None and any(c.isdigit() for c in figure.group(1)):
        shown = " ".join(g for g in figure.groups() if g).strip(" ,.")
        return f"states a figure ({shown}) as fact with no source"
    if _PASSIVE.search(sentence) and not (actors and sentence.startswith(actors[0])):
        return "states in the passive that something was done: neither the doer nor a source is named"
    if has_verb and actors:
        return f"says what {actors[0]} did or is as a fact, without saying who reports it"
    if has_verb:
        return "states something as fact in the reporter's own voice, with no source"
    if len(actors) >= 2:  # a headline: "Moscow outlines territorial gains in Ukraine conflict"
        return f"a headline stating what {actors[0]} did, with no source"
    return None


_CONCESSION = re.compile(r",\s+((?:despite|although|though|even though|in spite of)\b.*?)[.!]?$", re.S)


class _Intervals:
    """Character ranges sorted by start, for quick "which ranges overlap this one?" questions."""

    def __init__(self, ranges) -> None:
        self.ranges = sorted(ranges)
        self.starts = [s for s, _ in self.ranges]
        self.longest = max((e - s for s, e in self.ranges), default=0)

    def overlapping(self, start: int, end: int) -> List[Tuple[int, int]]:
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end)
        return [(s, e) for s, e in self.ranges[lo:hi] if s < end and start < e]


def _unsourced_tail(text: str, start: int, end: int, contents) -> Optional[Claim]:
    """", despite …" after an attributed claim: the writer's own addition, stated with no source."""
    covered = max((e for s, e in contents.overlapping(start, end) if start <= s < end), default=None)
    if covered is None or covered >= end:
        return None
    m = _CONCESSION.match(text, covered, end)
    if m is None or len(_WORD.findall(m.group(1))) < MIN_WORDS:
        return None
    return Claim(m.start(1), m.end(1), m.group(1),
                 "adds, in the writer's own voice and with no source, a fact set against the attributed claim")


def _has_between(sorted_offsets: List[int], start: int, end: int) -> bool:
    k = bisect.bisect_left(sorted_offsets, start)
    return k < len(sorted_offsets) and sorted_offsets[k] < end


def _inside_share(ranges: List[Tuple[int, int]], start: int, end: int) -> float:
    best = 0
    for s, e in ranges:
        if s < end and start < e:
            best = max(best, min(e, end) - max(s, start))
    return best / max(end - start, 1)
