"""Where the kit's components keep their records on a ``Doc``.

Each component writes its named tuples to ``doc.user_data["kit"][LAYER]`` (a plain dict, so
nothing is registered at import time) and its spans to ``doc.spans[KEY]`` for displaCy.
Later components read earlier layers from here: figures and loaded wording need the
attributions to know whose words they sit in.
"""
from __future__ import annotations

import bisect
import weakref
from typing import Dict, List, NamedTuple

from spacy.attrs import IDX, IS_PUNCT, LOWER, ORTH, SPACY
from spacy.tokens import Doc, Span

LAYERS = ("furniture", "parts", "dates", "notes", "attributions", "loaded", "figures", "unattributed")

SPAN_KEYS = {
    "furniture": "kit_furniture",
    "attributions": "kit_attribution",
    "loaded": "kit_loaded",
    "figures": "kit_figures",
    "unattributed": "kit_unattributed",
}


def text(doc: Doc) -> str:
    """``doc.text``, built once per doc (``Doc.text`` joins every token again on each call)."""
    cached = doc.user_data.get("kit_text")
    if cached is None:
        # the same join Doc.text does (each token's text, then a space where it had one), from
        # the token table the rules need anyway: cheaper than Doc.text's Token per token
        spaces = doc.to_array(SPACY).tolist()
        cached = doc.user_data["kit_text"] = "".join(
            [word + " " if space else word for word, space in zip(tokens(doc).text, spaces)])
    return cached


class TokenTable(NamedTuple):
    """Plain lists, one item per token, read from the doc in one array call.

    ``table.lower[j]`` is ``doc[j].lower_`` without building a Token object: the rules look at
    the words around each cue many times, and a list item costs a fraction of ``doc[j]``.
    """

    text: List[str]  # doc[j].text
    lower: List[str]  # doc[j].lower_
    idx: List[int]  # doc[j].idx
    is_punct: List[int]  # doc[j].is_punct as 0/1


# Kept beside the doc, not in doc.user_data: Doc.to_bytes() would carry (and bloat) it.
_TABLES: "weakref.WeakKeyDictionary[Doc, TokenTable]" = weakref.WeakKeyDictionary()
_LAST = (lambda: None, None)  # (weak reference to the last doc asked for, its table)


def tokens(doc: Doc) -> TokenTable:
    """The doc's :class:`TokenTable`, built once per doc and shared by the components."""
    global _LAST
    last_doc, table = _LAST
    if last_doc() is doc and len(table.text) == len(doc):  # the rules ask many times per doc
        return table
    table = _TABLES.get(doc)
    if table is None or len(table.text) != len(doc):  # a retokenized doc gets a new table
        cols = doc.to_array([ORTH, LOWER, IDX, IS_PUNCT])
        table = _TABLES[doc] = TokenTable(
            _strings(doc, cols[:, 0].tolist()),
            _strings(doc, cols[:, 1].tolist()),
            cols[:, 2].tolist(),
            cols[:, 3].tolist(),  # 0/1 (truth values, like Token.is_punct)
        )
    _LAST = (weakref.ref(doc), table)  # one tuple, swapped whole
    return table


# hash -> string for every word seen. Hashes are the same in every vocab (a hash of the string),
# and a dict look-up costs a third of a StringStore look-up. It grows like the vocab does.
_WORDS: Dict[int, str] = {}


def _strings(doc: Doc, hashes: List[int]) -> List[str]:
    """The strings of ``hashes`` (ORTH or LOWER ids of the doc's tokens)."""
    try:
        return [_WORDS[h] for h in hashes]
    except KeyError:  # a word not seen before: learn the doc's new words, then look up again
        strings = doc.vocab.strings
        for h in hashes:
            if h not in _WORDS:
                _WORDS[h] = strings[h]
        return [_WORDS[h] for h in hashes]


def layer(doc: Doc, name: str) -> List:
    """The records of one layer (empty list when its component has not run)."""
    return doc.user_data.get("kit", {}).get(name, [])


def put(doc: Doc, name: str, records) -> None:
    doc.user_data.setdefault("kit", {})[name] = list(records)


def set_spans(doc: Doc, name: str, triples) -> None:
    """Write ``(start_char, end_char, label)`` triples to ``doc.spans[SPAN_KEYS[name]]``.

    Character offsets that fall inside a token are widened to whole tokens, so a span never
    goes missing from the display. (The same spans as ``doc.char_span(start, end, label,
    alignment_mode="expand")``, found by bisecting the token table's offsets instead of
    building Token objects for each look-up.)
    """
    table = tokens(doc)
    starts, words = table.idx, table.text
    text_len = len(text(doc))
    label_ids: Dict[str, int] = {}  # a label's hash, looked up once per call, not once per span
    add_label = doc.vocab.strings.add
    spans = []
    for start, end, label in triples:
        first = _token_at(starts, text_len, start)
        last = _token_at(starts, text_len, end - 1)
        if first < 0 or last < 0:
            continue
        if start == starts[first] + len(words[first]):
            first += 1  # the span starts at the trailing space of a token: not that token
        if first > last:
            continue  # nothing but a token's trailing space: no token to show
        label_id = label_ids.get(label)
        if label_id is None:
            label_id = label_ids[label] = add_label(label)
        spans.append(Span(doc, first, last + 1, label=label_id))
    doc.spans[SPAN_KEYS[name]] = spans


def _token_at(starts: List[int], text_len: int, char: int) -> int:
    """The token whose text or trailing space holds offset ``char`` (-1 if none), like spaCy's token_by_char."""
    if char < 0 or char >= text_len:
        return -1
    return bisect.bisect_right(starts, char) - 1
