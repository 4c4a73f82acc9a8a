"""Unattributed claims: sentences in the reporter's own voice that state facts with no source."""
from __future__ import annotations

import pytest

from kit import store
from kit.pipeline import get_nlp
from kit.resources import seed_text


def claims(text):
    return store.layer(get_nlp()(text), "unattributed")


@pytest.mark.parametrize("text, why_has", [
    ("The bridge was built in 2018 at a cost of 40 million euros.", "figure (2018"),
    ("Over the same period, the army lost 1,200 vehicles.", "figure (1,200 vehicles)"),
    ("The offensive was launched earlier this month.", "passive"),
    ("The rebels have fired on the convoy near the river.", "states something as fact"),
    ("Ukraine moved its troops away from the border.", "says what Ukraine did"),
    ("The group’s stated aim is to cut emissions by half.", "'stated' hides who says so"),
    ("It was reported that the talks had failed badly.", "'reported' hides who says so"),
])
def test_unsourced_statements_are_flagged(text, why_has):
    found = claims(text)
    assert len(found) == 1
    assert found[0].text == text
    assert why_has in found[0].why


@pytest.mark.parametrize("text", [
    "The bridge will reopen in May, the mayor said.",  # attributed
    "According to officials, the bridge will reopen in May.",
    "Officials in Brussels warned that the deal could collapse.",
    "Will the bridge reopen in May this year?",  # a question
    "Read more about the floods here",  # interface text
    "Heavy rain.",  # too short to state a checkable fact
    "",
])
def test_rows_that_are_not_unattributed_claims(text):
    assert claims(text) == []


def test_sentence_inside_a_quotation_attributed_after_it_is_the_sources():
    text = "“The roads are flooded. Three villages are cut off,” the governor said."
    assert claims(text) == []


def test_claim_offsets_index_the_text():
    text = "Officials said the road was shut.\r\n\r\nThe river rose by two metres overnight in the north."
    found = claims(text)
    assert [c.text for c in found] == ["The river rose by two metres overnight in the north."]
    assert text[found[0].start:found[0].end] == found[0].text


def test_seed_unattributed_claims():
    found = claims(seed_text())
    texts = [c.text for c in found]
    assert texts[0] == "Moscow outlines territorial gains in Ukraine conflict"  # the headline
    assert any(t.startswith("The offensive was launched earlier this month with the stated goal") for t in texts)
    offensive = next(c for c in found if c.text.startswith("The offensive"))
    assert "'stated' hides who says so" in offensive.why
    # page furniture and attributed sentences are not claims
    for t in texts:
        assert not t.startswith(("Read more", "FILE PHOTO", "Most Popular", "May 31, 2024", "30.1 C"))
        assert "Belousov" not in t and "the minister said" not in t
    despite = next(c for c in found if c.text.startswith("despite"))
    assert despite.text == ("despite the peninsula’s population having voted overwhelmingly to join Russia "
                            "in a referendum in 2014")
    assert "writer's own voice" in despite.why
    assert len(found) == 3


def test_concession_after_an_attributed_claim_is_the_writers_own():
    text = "The union claims that wages fell, despite official data showing a rise of four percent."
    found = claims(text)
    assert [c.text for c in found] == ["despite official data showing a rise of four percent"]
    assert text[found[0].start:found[0].end] == found[0].text


def test_concession_inside_a_quotation_stays_the_sources():
    text = "“Wages fell, despite what the ministry says about the data,” the union said."
    assert claims(text) == []


from hypothesis import given, strategies as st  # noqa: E402

_PIECES = st.sampled_from([
    "The army", "fired", "35,000", "missiles", "said", "he", ",", ".", "?", "“", "”", '"', "\u00a0", "\r\n",
    "\n\n", "despite", "the stated goal", "was launched", "Read more", "Moscow", "claims that", "in 2014",
])


@given(st.lists(_PIECES, max_size=40).map(" ".join))
def test_any_text_gives_claims_that_index_the_text(text):
    for c in claims(text):
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start:c.end] == c.text
        assert c.why
