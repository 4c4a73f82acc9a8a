"""The same lexicons flag loaded wording from every side, and leave neutral reporting alone.

The rows in ``tests/data/even_handed.jsonl`` were written for the kit: for each topic, sentences
loaded in favour of each side and neutral sentences on the same events.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import spacy

from kit.loaded import CATEGORIES, find_loaded

ROWS_PATH = Path(__file__).parent / "data" / "even_handed.jsonl"
ROWS = [json.loads(line) for line in ROWS_PATH.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("//")]
NLP = spacy.blank("en")


def flags(text):
    return find_loaded(NLP.make_doc(text), attributions=[])


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['topic']}-{r['side']}-{i}" for i, r in enumerate(ROWS)])
def test_row_gets_exactly_its_expected_flags(row):
    got = sorted((f.text, f.category) for f in flags(row["text"]))
    want = sorted((e["text"], e["category"]) for e in row["expected"])
    assert got == want, f"flags differ for: {row['text']}"


def test_rows_are_well_formed():
    for row in ROWS:
        assert set(row) == {"topic", "side", "text", "expected"}
        for e in row["expected"]:
            assert e["category"] in CATEGORIES
            assert e["text"] in row["text"]
        # A neutral row expects nothing; a side's row expects at least one flag.
        assert (row["side"] == "neutral") == (not row["expected"]), row["text"]


def test_each_topic_has_both_sides_and_neutral_rows():
    sides = defaultdict(Counter)
    for row in ROWS:
        sides[row["topic"]][row["side"]] += 1
    assert set(sides) >= {"russia_ukraine", "israel_palestine", "migration", "elections", "business_labour"}
    for topic, count in sides.items():
        partisan = [s for s in count if s != "neutral"]
        assert len(partisan) == 2, f"{topic} should have exactly two sides, has {partisan}"
        assert all(count[s] >= 2 for s in partisan), f"{topic}: each side needs at least two rows"
        assert count["neutral"] >= 2, f"{topic}: needs at least two neutral rows"


def test_both_sides_of_every_topic_are_flagged_in_more_than_one_category():
    cats = defaultdict(set)
    for row in ROWS:
        if row["side"] != "neutral":
            cats[(row["topic"], row["side"])].update(f.category for f in flags(row["text"]))
    for key, found in cats.items():
        assert len(found) >= 2, f"{key}: only {found}"


# The same frame with the sides swapped must get the same kind of flag.
MIRRORS = [
    ("Kiev's forces shelled the town.", "Moscow's forces shelled the town.", "naming"),
    ("Washington's puppets signed the deal.", "Moscow's puppets signed the deal.", "naming"),
    ("Kiev shelled the town.", "Moscow shelled the town.", "naming"),
    ("The Kiev regime refused.", "The Kremlin regime refused.", "label"),
    ("The Assad regime refused.", "The Netanyahu regime refused.", "label"),
    ("Russian occupiers entered the town.", "Israeli occupiers entered the town.", "label"),
    ("Ukraine and its Western backers objected.", "Russia and its Iranian backers objected.", "label"),
    ("Palestinian terrorists fired rockets.", "Jewish terrorists torched a car.", "label"),
    ("The far-right party won.", "The far-left party won.", "label"),
    ("Leftists marched downtown.", "Nativists marched downtown.", "label"),
    ("Greedy landlords raised rents.", "Greedy unions raised demands.", "label"),
    ("The self-proclaimed Donetsk authorities met.", "The self-proclaimed Kosovo authorities met.", "distancing"),
    ("They slaughtered villagers.", "Soldiers slaughtered villagers.", "intensifier"),
    ("The brutal Russian offensive went on.", "The brutal Ukrainian offensive went on.", "intensifier"),
    ("The town was liberated by Russian troops.", "The town was liberated by Ukrainian troops.", "presupposition"),
    ("It acted in a bid to humiliate Kyiv.", "It acted in a bid to humiliate Moscow.", "motive"),
    ("Critics say the strike was illegal.", "Critics say the lockout was illegal.", "weasel"),
]


@pytest.mark.parametrize("one,other,category", MIRRORS)
def test_mirror_sentences_get_the_same_category(one, other, category):
    a = Counter(f.category for f in flags(one))
    b = Counter(f.category for f in flags(other))
    assert a[category] >= 1 and b[category] >= 1, (a, b)
