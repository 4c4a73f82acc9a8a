"""What can be checked: every quantity in the text, with value, unit, bound and what it counts.

``find_figures(doc)`` is the spaCy-side entry point (it reads the furniture and attribution
layers); ``scan_figures(text)`` does the finding on plain text and is pure. Both use compiled
regular expressions over the text, not per-token Python work, and read their word lists from
``kit/data/figures/`` (see the README there). Claimants and verdicts come from
:mod:`kit.verdicts`.

Decisions (documented for students and tests):
- Dates, clock times, years, ordinals, versions, phone numbers, addresses and labels
  ("Article 5", "iPhone 11") are not quantities.
- A range ("10-15", "10 to 15 troops", "between $3 and $5 billion") is ONE figure whose value is
  the low end, with bound "~"; its text shows both ends.
- Vague amounts ("dozens of", "tens of thousands of", "several") are figures with value None
  (bound "~"); "a couple of" is 2 (bound "~").
- "one" is a figure only when it counts something ("one count of fraud"); the pronoun ("each
  one") and "one of the ..." are not.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, List, NamedTuple, Optional, Tuple

from spacy.tokens import Doc

from . import store
from .numbers import DIGITS, multipliers, parse_digits, word_number_pattern, word_values, words_to_number
from .records import Figure
from .resources import load_json, load_jsonl

# Furniture kinds whose numbers are page chrome, not claims (teasers and headlines stay).
SKIP_FURNITURE = frozenset({"weather", "page_date", "timestamp", "footer"})


class RawFigure(NamedTuple):
    """A quantity found in the text, before anyone is asked who claims it."""

    start: int
    end: int
    value: Optional[float]
    unit: Optional[str]
    bound: str
    what: Optional[str]
    vague: bool = False


def _alts(words) -> str:
    """Alternation of escaped words, longest first (so 'more than' beats 'more')."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


class _Lex:
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
        self.bound_before = re.compile(
            rf"(?:(?<![\w])(?P<w>{_alts(word_cues)})\s+|(?P<s>{_alts(sym_cues)})\s*)$", re.I)
        after = [r["cue"] for r in bounds if r["where"] == "after"]
        spaced = [c for c in after if c[0].isalpha()]
        glued = [c for c in after if not c[0].isalpha()]
        # a bound cue right after the number: "50 or more", "50-plus", "50+"
        self.bound_after = re.compile(
            rf"^(?:\s+(?P<w>{_alts(spaced)})(?![\w])|(?P<s>{_alts(glued)})(?![\w]))", re.I)
        curr = load_jsonl("figures/currencies.jsonl")
        self.currency_unit = {r["text"].lower(): r["unit"] for r in curr}
        # a currency sign opening the second end of a range: "$3 billion to $5 billion"
        self.currency_sign = re.compile(rf"(?:{_alts(r['text'] for r in curr if not r['text'][0].isalpha())})\s?")
        # a currency sign or code right before the amount: "$", "US$", "USD ", "€"
        self.currency_before = re.compile(
            rf"(?:(?<![A-Za-z])(?P<c>{_alts(r['text'] for r in curr)}))\s?$")
        units = load_jsonl("figures/units.jsonl")
        self.unit_kind = {}
        exact = [u["text"] for u in units if u["case"]]
        loose = [u["text"] for u in units if not u["case"]]
        for u in units:
            self.unit_kind[u["text"] if u["case"] else u["text"].lower()] = (u["unit"], u["kind"])
        # a unit right after the number, glued, spaced or hyphenated: "10km", "10 km", "10-km"
        self.unit_exact = re.compile(rf"^(?:\s?|-)(?P<u>{_alts(exact)})(?![A-Za-z0-9])")
        self.unit_loose = re.compile(rf"^(?:\s?|-)(?P<u>{_alts(loose)})(?![A-Za-z])", re.I)
        mult = multipliers()
        long_m = [m for m, (_, money) in mult.items() if not money]
        short_m = [m for m, (_, money) in mult.items() if money]
        # a multiplier after the number: "2.5 million", "3.5bn", "400 million-year-old"
        self.mult_long = re.compile(rf"^(?:\s+|-)?(?P<m>{_alts(long_m)})(?![A-Za-z])", re.I)
        # a money-only multiplier glued to the number: "$4m", "$50k"
        self.mult_short = re.compile(rf"^(?P<m>{_alts(short_m)})(?![A-Za-z])", re.I)
        vague = load_jsonl("figures/vague.jsonl")
        self.vague_value = {r["cue"].lower(): r["value"] for r in vague}
        # vague amounts: "dozens of", "tens of thousands of", "several", "a couple of"
        self.vague = re.compile(rf"(?<![\w-])(?P<v>{_alts(self.vague_value)})(?![\w-])", re.I)
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
            rf"(?<![\w-])(?:(?P<n>a|an|{_alts(small)})[\s-])?(?P<f>{_alts(fr)})(?=\s+(?:of|the|a|an|its|their|his|her)\s)",
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
        self.keywords = re.compile(rf"\b{_trie(keys)}\b")
        self.keywords_i = re.compile(rf"\b{_trie(keys)}\b", re.I)


def _trie(words) -> str:
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
def _lex() -> _Lex:
    return _Lex()


# --- patterns that do not depend on data files -------------------------------------------
_PHONE = re.compile(r"(?<![\w.])(?:\+\d[\d ().-]{6,}\d|\(\d{3}\)\s?\d{3}-\d{4}|\d{3}[-.]\d{3}[-.]\d{4})(?![\w])")
_DOTTED = re.compile(r"(?<![\w.])v?\d+(?:\.\d+){2,}(?![\w])")  # versions, IP addresses: 3.8.18
_NUMERIC_DATE = re.compile(r"(?<![\w.])\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}(?![\w])")  # 20/06/2024, 2024-06-20
_CLOCK = re.compile(r"(?<![\w.:])\d{1,2}(?:[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\b\.?)|:\d{2}(?::\d{2})?|\s?(?:[ap]\.m\.|[ap]m\b))", re.I)
_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th)\b", re.I)
_GLUED_LETTERS_BEFORE = re.compile(r"([A-Za-z]+)(-?)\s?$")
_NEGATIVE_BEFORE = re.compile(r"(?:(?<![\w])minus[\s-]?|−|(?:^|(?<=[\s($=:]))-)$", re.I)
_WORD_AFTER = re.compile(r"^\s+([A-Za-z][A-Za-z'’-]*)")
_WORD = re.compile(r"\s*([A-Za-z][A-Za-z'’-]*)")
_PREV_WORD = re.compile(r"([A-Za-z][\w&'’.-]*)\s$")
_FRACTION_DIGITS = re.compile(r"^\s*[/⁄]\s*(\d+)")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”\n(]|\n\s*)\s*$")
_RANGE_JOIN = re.compile(r"^\s*(?:(?P<dash>[-–—])|(?P<word>to|and|or))\s*", re.I)
_SCORE = re.compile(r"(?<![\w.,-])(\d{1,3})[-–](\d{1,3})(?![\w%-]|[.,]\d)")  # 2-0, 89-89 (scores)
_SCI = re.compile(r"^\s?[×x*]\s?10\s?(?:\^|\*\*)?\s?([−-]?\d+|⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)")  # 1.99×10−30
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_APPOSITIVE_AGE = re.compile(r"[A-Z][a-z]+,\s$")
_PLURAL_OK = re.compile(r"^[a-z][a-z'’-]*[a-rt-z]s$|^(?:people|children|men|women|police|staff|personnel|troops|cattle|sheep|fish|data|feet|teeth|mice|geese|aircraft|crew|deer)$")


def _counted_after(lex: _Lex, right: str) -> bool:
    """Is the number followed by a unit or a plural noun ('people', 'missiles')?"""
    mult = lex.mult_long.match(right)
    if mult:
        right = right[mult.end():]
    if lex.unit_exact.match(right) or lex.unit_loose.match(right):
        return True
    m = _WORD_AFTER.match(right)
    if not m:
        return False
    word = m.group(1)
    return bool(_PLURAL_OK.match(word)) and word.lower() not in lex.ctx["run_stops"]


def _noun_run(lex: _Lex, text: str, pos: int, *, limit: int = 4) -> Tuple[List[str], int]:
    """Words of the noun phrase starting at ``pos`` ('US-donated ATACMS missiles') and its end."""
    words: List[str] = []
    end = pos
    plain_seen = False
    if text.startswith("-", pos) and pos + 1 < len(text) and text[pos + 1].isalpha():
        end = pos + 1  # "a 10-member board": the compound counts members
    while len(words) < limit:
        m = _WORD.match(text, end)
        if not m or (end > pos and not text[end:m.start(1)].strip() == "" ) or "\n" in text[end:m.start(1)]:
            break
        word = m.group(1).rstrip("-")
        low = word.lower()
        if low in lex.ctx["run_stops"]:
            break
        if plain_seen and (low.endswith("ing") or low.endswith("ed")) and len(low) > 4 and "-" not in low:
            nxt = _WORD.match(text, m.end(1))
            if not nxt or text[m.end(1):nxt.start(1)].strip() or nxt.group(1).lower() in lex.ctx["run_stops"] \
                    or _PLURAL_OK.match(words[-1]):
                break  # "troops killed in": the verb after the noun ends the phrase
        words.append(word)
        if not (low.endswith("ing") or low.endswith("ed")):
            plain_seen = True
        end = m.end(1)
    while words and not plain_seen and words[-1].lower().endswith(("ed", "ing")) and "-" not in words[-1]:
        return [], pos  # "the two learned": a verb, not what is counted
    return words, end


_OF_DET = re.compile(r"\s+of\s+(?:(?:the|a|an|its|their|his|her|our|all|those|these)\s+)?", re.I)


def _what_and_unit(lex: _Lex, text: str, pos: int, unit: Optional[str]) -> Tuple[Optional[str], Optional[str], int]:
    """(unit, what, end) from the words after the number (and its unit, if any).

    A lexicon unit keeps the span; a counted noun becomes the unit and joins the span
    ("ten US-donated ATACMS missiles"); a measure word takes its 'of' phrase
    ("2,700 pieces of heavy weaponry").
    """
    measure = lex.ctx["measure_words"]
    if unit is not None:
        m = _OF_DET.match(text, pos)
        if m:
            words, _ = _noun_run(lex, text, m.end())
            if words:
                return unit, _clean(words[-1]), pos
        return unit, None, pos
    words, end = _noun_run(lex, text, pos)
    if not words:
        return None, None, pos
    head = _clean(words[-1])
    if text.startswith("-", pos):
        return words[0], (head if len(words) > 1 else None), end  # "10-member board": members, of a board
    kind = lex.unit_kind.get(head.lower())
    if kind is not None and kind[1] == "money":
        return text[pos:end].strip(), None, end  # "7.5 million Danish crowns"
    if head.lower() in measure:
        m = _OF_DET.match(text, end)
        if m:
            words2, end2 = _noun_run(lex, text, m.end())
            if words2:
                return f"{head} of {text[m.end():end2]}", _clean(words2[-1]), end2
        return head, None, end
    return head, head, end


def _clean(word: str) -> str:
    for s in ("'s", "’s"):
        if word.endswith(s):
            return word[: -len(s)]
    return word.rstrip("'’")


class _Num(NamedTuple):
    end: int  # end after multipliers and unit
    value: Optional[float]
    unit: Optional[str]
    money: bool
    has_mult: bool


def _read_after(lex: _Lex, text: str, end: int, value: Optional[float], money: bool,
                currency: Optional[str]) -> _Num:
    """Extend a number core at [.., end) by multipliers and a unit."""
    has_mult = False
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
    best = max((m for m in (mu_e, mu_l) if m), key=lambda m: m.end(), default=None)
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
    return _Num(end, value, unit, money, has_mult)


def _span_ok(consumed: List[Tuple[int, int]], s: int, e: int) -> bool:
    return not any(a < e and s < b for a, b in consumed)


# Margins around a number that the rules read: bound cues and dates before, units, noun phrases
# and the second end of a range after.
_BEFORE, _AFTER = 100, 240


def scan_figures(text: str) -> List[RawFigure]:
    """All quantities in ``text`` (pure; no claimant or verdict). Sorted by position, no overlaps.

    Speed: one cheap pass finds digits (a character class) and number words (a trie of words over
    the lower-cased text); the rules run only at those places.
    """
    if not isinstance(text, str):
        raise TypeError(f"scan_figures() takes the text as a str, got {type(text).__name__}")
    lex = _lex()
    low = text.lower()
    if len(low) == len(text):
        words = lex.keywords.finditer(low)
    else:  # a few Unicode letters change length when lower-cased: search the text itself
        words = lex.keywords_i.finditer(text)
    hits = sorted([(m.start(), False) for m in _DIGIT_CHAR.finditer(text)] + [(m.start(), True) for m in words])
    out: List[RawFigure] = []
    pos = 0
    for p, is_word in hits:
        if p < pos:
            continue
        fig, skip_to = (_at_word if is_word else _at_digits)(lex, text, p)
        pos = max(pos, skip_to)
        if fig is None:
            continue
        if out and fig.start < out[-1].end:
            continue
        # "more than 7.5 million crowns ($1.1 million)": a conversion in brackets keeps the bound
        if out and fig.bound == "=" and out[-1].bound != "=" and _CONVERSION_GAP.fullmatch(text[out[-1].end:fig.start]):
            fig = fig._replace(bound=out[-1].bound)
        out.append(fig)
        pos = max(pos, fig.end)
    return out


_DIGIT_CHAR = re.compile(r"[0-9½¼¾⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]+")
# things that look like numbers but are not quantities, tried where a digit starts
_NOT_QUANTITIES = (_PHONE, _DOTTED, _NUMERIC_DATE, _CLOCK)


def _at_digits(lex: _Lex, text: str, p: int) -> Tuple[Optional[RawFigure], int]:
    """(figure or None, offset to skip to) for the digits starting at ``p``."""
    for q in (p - 1, p):
        if q < 0:
            continue
        for pattern in _NOT_QUANTITIES:
            m = pattern.match(text, q)
            if m:
                return None, m.end()
    m = _SCORE.match(text, p)
    if m and int(m.group(1)) >= int(m.group(2)):
        return None, m.end()  # "2-0", "89-89": a score or a tie, not a range (a range goes up)
    m = None
    if p > 0 and text[p - 1] == ".":
        m = lex.number.match(text, p - 1)  # ".001"
    m = m or lex.number.match(text, p)
    if not m or m.group("d") is None:
        return None, p + 1
    return _read_number(lex, text, m), m.end()


def _at_word(lex: _Lex, text: str, p: int) -> Tuple[Optional[RawFigure], int]:
    """(figure or None, offset to skip to) for the number or vague word starting at ``p``."""
    starts = [p]
    if p >= 2 and text[p - 2:p].lower() == "a " and (p == 2 or not text[p - 3].isalnum()):
        starts.insert(0, p - 2)  # "a couple of", "a third of", "a hundred"
    for q in starts:
        m = lex.vague.match(text, q)
        if m:
            return _read_vague(lex, text, m), m.end()
    for q in starts:
        m = lex.fraction.match(text, q)
        if m:
            fig = _read_fraction(lex, text, m)
            if fig is not None:
                return fig, m.end()
    for q in starts:
        m = lex.number.match(text, q)
        if m and m.group("w") is not None:
            return _read_number(lex, text, m), m.end()
    return None, p + 1


def _read_vague(lex: _Lex, text: str, m: "re.Match") -> RawFigure:
    """'dozens of other aerial weapons': value None (or 2 for 'a couple of'), bound ~."""
    value = lex.vague_value[m.group("v").lower()]
    unit, what, end = _what_and_unit(lex, text, m.end(), None)
    return RawFigure(m.start(), end, None if value is None else float(value), unit, "~", what, value is None)


def _read_fraction(lex: _Lex, text: str, m: "re.Match") -> Optional[RawFigure]:
    """'half of', 'a third of', 'two-thirds of' -> a share; None for an ordinal ('third place')."""
    f = m.group("f").lower()
    n = (m.group("n") or "").lower()
    if not n and f != "half":
        return None
    if f in ("half", "halves") and n not in ("", "a", "an", "one"):
        return None
    count = 1.0 if n in ("", "a", "an") else word_values()[n][0]
    bound, s = _bound_before(lex, text, m.start())
    value = count * word_values()[f][0]
    scale = _OF_A_SCALE.match(text, m.end())
    if scale:  # "a quarter of a million dollars" is 250,000 dollars
        value *= word_values()[scale.group(1).lower()][0]
        num = _read_after(lex, text, scale.end(), value, False, None)
        unit, what, end = _what_and_unit(lex, text, num.end, num.unit)
        return RawFigure(s, end, value, unit, bound, what)
    return RawFigure(s, m.end(), value, "fraction", bound, _of_what(lex, text, m.end()))


_OF_A_SCALE = re.compile(r"\s+of\s+an?\s+(hundred|thousand|million|billion|trillion)(?![a-z])", re.I)


_CONVERSION_GAP = re.compile(r"\s*\(\s*|\s*/\s*")


def _of_what(lex: _Lex, text: str, pos: int) -> Optional[str]:
    m = _OF_DET.match(text, pos)
    if not m:
        return None
    words, _ = _noun_run(lex, text, m.end())
    return _clean(words[-1]) if words else None


def _bound_before(lex: _Lex, text: str, s: int) -> Tuple[str, int]:
    """('>', new start) when a bound cue stands right before offset ``s``; ('=', s) otherwise."""
    left = text[max(0, s - 30):s]
    m = lex.bound_before.search(left)
    if not m:
        return "=", s
    cue = (m.group("w") or m.group("s")).lower()
    return lex.bound_of.get(cue, "="), s - (len(left) - m.start())


def _is_sentence_start(left: str) -> bool:
    return bool(_SENTENCE_START.search(left))


def _read_number(lex: _Lex, text: str, m: "re.Match") -> Optional[RawFigure]:
    """One number match -> a RawFigure, or None when it is not a quantity."""
    s, e = m.span()
    left = text[max(0, s - 40):s]
    right = text[e:e + 80]
    money = False
    currency: Optional[str] = None
    start = s
    if m.group("w") is not None:
        words = re.split(r"\s+", m.group("w"))
        value = words_to_number(words)
        if value is None:
            return None
        pw = _PREV_WORD.search(left)
        if pw and pw.group(1).lower() in lex.labels:
            return None  # "Round Two", "Article One"
        if m.group("w").lower() == "one":
            if not _one_counts(lex, text, s, e):
                return None

        negative = False
    else:
        core = m.group("d")
        if re.match(r"^\.\d", right) or re.search(r"\d\.$", left):
            return None  # part of a dotted version number
        if _ORDINAL_AFTER.match(right):
            return None  # 3rd, 21st
        if lex.month_before.search(left) or lex.month_after.match(right):
            return None  # a date: "May 31", "8 July"
        if left.endswith("#") or re.search(r"\d\s?[:/]\s?$", left):
            return None
        fr = _FRACTION_DIGITS.match(right)
        value = parse_digits(core)
        if value is None:
            return None
        if fr:
            den = int(fr.group(1))
            after = text[e + fr.end():e + fr.end() + 40]
            if den == 0 or not (re.match(r"^\s+of\b", after) or lex.unit_exact.match(after) or lex.unit_loose.match(after)):
                return None  # 6/20 could be a date or a score
            value = value / den
            e += fr.end()
            right = text[e:e + 80]
        # a letter prefix glued to the number: "USD10m" (money), "XC40" (a model name)
        g = _GLUED_LETTERS_BEFORE.search(left)
        cm = lex.currency_before.search(left)
        if cm:
            currency = lex.currency_unit.get(cm.group("c").lower(), cm.group("c"))
            money = True
            start = s - (len(left) - cm.start())
        elif g and (left.endswith(g.group(0)) and (g.group(2) or not g.group(0).endswith(" "))):
            prefix, hyphen = g.group(1), g.group(2)
            if prefix.lower() == "sub" and hyphen:
                pass  # "sub-7": bound cue handled below
            elif prefix.lower() == "minus":
                pass
            elif hyphen or g.group(0).endswith(" "):
                if hyphen and not g.group(0).endswith(" ") and len(prefix) > 1 and prefix.islower():
                    pass  # "mid-2020" etc. are caught as years; "top-10" counts
                else:
                    return None  # "F-35", "COVID-19", "TA-35"
            else:
                if not (prefix.isupper() and len(prefix) <= 3 and ("," in core or lex.mult_short.match(right)
                                                                     or lex.mult_long.match(right))):
                    return None  # "XC40", "S22", "V10": names, not quantities
                currency, money = prefix, True
                start = s - len(prefix)
        sci = _SCI.match(right)
        if sci:
            value *= 10.0 ** int(sci.group(1).translate(_SUPERSCRIPT).replace("−", "-"))
            e += sci.end()
            right = text[e:e + 80]
        if re.match(r"^[A-Za-z]", right):
            # a suffix glued to the digits must be a multiplier or a unit ("10km", "3.5bn")
            if not (lex.mult_short.match(right) and (money or currency)) and not lex.mult_long.match(right) \
                    and not lex.unit_exact.match(right) and not lex.unit_loose.match(right):
                return None  # "3s", "5G", "4x4"
        if not money and re.search(r"[A-Za-z]\s?-$", left) and not re.search(r"(?:minus|sub)-$", left, re.I):
            return None  # "COVID -19", "F-35": part of a name
        negative = bool(_NEGATIVE_BEFORE.search(text[max(0, start - 8):start]))
        if negative:
            nm = _NEGATIVE_BEFORE.search(text[max(0, start - 8):start])
            start = start - (len(text[max(0, start - 8):start]) - nm.start())
        # labels: "Article 5", "page 3", "No. 7"
        pw = _PREV_WORD.search(left)
        if pw and pw.group(1).lower() in lex.labels and not money:
            return None
        # years: a bare four-digit number from 1000 to 2199 with nothing counted after it
        if re.fullmatch(r"\d{4}", core) and 1000 <= value <= 2199 and not money and not negative:
            unit_next = lex.unit_exact.match(right) or lex.unit_loose.match(right)
            if 1900 <= value <= 2099 and not unit_next and not lex.bound_before.search(left):
                return None  # "2018 sales", "in 2014": a year, even before a plural noun
            if not _counted_after(lex, right) or re.match(r"^\s*(?:s\b|'s|’s)", right):
                return None
        if re.fullmatch(r"\d{1,2}", core) and re.match(r"^\s*(?:gmt|utc|bst|cet|est|edt|pst|pdt|msk|hrs)\b", right, re.I):
            return None
        # a mid-sentence capitalised word right before: a name or model ("iPhone 11", "FTSE 100")
        if pw and not money and core.isdigit() and any(c.isupper() for c in pw.group(1)) \
                and not lex.mult_long.match(right):
            word = pw.group(1)
            before_word = left[: len(left) - len(word) - 1]
            low = word.lower()
            if not _is_sentence_start(before_word) and low not in lex.bound_of and low not in lex.currency_unit \
                    and low not in lex.ctx["run_stops"]:
                nxt = _WORD_AFTER.match(right)
                if not _counted_after(lex, right) or (nxt and nxt.group(1)[0].isupper()):
                    return None
        # "Jane Doe, 25, said": an age in apposition
        if _APPOSITIVE_AGE.search(left) and re.match(r"^,\s", right) and value < 130:
            return None
        # "575 Main Road": a street address
        if lex.street.match(right):
            return None
        if negative:
            value = -value
    # multipliers, unit
    num = _read_after(lex, text, e, value, money, currency)
    value, unit, money, end = num.value, num.unit, num.money, num.end
    bound, start = _bound_before(lex, text, start)
    if bound == "=" and left.lower().endswith("sub-"):
        bound, start = "<", s - 4
    # range: "10-15", "10 to 15 troops", "between $3 and $5 billion"
    rng = _range_after(lex, text, end, value, unit, money, num.has_mult, left, m.group("w") is not None)
    if rng is not None:
        end, value, unit = rng
        if bound == "=":
            bound = "~"
        bstart = _between_start(text, start)
        start = bstart
    else:
        ba = lex.bound_after.match(text[end:end + 12])
        if ba:
            cue = (ba.group("w") or ba.group("s")).lower()
            if bound == "=":
                bound = lex.bound_of.get(cue, "=")
            end += ba.end()
    unit, what, end = _what_and_unit(lex, text, end, unit)
    return RawFigure(start, end, value, unit, bound, what)


def _between_start(text: str, start: int) -> int:
    m = re.search(r"(?<![\w])(?:between|from)\s+$", text[max(0, start - 10):start], re.I)
    return start - (min(10, start) - m.start()) if m else start


def _range_after(lex: _Lex, text: str, end: int, value: Optional[float], unit: Optional[str], money: bool,
                 has_mult: bool, left: str, is_words: bool):
    """(end, low value, unit) when a second number closes a range after ``end``; else None."""
    if value is None:
        return None
    j = _RANGE_JOIN.match(text[end:end + 12])
    if not j:
        return None
    joiner = (j.group("dash") or j.group("word") or "").lower()
    if joiner == "and" and not re.search(r"(?<![\w])between\s+\S*$", left, re.I):
        return None  # "5 and 6" is a range only after "between"
    if joiner == "or" and not is_words:
        return None  # "three or four years" is a range; "5 or 6%" too rare to guess
    if re.search(r"(?<![\w])by\s+\S*$", left, re.I) and joiner == "to":
        return None  # "up by 5% to 7%": a change and a level, two figures
    p = end + j.end()
    cm = lex.currency_sign.match(text, p)
    money2 = False
    if cm:
        p = cm.end()
        money2 = True
    m2 = lex.number.match(text, p)
    if not m2 or m2.start() != p:
        return None
    if m2.group("w") is not None:
        v2 = words_to_number(re.split(r"\s+", m2.group("w")))
    else:
        if re.match(r"^[.:]\d", text[m2.end():m2.end() + 2]):
            return None
        v2 = parse_digits(m2.group("d"))
        if _ORDINAL_AFTER.match(text[m2.end():m2.end() + 3]) or lex.month_after.match(text[m2.end():m2.end() + 12]):
            return None
    if v2 is None:
        return None
    if money2 and not money:
        return None
    n2 = _read_after(lex, text, m2.end(), v2, money or money2, None)
    if unit is not None and n2.unit is not None and unit != n2.unit:
        return None  # "4.28 percent to 28,030 yen": different quantities
    low = value
    if not has_mult and n2.has_mult and v2 and value < v2:
        low = value * (n2.value / v2)  # "$3 to $5 billion": the scale word serves both
    if joiner in ("-", "–", "—") and not (low < n2.value):
        return None  # "2-0", "89-89": a score, not a range
    return n2.end, low, unit if unit is not None else n2.unit


def _one_counts(lex: _Lex, text: str, s: int, e: int) -> bool:
    """Is this 'one' a count ('one count of fraud') rather than a pronoun ('each one')?"""
    pw = _PREV_WORD.search(text[max(0, s - 20):s])
    if pw and pw.group(1).lower() in lex.ctx["not_one_before"]:
        return False
    right = text[e:e + 30]
    if re.match(r"^-[a-z]", right, re.I) and not (lex.unit_loose.match(right)):
        return False  # "one-off", "one-on-one"
    nxt = _WORD_AFTER.match(right)
    if not nxt:
        return False
    return nxt.group(1).lower() not in lex.ctx["not_one_after"]


def find_figures(doc: Doc) -> List[Figure]:
    """Every quantity in the document, with claimant and verdict (reads furniture and attributions)."""
    from .verdicts import judge_figures

    text = doc.text
    raws = scan_figures(text)
    skip = [(f.start, f.end) for f in store.layer(doc, "furniture") if f.kind in SKIP_FURNITURE]
    raws = [r for r in raws if _span_ok(skip, r.start, r.end) and not _bare_line(text, r)]
    return judge_figures(text, raws, store.layer(doc, "attributions"))


def _bare_line(text: str, fig: RawFigure) -> bool:
    """A line holding nothing but the figure ('30.1 C' in a weather widget) is page furniture."""
    line_start = text.rfind("\n", 0, fig.start) + 1
    line_end = text.find("\n", fig.end)
    line_end = len(text) if line_end == -1 else line_end
    return text[line_start:line_end].strip() == text[fig.start:fig.end].strip()
