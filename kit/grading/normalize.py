"""Answer normalisation: the ways of writing one answer that a checker treats as the same.

Case, runs of whitespace (NBSP included), curly versus straight quotes, dash variants, quotes or
full stops around the answer, and a leading article ("the minister" = "minister") never decide
whether an answer is right.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

# Typographic characters folded to their plain ASCII forms.
_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ",
})
# Leading articles a student may add or leave out.
_ARTICLE = re.compile(r"^(?:the|a|an)\s+")
# Quotes, brackets and sentence punctuation wrapped around a whole answer.
_WRAP = " \t\n\"'`.,;:!?()[]"
_SPACES = re.compile(r"\s+")
# A single choice letter as students write it: b, B, (b), b), "b." or "option b".
_LETTER = re.compile(r"^(?:option\s+)?\(?([a-z])\)?\.?$")
# A number as text: 35,000 / 35 000 / 2.5 / over-less digits only.
_NUMBER = re.compile(r"^[-+]?\d{1,3}(?:[ ,]\d{3})+(?:\.\d+)?$|^[-+]?\d+(?:\.\d+)?$")


def fold(text: str) -> str:
    """Typographic folding and whitespace collapsing, case kept (for texts the detectors read)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text).translate(_FOLD)).strip()


def phrase(text: str) -> str:
    """The comparison form of a phrase: folded, lower case, unwrapped, without a leading article."""
    out = fold(text).lower().strip(_WRAP)
    out = _ARTICLE.sub("", out)
    # The possessive 's survives, other straight quotes inside are kept as typed.
    return _SPACES.sub(" ", out).strip(_WRAP)


def letter(text: str) -> Optional[str]:
    """A choice letter ("b") from what a student typed, or None when it is not one letter."""
    match = _LETTER.match(fold(text).lower().strip(" \t\n\"'`"))
    return match.group(1) if match else None


def number(value) -> Optional[float]:
    """A number from an int, a float or a numeric string ("35,000"); None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        text = fold(value).strip(_WRAP)
        if _NUMBER.match(text):
            return float(text.replace(",", "").replace(" ", ""))
    return None
