"""Where the kit's components keep their records on a ``Doc``.

Each component writes its named tuples to ``doc.user_data["kit"][LAYER]`` (a plain dict, so
nothing is registered at import time) and its spans to ``doc.spans[KEY]`` for displaCy.
Later components read earlier layers from here: figures and loaded wording need the
attributions to know whose words they sit in.
"""
from __future__ import annotations

from typing import List

from spacy.tokens import Doc

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
        cached = doc.user_data["kit_text"] = doc.text
    return cached


def layer(doc: Doc, name: str) -> List:
    """The records of one layer (empty list when its component has not run)."""
    return doc.user_data.get("kit", {}).get(name, [])


def put(doc: Doc, name: str, records) -> None:
    doc.user_data.setdefault("kit", {})[name] = list(records)


def set_spans(doc: Doc, name: str, triples) -> None:
    """Write ``(start_char, end_char, label)`` triples to ``doc.spans[SPAN_KEYS[name]]``.

    Character offsets that fall inside a token are widened to whole tokens, so a span never
    goes missing from the display.
    """
    spans = []
    for start, end, label in triples:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
    doc.spans[SPAN_KEYS[name]] = spans
