"""What can be checked: every quantity in the text, with value, unit, bound and what it counts.

``find_figures(doc)`` is the spaCy-side entry point (it reads the furniture and attribution
layers); ``scan_figures(text)`` does the finding on plain text and is pure. Both use compiled
regular expressions at the places where digits or number words start, not per-token Python
work. Word lists live in ``kit/data/figures/`` (see the README there), compiled by
:mod:`kit.figure_context`; claimants and verdicts come from :mod:`kit.verdicts`.

Decisions (documented for students and tests):
- Dates, clock times, years, ordinals, versions, phone numbers, addresses and labels
  ("Article 5", "iPhone 11") are not quantities.
- A range ("10-15", "10 to 15 troops", "between $3 and $5 billion") is ONE figure whose value is
  the low end, with bound "~"; its text shows both ends.
- Vague amounts ("dozens of", "tens of thousands of", "several") are figures with value None
  (bound "~"); "a couple of" is 2 (bound "~").
- "one" is a figure only when it counts something ("one count of fraud", "one hand"); the
  pronoun ("each one"), "one of the ..." and idioms ("on one hand") are not.
- A number followed by a capitalised name is part of that name ("the 787 Dreamliner", "the
  90049 ZIP Code", "11 Pro Max"), unless the name looks plural ("5 Democrats", "12 Chinese")
  or a counted noun follows ("737 Max jets", "8 SCALP-type cruise missiles").
- A share written "one in five adults" or "3 out of 10 homes" is ONE figure, a fraction (0.2).
- After "top" or "bottom", a number with nothing counted is a place in a ranking ("the bottom
  three"), not a quantity; "the top three seeds" counts seeds.
- A range goes up and carries its unit on the last end or on both: "from 208 pounds to 193" and
  "rose 8.15% to 3.65" are two figures (a change and a level), not a range.
- "4.3M", "1.5B": a capital M or B glued to a number with two digits or a decimal point is
  million or billion ("3M" alone is a company).
"""
from __future__ import annotations

import bisect
import math
import re
from typing import List, NamedTuple, Optional, Tuple

from spacy.tokens import Doc

from . import store
from .figure_context import (
    APPOSITIVE_AGE, CLOCK, DOTTED, FRACTION_DIGITS, NEGATIVE_BEFORE, NUMERIC_DATE,
    ORDINAL_AFTER, PHONE, PLURAL_OK, RANGE_JOIN, SCI, SCORE, SUPERSCRIPT, WORD_AFTER, Lexicon,
    bound_before, counted_after, glued_letters, is_sentence_start, lexicon, noun_run, of_what, prev_word,
    read_after, what_and_unit,
)
from .numbers import parse_digits, word_values, words_to_number
from .records import Figure

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


def scan_figures(text: str) -> List[RawFigure]:
    """All quantities in ``text`` (pure; no claimant or verdict). Sorted by position, no overlaps.

    Speed: one cheap pass finds digits (a character class) and number words (a trie of words over
    the lower-cased text); the rules run only at those places.
    """
    if not isinstance(text, str):
        raise TypeError(f"scan_figures() takes the text as a str, got {type(text).__name__}")
    lex = lexicon()
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
        if fig is None or (fig.value is not None and not math.isfinite(fig.value)):
            continue  # a 400-digit number is no quantity, and JSON has no infinity
        if out and fig.start < out[-1].end:
            continue
        # "more than 7.5 million crowns ($1.1 million)": a conversion in brackets keeps the bound
        if out and fig.bound == "=" and out[-1].bound != "=" and _CONVERSION_GAP.fullmatch(text[out[-1].end:fig.start]):
            fig = fig._replace(bound=out[-1].bound)
        out.append(fig)
        pos = max(pos, fig.end)
    return out


_DIGIT_CHAR = re.compile(r"[0-9½¼¾⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]+")
# small patterns the rules below try at one place (compiled once: the rules run at every number)
_SPACES = re.compile(r"\s+")
_DOT_DIGIT = re.compile(r"^\.\d")
_DIGIT_DOT_END = re.compile(r"\d\.$")
_DIGIT_SLASH_END = re.compile(r"\d\s?[:/]\s?$|\d[:/]\d+\s?[-–]\s?$")  # "16:", "3/"; "3:16-" (a verse or time range)
_SPACE_OF = re.compile(r"^\s+of\b")
_LETTER = re.compile(r"^[A-Za-z]")
_LETTER_HYPHEN_END = re.compile(r"[A-Za-z]\s?-$")
_MINUS_SUB_END = re.compile(r"(?:minus|sub)-$", re.I)
_FOUR_DIGITS = re.compile(r"\d{4}")
_ONE_TWO_DIGITS = re.compile(r"\d{1,2}")
_TWO_FOUR_DIGITS = re.compile(r"\d{2}|\d{4}")
_LONG_DIGITS = re.compile(r"\d{11,}")
_PLURAL_S = re.compile(r"^\s*(?:s\b|'s|’s)")
_DECADE_S = re.compile(r"^(?:s|'s|’s)\b")
_TIME_ZONE = re.compile(r"^\s*(?:gmt|utc|bst|cet|est|edt|pst|pdt|msk|hrs)\b", re.I)
_COMMA_SPACE = re.compile(r"^,\s")
_BETWEEN_FROM_END = re.compile(r"(?<![\w])(?:between|from)\s+$", re.I)
_BETWEEN_END = re.compile(r"(?<![\w])between\s+\S*$", re.I)
_BY_END = re.compile(r"(?<![\w])by\s+\S*$", re.I)
_DOT_COLON_DIGIT = re.compile(r"[.:]\d")
_HYPHEN_LETTER = re.compile(r"^-[a-z]", re.I)
# things that look like numbers but are not quantities, tried where a digit starts: one
# alternation, tried in this order (phone, dotted, numeric date, clock), as one match call
_NOT_QUANTITIES = (PHONE, DOTTED, NUMERIC_DATE, CLOCK)
_NOT_QUANTITY = re.compile("|".join(
    f"(?i:{p.pattern})" if p.flags & re.I else f"(?:{p.pattern})" for p in _NOT_QUANTITIES))
# what may stand right before the digits in a _NOT_QUANTITY match that starts one character early
_NOT_QUANTITY_LEAD = frozenset("+(v")


def _at_digits(lex: Lexicon, text: str, p: int) -> Tuple[Optional[RawFigure], int]:
    """(figure or None, offset to skip to) for the digits starting at ``p``."""
    if p > 0 and (text[p - 1] in _NOT_QUANTITY_LEAD or text[p - 1].isdecimal()):
        m = _NOT_QUANTITY.match(text, p - 1)
        if m:
            return None, m.end()
    m = _NOT_QUANTITY.match(text, p)
    if m:
        return None, m.end()
    m = SCORE.match(text, p)
    if m and int(m.group(1)) >= int(m.group(2)):
        return None, m.end()  # "2-0", "89-89": a score or a tie, not a range (a range goes up)
    m = None
    if p > 0 and text[p - 1] == ".":
        m = lex.number.match(text, p - 1)  # ".001"
    m = m or lex.number.match(text, p)
    if not m or m.group("d") is None:
        return None, p + 1
    return _read_number(lex, text, m), m.end()


def _at_word(lex: Lexicon, text: str, p: int) -> Tuple[Optional[RawFigure], int]:
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


def _read_vague(lex: Lexicon, text: str, m: "re.Match") -> RawFigure:
    """'dozens of other aerial weapons': value None (or 2 for 'a couple of'), bound ~."""
    value = lex.vague_value[m.group("v").lower()]
    unit, what, end = what_and_unit(lex, text, m.end(), None)
    return RawFigure(m.start(), end, None if value is None else float(value), unit, "~", what, value is None)


def _read_fraction(lex: Lexicon, text: str, m: "re.Match") -> Optional[RawFigure]:
    """'half of', 'a third of', 'two-thirds of' -> a share; None for an ordinal ('third place')."""
    f = m.group("f").lower()
    n = (m.group("n") or "").lower()
    if not n and f != "half":
        return None
    if f in ("half", "halves") and n not in ("", "a", "an", "one"):
        return None
    count = 1.0 if n in ("", "a", "an") else word_values()[n][0]
    bound, s = bound_before(lex, text, m.start())
    value = count * word_values()[f][0]
    scale = _OF_A_SCALE.match(text, m.end())
    if scale:  # "a quarter of a million dollars" is 250,000 dollars
        value *= word_values()[scale.group(1).lower()][0]
        num = read_after(lex, text, scale.end(), value, False, None)
        unit, what, end = what_and_unit(lex, text, num.end, num.unit)
        return RawFigure(s, end, value, unit, bound, what)
    return RawFigure(s, m.end(), value, "fraction", bound, of_what(lex, text, m.end()))


_OF_A_SCALE = re.compile(r"\s+of\s+an?\s+(hundred|thousand|million|billion|trillion)(?![a-z])", re.I)


_CONVERSION_GAP = re.compile(r"\s*\(\s*|\s*/\s*")


def _read_number(lex: Lexicon, text: str, m: "re.Match") -> Optional[RawFigure]:
    """One number match -> a RawFigure, or None when it is not a quantity."""
    s, e = m.span()
    left = text[max(0, s - 40):s]
    right = text[e:e + 80]
    money = False
    currency: Optional[str] = None
    start = s
    capital = False  # a capital multiplier glued to the digits ("4.3M")
    if m.group("w") is not None:
        words = _SPACES.split(m.group("w"))
        value = words_to_number(words)
        if value is None:
            return None
        pw = prev_word(left)
        if pw and pw.group(1).lower() in lex.labels:
            return None  # "Round Two", "Article One"
        word = m.group("w")
        if pw and word[0].isupper() and pw.group(1)[0].isupper() \
                and not is_sentence_start(left[: len(left) - len(pw.group(1)) - 1]) \
                and pw.group(1).lower() not in lex.bound_of:
            return None  # "Ground Zero", "Formula One": part of a name
        if pw and pw.group(1).lower() in lex.ctx["rank_before"] and not counted_after(lex, right):
            return None  # "the bottom three": a place in a ranking
        ratio = _ratio(lex, text, s, e, value)
        if ratio is not None:
            return ratio  # "one in five adults", "one out of three voters"
        if m.group("w").lower() == "one":
            if not _one_counts(lex, text, s, e):
                return None

        negative = False
    else:
        core = m.group("d")
        if _DOT_DIGIT.match(right) or _DIGIT_DOT_END.search(left):
            return None  # part of a dotted version number
        if ORDINAL_AFTER.match(right):
            return None  # 3rd, 21st
        if lex.month_before.search(left) or lex.month_after.match(right):
            return None  # a date: "May 31", "8 July"
        if left.endswith("#") or _DIGIT_SLASH_END.search(left):
            return None
        fr = FRACTION_DIGITS.match(right)
        value = parse_digits(core)
        if value is None:
            return None
        if fr:
            den = int(fr.group(1))
            after = text[e + fr.end():e + fr.end() + 40]
            if den == 0 or not (_SPACE_OF.match(after) or lex.unit_exact.match(after) or lex.unit_loose.match(after)):
                return None  # 6/20 could be a date or a score
            value = value / den
            e += fr.end()
            right = text[e:e + 80]
        # a letter prefix glued to the number: "USD10m" (money), "XC40" (a model name)
        g = glued_letters(left)
        cm = lex.currency_cue(left)
        if cm:
            currency = lex.currency_unit.get(cm.group("c").lower(), cm.group("c"))
            money = True
            start = s - (len(left) - cm.start())
        elif g and not g.group(0).endswith(" "):  # letters glued to the digits, maybe by a hyphen
            prefix, hyphen = g.group(1), g.group(2)
            if hyphen:
                if prefix.lower() not in ("sub", "minus"):
                    return None  # "F-35", "COVID-19", "top-10": part of a name ("sub-7" is a bound)
            elif prefix.isupper() and len(prefix) <= 3 and ("," in core or lex.mult_short.match(right)
                                                          or lex.mult_long.match(right)):
                currency, money = prefix, True  # "PS8.1bn", "RM23,500": a currency code glued on
                start = s - len(prefix)
            else:
                return None  # "XC40", "S22", "V10": names, not quantities
        sci = SCI.match(right)
        if sci:
            value *= 10.0 ** int(sci.group(1).translate(SUPERSCRIPT).replace("−", "-"))
            e += sci.end()
            right = text[e:e + 80]
        # a capital M or B glued to the digits is million or billion ("4.3M copies"); one digit
        # alone is left alone ("3M" is a company)
        capital = not money and not currency and ("." in core or len(core) >= 2) \
            and lex.mult_capital.match(right) is not None
        if _LETTER.match(right):
            # a suffix glued to the digits must be a multiplier or a unit ("10km", "3.5bn")
            if not (lex.mult_short.match(right) and (money or currency)) and not lex.mult_long.match(right) \
                    and not lex.unit_exact.match(right) and not lex.unit_loose.match(right) and not capital:
                return None  # "3s", "5G", "4x4"
        if not money and _LETTER_HYPHEN_END.search(left) and not _MINUS_SUB_END.search(left):
            return None  # "COVID -19", "F-35": part of a name
        negative = bool(NEGATIVE_BEFORE.search(text[max(0, start - 8):start]))
        if negative:
            nm = NEGATIVE_BEFORE.search(text[max(0, start - 8):start])
            start = start - (len(text[max(0, start - 8):start]) - nm.start())
        # labels: "Article 5", "page 3", "No. 7"
        pw = prev_word(left)
        if pw and pw.group(1).lower() in lex.labels and not money:
            return None
        if pw and not money and pw.group(1).lower() in lex.ctx["rank_before"] and not counted_after(lex, right):
            return None  # "finished in the top 10": a place in a ranking
        # years: a bare four-digit number from 1000 to 2199 with nothing counted after it
        if _FOUR_DIGITS.fullmatch(core) and 1000 <= value <= 2199 and not money and not negative:
            unit_next = lex.unit_exact.match(right) or lex.unit_loose.match(right)
            if 1900 <= value <= 2099 and not unit_next and not lex.bound_cue(left):
                return None  # "2018 sales", "in 2014": a year, even before a plural noun
            if not counted_after(lex, right) or _PLURAL_S.match(right):
                return None
        if _ONE_TWO_DIGITS.fullmatch(core) and _TIME_ZONE.match(right):
            return None
        if _TWO_FOUR_DIGITS.fullmatch(core) and _DECADE_S.match(right):
            return None  # "the 80's", "the 1990s": a decade
        if _LONG_DIGITS.fullmatch(core):
            return None  # an identifier (a tweet or account number), not a quantity
        # a mid-sentence capitalised word right before: a name or model ("iPhone 11", "FTSE 100")
        if pw and not money and core.isdigit() and any(c.isupper() for c in pw.group(1)) \
                and not lex.mult_long.match(right):
            word = pw.group(1)
            before_word = left[: len(left) - len(word) - 1]
            low = word.lower()
            if not is_sentence_start(before_word) and low not in lex.bound_of and low not in lex.currency_unit \
                    and low not in lex.ctx["run_stops"]:
                nxt = WORD_AFTER.match(right)
                if not counted_after(lex, right) or (nxt and nxt.group(1)[0].isupper()):
                    return None
        # a capitalised name right after a bare number, after a lower-case word (or the first word
        # of a sentence): "the 787 Dreamliner", "the 90049 ZIP Code", "11 Pro Max" (a model or a
        # label, not a count)
        if pw and not money and not capital and core.isdigit() and value != 1 \
                and (pw.group(1)[0].islower() or is_sentence_start(left[: len(left) - len(pw.group(1)) - 1])) \
                and _name_after(lex, right):
            return None
        # "Jane Doe, 25, said": an age in apposition
        if APPOSITIVE_AGE.search(left) and _COMMA_SPACE.match(right) and value < 130:
            return None
        # "575 Main Road": a street address
        if lex.street.match(right):
            return None
        if negative:
            value = -value
        if not money and not negative and not capital:
            ratio = _ratio(lex, text, start, e, value)
            if ratio is not None:
                return ratio  # "3 in 10 adults", "8 out of 10 readers"
    # multipliers, unit
    num = read_after(lex, text, e, value, money, currency, capital)
    value, unit, money, end = num.value, num.unit, num.money, num.end
    bound, start = bound_before(lex, text, start)
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
    unit, what, end = what_and_unit(lex, text, end, unit)
    return RawFigure(start, end, value, unit, bound, what)


def _between_start(text: str, start: int) -> int:
    m = _BETWEEN_FROM_END.search(text[max(0, start - 10):start])
    return start - (min(10, start) - m.start()) if m else start


def _range_after(lex: Lexicon, text: str, end: int, value: Optional[float], unit: Optional[str], money: bool,
                 has_mult: bool, left: str, is_words: bool):
    """(end, low value, unit) when a second number closes a range after ``end``; else None."""
    if value is None:
        return None
    j = RANGE_JOIN.match(text[end:end + 12])
    if not j:
        return None
    joiner = (j.group("dash") or j.group("word") or "").lower()
    if joiner == "and" and not _BETWEEN_END.search(left):
        return None  # "5 and 6" is a range only after "between"
    if joiner == "or" and not is_words:
        return None  # "three or four years" is a range; "5 or 6%" too rare to guess
    if joiner == "to" and _BY_END.search(left):
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
        v2 = words_to_number(_SPACES.split(m2.group("w")))
    else:
        if _DOT_COLON_DIGIT.match(text, m2.end(), m2.end() + 2):
            return None
        v2 = parse_digits(m2.group("d"))
        if ORDINAL_AFTER.match(text[m2.end():m2.end() + 3]) or lex.month_after.match(text[m2.end():m2.end() + 12]):
            return None
    if v2 is None:
        return None
    if money2 and not money:
        return None
    n2 = read_after(lex, text, m2.end(), v2, money or money2, None)
    if unit is not None and n2.unit is not None and unit != n2.unit:
        return None  # "4.28 percent to 28,030 yen": different quantities
    if unit is not None and n2.unit is None and not money:
        return None  # "rose 8.15% to 3.65": a unit on the first end only; a change and a level
    low = value
    if not has_mult and n2.has_mult and v2 and value < v2:
        low = value * (n2.value / v2)  # "$3 to $5 billion": the scale word serves both
    if not (low < n2.value):
        return None  # "2-0", "89-89": a score; "from 208 to 193": a change, not a range (a range goes up)
    return n2.end, low, unit if unit is not None else n2.unit


_RATIO_JOIN = re.compile(r"\s+(?:out\s+of|in)\s+", re.I)


def _ratio(lex: Lexicon, text: str, start: int, e: int, value: float) -> Optional[RawFigure]:
    """'one in five adults', '3 out of 10 voters': a share (value 1/5, unit 'fraction'); else None.

    The second number must be a larger whole number with no unit after it ('5 in 10 days' is a
    time, not a share) and not a year ('2 in 2019').
    """
    j = _RATIO_JOIN.match(text, e)
    if j is None or not value > 0:
        return None
    m2 = lex.number.match(text, j.end())
    if m2 is None:
        return None
    if m2.group("w") is not None:
        v2 = words_to_number(_SPACES.split(m2.group("w")))
    else:
        after = text[m2.end():m2.end() + 12]
        if _DOT_COLON_DIGIT.match(after) or ORDINAL_AFTER.match(after) or lex.month_after.match(after):
            return None
        v2 = parse_digits(m2.group("d"))
        if v2 is not None and _FOUR_DIGITS.fullmatch(m2.group("d")) and 1000 <= v2 <= 2199:
            return None  # a year
    if v2 is None or not math.isfinite(v2) or not v2 > value or v2 != int(v2):
        return None
    n2 = read_after(lex, text, m2.end(), v2, False, None)
    if n2.unit is not None or not math.isfinite(n2.value):
        return None
    bound, s = bound_before(lex, text, start)
    _, what, end = what_and_unit(lex, text, n2.end, None)
    return RawFigure(s, end, value / n2.value, "fraction", bound, what)


def _name_after(lex: Lexicon, right: str) -> bool:
    """Does a capitalised name (not a count) follow the number? 'Dreamliner was', 'ZIP Code,'

    Up to three capitalised words; none may look plural ('Democrats', 'Chinese', 'Swiss'), be a
    unit or a day name, and no counted noun may follow them ('737 Max jets' stays a count).
    """
    m = WORD_AFTER.match(right)
    if m is None or not m.group(1)[0].isupper() or lex.unit_exact.match(right) or lex.unit_loose.match(right):
        return False
    pos = 0
    n = 0
    while n < 3:
        if pos:
            m = _NEXT_WORD.match(right, pos)
        if m is None or not m.group(1)[0].isupper():
            break
        word = m.group(1)
        low = word.lower()
        if low.endswith(_PLURALISH) or low in lex.ctx["weekdays"] or low in lex.ctx["months"]:
            return False
        n += 1
        pos = m.end()
    if n == 0 or (n == 1 and word.isupper()) or _DIGIT_AHEAD.match(right, pos):
        return False  # "an 87 IQ": an acronym as a unit; "58 Fortune 500 companies": a count
    words, _ = noun_run(lex, right, 0)  # "8 SCALP-type cruise missiles": a count after all
    return not any(PLURAL_OK.match(w.lower()) for w in words) and not counted_after(lex, right[pos:])


_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][A-Za-z'’-]*)")
_DIGIT_AHEAD = re.compile(r"\s+\d")
# endings of plural nouns and of nationality words used as plurals ("12 Chinese", "5 Swiss")
_PLURALISH = ("s", "ese", "sh", "ch")


def _one_counts(lex: Lexicon, text: str, s: int, e: int) -> bool:
    """Is this 'one' a count ('one count of fraud') rather than a pronoun ('each one')?"""
    pw = prev_word(text[max(0, s - 20):s])
    if pw and pw.group(1).lower() in lex.ctx["not_one_before"]:
        return False
    for idiom in lex.ctx["not_one_idioms"]:  # "on one hand"
        before, _, after = idiom.partition("one")
        if text[max(0, s - len(before)):s].lower() == before and text[e:e + len(after)].lower() == after \
                and not text[e + len(after):e + len(after) + 1].isalpha() \
                and not text[s - len(before) - 1:s - len(before)].isalpha():
            return False
    right = text[e:e + 30]
    if _HYPHEN_LETTER.match(right) and not (lex.unit_loose.match(right)):
        return False  # "one-off", "one-on-one"
    nxt = WORD_AFTER.match(right)
    if not nxt:
        return False
    return nxt.group(1).lower() not in lex.ctx["not_one_after"]


def find_figures(doc: Doc) -> List[Figure]:
    """Every quantity in the document, with claimant and verdict (reads furniture and attributions)."""
    from .verdicts import judge_figures

    text = store.text(doc)
    raws = scan_figures(text)
    skip = sorted((f.start, f.end) for f in store.layer(doc, "furniture") if f.kind in SKIP_FURNITURE)
    raws = [r for r in raws if _outside(skip, r.start, r.end) and not _bare_line(text, r)]
    return judge_figures(text, raws, store.layer(doc, "attributions"))


def _outside(spans: List[Tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) overlaps none of the sorted, non-overlapping ``spans``."""
    i = bisect.bisect_left(spans, (end,))
    return i == 0 or spans[i - 1][1] <= start


def _bare_line(text: str, fig: RawFigure) -> bool:
    """A line holding nothing but the figure ('30.1 C' in a weather widget) is page furniture."""
    line_start = text.rfind("\n", 0, fig.start) + 1
    line_end = text.find("\n", fig.end)
    line_end = len(text) if line_end == -1 else line_end
    return text[line_start:line_end].strip() == text[fig.start:fig.end].strip()
