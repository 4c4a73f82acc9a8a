"""Every exercise checker: its reference answer passes, wrong answers fail, equivalent forms pass.

The reference answers come from the seed's answer key (``from_key``) where a question says so;
the question banks also state them in words (``answer``), and the two must agree.
"""
from __future__ import annotations

import pytest

from kit.grading import checks
from kit.grading.checks import EXERCISES, check, checker, exercise, result
from kit.grading import normalize as norm
from kit.resources import load_json

QUESTIONS = [(name, q["id"]) for name in EXERCISES for q in checks.questions(name)]
WRONG = [(name, q["id"], w) for name in EXERCISES for q in checks.questions(name) for w in q["wrong"]]


def _one_line(line: str) -> bool:
    return "\n" not in line and "Traceback" not in line


@pytest.mark.parametrize("name,qid", QUESTIONS)
def test_reference_answer_passes_with_full_points(name, qid):
    q = exercise(name)["questions"][qid]
    r = result(name, qid, q["answer"])
    assert r.correct and r.points == r.max_points == q["points"]
    assert r.line.startswith(f"{qid} ✔ correct — {q['points']}/{q['points']} points. ")
    assert _one_line(r.line)


@pytest.mark.parametrize("name,qid,wrong", WRONG)
def test_wrong_answer_fails_with_a_hint_not_the_answer(name, qid, wrong):
    q = exercise(name)["questions"][qid]
    r = result(name, qid, wrong)
    assert not r.correct and r.points == 0
    assert r.line.startswith(f"{qid} ✘ not yet — 0/{q['points']} points. ")
    assert _one_line(r.line)
    if "Hint: " in r.line:
        hint = r.line.split("Hint: ", 1)[1]
        assert hint.endswith("?")
        if isinstance(q["answer"], str) and q["kind"] in ("phrase", "rewrite") and len(q["answer"]) > 1:
            assert norm.phrase(q["answer"]) not in norm.phrase(hint)


@pytest.mark.parametrize("name,qid", QUESTIONS)
def test_stated_answer_agrees_with_the_seed_key(name, qid):
    raw = next(q for q in load_json(f"exercises/{name}.json")["questions"] if q["id"] == qid)
    resolved = exercise(name)["questions"][qid]
    stated, derived = raw["answer"], resolved["answer"]
    if isinstance(stated, list):
        assert sorted(map(str, stated)) == sorted(map(str, derived))
    else:
        assert str(stated) == str(derived)
    for spec in raw.get("key_evidence", []):
        expect = spec["expect"]
        got = checks.from_key(spec)
        assert got == expect, (spec, got)


def test_most_questions_take_their_answer_from_the_key():
    derived = [q for name in EXERCISES for q in load_json(f"exercises/{name}.json")["questions"]
               if "from_key" in q or "key_evidence" in q]
    assert len(derived) >= 0.75 * len(QUESTIONS)


@pytest.mark.parametrize("name", EXERCISES)
def test_each_exercise_has_four_to_eight_questions_and_wrong_answers(name):
    qs = checks.questions(name)
    assert 4 <= len(qs) <= 8
    assert all(len(q["wrong"]) >= 3 for q in qs)
    assert all(q["hint"].endswith("?") for q in qs)


# Equivalent forms: (exercise, question, answer a student might type)
EQUIVALENT = [
    ("01_who_says_so", "q1", "Said"),
    ("01_who_says_so", "q1", "  said. "),
    ("01_who_says_so", "q1", "“said”"),
    ("01_who_says_so", "q2", "belousov"),
    ("01_who_says_so", "q2", "Defense  Minister Andrey\u00a0Belousov"),
    ("01_who_says_so", "q4", "B"),
    ("01_who_says_so", "q4", "(b)"),
    ("01_who_says_so", "q4", "b)"),
    ("01_who_says_so", "q5", ["ukraine and its western backers", "KIEV", "the Officials in Washington"]),
    ("01_who_says_so", "q5", ("Kiev", "Officials in Washington", "Ukraine and its Western backers")),
    ("01_who_says_so", "q5", {"Kyiv", "Washington officials", "Ukraine and its Western backers"}),
    ("02_loaded_words", "q1", ["claims", "claimed"]),
    ("02_loaded_words", "q1", ["Claimed", "‘claims’"]),
    ("03_numbers", "q1", 880.0),
    ("03_numbers", "q1", "880"),
    ("03_numbers", "q3", ["35,000", 2700, "1000"]),
    ("03_numbers", "q3", (2700, 1000, 35000)),
    ("03_numbers", "q4", "the defense minister"),
    ("03_numbers", "q5", "Dozens"),
    ("03_numbers", "q6", ["d", "A"]),
    ("04_final_assessment", "q1", "Claim"),
    ("04_final_assessment", "q3", "moscow"),
]


@pytest.mark.parametrize("name,qid,value", EQUIVALENT)
def test_equivalent_forms_pass(name, qid, value):
    assert result(name, qid, value).correct


# Wrong types: one line saying what was expected, no traceback.
WRONG_TYPES = [
    ("01_who_says_so", "q1", ["said"], "one word or phrase in quotes"),
    ("01_who_says_so", "q1", 42, "one word or phrase in quotes"),
    ("01_who_says_so", "q4", 2, "one letter in quotes"),
    ("01_who_says_so", "q4", "z", "one letter in quotes"),
    ("01_who_says_so", "q5", "Kiev", "a list of words or phrases"),
    ("01_who_says_so", "q5", [1, 2], "a list of words or phrases"),
    ("03_numbers", "q1", "eight hundred", "a number"),
    ("03_numbers", "q1", True, "a number"),
    ("03_numbers", "q3", 35000, "a list of numbers"),
    ("03_numbers", "q6", "a", "a list of letters"),
    ("04_final_assessment", "q6", 880, "your sentence in quotes"),
]


@pytest.mark.parametrize("name,qid,value,expected", WRONG_TYPES)
def test_wrong_type_says_what_was_expected(name, qid, value, expected):
    r = result(name, qid, value)
    assert not r.correct and f"Expected {expected}" in r.line and _one_line(r.line)


@pytest.mark.parametrize("value", [None, "", "   ", [], (), ...])
def test_unanswered_gets_the_hint(value):
    r = result("01_who_says_so", "q1", value)
    assert not r.correct and "Hint: " in r.line


def test_duplicates_and_extra_items_in_a_set_answer_fail_and_repeats_pass():
    assert not result("01_who_says_so", "q5", ["Kiev", "Officials in Washington"]).correct
    assert not result("01_who_says_so", "q5", ["Kiev", "Officials in Washington", "Ukraine and its Western backers",
                                               "Belousov"]).correct
    assert result("02_loaded_words", "q1", ["claimed", "claims", "Claims"]).correct


def test_rewrite_judged_by_the_detectors():
    q6 = exercise("04_final_assessment")["questions"]["q6"]
    assert result("04_final_assessment", "q6", q6["answer"]).correct
    kept_loaded = result("04_final_assessment", "q6", q6["wrong"][0]).line
    assert "loaded wording" in kept_loaded
    no_source = result("04_final_assessment", "q6", q6["wrong"][1]).line
    assert "who says so" in no_source
    no_number = result("04_final_assessment", "q6", q6["wrong"][2]).line
    assert "number" in no_number


def test_check_prints_one_line_and_reads_the_notebook_variable(capsys):
    ns = {"check": checker("01_who_says_so"), "q1": "said"}
    exec('check("q1")', ns)  # as a notebook cell would run it
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and out.startswith("q1 ✔ correct — 1/1 points.")
    exec('check("q2")', ns)  # q2 never assigned
    out = capsys.readouterr().out
    assert out.startswith("q2 ✘ not yet — 0/1 points.") and "run the answer cell" in out
    check("01_who_says_so", "q1", "pushed")
    assert capsys.readouterr().out.startswith("q1 ✘ not yet")


def test_unknown_question_and_exercise():
    assert "unknown question" in result("01_who_says_so", "q99", "x").line
    with pytest.raises(Exception, match="unknown exercise"):
        checker("05_nothing")


@pytest.mark.parametrize("text,expected", [
    ("The Minister", "minister"), ("  an   ally ", "ally"), ("‘Kiev’s forces’", "kiev's forces"),
    ("A", "a"), ("the", "the"), ("Kharkov—Region", "kharkov-region"), ("other.", "other"),
])
def test_phrase_normalisation(text, expected):
    assert norm.phrase(text) == expected


@pytest.mark.parametrize("text,expected", [("b", "b"), ("B.", "b"), ("(c)", "c"), ("option d", "d"),
                                           ("bc", None), ("", None), ("1", None)])
def test_letter_normalisation(text, expected):
    assert norm.letter(text) == expected


# --- no input a student can type makes a checker raise -----------------------------------------
from hypothesis import given, settings, strategies as st  # noqa: E402

PLAIN = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.frozensets(st.text(max_size=5), max_size=3)
    | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
NON_REWRITE = [(n, q) for n, q in QUESTIONS if exercise(n)["questions"][q]["kind"] != "rewrite"]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(NON_REWRITE), PLAIN)
def test_any_plain_value_gets_one_line_and_never_raises(question, value):
    name, qid = question
    r = result(name, qid, value)
    assert _one_line(r.line) and r.line.startswith(qid + " ")
    assert r.points in (0, r.max_points)
