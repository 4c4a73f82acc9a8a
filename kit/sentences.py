"""Sentence boundaries for the blank pipeline: punctuation, paragraph breaks and closing quotes.

One rule keeps a quotation with its attribution: after ``?”``/``!”`` (or ``?"``) the sentence
goes on when the next words are lower case (``“…?” he asked.``) or a short name followed by a
reporting verb (``“…?” Graham asked.``).
"""
from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.tokens import Doc

from .cues import verb_forms

_ENDS = {".", "!", "?", "…"}
_CLOSERS = {'"', "”", "’", "'", "''", ")", "]", "»"}
_QUOTE_CLOSERS = {'"', "”", "’", "'", "''", "»"}


def set_sentence_starts(doc: Doc) -> Doc:
    """Mark sentence starts: after . ! ? … (and any closing quotes/brackets), and after a line break."""
    n = len(doc)
    if n == 0:
        return doc
    verbs = verb_forms()
    starts = [False] * n
    starts[0] = True
    i = 0
    while i < n:
        tok = doc[i]
        text = tok.text
        if tok.is_space and "\n" in text:
            if i + 1 < n:
                starts[i + 1] = True
        elif text in _ENDS or (len(text) > 1 and text[-1] in ".!?" and text.strip(".!?") == ""):
            j = i + 1
            while j < n and doc[j].text in _CLOSERS:
                j += 1
            if j < n and not (j > i + 1 and doc[j - 1].text in _QUOTE_CLOSERS and
                              "\n" not in doc[j - 1].whitespace_ and _attribution_follows(doc, j, verbs)):
                starts[j] = True
            i = j
            continue
        elif "\n" in tok.whitespace_ and i + 1 < n:
            starts[i + 1] = True
        i += 1
    # one array write (setting token.is_sent_start one by one re-checks the whole doc each time)
    values = numpy.array([1 if s else -1 for s in starts], dtype="int64").astype("uint64").reshape(n, 1)
    doc.from_array([SENT_START], values)
    return doc


def _attribution_follows(doc: Doc, j: int, verbs) -> bool:
    """After a closing quote: "he said", "said Smith", "Graham asked" continue the sentence."""
    first = doc[j]
    if first.is_space:
        return False
    if first.is_lower and first.is_alpha:
        return True
    for k in range(j, min(j + 4, len(doc))):
        tok = doc[k]
        if tok.is_space or tok.is_punct:
            return False
        if tok.lower_ in verbs and tok.is_lower:
            return True
    return False
