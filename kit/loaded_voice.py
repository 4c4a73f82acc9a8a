"""Whose words a loaded-wording flag is: the outlet's (reporter) or a quoted source's.

A pure function over flags and attribution records (:func:`assign_voice`), so it can be tested
with hand-made records and reused by any layer that needs the same question answered.
"""
from __future__ import annotations

from typing import Callable, Iterable, List, Optional, Tuple

from spacy.tokens import Doc

from .records import Attribution, Loaded, TextSpan

def assign_voice(flags: Iterable[Loaded], attributions: Iterable[Attribution], *,
                 text: Optional[str] = None) -> List[Loaded]:
    """Mark each flag lying inside an attribution's content as the source's words.

    A flag counts as the source's when the content span holds it whole; the innermost content
    wins when contents nest. ``speaker`` is the attribution's resolved speaker, else its source
    text, else None. Flags outside every content stay ``voice="reporter"``.

    One exception: a *naming* flag (a spelling, a capital used as an actor) inside reported
    speech without quotation marks stays the reporter's, since in a paraphrase the outlet picks
    the names. It is the source's only inside a direct quotation, which needs ``text`` (the
    analysed text) to see the quotation marks around the content.
    """
    def edges(start: int, end: int) -> Tuple[str, str]:
        return ("", "") if text is None else (text[max(0, start - 2):start], text[end:end + 3])

    return _assign_voice(flags, attributions, edges)


Edges = Callable[[int, int], Tuple[str, str]]  # (start, end) -> (a few chars before, after)


def _doc_edges(doc: Doc) -> Edges:
    """The characters around a stretch of ``doc``, read from the neighbouring tokens."""

    def edges(start: int, end: int) -> Tuple[str, str]:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return "", ""
        before = doc[span.start - 1].text_with_ws if span.start > 0 else ""
        after = "".join(t.text for t in doc[span.end:span.end + 2])
        return before[-2:], after[:3]

    return edges


def _assign_voice(flags: Iterable[Loaded], attributions: Iterable[Attribution], edges: Edges) -> List[Loaded]:
    contents = sorted(((a.content.start, a.content.end, i, a) for i, a in enumerate(attributions)
                       if a.content is not None), key=lambda c: c[:3])
    flags = list(flags)
    out: List[Loaded] = list(flags)
    active: list = []  # contents that start before the current flag and may still hold it
    nxt = 0
    # One sweep over flags and contents in text order: linear in their number.
    for k in sorted(range(len(flags)), key=lambda k: flags[k].start):
        f = flags[k]
        while nxt < len(contents) and contents[nxt][0] <= f.start:
            active.append(contents[nxt])
            nxt += 1
        active = [c for c in active if c[1] > f.start]
        holders = [c for c in active if f.end <= c[1]]
        out[k] = f._replace(voice="reporter", speaker=None)
        if holders:
            a = min(holders, key=lambda c: (c[1] - c[0], c[2]))[3]
            if f.category != "naming" or _is_direct_quote(a.content, edges):
                who = a.speaker or (a.source.text if a.source is not None else None)
                out[k] = f._replace(voice="source", speaker=who)
    return out


_OPEN_QUOTES = frozenset('"“‘«')
_CLOSE_QUOTES = frozenset('"”’»')


def _is_direct_quote(content: TextSpan, edges: Edges) -> bool:
    """The content is (or sits in) a quotation: quotation marks at or just outside its edges."""
    inner = content.text.strip()
    if inner[:1] in _OPEN_QUOTES and inner[-1:] in _CLOSE_QUOTES:
        return True
    before, after = edges(content.start, content.end)
    before, after = before.strip(), after.strip().lstrip(".,;:!?…")  # 'fled.”' ends a quotation
    return before[-1:] in _OPEN_QUOTES and (after[:1] in _CLOSE_QUOTES or inner[-1:] in _CLOSE_QUOTES)
