"""Reading numbers written in news text: digits, number words, multipliers and fractions.

``parse_number("3.5bn") == 3.5e9``, ``parse_number("twenty-five thousand") == 25000.0``,
``parse_number("½") == 0.5``. The word lists live in ``kit/data/figures/`` (number_words,
multipliers); this module only combines them. :mod:`kit.figures` uses the compiled patterns
to find numbers in a text and these functions to give them a value.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, Optional, Sequence, Tuple

from .resources import load_jsonl

# Unicode vulgar fractions, value of the glyph (standard Unicode names).
VULGAR: Dict[str, float] = {
    "½": 1 / 2, "¼": 1 / 4, "¾": 3 / 4, "⅓": 1 / 3, "⅔": 2 / 3, "⅕": 1 / 5, "⅖": 2 / 5,
    "⅗": 3 / 5, "⅘": 4 / 5, "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 1 / 8, "⅜": 3 / 8, "⅝": 5 / 8, "⅞": 7 / 8,
}

# Digits: grouped thousands ("1,000,000"), plain ("13000"), decimals ("3.5", ".001"),
# optionally followed by a vulgar fraction ("2½").
DIGITS = r"(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?:\s?[" + "".join(VULGAR) + r"])?|[" + "".join(VULGAR) + r"]"


@lru_cache(maxsize=None)
def word_values() -> Dict[str, Tuple[float, str]]:
    """Number word -> (value, kind) from ``figures/number_words.jsonl``."""
    return {row["word"]: (float(row["value"]), row["kind"]) for row in load_jsonl("figures/number_words.jsonl")}


@lru_cache(maxsize=None)
def multipliers() -> Dict[str, Tuple[float, bool]]:
    """Multiplier text (lower case) -> (factor, money_only) from ``figures/multipliers.jsonl``
    (the capital letters that must match exactly are in :func:`capital_multipliers`)."""
    return {row["text"]: (float(row["value"]), bool(row["money_only"]))
            for row in load_jsonl("figures/multipliers.jsonl") if not row.get("case")}


@lru_cache(maxsize=None)
def capital_multipliers() -> Dict[str, float]:
    """Capital letters glued to a number that multiply it ('4.3M'), matched exactly -> factor."""
    return {row["text"]: float(row["value"]) for row in load_jsonl("figures/multipliers.jsonl") if row.get("case")}


@lru_cache(maxsize=None)
def word_number_pattern() -> str:
    """A regex for one run of number words ("twenty-five thousand", "a dozen", "three hundred and ten")."""
    values = word_values()
    counting = sorted((w for w, (_, k) in values.items() if k in ("small", "tens")), key=len, reverse=True)
    scales = sorted((w for w, (_, k) in values.items() if k in ("scale", "dozen")), key=len, reverse=True)
    small = "|".join(w for w in counting if values[w][1] == "small")
    tens = "|".join(w for w in counting if values[w][1] == "tens")
    one_word = rf"(?:(?:{tens})(?:-(?:{small}))?|{small})"
    scale = "|".join(scales)
    # a counting word followed by scales, or "a" + scale ("a hundred", "a dozen"); joined by
    # spaces, hyphens or "and" between a scale and what follows ("three hundred and ten")
    head = rf"(?:{one_word}|a(?=\s+(?:{scale})\b))"
    tail = rf"(?:(?:\s+and\s+|[\s-]+)(?:{scale}|{one_word}))*"
    return rf"\b{head}{tail}\b"


def parse_digits(text: str) -> Optional[float]:
    """'1,000' -> 1000.0, '.001' -> 0.001, '2½' -> 2.5, '½' -> 0.5; None when it is not a number."""
    text = text.strip()
    if not text:
        return None
    frac = 0.0
    if text[-1] in VULGAR:
        frac = VULGAR[text[-1]]
        text = text[:-1].strip()
        if not text:
            return frac
    try:
        return float(text.replace(",", "")) + frac
    except ValueError:
        return None


def words_to_number(words: Sequence[str]) -> Optional[float]:
    """['twenty-five', 'thousand'] -> 25000.0; ['a', 'dozen'] -> 12.0; None for an empty or odd run."""
    values = word_values()
    total = 0.0
    current = 0.0
    seen = False
    for raw in words:
        word = raw.lower()
        if word == "and":
            continue
        if word == "a":
            current = current or 1.0
            seen = True
            continue
        for part in word.split("-"):
            if part not in values:
                return None
            value, kind = values[part]
            seen = True
            if kind in ("small", "tens"):
                current += value
            elif kind == "dozen":
                current = (current or 1.0) * value
            elif value == 100:
                current = (current or 1.0) * value
            elif kind == "scale":
                total += (current or 1.0) * value
                current = 0.0
            else:
                return None
    return total + current if seen else None


_SPLIT = re.compile(r"\s+|(?<=[a-z])-(?=(?:hundred|thousand|million|billion|trillion|dozen)\b)", re.I)
_NUM_THEN_REST = re.compile(rf"^\s*([-−+]?)\s*({DIGITS})\s*(.*?)\s*$", re.S)


def parse_number(text: str) -> Optional[float]:
    """The value of a written number: digits, words, multipliers, fractions; None when unreadable.

    >>> parse_number("3.5bn"), parse_number("$2.5 million"), parse_number("ten"), parse_number("1/16")
    (3500000000.0, 2500000.0, 10.0, 0.0625)
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_number() takes a str, got {type(text).__name__}; pass the number as text")
    text = text.strip().lstrip("$€£¥₹₽~≈<>").strip()
    if not text:
        return None
    fraction = re.fullmatch(r"(\d+)\s*[/⁄]\s*(\d+)", text)
    if fraction:
        den = int(fraction.group(2))
        return int(fraction.group(1)) / den if den else None
    match = _NUM_THEN_REST.match(text)
    if match:
        value = parse_digits(match.group(2))
        if value is None:
            return None
        if match.group(1) in ("-", "−"):
            value = -value
        rest = match.group(3).lower()
        for token in re.findall(r"[a-z]+", rest):
            factor = multipliers().get(token)
            if factor is None:
                break
            value *= factor[0]
        return value
    return words_to_number([w for w in _SPLIT.split(text) if w])
