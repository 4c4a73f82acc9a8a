"""The kit against the teacher's key for the seed: every difference is named here.

The key (seeds/moscow_territorial_gains.key.json) was written by reading the article, not by
copying the detector. This test lists every place where the kit and the key differ today; a
change to the engine that adds, removes or alters a difference fails here, and the failure
message names the difference in words a teacher can read (kit.answer_key.render).
"""
from __future__ import annotations

import json

import pytest

import kit
from kit.answer_key import compare, load_key, render

# (layer, kind, text) of every known difference, with the reason it stands.
KNOWN_DIFFERENCES = {
    # The headline verb "outlines" (Moscow outlines gains) is an attribution in the key; the kit's
    # headline rules know "– Moscow" and "X says", not every verb a headline may use for speech.
    ("attributions", "missed", "outlines"),
    ("sources", "missed", "Moscow"),
    ("contents", "missed", "territorial gains in Ukraine conflict"),
    ("unattributed", "extra", "Moscow outlines territorial gains in Ukraine conflict"),
    # The key leaves the speaker empty when the source is a group or unnamed; the kit repeats the
    # source's words as its speaker. Both say the same thing about who speaks.
    ("attributions", "mismatch", "according to"),
    ("attributions", "mismatch", "claimed"),
    ("attributions", "mismatch", "claim"),
    # "what Kiev claims": the key resolves the place-as-actor to the government it stands for.
    ("attributions", "mismatch", "claims"),
    # "noting that it was the largest attack": the key reads "note" as endorsing; the kit's verb
    # list calls note neutral, as the stance list does.
    ("attributions", "mismatch", "noting"),
    # Loaded wording: judgement calls where the key and the lexicons differ.
    # "Kiev’s forces": the kit flags the spelling ("Kiev") and the capital standing for the army
    # ("Kiev’s forces") as two naming flags; the key has one flag there.
    ("loaded", "extra", "Kiev"),
    ("loaded", "extra", "stated goal"),  # kit: weasel wording; key: an attribution without a source only
    ("loaded", "missed", "claimed"),  # distancing verbs are marked by attribution stance, not as loaded words
    ("loaded", "missed", "claim"),
    ("loaded", "missed", "alleged"),
    ("loaded", "mismatch", "what Kiev claims to be its territory"),  # voice: inside reported speech for the kit
    ("loaded", "missed", "its intention to inflict damage upon Russia"),  # motive without a cue phrase
    ("loaded", "extra", "barrage"),  # the key leaves "barrage" unflagged; the lexicon calls it emotive
    ("loaded", "missed", "the largest attack of this kind"),  # superlative framing, no lexicon entry
    ("loaded", "missed", "military achievements"),  # a favourable label, no lexicon entry
    # Verdicts: the key says territory figures could be checked against independent battlefield
    # maps; the kit's rule says a combatant counting its own gains is the only source given.
    ("figures", "mismatch", "880 square kilometers"),
    ("figures", "mismatch", "some 880 square kilometers"),
    ("figures", "mismatch", "nearly 10km"),
}


@pytest.fixture(scope="module")
def results():
    return compare(kit.analyze(), load_key())


def test_every_difference_between_kit_and_key_is_known(results):
    found = {(d.layer, d.kind, d.text) for r in results.values() for d in r.differences}
    new = found - KNOWN_DIFFERENCES
    gone = KNOWN_DIFFERENCES - found
    assert not new and not gone, (
        f"new differences: {sorted(new)}\nno longer differing (update the list): {sorted(gone)}\n\n"
        + render(results, limit=50))


@pytest.mark.parametrize("layer", ["furniture", "dates", "attributions", "contents", "figures"])
def test_layers_the_kit_gets_fully_found(results, layer):
    assert results[layer].recall >= 0.93, render({layer: results[layer]})


def test_key_spans_start_and_end_on_word_boundaries():
    """A span found by searching for its words must not land inside another word ('he' in 'heavy')."""
    text = kit.load_article().text
    key = load_key()

    def spans(node):
        if isinstance(node, dict):
            if {"start", "end", "text"} <= set(node):
                yield node
            for value in node.values():
                yield from spans(value)
        elif isinstance(node, list):
            for value in node:
                yield from spans(value)

    for span in spans(key):
        a, b = span["start"], span["end"]
        assert not (a > 0 and text[a - 1].isalnum() and text[a].isalnum()), span
        assert not (b < len(text) and text[b].isalnum() and text[b - 1].isalnum()), span
