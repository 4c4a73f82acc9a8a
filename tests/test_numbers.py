"""Reading written numbers: digits, number words, multipliers, fractions."""
from __future__ import annotations

import math

import pytest

from kit.numbers import parse_digits, parse_number, words_to_number


@pytest.mark.parametrize(
    "text, expected",
    [
        ("7", 7.0),
        ("1,000", 1000.0),
        ("1,000,000,000,000", 1e12),
        ("13000", 13000.0),
        ("3.5", 3.5),
        (".001", 0.001),
        ("½", 0.5),
        ("2½", 2.5),
        ("3.5bn", 3.5e9),
        ("3.5 billion", 3.5e9),
        ("$2.5 million", 2.5e6),
        ("4 hundred million", 4e8),
        ("$1tn", 1e12),
        ("-5", -5.0),
        ("1/16", 0.0625),
        ("ten", 10.0),
        ("Ten", 10.0),
        ("twenty-five", 25.0),
        ("twenty-five thousand", 25000.0),
        ("three hundred and ten", 310.0),
        ("a hundred", 100.0),
        ("a million", 1e6),
        ("a dozen", 12.0),
        ("two dozen", 24.0),
        ("one", 1.0),
        ("zero", 0.0),
        ("two million three hundred thousand", 2.3e6),
    ],
)
def test_parse_number(text, expected):
    assert math.isclose(parse_number(text), expected, rel_tol=1e-12)


@pytest.mark.parametrize("text", ["", "   ", "banana", "tenth place", "1/0", "$"])
def test_parse_number_gives_none_for_what_is_not_a_number(text):
    assert parse_number(text) is None


def test_parse_number_says_what_it_needs():
    with pytest.raises(TypeError, match="takes a str"):
        parse_number(12)


@pytest.mark.parametrize("text, expected", [("1,234.5", 1234.5), ("¾", 0.75), ("x", None), ("", None)])
def test_parse_digits(text, expected):
    assert parse_digits(text) == expected


@pytest.mark.parametrize(
    "words, expected",
    [(["ninety-nine"], 99.0), (["a", "thousand"], 1000.0), (["one", "hundred", "and", "one"], 101.0), ([], None),
     (["banana"], None)],
)
def test_words_to_number(words, expected):
    assert words_to_number(words) == expected
