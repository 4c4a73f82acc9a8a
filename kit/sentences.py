"""Sentence boundaries for the blank pipeline: punctuation, paragraph breaks and closing quotes."""
from __future__ import annotations

from spacy.tokens import Doc

_ENDS = {".", "!", "?", "…"}
_CLOSERS = {'"', "”", "’", "'", ")", "]"}


def set_sentence_starts(doc: Doc) -> Doc:
    """Mark sentence starts: after . ! ? … (and any closing quotes/brackets), and after a line break."""
    n = len(doc)
    if n == 0:
        return doc
    starts = [False] * n
    starts[0] = True
    i = 0
    while i < n:
        tok = doc[i]
        if tok.is_space and "\n" in tok.text:
            if i + 1 < n:
                starts[i + 1] = True
        elif tok.text in _ENDS or (len(tok.text) > 1 and tok.text[-1] in ".!?" and tok.text.strip(".!?") == ""):
            j = i + 1
            while j < n and doc[j].text in _CLOSERS:
                j += 1
            if j < n:
                starts[j] = True
            i = j
            continue
        elif "\n" in tok.whitespace_ and i + 1 < n:
            starts[i + 1] = True
        i += 1
    for i, tok in enumerate(doc):
        tok.is_sent_start = starts[i]
    return doc
