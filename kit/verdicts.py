"""Who claims a figure, and whether a student could check it.

``judge_figures(text, raw_figures, attributions)`` is a pure function: it takes the figures found
by :func:`kit.figures.scan_figures` and the attribution records (``kit.records.Attribution``) and
returns :class:`kit.records.Figure` records with ``claimant``, ``verdict`` and ``reasons``.

Rules, in order (data in ``kit/data/figures/verdicts.json``):
1. the claimant is the speaker of the attribution whose content holds the figure (``a.speaker``,
   else the source text); None when the reporter states it;
2. a vague amount ("dozens") is unverifiable: there is no number to check;
3. a party with a stake (a ministry, army, campaign, company...) counting its own gains or its
   opponent's losses (a tally word near the figure) is unverifiable on its word alone;
4. a figure whose source is itself a document (a survey, a filing, a census) is checkable;
5. a figure on a topic with a public record (election results, census, annual reports, central
   bank data...) is checkable, and the reason names where to look (topic words are looked for
   within NEAR characters of the figure, in its sentence);
6. anything else is unverifiable: no method and no second source is given.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, List, Optional, Sequence, Tuple

from .records import Attribution, Figure
from .resources import load_json

# How far (in characters) around a figure the topic and tally words are looked for.
NEAR = 60

CHECKABLE = "checkable"
UNVERIFIABLE = "unverifiable"


class _WordSet:
    """A set of words and phrases, looked up word by word (much cheaper than a big regex)."""

    _WORDS = re.compile(r"[a-z]+(?:-[a-z]+)*")

    def __init__(self, entries: Iterable[str]) -> None:
        entries = [e.lower() for e in entries]
        self.single = frozenset(e for e in entries if self._WORDS.fullmatch(e) and " " not in e)
        self.phrases = [(e, re.compile(rf"(?<![a-z]){re.escape(e)}(?![a-z])")) for e in entries if e not in self.single]
        # the first word of the text (as _WORDS cuts it) that is a single entry, in one search:
        # a word starts after no letter and no "letter-", and ends before no letter and no "-letter"
        self._single_word = re.compile(
            rf"(?<![a-z])(?<![a-z]-)(?:{'|'.join(map(re.escape, sorted(self.single, key=len, reverse=True)))})"
            r"(?![a-z])(?!-[a-z])") if self.single else None

    def first(self, text: str) -> Optional[str]:
        """The first entry found in ``text`` (phrases before single words), or None."""
        low = text.lower()
        for e, p in self.phrases:
            m = p.search(low) if e in low else None
            if m:
                return text[m.start():m.end()]
        m = self._single_word.search(low) if self._single_word is not None else None
        return text[m.start():m.end()] if m else None


class _Rules:
    def __init__(self) -> None:
        data = load_json("figures/verdicts.json")
        self.party = _WordSet(data["parties"]["words"])
        self.party_kinds = frozenset(data["party_kinds"]["words"])
        self.tally = _WordSet(data["tallies"]["words"])
        self.source_words = _WordSet(data["source_words"]["words"])
        self.topics = [(_WordSet(t["words"]), t["source"], t["why"]) for t in data["topics"]]
        self.topic_of = {}  # single word -> index of the first topic holding it
        for i, (topic, _, _) in enumerate(self.topics):
            for w in topic.single:
                self.topic_of.setdefault(w, i)
        self.topic_words = frozenset(self.topic_of)
        # every phrase entry with its topic's index, in topic order (one flat loop, few phrases)
        self.topic_phrases = [(i, e, p) for i, (topic, _, _) in enumerate(self.topics) for e, p in topic.phrases]

    def first_topic(self, low: str, words: frozenset) -> Optional[int]:
        """Index of the first topic with an entry in ``low`` (words ``words``): a single word of the
        topic among ``words``, or one of its phrases in ``low``. One set intersection finds the
        first topic any single word belongs to; only the phrases of earlier topics are searched."""
        hit = words & self.topic_words
        best = min([self.topic_of[w] for w in hit]) if hit else len(self.topics)
        for i, e, p in self.topic_phrases:
            if i >= best:
                break
            if e in low and p.search(low):
                return i
        return best if best < len(self.topics) else None


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    return _Rules()


def holding_attribution(start: int, end: int, attributions: Sequence[Attribution]) -> Optional[Attribution]:
    """The attribution whose content span holds [start, end) (the innermost one), or None."""
    best = None
    for a in attributions:
        c = a.content
        if c is not None and c.start <= start and end <= c.end:
            if best is None or (c.end - c.start) < (best.content.end - best.content.start):
                best = a
    return best


def claimant_of(a: Optional[Attribution]) -> Optional[str]:
    """Who claims it: the attribution's resolved speaker, else its source text, else None."""
    if a is None:
        return None
    if a.speaker:
        return a.speaker
    if a.source is not None and a.source.text.strip():
        return a.source.text.strip()
    return None


SENTENCE_REACH = 1000  # characters searched each way for a sentence end; longer "sentences" are cut there


def _sentence_window(text: str, start: int, end: int) -> Tuple[int, int]:
    """The sentence around [start, end): from the last . ! ? or line break to the next one."""
    lo, hi = max(0, start - SENTENCE_REACH), min(len(text), end + SENTENCE_REACH)  # bounded: no whole-text scans
    left = max(text.rfind(".", lo, start), text.rfind("!", lo, start), text.rfind("?", lo, start),
               text.rfind("\n", lo, start))
    right = _SENTENCE_END.search(text, end, hi)
    return (left + 1 if left != -1 else lo), (right.start() if right else hi)


_SENTENCE_END = re.compile(r"[.!?\n]")


def _role_text(text: str, a: Attribution) -> str:
    """How the text introduces this source: its span, and the words right around the speaker's full name."""
    bits = []
    if a.source is not None:
        bits.append(a.source.text)
    if a.speaker:
        for i, m in enumerate(re.finditer(re.escape(a.speaker), text)):
            bits.append(text[max(0, m.start() - 35):m.end() + 35])  # "Defense Minister Andrey Belousov"
            if i >= 4:
                break
    return " ".join(bits)


def _speaks_for_side(text: str, a: Attribution) -> bool:
    """Is the source described as a party (a ministry, an army, a campaign...)?"""
    rules = _rules()
    return bool(rules.party.first(_role_text(text, a)) or (a.source_kind in rules.party_kinds))


def _has_stake(text: str, a: Attribution, window: str, unit: Optional[str], what: Optional[str],
               side: Optional[bool] = None) -> Optional[str]:
    """The tally word when the source speaks for a side and counts gains or losses; else None.

    ``side``: :func:`_speaks_for_side` for ``a`` when the caller already knows it.
    """
    rules = _rules()
    if not (_speaks_for_side(text, a) if side is None else side):
        return None
    for chunk in (what or "", unit or "", window):
        hit = rules.tally.first(chunk)
        if hit:
            return hit
    return None


def _lower_article(name: str) -> str:
    """'The ministry' -> 'the ministry' inside a sentence; names stay as they are."""
    first, _, rest = name.partition(" ")
    return f"{first.lower()} {rest}" if rest and first in ("The", "A", "An") else name


def holding_attributions(ranges: Sequence[Tuple[int, int]],
                         attributions: Sequence[Attribution]) -> List[Optional[Attribution]]:
    """:func:`holding_attribution` for many ranges at once, in one sweep (linear, not ranges x contents)."""
    contents = sorted((a for a in attributions if a.content is not None), key=lambda a: a.content.start)
    order = sorted(range(len(ranges)), key=lambda i: ranges[i][0])
    held: List[Optional[Attribution]] = [None] * len(ranges)
    active: List[Attribution] = []
    k = 0
    for i in order:
        start, end = ranges[i]
        while k < len(contents) and contents[k].content.start <= start:
            active.append(contents[k])
            k += 1
        # a content ending at or before this start can hold neither this range nor a later one
        active = [a for a in active if a.content.end > start]
        held[i] = holding_attribution(start, end, active)
    return held


def judge_one(text: str, start: int, end: int, value: Optional[float], unit: Optional[str],
              what: Optional[str], attributions: Sequence[Attribution], *,
              holder: Optional[Attribution] = None,
              side: Optional[bool] = None) -> Tuple[Optional[str], str, Tuple[str, ...]]:
    """(claimant, verdict, reasons) for one figure (``holder``: its holding attribution, if known;
    ``side``: whether that holder speaks for a side, if known)."""
    rules = _rules()
    a = holder if holder is not None else holding_attribution(start, end, attributions)
    claimant = claimant_of(a)
    s, e = _sentence_window(text, start, end)
    window = text[max(s, start - NEAR):min(e, end + NEAR)]  # the words around the figure, in its sentence
    reasons: List[str] = []
    if value is None:
        reasons.append(f"'{text[start:end]}' is vague: there is no exact number to check.")
    if a is not None:
        tally = _has_stake(text, a, window, unit, what, side if a is holder else None)
        if tally is not None:
            who = _lower_article(claimant) if claimant else "the source"
            reasons.append(f"Only {who} gives this number, and {who} speaks for one side.")
            reasons.append(f"A side has a stake in counts like this ('{tally}': its own gains, its opponent's losses).")
            reasons.append("Look for an independent count: the other side, international monitors or journalists on the ground.")
    if reasons:
        return claimant, UNVERIFIABLE, tuple(reasons)
    if claimant and rules.source_words.first(claimant):
        return claimant, CHECKABLE, (f"The number comes from a document ({claimant}) that a student can look up.",)
    context = " ".join(x for x in (what, unit, window) if x)
    low = context.lower()
    words = frozenset(_WordSet._WORDS.findall(low))
    i = rules.first_topic(low, words)
    if i is not None:
        _, source, why = rules.topics[i]
        return claimant, CHECKABLE, (f"A public record exists: try {source}.", why)
    if claimant:
        return claimant, UNVERIFIABLE, (f"Only {_lower_article(claimant)} gives this number; the text names no method "
                                        "and no second source.",)
    return claimant, UNVERIFIABLE, ("The reporter states this number without a source or a method.",)


def judge_figures(text: str, raws, attributions: Sequence[Attribution]) -> List[Figure]:
    """Turn raw figures (start, end, value, unit, bound, what) into Figure records with verdicts."""
    out: List[Figure] = []
    holders = holding_attributions([(r.start, r.end) for r in raws], attributions)
    # does the holder speak for a side: asked once per source, speaker and kind, not per figure
    sides = {}
    for r, holder in zip(raws, holders):
        side = None
        if holder is not None:
            key = (holder.source.text if holder.source is not None else None, holder.speaker, holder.source_kind)
            side = sides.get(key)
            if side is None:
                side = sides[key] = _speaks_for_side(text, holder)
        claimant, verdict, reasons = judge_one(text, r.start, r.end, r.value, r.unit, r.what, attributions,
                                               holder=holder, side=side)
        out.append(Figure(r.start, r.end, text[r.start:r.end], r.value, r.unit, r.bound, r.what,
                          claimant, verdict, reasons))
    return out
