"""Sentence boundaries for the blank pipeline: punctuation, paragraph breaks and closing quotes.

Found with one regular expression over the text (no Python loop over tokens) and written to
the doc in one array call. One rule keeps a quotation with its attribution: after ``?”`` /
``!”`` / ``,”`` the sentence goes on when the next word is lower case (``“…?” he asked.``) or
a short name followed by a reporting verb (``“…?” Graham asked.``).
"""
from __future__ import annotations

import re

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc

from .cues import doc_text, verb_forms

# A sentence ends after . ! ? … (repeated), any closing quotes or brackets, then white space.
_END = re.compile(r"[.!?…]+((?:''|[\"”’'»)\]])*)(?=\s)")
# A line break starts a new sentence (headlines, datelines, list items have no full stop).
_BREAK = re.compile(r"\n\s*")
_SPACE = re.compile(r"\s*")
_NEXT_WORDS = re.compile(r"[\w.’'\-]+|[^\w\s]")


def set_sentence_starts(doc: Doc) -> Doc:
    """Mark sentence starts: after . ! ? … (and closing quotes/brackets), and after a line break."""
    n = len(doc)
    if n == 0:
        return doc
    text = doc_text(doc)
    offsets = doc.to_array(IDX).astype("int64")
    verbs = verb_forms()
    stops, nexts = [], []
    for m in _END.finditer(text):
        after = m.end()
        if m.group(1) and _attribution_follows(text, after, verbs):
            continue
        stops.append(m.start())
        nexts.append(_SPACE.match(text, after).end())
    starts = []
    if stops:  # a stop counts only where the tokenizer made it a token of its own ("Mr." and "U.S." stay whole)
        own = numpy.isin(numpy.array(stops, dtype="int64"), offsets)
        starts = [nx for nx, keep in zip(nexts, own) if keep]
    starts.extend(m.end() for m in _BREAK.finditer(text))
    flags = numpy.full(n, -1, dtype="int64")
    tokens = numpy.searchsorted(offsets, numpy.array(sorted(set(starts)), dtype="int64"))
    flags[tokens[tokens < n]] = 1
    flags[0] = 1
    # one array write (setting token.is_sent_start one by one re-checks the whole doc each time)
    doc.from_array([SENT_START], flags.astype("uint64").reshape(n, 1))
    return doc


def _attribution_follows(text: str, at: int, verbs) -> bool:
    """After a closing quote: "he said", "said Smith", "Graham asked" continue the sentence."""
    ahead = text[at:at + 60]
    if "\n" in ahead[:2]:
        return False
    words = _NEXT_WORDS.findall(ahead.split("\n", 1)[0])[:4]
    if not words:
        return False
    if words[0][:1].islower():
        return True
    for word in words:
        word = word.rstrip(".")
        if not word[:1].isalpha():
            return False
        if word.islower() and word in verbs:
            return True
    return False
