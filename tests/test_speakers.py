"""Source kinds and speaker resolution: general rules, rows written for the kit."""
from __future__ import annotations

import pytest

from kit.speakers import SpeakerIndex, source_kind


@pytest.mark.parametrize("source, kind", [
    ("he", "pronoun"),
    ("She", "pronoun"),
    ("they", "pronoun"),
    ("Andrey Belousov", "person"),
    ("Farmers", "unnamed"),  # a group at the start of a sentence is capitalised, but it is no name
    ("Teachers", "unnamed"),
    ("Sanders", "person"),  # a surname that looks like a plural stays a person
    ("Defense Minister Andrey Belousov", "person"),
    ("Ms. Ruiz", "person"),
    ("the defense minister", "role"),
    ("The Russian minister", "role"),
    ("a spokesman", "role"),
    ("officials", "unnamed"),
    ("Officials in Washington", "unnamed"),
    ("Western media reports", "unnamed"),
    ("sources close to the talks", "unnamed"),
    ("the ministry", "institution"),
    ("The New York Times", "institution"),
    ("the Kremlin", "institution"),
    ("Moscow", "place_as_actor"),
    ("Kiev", "place_as_actor"),
    ("Washington", "place_as_actor"),
    ("Ukraine and its Western backers", "place_as_actor"),
])
def test_source_kind(source, kind):
    assert source_kind(source) == kind


TEXT = ("Defense Minister Andrey Belousov spoke in Minsk. US President Joe Biden met aides. "
        "Sen. Elizabeth Warren left early.")


@pytest.mark.parametrize("source, kind, speaker", [
    ("the defense minister", "role", "Andrey Belousov"),  # the title, found anywhere in the text
    ("the minister", "role", "Andrey Belousov"),  # the head noun of the title
    ("The Russian minister", "role", "Andrey Belousov"),  # a nationality adjective does not block the match
    ("the president", "role", "Joe Biden"),
    ("Belousov", "person", "Andrey Belousov"),  # a surname: the full name seen in the text
    ("Warren", "person", "Elizabeth Warren"),
    ("Ms. Lopez", "person", "Lopez"),  # nobody of that name in the text: the name as written
    ("the foreign minister", "role", None),  # no one holds that title here: unresolved, not guessed
    ("the senator", "role", None),  # "Sen." is an abbreviation, not the word: unresolved
])
def test_resolution_rules(source, kind, speaker):
    assert SpeakerIndex(TEXT).resolve(source, kind) == speaker


def test_pronouns_take_the_most_recent_person_or_group():
    index = SpeakerIndex(TEXT)
    assert index.resolve("he", "pronoun") is None  # nobody has spoken yet
    index.resolve("Belousov", "person")
    assert index.resolve("he", "pronoun") == "Andrey Belousov"
    index.resolve("the ministry", "institution")
    assert index.resolve("it", "pronoun") == "ministry"
    assert index.resolve("he", "pronoun") == "Andrey Belousov"  # a group does not replace the person
    index.resolve("Warren", "person")
    assert index.resolve("she", "pronoun") == "Elizabeth Warren"


def test_ambiguous_role_is_left_unresolved():
    index = SpeakerIndex("Foreign Minister Ana Ruiz met Finance Minister Tom Hale.")
    assert index.resolve("the minister", "role") is None  # two ministers: the text does not say which
    assert index.resolve("the finance minister", "role") == "Tom Hale"
