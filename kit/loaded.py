"""How it is said: loaded wording, each flag with its explanation for students.

The lexicons live in ``kit/data/loaded/`` (one JSONL file per category, see its README.md).
Each row names its wording either as ``forms`` (phrases, matched case-insensitively with a
``PhraseMatcher``) or as a ``pattern`` (a spaCy ``Matcher`` token pattern; ``"@name"`` inside
an ``IN`` list stands for the word list ``name`` in ``sets.json``). Optional context keys keep
precision high without a tagger or parser: they look only at the neighbouring tokens.

    unless_before / unless_after   reject when the previous / next word is in the list
                                   ("CAP" before = a capitalised word: "the Srebrenica massacre")
    only_before / only_after       accept only when it is ("CAP" = a capitalised word)
    extend                         widen the flag over up to N following words of its clause
    check                          a named extra test in :data:`CHECKS` (e.g. scare quotes)
    reporter_only                  drop the flag inside an attribution's content ("alleged" is
                                   loaded when the outlet chooses it, a caution when a source does)

The same lexicons run over every text, whoever wrote it and whichever side it favours; the
flags say what the words do, and the voice (:func:`kit.loaded_voice.assign_voice`) says whose
words they are.
"""
from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from spacy.attrs import LOWER
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from . import store
from .loaded_voice import _assign_voice, _doc_edges, assign_voice
from .records import Attribution, Loaded
from .resources import load_json, load_jsonl

CATEGORIES: Tuple[str, ...] = ("naming", "euphemism", "distancing", "presupposition", "label",
                               "intensifier", "motive", "weasel")
_CONTEXT_KEYS = ("unless_before", "unless_after", "only_before", "only_after")
_ROW_KEYS = {"forms", "pattern", "why", "ask", "alternatives", "extend", "check", "note",
             "case_sensitive", "reporter_only", *_CONTEXT_KEYS}
# Words that end a clause when a flag is widened with ``extend``.
_CLAUSE_STOPS = frozenset(
    "to in on at by for with from of and or but that which who whom while as after before since "
    "because than into over under against during through when where if whether so nor".split())
_SENTENCE_ENDS = frozenset({".", "!", "?", "…", ":", "\"", "“", "”"})
_SKIPPABLE = frozenset({",", "the", "a", "an"})
_POSSESSIVE = frozenset({"'s", "’s", "the", "a", "an", "its", "their", "his", "her", "our"})
_QUOTE_PAIRS = {"“": "”", '"': '"', "‘": "’"}
# Words before a quoted phrase that make it a title or a mention of the word itself.
_TITLE_CUES = frozenset("titled entitled headlined headline book film song album show hashtag "
                        "slogan word words term phrase letter".split())


class Rule:
    """One lexicon row, ready to test a match."""

    __slots__ = ("category", "why", "ask", "alternatives", "extend", "check", "case_sensitive", "reporter_only",
                 "forms", "unless_before", "unless_after", "only_before", "only_after")

    def __init__(self, category: str, row: dict, where: str):
        unknown = set(row) - _ROW_KEYS
        if unknown or not row.get("why") or not row.get("ask") or not ("forms" in row or "pattern" in row):
            raise ValueError(f"kit/data/loaded/{where}: a row needs forms or pattern, why and ask "
                             f"(known keys: {sorted(_ROW_KEYS)}); got keys {sorted(row)}")
        self.category = category
        self.why: str = row["why"]
        self.ask: str = row["ask"]
        self.alternatives: Tuple[str, ...] = tuple(row.get("alternatives", ()))
        self.extend: int = int(row.get("extend", 0))
        self.check: Optional[str] = row.get("check")
        self.case_sensitive: bool = bool(row.get("case_sensitive", False))
        self.reporter_only: bool = bool(row.get("reporter_only", False))
        self.forms = frozenset(row.get("forms", ()))
        for key in _CONTEXT_KEYS:
            setattr(self, key, frozenset(w.lower() if w != "CAP" else w for w in row.get(key, ())))
        if "CAP" in self.unless_after or "CAP" in self.only_after:
            raise ValueError(f"kit/data/loaded/{where}: \"CAP\" works only in unless_before / only_before")
        if self.check is not None and self.check not in CHECKS:
            raise ValueError(f"kit/data/loaded/{where}: unknown check {self.check!r}; known: {sorted(CHECKS)}")

    def context_ok(self, doc: Doc, start: int, end: int) -> bool:
        """The neighbouring words allow this reading (see the module docstring)."""
        prev = _word_before(doc, start)
        nxt = _word_after(doc, end)
        if self.case_sensitive and doc[start:end].text not in self.forms:
            return False
        if prev is not None and _allowed(prev, self.unless_before):
            return False
        if nxt is not None and self.unless_after:
            if nxt.lower_ in self.unless_after:
                return False
            # Look past one comma or article: "Odessa, Texas", "neutralized the acid".
            if nxt.lower_ in _SKIPPABLE:
                after = _word_after(doc, nxt.i + 1)
                if after is not None and after.lower_ in self.unless_after:
                    return False
        if self.only_before and not _allowed(prev, self.only_before):
            return False
        if self.only_after and not _allowed(nxt, self.only_after):
            return False
        return self.check is None or CHECKS[self.check](doc, start, end)


def _word_before(doc: Doc, i: int):
    i -= 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return doc[i] if i >= 0 else None


def _word_after(doc: Doc, i: int):
    while i < len(doc) and doc[i].is_space:
        i += 1
    return doc[i] if i < len(doc) else None


def _allowed(tok, words: frozenset) -> bool:
    if tok is None:
        return False
    # "CAP": a capitalised word that is not a function word and does not open a sentence
    # ("the Assad regime", "the Srebrenica massacre"; not "The regime", not "Soldiers slaughtered").
    return tok.lower_ in words or ("CAP" in words and tok.is_title and tok.is_alpha and not tok.is_stop
                                   and not _opens_sentence(tok))


def _opens_sentence(tok) -> bool:
    before = _word_before(tok.doc, tok.i)
    return before is None or before.text in _SENTENCE_ENDS or "\n" in before.whitespace_


def _scare_quotes(doc: Doc, start: int, end: int) -> bool:
    """A short quoted phrase inside running text: quotes hug the words, and it is no title."""
    open_tok, close_tok = doc[start], doc[end - 1]
    if _QUOTE_PAIRS.get(open_tok.text) != close_tok.text:
        return False
    if open_tok.whitespace_ or doc[end - 2].whitespace_:  # “ word ” with spaces is not a quotation
        return False
    if start > 0 and not doc[start - 1].whitespace_ and not doc[start - 1].is_punct:
        return False
    inner = doc[start + 1:end - 1]
    if len(inner) > 1 and all(t.is_title for t in inner):  # a title or a name in quotes
        return False
    prev = _word_before(doc, start)
    if prev is not None and (prev.lower_ in _TITLE_CUES or prev.text == ":"):
        return False
    nxt = _word_after(doc, end)
    # A quoted fragment followed by a reporting comma is a short quotation, not a scare quote.
    return nxt is None or nxt.text not in {",", ":"} or open_tok.text == "‘"


def _lowercase_start(doc: Doc, start: int, end: int) -> bool:
    """The match starts with a lowercase word (the word is used as a common noun)."""
    return doc[start].is_lower


CHECKS: Dict[str, Callable[[Doc, int, int], bool]] = {
    "scare_quotes": _scare_quotes,
    "lowercase": _lowercase_start,
}


class Lexicon:
    """All rules of all categories: one PhraseMatcher for the forms, one small Matcher per pattern."""

    def __init__(self, vocab: Vocab):
        sets = {k: [w.lower() for w in v] if k != "_" else v for k, v in load_json("loaded/sets.json").items()}
        self.rules: List[Rule] = []
        self.phrases = PhraseMatcher(vocab, attr="LOWER")
        self.patterns: List[Tuple[Matcher, int, int]] = []  # (matcher, required slots, reach)
        self.cue_index: Dict[int, List[Tuple[int, int]]] = {}  # word hash -> [(pattern, slot)]
        from spacy.lang.en import English  # the tokenizer the forms are written for

        make_doc = English(vocab=vocab).make_doc
        for category in CATEGORIES:
            for n, row in enumerate(load_jsonl(f"loaded/{category}.jsonl"), 1):
                where = f"{category}.jsonl row {n}"
                rule = Rule(category, row, where)
                key = f"{category}:{len(self.rules)}"
                self.rules.append(rule)
                if "forms" in row:
                    self.phrases.add(key, [make_doc(f) for f in row["forms"]])
                if "pattern" in row:
                    pattern = _expand(row["pattern"], sets, where)
                    matcher = Matcher(vocab)
                    matcher.add(key, [pattern])
                    required = _required_words(pattern, where)
                    for slot, words in enumerate(required):
                        for w in words:
                            self.cue_index.setdefault(vocab.strings.add(w), []).append((len(self.patterns), slot))
                    self.patterns.append((matcher, len(required), _max_length(pattern, where)))
        self.vocab = vocab

    def pattern_matches(self, doc: Doc) -> List[Tuple[int, int, int]]:
        """Matcher results for ``doc``, computed only where a pattern can match.

        A pattern can only match where each of its required word lists has a word within
        ``reach`` tokens (its longest match). One pass over the token hashes finds those places;
        the pattern's Matcher then runs on that window alone, which finds exactly what it would
        find on the whole doc at a fraction of the cost (its set predicates are slow per token).
        """
        out: List[Tuple[int, int, int]] = []
        seen: Dict[Tuple[int, int], List[int]] = {}
        index = self.cue_index
        for i, h in enumerate(doc.to_array(LOWER).tolist()):
            for key in index.get(h, ()):
                seen.setdefault(key, []).append(i)
        n = len(doc)
        for p, (matcher, slots, reach) in enumerate(self.patterns):
            lists = [seen.get((p, slot)) for slot in range(slots)]
            if not all(lists):
                continue
            first, others = lists[0], lists[1:]
            start = end = -1
            for i in first:
                if not all(_near(positions, i, reach) for positions in others):
                    continue
                lo, hi = max(0, i - reach + 1), min(n, i + reach)
                if lo <= end:
                    end = max(end, hi)
                    continue
                if end > 0:
                    out.extend((m, start + x, start + y) for m, x, y in matcher(doc[start:end]))
                start, end = lo, hi
            if end > 0:
                out.extend((m, start + x, start + y) for m, x, y in matcher(doc[start:end]))
        return out

    def rule_for(self, match_id: int) -> Rule:
        return self.rules[int(self.vocab.strings[match_id].split(":")[1])]


def _max_length(pattern: list, where: str) -> int:
    """The most tokens a pattern can match (``*`` and ``+`` are refused: windows need a bound)."""
    total = 0
    for spec in pattern:
        op = str(spec.get("OP", ""))
        if op in ("*", "+"):
            raise ValueError(f"kit/data/loaded/{where}: use a bounded OP such as '{{0,4}}' instead of {op!r}")
        total += int(op.strip("{}").split(",")[-1]) if op.startswith("{") else (0 if op == "!" else 1)
    return total


def _required_words(pattern: list, where: str) -> List[List[str]]:
    """The word lists of a pattern's required tokens (no ``OP``, a LOWER or ORTH word or list)."""
    required = []
    for spec in pattern:
        value = spec.get("LOWER", spec.get("ORTH"))
        words = [value] if isinstance(value, str) else value.get("IN") if isinstance(value, dict) else None
        if spec.get("OP") is None and words:
            required.append([w.lower() for w in words])
    if not required:
        raise ValueError(f"kit/data/loaded/{where}: a pattern needs at least one required LOWER/ORTH "
                         f"token (a word or an IN list) so it can be found quickly; got {pattern}")
    return required


def _near(positions: List[int], i: int, reach: int) -> bool:
    """Some position lies within ``reach`` tokens of ``i``."""
    k = bisect_left(positions, i - reach + 1)
    return k < len(positions) and positions[k] < i + reach


def _expand(pattern: list, sets: dict, where: str) -> list:
    """Replace ``"@name"`` entries in ``IN`` lists by the word list ``name`` from sets.json."""
    out = []
    for spec in pattern:
        spec = dict(spec)
        for attr, value in list(spec.items()):
            if isinstance(value, dict) and "IN" in value:
                words: List[str] = []
                for w in value["IN"]:
                    if isinstance(w, str) and w.startswith("@"):
                        if w[1:] not in sets:
                            raise ValueError(f"kit/data/loaded/{where}: no word list {w[1:]!r} in sets.json")
                        words.extend(sets[w[1:]])
                    else:
                        words.append(w)
                spec[attr] = {**value, "IN": words}
        out.append(spec)
    return out


@lru_cache(maxsize=4)
def _lexicon(vocab_id: int, vocab: Vocab) -> Lexicon:
    return Lexicon(vocab)


def lexicon(vocab: Vocab) -> Lexicon:
    """The compiled lexicon for this vocabulary (built once per pipeline)."""
    return _lexicon(id(vocab), vocab)


def _extend(doc: Doc, end: int, n: int) -> int:
    """Widen a flag over up to ``n`` following words, stopping at punctuation or a clause word.

    A flag never ends on an article or a possessive ("the city's" takes the next word too).
    """
    budget = n
    while end < len(doc):
        tok = doc[end]
        if tok.is_punct or tok.is_space or tok.lower_ in _CLAUSE_STOPS:
            break
        if budget <= 0 and doc[end - 1].lower_ not in _POSSESSIVE:
            break
        end += 1
        budget -= 1
        if "\n" in tok.whitespace_ or budget < -2:  # a line break ends the clause
            break
    return end


def find_loaded(doc: Doc, *, attributions: Optional[Sequence[Attribution]] = None) -> List[Loaded]:
    """Loaded wording in ``doc``: one :class:`~kit.records.Loaded` per flag, in text order.

    ``attributions`` (default: the layer the attribution component stored on the doc) decide
    the voice: a flag inside an attribution's content is the source's wording, else the reporter's.
    """
    lex = lexicon(doc.vocab)
    found: Dict[Tuple[int, int, str], Loaded] = {}
    reporter_only = set()
    matches = list(lex.phrases(doc)) + lex.pattern_matches(doc)
    for match_id, start, end in matches:
        rule = lex.rule_for(match_id)
        if not rule.context_ok(doc, start, end):
            continue
        if rule.extend:
            end = _extend(doc, end, rule.extend)
        span = doc[start:end]
        key = (span.start_char, span.end_char, rule.category)
        if key in found:
            continue
        if rule.reporter_only:
            reporter_only.add(key)
        found[key] = Loaded(start=span.start_char, end=span.end_char, text=span.text,
                            category=rule.category, why=rule.why.replace("{text}", span.text),
                            ask=rule.ask.replace("{text}", span.text), alternatives=rule.alternatives,
                            voice="reporter", speaker=None)
    if attributions is None:
        attributions = store.layer(doc, "attributions")
    flags = _drop_nested(sorted(found.values(), key=lambda f: (f.start, -f.end, f.category)))
    flags = _assign_voice(flags, attributions, _doc_edges(doc))
    return [f for f in flags if not (f.voice == "source" and (f.start, f.end, f.category) in reporter_only)]


def _drop_nested(flags: List[Loaded]) -> List[Loaded]:
    """Drop a flag lying inside a longer flag of the same category (one explanation is enough).

    Naming flags are kept: a spelling inside a metonym ("Kiev" in "Kiev's forces") says
    something the metonym does not.
    """
    kept: List[Loaded] = []
    for f in flags:
        if f.category != "naming" and any(k.category == f.category and k.start <= f.start and f.end <= k.end and (k.start, k.end) != (f.start, f.end)
               for k in kept[-8:]):
            continue
        kept.append(f)
    return kept


__all__ = ["CATEGORIES", "CHECKS", "Lexicon", "assign_voice", "find_loaded", "lexicon"]
