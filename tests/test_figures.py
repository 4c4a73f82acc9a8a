"""Finding quantities: value, unit, bound and what is counted; what is not a quantity.

Every sentence here was written for the kit (none comes from an evaluation corpus).
"""
from __future__ import annotations

import math
import time

import pytest
import spacy
from hypothesis import given, settings, strategies as st

import kit
from kit import store
from kit.figures import RawFigure, find_figures, scan_figures
from kit.pipeline import get_nlp
from kit.records import Figure, Furniture

# (sentence, text of the figure, value, unit, bound, what)
ROWS = [
    ("Troops took 880 square kilometers of land this year.", "880 square kilometers", 880, "square kilometers", "=", "land"),
    ("The line moved nearly 10km away from the border.", "nearly 10km", 10, "km", "<", None),
    ("The army stopped ten US-donated ATACMS missiles on Monday.", "ten US-donated ATACMS missiles", 10, "missiles", "=", "missiles"),
    ("Crews shot down 50 ATACMS ground-launched ballistic missiles.", "50 ATACMS ground-launched ballistic missiles", 50, "missiles", "=", "missiles"),
    ("They also intercepted 8 SCALP-type cruise missiles.", "8 SCALP-type cruise missiles", 8, "missiles", "=", "missiles"),
    ("The navy said it downed over 1,000 drones.", "over 1,000 drones", 1000, "drones", ">", "drones"),
    ("The side lost over 35,000 troops in May.", "over 35,000 troops", 35000, "troops", ">", "troops"),
    ("Officials reported more than 2,700 pieces of heavy weaponry lost.", "more than 2,700 pieces of heavy weaponry", 2700, "pieces of heavy weaponry", ">", "weaponry"),
    ("Rescuers found dozens of other stranded hikers.", "dozens of other stranded hikers", None, "hikers", "~", "hikers"),
    ("The mayor counted a total of 50 new buses.", "a total of 50 new buses", 50, "buses", "=", "buses"),
    ("Some 4,000 people marched through the town.", "Some 4,000 people", 4000, "people", "~", "people"),
    ("About 70% of voters backed the plan.", "About 70%", 70, "%", "~", "voters"),
    ("Turnout reached 61.5 percent on Sunday.", "61.5 percent", 61.5, "percent", "=", None),
    ("The council approved at least 12 new schools.", "at least 12 new schools", 12, "schools", ">", "schools"),
    ("The scheme will create up to 400 jobs.", "up to 400 jobs", 400, "jobs", "<", "jobs"),
    ("Fewer than 30 students signed up.", "Fewer than 30 students", 30, "students", "<", "students"),
    ("It costs under $10 a ticket.", "under $10", 10, "$", "<", None),
    ("The club paid roughly $2.5 million for the striker.", "roughly $2.5 million", 2.5e6, "$", "~", None),
    ("The firm made $3.5bn last year.", "$3.5bn", 3.5e9, "$", "=", None),
    ("Debt reached $1,000,000,000,000 by then.", "$1,000,000,000,000", 1e12, "$", "=", None),
    ("The bakery sold a dozen loaves.", "a dozen loaves", 12, "loaves", "=", "loaves"),
    ("Tens of thousands of fans waited outside.", "Tens of thousands of fans", None, "fans", "~", "fans"),
    ("Several ministers resigned.", "Several ministers", None, "ministers", "~", "ministers"),
    ("A couple of reporters stayed behind.", "A couple of reporters", 2, "reporters", "~", "reporters"),
    ("Hundreds of homes lost power.", "Hundreds of homes", None, "homes", "~", "homes"),
    ("Half of the rooms were empty.", "Half", 0.5, "fraction", "=", "rooms"),
    ("Nearly two-thirds of the budget went on wages.", "Nearly two-thirds", 2 / 3, "fraction", "<", "budget"),
    ("The recipe needs ½ cup of sugar.", "½ cup", 0.5, "cup", "=", "cup"),
    ("Prices rose 4.5% in March.", "4.5%", 4.5, "%", "=", None),
    ("The town has 13000 residents.", "13000 residents", 13000, "residents", "=", "residents"),
    ("The lake froze at minus 12 degrees.", "minus 12 degrees", -12, "degrees", "=", None),
    ("He pleaded guilty to one count of fraud.", "one count", 1, "count", "=", "count"),
    ("The project will take 10 to 15 years.", "10 to 15 years", 10, "years", "~", None),
    ("Tickets cost between $3 and $5 billion in total.", "between $3 and $5 billion", 3e9, "$", "~", None),
    ("A 10-15 minute walk leads to the sea.", "10-15 minute", 10, "minute", "~", None),
    ("The reserve holds 50 or more wolves.", "50 or more wolves", 50, "wolves", ">", "wolves"),
    ("The fund lost 7.5 million Danish crowns.", "7.5 million Danish crowns", 7.5e6, "Danish crowns", "=", None),
    ("Snow covered 2.8bn km of road.", "2.8bn km", 2.8e9, "km", "=", "road"),
    ("The mass is about 1.99×10−30 kilograms.", "about 1.99×10−30 kilograms", 1.99e-30, "kilograms", "~", None),
    ("He inherited a quarter of a million dollars.", "a quarter of a million dollars", 250000, "dollars", "=", None),
    ("The council has a 10-member board.", "10-member board", 10, "member", "=", "board"),
    ("He shot well from three-point range.", "three-point range", 3, "point", "=", "range"),
    # a capital M or B glued to the number (news shorthand); one digit alone is a name ("3M")
    ("The album sold 4.3M copies in a year.", "4.3M copies", 4.3e6, "copies", "=", "copies"),
    ("The app now has 15B messages a day.", "15B messages", 15e9, "messages", "=", "messages"),
    # a share written "N in M" / "N out of M" is one figure, a fraction
    ("One in five adults smoke.", "One in five adults", 0.2, "fraction", "=", "adults"),
    ("Nearly 3 out of 10 homes flooded.", "Nearly 3 out of 10 homes", 0.3, "fraction", "<", "homes"),
    ("Almost half of the members voted.", "Almost half", 0.5, "fraction", "<", "members"),
    # "one hand" counts; "on one hand" is an idiom
    ("She raised one hand and waved.", "one hand", 1, "hand", "=", "hand"),
    # what is counted ends at the last plural noun or at a day name
    ("They hired 600 people worldwide.", "600 people", 600, "people", "=", "people"),
    ("The index fell 200 Tuesday.", "200", 200, None, "=", None),
    ("Police held 12 Chinese nationals.", "12 Chinese nationals", 12, "nationals", "=", "nationals"),
    ("The top three seeds advanced.", "three seeds", 3, "seeds", "=", "seeds"),
    ("She is one of the best players.", None, None, None, None, None),
    ("On one hand, the plan is cheap.", None, None, None, None, None),
    ("Shares of 3M fell sharply.", None, None, None, None, None),
    ("The 787 Dreamliner landed late.", None, None, None, None, None),
    ("Homes in the 10001 ZIP Code sold fast.", None, None, None, None, None),
    ("He bought the 15 Pro Max in May.", None, None, None, None, None),
    ("Our team slipped into the bottom three again.", None, None, None, None, None),
    ("He ranked in the top 10 of his class.", None, None, None, None, None),
    ("The poll ran from Sept. 19 to 22 in Ohio.", None, None, None, None, None),
    ("Tickets for Round Two sold out.", None, None, None, None, None),
    ("Each one was different.", None, None, None, None, None),
    ("Russia annexed the peninsula in 2014.", None, None, None, None, None),
    ("The war began in February 2022.", None, None, None, None, None),
    ("Posted May 31, 2024 at 08:56PM.", None, None, None, None, None),
    ("The meeting is on Friday this year.", None, None, None, None, None),
    ("The train leaves at 5:30 p.m. sharp.", None, None, None, None, None),
    ("She came third in the race.", None, None, None, None, None),
    ("He finished 3rd in the 21st race.", None, None, None, None, None),
    ("Call 555-123-4567 or +44 20 7946 0958 now.", None, None, None, None, None),
    ("Update to version 3.8.18 today.", None, None, None, None, None),
    ("Read Article 5 of the treaty.", None, None, None, None, None),
    ("Read John 3:16-18 tonight.", None, None, None, None, None),
    ("The shop opens 9:30-11 daily.", None, None, None, None, None),
    ("The new iPhone 11 Pro is out.", None, None, None, None, None),
    ("The F-35 and the XC40 were on show.", None, None, None, None, None),
    ("COVID-19 spread fast.", None, None, None, None, None),
    ("The game ended 2-0 after extra time.", None, None, None, None, None),
    ("She lives at 575 Park Road in town.", None, None, None, None, None),
    ("The 1990s were different.", None, None, None, None, None),
    ("It was a one-off event.", None, None, None, None, None),
    ("Crowds gathered at Ground Zero today.", None, None, None, None, None),
    ("Prices peaked in the 80's and the 1990s.", None, None, None, None, None),
    ("See tweet 783492272595750912 for details.", None, None, None, None, None),
]


@pytest.mark.parametrize("sentence, text, value, unit, bound, what", ROWS)
def test_scan_figures_rows(sentence, text, value, unit, bound, what):
    found = scan_figures(sentence)
    if text is None:
        assert found == [], f"expected no figure in {sentence!r}, got {[sentence[f.start:f.end] for f in found]}"
        return
    assert len(found) == 1, [sentence[f.start:f.end] for f in found]
    f = found[0]
    assert sentence[f.start:f.end] == text
    if value is None:
        assert f.value is None
    else:
        assert math.isclose(f.value, value, rel_tol=1e-9)
    assert (f.unit, f.bound, f.what) == (unit, bound, what)


@pytest.mark.parametrize(
    "sentence, texts",
    [
        ("It cost 10.5 million dollars ($7.5 million) or 10 percent of sales.",
         ["10.5 million dollars", "$7.5 million", "10 percent"]),
        ("Revenue rose by $43 million to $419 million.", ["$43 million", "$419 million"]),
        ("Shares fell 4.2 percent to 280 yen.", ["4.2 percent", "280 yen"]),
        ("The rate is 110 JPY to 1 USD.", ["110 JPY", "1 USD"]),
        ("The Q3 report: 7 of 10 firms grew.", ["7", "10 firms"]),
        ("Exports dropped 7% to $2.3 billion.", ["7%", "$2.3 billion"]),
        # a range goes up and carries its unit on the last end (or both): otherwise two figures
        ("The share price rose 6.5% to 41.2 on Friday.", ["6.5%", "41.2"]),
        ("His weight fell from 90 kilos to 82.", ["90 kilos", "82"]),
        ("They won 5 in 10 days.", ["5", "10 days"]),
    ],
)
def test_several_figures_in_one_sentence(sentence, texts):
    assert [sentence[f.start:f.end] for f in scan_figures(sentence)] == texts


def test_conversion_in_brackets_keeps_the_bound():
    sentence = "Savers with more than 7.5 million crowns ($1.1 million) pay a fee."
    bounds = [(sentence[f.start:f.end], f.bound) for f in scan_figures(sentence)]
    assert bounds == [("more than 7.5 million crowns", ">"), ("$1.1 million", ">")]


def test_huge_and_tiny_numbers_keep_their_value():
    found = scan_figures("Budgets of $12 trillion and errors of .001 per cent were found.")
    assert [f.value for f in found] == [12e12, 0.001]


def test_numbers_too_big_for_a_float_are_skipped():
    text = "It has " + "9" * 400 + " parts and 5 trillion " + "9" * 300 + " bits."
    assert all(math.isfinite(f.value) for f in scan_figures(text))
    # a share whose second number is too big for a float is no share ("one in 99...9")
    assert all(math.isfinite(f.value) for f in scan_figures("Only one in " + "9" * 400 + " cats."))


def test_letters_that_change_length_when_lower_cased_keep_offsets_right():
    text = "İstanbul has about 15 million people and a dozen bridges."
    found = scan_figures(text)
    assert [text[f.start:f.end] for f in found] == ["about 15 million people", "a dozen bridges"]


def test_scan_figures_says_what_it_needs():
    with pytest.raises(TypeError, match="as a str"):
        scan_figures(b"ten troops")


# --- through the pipeline (blank English) -----------------------------------------------------

def _figures(text):
    return store.layer(get_nlp()(text), "figures")


def test_pipeline_seed_figures():
    figures = kit.analyze().to_dict()["figures"]
    texts = [f["text"] for f in figures]
    assert "30.1 C" not in texts  # the weather widget is not a claim
    assert not any(t in ("2014", "2022", "2024", "08:56PM") for t in texts)
    expected = {
        "880 square kilometers": (880, "="),
        "nearly 10km": (10, "<"),
        "ten US-donated ATACMS missiles": (10, "="),
        "a total of 50 ATACMS ground-launched ballistic missiles": (50, "="),
        "8 SCALP-type cruise missiles": (8, "="),
        "over 1,000 drones": (1000, ">"),
        "dozens of other aerial weapons": (None, "~"),
        "more than 2,700 pieces of heavy weaponry": (2700, ">"),
    }
    got = {f["text"]: (f["value"], f["bound"]) for f in figures}
    for text, want in expected.items():
        assert got.get(text) == want, text
    # the number that appears twice: in the teaser and in the body
    assert texts.count("over 35,000 troops") == 2


def test_pipeline_writes_records_and_spans():
    doc = get_nlp()("Police said 300 people were hurt.")
    figures = store.layer(doc, "figures")
    assert [type(f) for f in figures] == [Figure]
    assert [s.text for s in doc.spans["kit_figures"]] == ["300 people"]
    assert figures[0].verdict in ("checkable", "unverifiable") and figures[0].reasons


def test_vague_figure_is_unverifiable_whoever_says_it():
    (f,) = _figures("Dozens of people queued outside the bank.")
    assert f.value is None and f.verdict == "unverifiable"
    assert any("vague" in r for r in f.reasons)


def test_reporter_figure_with_no_source_has_no_claimant():
    (f,) = _figures("The bridge is 19 kilometers long.")
    assert f.claimant is None and f.verdict == "unverifiable"


@pytest.mark.parametrize("kind, kept", [("weather", False), ("page_date", False), ("timestamp", False),
                                        ("footer", False), ("teaser", True)])
def test_furniture_numbers_are_skipped_except_teasers(kind, kept):
    text = "Moscow says 300 tanks were lost"
    doc = spacy.blank("en")(text)
    store.put(doc, "furniture", [Furniture(0, len(text), text, kind)])
    assert bool(find_figures(doc)) is kept


def test_a_bare_measurement_line_is_page_furniture():
    text = "21.5 C\nThe storm brought 40 mm of rain."
    assert [f.text for f in find_figures(spacy.blank("en")(text))] == ["40 mm"]


# --- robustness ------------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_arbitrary_text_never_breaks_and_offsets_are_valid(text):
    first = scan_figures(text)
    assert first == scan_figures(text)  # deterministic
    last_end = 0
    for f in first:
        assert isinstance(f, RawFigure)
        assert 0 <= f.start < f.end <= len(text)
        assert f.start >= last_end  # sorted, no overlaps
        last_end = f.end
        assert f.bound in ("=", "~", ">", "<")
        assert f.value is None or math.isfinite(f.value)


NUMBERISH = st.text(alphabet="0123456789,.-–$%½ abcmkontwhiyrsfedAMP:/\n", max_size=80)


@settings(max_examples=300, deadline=None)
@given(NUMBERISH)
def test_number_heavy_text_never_breaks(text):
    for f in scan_figures(text):
        assert 0 <= f.start < f.end <= len(text)


def test_scanner_is_cheap_next_to_tokenization():
    text = kit.load_article().text * 40
    nlp = spacy.blank("en")
    nlp(text)
    scan_figures(text)
    t0 = time.perf_counter()
    nlp(text)
    t_tok = time.perf_counter() - t0
    t0 = time.perf_counter()
    scan_figures(text)
    t_fig = time.perf_counter() - t0
    assert t_fig < 3 * t_tok + 0.01, (t_fig, t_tok)
