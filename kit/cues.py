"""The reporting cues the kit knows, read from ``kit/data/attribution/``, and a fast matcher for them.

Every inflected form is spelled out in the data files (no lemmatizer is needed), so one spaCy
``PhraseMatcher`` over lower-cased tokens finds all candidate cues in Cython; the rules in
:mod:`kit.attribution` then only look at the few tokens around each candidate.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, FrozenSet, List, NamedTuple, Optional, Tuple

import numpy
from spacy.attrs import SENT_START
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from . import store
from .resources import load_jsonl

VERBS_FILE = "attribution/verbs.jsonl"
PHRASES_FILE = "attribution/phrases.jsonl"
AGENTLESS_FILE = "attribution/agentless.jsonl"
SOURCES_FILE = "attribution/sources.jsonl"
NOUNS_FILE = "attribution/nouns.jsonl"

_WORD_PIECES = re.compile(r"\w+|[^\w\s]")


class Cue(NamedTuple):
    """One reporting cue of the lexicon, with the stance it gives and why (for students)."""

    lemma: str
    stance: str  # neutral | distancing | endorsing
    kind: str  # speech | belief | intent | evidence
    frame: str  # always | clause | according | agentless
    why: str


@lru_cache(maxsize=None)
def cue_forms() -> Dict[str, Cue]:
    """Every inflected form (lower case, words joined by one space) -> its cue entry."""
    table: Dict[str, Cue] = {}
    for name in (VERBS_FILE, PHRASES_FILE):
        for row in load_jsonl(name):
            cue = Cue(row["lemma"], row["stance"], row["kind"], row["frame"], row["why"])
            for form in row["forms"]:
                table[_key(form)] = cue
    return table


@lru_cache(maxsize=None)
def noun_forms() -> FrozenSet[str]:
    """Cue forms that are also common nouns ("tweets", "plans", "claims")."""
    return frozenset(_key(f) for row in load_jsonl(VERBS_FILE) for f in row.get("noun_forms", ()))


def _cue_table(name: str, frame: str) -> Dict[str, Cue]:
    """Each listed form of each row of lexicon ``name`` -> its :class:`Cue` (with ``frame``)."""
    table: Dict[str, Cue] = {}
    for row in load_jsonl(name):
        cue = Cue(row["lemma"], row["stance"], "speech", frame, row["why"])
        for form in row["forms"]:
            table[_key(form)] = cue
    return table


@lru_cache(maxsize=None)
def agentless_forms() -> Dict[str, Cue]:
    """Adjectives/adverbs from reporting verbs that hide the speaker ("the stated goal")."""
    return _cue_table(AGENTLESS_FILE, "agentless")


@lru_cache(maxsize=None)
def noun_cues() -> Dict[str, Cue]:
    """Nouns reporting speech or views, used after a possessive ("Trump's claim that")."""
    return _cue_table(NOUNS_FILE, "noun")


@lru_cache(maxsize=None)
def not_cue_words() -> Tuple[FrozenSet[str], FrozenSet[str]]:
    """(words after, phrases before) a cue that make it a fixed expression ("said goodbye", "needless to say")."""
    after, before = set(), set()
    for row in load_jsonl("attribution/not_cues.jsonl"):
        after.update(w.lower() for w in row.get("after", ()))
        before.update(w.lower() for w in row.get("before", ()))
    return frozenset(after), frozenset(before)


@lru_cache(maxsize=None)
def source_words() -> Dict[str, FrozenSet[str]]:
    """kind (pronoun, unnamed, role, institution, place, nationality) -> lower-case words."""
    kinds: Dict[str, set] = {}
    for row in load_jsonl(SOURCES_FILE):
        kinds.setdefault(row["kind"], set()).add(row["word"])
    return {k: frozenset(v) for k, v in kinds.items()}


@lru_cache(maxsize=None)
def source_word_union(kinds: Tuple[str, ...]) -> FrozenSet[str]:
    """The words of several source kinds in one set (one lookup per token in the rules)."""
    lex = source_words()
    return frozenset().union(*(lex.get(k, frozenset()) for k in kinds))


@lru_cache(maxsize=None)
def verb_forms() -> FrozenSet[str]:
    """All single-word cue forms: used to stop a source phrase at the next verb."""
    return frozenset(k for k in cue_forms() if " " not in k)


def _key(form: str) -> str:
    return " ".join(_WORD_PIECES.findall(form.lower())).replace(" - ", "-")


def span_key(text: str) -> str:
    """The lexicon key of a matched stretch of text ("Pointed  out" -> "pointed out")."""
    return _key(text)


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per doc and kept on the doc (see :func:`kit.store.text`)."""
    return store.text(doc)


def sentence_bounds(doc: Doc, parsed: Optional[bool] = None) -> Tuple[List[int], List[int]]:
    """(first token, end token) of every sentence, read from one array (no Span per token).

    ``parsed``: ``doc.has_annotation("DEP")`` when the caller knows it already (it walks every token).
    """
    n = len(doc)
    if n == 0:
        return [], []
    starts = numpy.flatnonzero(doc.to_array(SENT_START) == 1).tolist()
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    if parsed is None:
        parsed = doc.has_annotation("DEP")
    if parsed:  # a parser may join a headline to the next line: lines end sentences too
        # a token's trailing whitespace is one space or none: the line break is in its text
        breaks = {i + 1 for i, word in enumerate(store.tokens(doc).text) if "\n" in word and i + 1 < n}
        starts = sorted(set(starts) | breaks)
    ends = starts[1:] + [n]
    return starts, ends


_MATCHERS: Dict[int, Tuple[Vocab, PhraseMatcher]] = {}


def cue_matcher(vocab: Vocab) -> PhraseMatcher:
    """A PhraseMatcher (attr LOWER) with labels "CUE", "AGENTLESS" and "NOUN", built once per vocab."""
    held = _MATCHERS.get(id(vocab))
    if held is not None and held[0] is vocab:
        return held[1]
    matcher = PhraseMatcher(vocab, attr="LOWER")
    matcher.add("CUE", [_pattern(vocab, f) for f in cue_forms()])
    matcher.add("AGENTLESS", [_pattern(vocab, f) for f in agentless_forms()])
    matcher.add("NOUN", [_pattern(vocab, f) for f in noun_cues()])
    _MATCHERS[id(vocab)] = (vocab, matcher)
    return matcher


def _pattern(vocab: Vocab, form: str) -> Doc:
    words: List[str] = _WORD_PIECES.findall(form)
    return Doc(vocab, words=words, spaces=[False] * len(words))
