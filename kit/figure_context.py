"""The context the figures rules read around a number: compiled patterns and word lists.

Everything here is built once from ``kit/data/figures/`` (see the README there) by
:func:`lexicon`, plus small readers used by :mod:`kit.figures`: the bound cue before a number,
its multiplier and unit after it, and the noun phrase saying what is counted. No Python loop
here runs over the whole text; each reader looks at a few dozen characters.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, List, NamedTuple, Optional, Tuple

from .numbers import DIGITS, capital_multipliers, multipliers, word_number_pattern, word_values
from .resources import load_json, load_jsonl


def alts(words) -> str:
    """Alternation of escaped words, longest first (so 'more than' beats 'more')."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


class Lexicon:
    """All compiled patterns, built once from the data files."""

    def __init__(self) -> None:
        ctx = load_json("figures/context.json")
        self.ctx = {k: frozenset(v["words"]) for k, v in ctx.items() if isinstance(v, dict)}
        bounds = load_jsonl("figures/bounds.jsonl")
        self.bound_of = {r["cue"].lower(): r["bound"] for r in bounds}
        before = [r["cue"] for r in bounds if r["where"] == "before"]
        word_cues = [c for c in before if c[-1].isalpha() or c.endswith(".")]
        sym_cues = [c for c in before if c not in word_cues]
        # a bound cue right before the number: "more than 1,000", "~25", "sub-7"
        # (the word cues as a trie: the same words, tried much faster than a flat alternation)
        self.bound_before = re.compile(
            rf"(?:(?<![\w])(?P<w>{trie(c.lower() for c in word_cues)})\s+|(?P<s>{alts(sym_cues)})\s*)$", re.I)
        self.bound_longest = max(map(len, before))
        after = [r["cue"] for r in bounds if r["where"] == "after"]
        spaced = [c for c in after if c[0].isalpha()]
        glued = [c for c in after if not c[0].isalpha()]
        # a bound cue right after the number: "50 or more", "50-plus", "50+"
        self.bound_after = re.compile(
            rf"^(?:\s+(?P<w>{alts(spaced)})(?![\w])|(?P<s>{alts(glued)})(?![\w]))", re.I)
        curr = load_jsonl("figures/currencies.jsonl")
        self.currency_unit = {r["text"].lower(): r["unit"] for r in curr}
        # a currency sign opening the second end of a range: "$3 billion to $5 billion"
        self.currency_sign = re.compile(rf"(?:{alts(r['text'] for r in curr if not r['text'][0].isalpha())})\s?")
        # a currency sign or code right before the amount: "$", "US$", "USD ", "€"
        self.currency_before = re.compile(
            rf"(?:(?<![A-Za-z])(?P<c>{alts(r['text'] for r in curr)}))\s?$")
        self.currency_longest = max(len(r["text"]) for r in curr)
        units = load_jsonl("figures/units.jsonl")
        self.unit_kind = {}
        exact = [u["text"] for u in units if u["case"]]
        loose = [u["text"] for u in units if not u["case"]]
        for u in units:
            self.unit_kind[u["text"] if u["case"] else u["text"].lower()] = (u["unit"], u["kind"])
        # a unit right after the number, glued, spaced or hyphenated: "10km", "10 km", "10-km"
        # (lists of words as tries: the same words, longest first, tried much faster)
        self.unit_exact = re.compile(rf"^(?:\s?|-)(?P<u>{trie(exact)})(?![A-Za-z0-9])")
        self.unit_loose = re.compile(rf"^(?:\s?|-)(?P<u>{trie(u.lower() for u in loose)})(?![A-Za-z])", re.I)
        mult = multipliers()
        long_m = [m for m, (_, money) in mult.items() if not money]
        short_m = [m for m, (_, money) in mult.items() if money]
        # a multiplier after the number: "2.5 million", "3.5bn", "400 million-year-old"
        self.mult_long = re.compile(rf"^(?:\s+|-)?(?P<m>{trie(m.lower() for m in long_m)})(?![A-Za-z])", re.I)
        # a money-only multiplier glued to the number: "$4m", "$50k"
        self.mult_short = re.compile(rf"^(?P<m>{alts(short_m)})(?![A-Za-z])", re.I)
        # a capital multiplier glued to the number, matched exactly: "4.3M", "1.5B"
        self.mult_capital = re.compile(rf"(?P<m>{alts(capital_multipliers())})(?![A-Za-z0-9])")
        vague = load_jsonl("figures/vague.jsonl")
        self.vague_value = {r["cue"].lower(): r["value"] for r in vague}
        # vague amounts: "dozens of", "tens of thousands of", "several", "a couple of"
        self.vague = re.compile(rf"(?<![\w-])(?P<v>{alts(self.vague_value)})(?![\w-])", re.I)
        words = word_values()
        months = sorted(self.ctx["months"], key=len, reverse=True)
        month_alt = "|".join(m.capitalize() for m in months) + "|" + "|".join(m.upper() for m in months)
        # a month name right before the number: "May 31", "February 2022"
        self.month_before = re.compile(
            rf"(?<![A-Za-z])(?:{month_alt})\.?,?\s+(?:the\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s*(?:-|–|to|through|and)\s*)?$")
        # a month name right after the number: "8 July", "31st of May"
        self.month_after = re.compile(rf"^(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{month_alt})(?![a-z])")
        fr = [w for w, (_, k) in words.items() if k == "fraction"]
        small = [w for w, (v, k) in words.items() if k == "small" and 0 < v < 10]
        # fraction words: "half of", "a third of", "two-thirds of", "three quarters of"
        self.fraction = re.compile(
            rf"(?<![\w-])(?:(?P<n>a|an|{alts(small)})[\s-])?(?P<f>{alts(fr)})(?=\s+(?:of|the|a|an|its|their|his|her)\s)",
            re.I)
        # the number itself: digits, or a run of number words
        self.number = re.compile(rf"(?<![\d.,])(?P<d>{DIGITS})|(?P<w>{word_number_pattern()})", re.I)
        self.labels = self.ctx["labels"]
        streets = "|".join(re.escape(w.capitalize()) for w in self.ctx["street_words"])
        # a street address after the number: "575 Park Road", "9 E 71st St", "16-18 Industrial Avenue"
        self.street = re.compile(
            rf"^(?:[-–]\d+)?\s+(?:[NSEW]\.?\s+)?(?:\d+(?:st|nd|rd|th)\s+)?(?:[A-Z][\w'’-]*\s+){{0,3}}(?:{streets})\b")
        # every word that can start a figure, as a trie over lower-cased text (fast first pass)
        keys = set(words) | {w for cue in self.vague_value for w in cue.split() if w != "a" and w != "of"}
        self.keywords = re.compile(rf"\b{trie(keys)}\b")
        self.keywords_i = re.compile(rf"\b{trie(keys)}\b", re.I)


    # The searches anchored at the end ($) start where a match can begin at the earliest: a regex
    # search tries every start position, and the margins are 30-40 characters long. Same match
    # (note that $ also matches before a final newline).
    def bound_cue(self, left: str) -> Optional["re.Match"]:
        """``bound_before.search(left)``: the cue ends at the last non-space character."""
        return self.bound_before.search(left, max(0, len(left.rstrip()) - self.bound_longest))

    def currency_cue(self, left: str) -> Optional["re.Match"]:
        """``currency_before.search(left)``: a sign or code, at most one space (and a newline) end ``left``."""
        return self.currency_before.search(left, max(0, len(left) - self.currency_longest - 2))


def trie(words) -> str:
    """A regex for a set of lower-case words, factored as a trie (much faster than a flat alternation)."""
    root: Dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if ends else body

    return emit(root)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon()


# --- patterns that do not depend on data files -------------------------------------------
PHONE = re.compile(r"(?<![\w.])(?:\+\d[\d ().-]{6,}\d|\(\d{3}\)\s?\d{3}-\d{4}|\d{3}[-.]\d{3}[-.]\d{4})(?![\w])")
DOTTED = re.compile(r"(?<![\w.])v?\d+(?:\.\d+){2,}(?![\w])")  # versions, IP addresses: 3.8.18
NUMERIC_DATE = re.compile(r"(?<![\w.])\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}(?![\w])")  # 20/06/2024, 2024-06-20
CLOCK = re.compile(r"(?<![\w.:])\d{1,2}(?:[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\b\.?)|:\d{2}(?::\d{2})?|\s?(?:[ap]\.m\.|[ap]m\b))", re.I)
ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th)\b", re.I)
GLUED_LETTERS_BEFORE = re.compile(r"([A-Za-z]+)(-?)\s?$")
NEGATIVE_BEFORE = re.compile(r"(?:(?<![\w])minus[\s-]?|−|(?:^|(?<=[\s($=:]))-)$", re.I)
WORD_AFTER = re.compile(r"^\s+([A-Za-z][A-Za-z'’-]*)")
WORD = re.compile(r"\s*([A-Za-z][A-Za-z'’-]*)")
PREV_WORD = re.compile(r"([A-Za-z][\w&'’.-]*)\s$")
FRACTION_DIGITS = re.compile(r"^\s*[/⁄]\s*(\d+)")
SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”\n(]|\n\s*)\s*$")
RANGE_JOIN = re.compile(r"^\s*(?:(?P<dash>[-–—])|(?P<word>to|and|or))\s*", re.I)
SCORE = re.compile(r"(?<![\w.,-])(\d{1,3})[-–](\d{1,3})(?![\w%-]|[.,]\d)")  # 2-0, 89-89 (scores)
SCI = re.compile(r"^\s?[×x*]\s?10\s?(?:\^|\*\*)?\s?([−-]?\d+|⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)")  # 1.99×10−30
SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
APPOSITIVE_AGE = re.compile(r"[A-Z][a-z]+,\s$")
PLURAL_OK = re.compile(r"^[a-z][a-z'’-]*[a-rt-z]s$|^(?:people|children|men|women|police|staff|personnel|troops|cattle|sheep|fish|data|feet|teeth|mice|geese|aircraft|crew|deer)$")


def prev_word(left: str) -> Optional["re.Match"]:
    """``PREV_WORD.search(left)``, started after the last space before the final one or two
    characters (the word holds no space; $ also matches before a final newline): same match."""
    if not left[-1:].isspace():
        return None
    return PREV_WORD.search(left, left.rfind(" ", 0, len(left) - 2) + 1)


def glued_letters(left: str) -> Optional["re.Match"]:
    """``GLUED_LETTERS_BEFORE.search(left)`` when letters touch the number ("XC40", "F-35"); None
    when a space stands right before the number (the match would end in that space)."""
    c = left[-1:]
    if not c or c == " " or not (c.isspace() or c == "-" or "a" <= c <= "z" or "A" <= c <= "Z"):
        return None
    return GLUED_LETTERS_BEFORE.search(left, left.rfind(" ") + 1)


def counted_after(lex: Lexicon, right: str) -> bool:
    """Is the number followed by a unit or a plural noun ('people', 'missiles')?"""
    mult = lex.mult_long.match(right)
    if mult:
        right = right[mult.end():]
    if lex.unit_exact.match(right) or lex.unit_loose.match(right):
        return True
    m = WORD_AFTER.match(right)
    if not m:
        return False
    word = m.group(1)
    return bool(PLURAL_OK.match(word)) and word.lower() not in lex.ctx["run_stops"]


def noun_run(lex: Lexicon, text: str, pos: int, *, limit: int = 4) -> Tuple[List[str], int]:
    """Words of the noun phrase starting at ``pos`` ('US-donated ATACMS missiles') and its end."""
    words: List[str] = []
    ends: List[int] = []
    end = pos
    plain_seen = False
    if text.startswith("-", pos) and pos + 1 < len(text) and text[pos + 1].isalpha():
        end = pos + 1  # "a 10-member board": the compound counts members
    while len(words) < limit:
        m = WORD.match(text, end)
        if not m or (end > pos and not text[end:m.start(1)].strip() == "" ) or "\n" in text[end:m.start(1)]:
            break
        word = m.group(1).rstrip("-")
        low = word.lower()
        if low in lex.ctx["run_stops"] or low in lex.ctx["weekdays"]:
            break
        if plain_seen and (low.endswith("ing") or low.endswith("ed")) and len(low) > 4 and "-" not in low:
            nxt = WORD.match(text, m.end(1))
            if not nxt or text[m.end(1):nxt.start(1)].strip() or nxt.group(1).lower() in lex.ctx["run_stops"] \
                    or PLURAL_OK.match(words[-1]):
                break  # "troops killed in": the verb after the noun ends the phrase
        words.append(word)
        if not (low.endswith("ing") or low.endswith("ed")):
            plain_seen = True
        end = m.end(1)
        ends.append(end)
    while words and not plain_seen and words[-1].lower().endswith(("ed", "ing")) and "-" not in words[-1]:
        return [], pos  # "the two learned": a verb, not what is counted
    # the last plural noun is the head: what follows it is a verb or an adverb
    # ("600 people worldwide", "3 in 10 adults agree"), unless another plural follows
    # ("50 ATACMS ground-launched ballistic missiles")
    for i in range(len(words) - 2, -1, -1):
        if PLURAL_OK.match(words[i].lower()):
            if not any(PLURAL_OK.match(w.lower()) for w in words[i + 1:]):
                return words[:i + 1], ends[i]
            break
    return words, end


OF_DET = re.compile(r"\s+of\s+(?:(?:the|a|an|its|their|his|her|our|all|those|these)\s+)?", re.I)


def what_and_unit(lex: Lexicon, text: str, pos: int, unit: Optional[str]) -> Tuple[Optional[str], Optional[str], int]:
    """(unit, what, end) from the words after the number (and its unit, if any).

    A lexicon unit keeps the span; a counted noun becomes the unit and joins the span
    ("ten US-donated ATACMS missiles"); a measure word takes its 'of' phrase
    ("2,700 pieces of heavy weaponry").
    """
    measure = lex.ctx["measure_words"]
    if unit is not None:
        m = OF_DET.match(text, pos)
        if m:
            words, _ = noun_run(lex, text, m.end())
            if words:
                return unit, clean_word(words[-1]), pos
        return unit, None, pos
    words, end = noun_run(lex, text, pos)
    if not words:
        return None, None, pos
    head = clean_word(words[-1])
    if text.startswith("-", pos):
        return words[0], (head if len(words) > 1 else None), end  # "10-member board": members, of a board
    kind = lex.unit_kind.get(head.lower())
    if kind is not None and kind[1] == "money":
        return text[pos:end].strip(), None, end  # "7.5 million Danish crowns"
    if head.lower() in measure:
        m = OF_DET.match(text, end)
        if m:
            words2, end2 = noun_run(lex, text, m.end())
            if words2:
                return f"{head} of {text[m.end():end2]}", clean_word(words2[-1]), end2
        return head, None, end
    return head, head, end


def clean_word(word: str) -> str:
    for s in ("'s", "’s"):
        if word.endswith(s):
            return word[: -len(s)]
    return word.rstrip("'’")


class NumberEnd(NamedTuple):
    end: int  # end after multipliers and unit
    value: Optional[float]
    unit: Optional[str]
    money: bool
    has_mult: bool


def read_after(lex: Lexicon, text: str, end: int, value: Optional[float], money: bool,
                currency: Optional[str], capital: bool = False) -> NumberEnd:
    """Extend a number core at [.., end) by multipliers and a unit (``capital``: a capital
    multiplier glued to the digits counts, as in "4.3M")."""
    has_mult = False
    if capital and value is not None:
        m = lex.mult_capital.match(text, end)
        if m:
            value *= capital_multipliers()[m.group("m")]
            end = m.end()
            has_mult = True
    while value is not None:
        m = lex.mult_long.match(text[end:end + 20])
        if m:
            value *= multipliers()[m.group("m").lower()][0]
            end += m.end()
            has_mult = True
            continue
        if money:
            m = lex.mult_short.match(text[end:end + 6])
            if m:
                value *= multipliers()[m.group("m").lower()][0]
                end += m.end()
                has_mult = True
                continue
        break
    unit = currency
    right = text[end:end + 40]
    mu_e = lex.unit_exact.match(right)
    mu_l = lex.unit_loose.match(right)
    best = mu_l if mu_e is None or (mu_l is not None and mu_l.end() > mu_e.end()) else mu_e  # the longer; exact first
    if best is not None:
        key = best.group("u")
        found = lex.unit_kind.get(key) or lex.unit_kind.get(key.lower())
        if found:
            kind = found[1]
            # "$5 million dollars": the currency stays; otherwise the unit names the quantity
            if not (money and kind == "money" and unit is not None):
                unit = found[0] if unit is None or kind != "money" else unit
            if kind == "money":
                money = True
            end += best.end()
    return NumberEnd(end, value, unit, money, has_mult)


# Margins around a number that the rules read: bound cues and dates before, units, noun phrases
# and the second end of a range after.
_BEFORE, _AFTER = 100, 240


def of_what(lex: Lexicon, text: str, pos: int) -> Optional[str]:
    m = OF_DET.match(text, pos)
    if not m:
        return None
    words, _ = noun_run(lex, text, m.end())
    return clean_word(words[-1]) if words else None


def bound_before(lex: Lexicon, text: str, s: int) -> Tuple[str, int]:
    """('>', new start) when a bound cue stands right before offset ``s``; ('=', s) otherwise."""
    left = text[max(0, s - 30):s]
    m = lex.bound_cue(left)
    if not m:
        return "=", s
    cue = (m.group("w") or m.group("s")).lower()
    return lex.bound_of.get(cue, "="), s - (len(left) - m.start())


def is_sentence_start(left: str) -> bool:
    return bool(SENTENCE_START.search(left))
