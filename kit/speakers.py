"""What kind of source speaks, and who it is: ``source_kind`` and speaker resolution.

General rules, nothing per article:

* a role noun ("the defense minister", "the minister") resolves to the person named with that
  title anywhere in the document ("Defense Minister Andrey Belousov");
* a surname ("Belousov") resolves to the full name seen in the document ("Andrey Belousov");
* "he"/"she" resolve to the most recent person-source, "it"/"they" to the most recent
  organisation, place or group that spoke.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, FrozenSet, List, NamedTuple, Optional, Tuple

from .cues import source_word_union, source_words

# Kinds the JSON reports (place words are reported as "place_as_actor").
PERSON, ROLE, INSTITUTION, PLACE, UNNAMED, PRONOUN = (
    "person", "role", "institution", "place_as_actor", "unnamed", "pronoun")

_DETERMINERS = frozenset("the a an this that these those its their his her our my your some many several "
                         "another other one two three both all most".split())
# A run of capitalised words: "Defense Minister Andrey Belousov", "US President Joe Biden".
# (No possessive "*+" here: Python 3.10, which the kit supports, does not have it.)
_CAPITAL_RUN = re.compile(r"[A-Z][\w.’'\-]*(?:[ \u00a0][A-Z][\w.’'\-]*)+")
_SURNAME_SUFFIXES = frozenset({"jr.", "sr.", "jr", "sr", "ii", "iii"})


def _words(text: str) -> List[str]:
    return text.replace("’s", "").replace("'s", "").split()


class _Lexicon(NamedTuple):
    """The source-word sets the functions below look up, read from the lexicon once."""

    pronoun: FrozenSet[str]
    unnamed: FrozenSet[str]
    role: FrozenSet[str]
    institution: FrozenSet[str]
    place: FrozenSet[str]
    nationality: FrozenSet[str]
    not_name: FrozenSet[str]  # words that do not make a capitalised word a name (see _has_name)
    title: FrozenSet[str]  # words a title before a name is made of (see _capital_run)
    not_name_word: FrozenSet[str]  # role, nationality and determiner words (see SpeakerIndex.resolve)


@lru_cache(maxsize=None)
def _lexicon() -> _Lexicon:
    lex = source_words()
    empty: FrozenSet[str] = frozenset()
    return _Lexicon(lex.get("pronoun", empty), lex.get("unnamed", empty), lex.get("role", empty),
                    lex.get("institution", empty), lex.get("place", empty), lex.get("nationality", empty),
                    source_word_union(("role", "nationality", "institution", "place", "unnamed")),
                    source_word_union(("role", "nationality", "place", "institution")),
                    lex.get("role", empty) | lex.get("nationality", empty) | _DETERMINERS)


@lru_cache(maxsize=16384)
def source_kind(text: str) -> str:
    """person | role | institution | place_as_actor | unnamed | pronoun, from the source's words.

    A function of the words and the lexicon only, so it is cached: the same sources ("he", "officials",
    "the ministry") come back in every article.
    """
    lex = _lexicon()
    if " and " in text:  # "Western media reports and the Ukrainian government": the first named source
        text = text.split(" and ", 1)[0]
    words = _words(text)
    if not words:
        return UNNAMED
    low = [w.lower().strip(",.") for w in words]
    if len(words) == 1 and low[0] in lex.pronoun:
        return PRONOUN
    content = [w for w in low if w not in _DETERMINERS]
    if not content:
        return PRONOUN if low[-1] in lex.pronoun else UNNAMED
    head = content[-1]
    # a lower-case group noun at the head: "officials", "Western media reports"
    if head in lex.unnamed and not _has_name(words, lex):
        if head in lex.role and words[0].lower() == "the":
            return ROLE  # "the official" (one known role) vs "officials" / "an official"
        return UNNAMED
    if " ".join(low) in lex.place or (len(content) <= 2 and " ".join(content) in lex.place):
        return PLACE
    if not lex.institution.isdisjoint(content) and not _has_name(words, lex):
        return INSTITUTION
    if not lex.role.isdisjoint(content):
        return PERSON if _has_name(words, lex) else ROLE
    if all(w[:1].isupper() for w in words if w.lower() not in _DETERMINERS):
        if low[0] == "the" or not lex.institution.isdisjoint(low):
            return INSTITUTION
        return PERSON
    return UNNAMED


def _has_name(words: List[str], lex: _Lexicon) -> bool:
    """True when a capitalised word is neither a title, a nationality nor a place/institution word."""
    not_name = lex.not_name
    for w in words:
        if not w[:1].isupper():
            continue
        lw = w.lower().strip(",")
        if lw in _DETERMINERS or lw in not_name:
            continue
        return True
    return False


@lru_cache(maxsize=16384)
def _capital_run(run: str) -> Optional[Tuple[str, Optional[str]]]:
    """A run of capitalised words -> (the person's name, their lower-case title if it holds a role
    word, else None), or None when the run is not a person's name. Cached: names recur."""
    lex = _lexicon()
    title_words = lex.title
    words = [w.rstrip("’'").replace("’s", "") for w in run.split()]  # split() splits at NBSP too
    last = words[-1]
    if len(last) > 2 and last.endswith(".") and last.lower() not in _SURNAME_SUFFIXES:
        words[-1] = last.rstrip(".")  # the sentence's full stop, not an abbreviation
    lows = [w.lower() for w in words]
    n = len(words)
    k = 0  # leading title words: "Defense Minister", "US President", "Sen."
    while k < n and (lows[k] in title_words or lows[k].rstrip(".") in title_words):
        k += 1
    if not 2 <= n - k <= 4:
        return None
    for w in lows[k:]:
        if w in title_words or w in _DETERMINERS:
            return None  # "White House", "Western Media Reports": not a person's name
    name = " ".join(words[k:])
    if k:
        role = lex.role
        if any(w in role or w.rstrip(".") in role for w in lows[:k]):
            return name, " ".join(words[:k]).lower()
    return name, None


class _Index(NamedTuple):
    """Everything the capital runs of a document say about its people."""

    titled: List[Tuple[str, str]]  # (lower-case title, full name)
    names: List[str]  # full names in order of appearance
    surnames: Dict[str, str]  # last word -> the first full name ending with it
    roles: Dict[Tuple[str, ...], set]  # every ending of a title -> the names holding it


class SpeakerIndex:
    """The people a document names, with their titles, and the running memory for pronouns.

    The document's capital runs are found at once; they are read (:func:`_capital_run`) when a
    look-up needs them: a surname only looks at the runs holding it, a role builds the whole index.
    """

    def __init__(self, text: str) -> None:
        self._runs: List[str] = _CAPITAL_RUN.findall(text)
        self._whole: Optional[_Index] = None
        self._first: Dict[str, Optional[str]] = {}  # surname -> the first full name ending with it
        self.last_person: Optional[str] = None
        self.last_group: Optional[str] = None

    def _index(self) -> _Index:
        """The whole index, built on first use."""
        if self._whole is not None:
            return self._whole
        titled: List[Tuple[str, str]] = []
        names: List[str] = []
        for run in self._runs:
            parsed = _capital_run(run)
            if parsed is None:
                continue
            name, title = parsed
            if title is not None:
                titled.append((title, name))
            names.append(name)
        surnames: Dict[str, str] = {}
        for name in dict.fromkeys(names):  # each name once, in order of first appearance
            parts = [p for p in name.split() if p.lower() not in _SURNAME_SUFFIXES]
            if parts:
                surnames.setdefault(parts[-1], name)
        roles: Dict[Tuple[str, ...], set] = {}
        for title, name in titled:
            words = tuple(title.split())
            for i in range(len(words)):
                roles.setdefault(words[i:], set()).add(name)
        self._whole = _Index(titled, names, surnames, roles)
        return self._whole

    @property
    def titled(self) -> List[Tuple[str, str]]:
        """(lower-case title, full name) of each titled name, in order."""
        return self._index().titled

    @property
    def names(self) -> List[str]:
        """The full names in order of appearance."""
        return self._index().names

    def _first_full_name(self, surname: str) -> Optional[str]:
        """The first name of the runs whose last word is ``surname`` (``surnames.get(surname)`` of the
        whole index), reading only the runs that hold it: a name's words are pieces of its run's words
        once "’s" is taken out."""
        if surname in self._first:
            return self._first[surname]
        found = None
        for run in self._runs:
            if surname not in run and ("’s" not in run or surname not in run.replace("’s", "")):
                continue
            parsed = _capital_run(run)
            if parsed is None:
                continue
            parts = [p for p in parsed[0].split() if p.lower() not in _SURNAME_SUFFIXES]
            if parts and parts[-1] == surname:
                found = parsed[0]
                break
        self._first[surname] = found
        return found

    def full_name(self, surname: str) -> Optional[str]:
        """The first full name in the document whose last word is ``surname``."""
        if self._whole is not None:
            name = self._whole.surnames.get(surname)
        else:
            name = self._first_full_name(surname)
        return name if name is not None and name != surname else None

    def by_role(self, role_words: List[str]) -> Optional[str]:
        """The one person whose title ends with the role's words ("defense minister", "minister")."""
        lex = _lexicon()
        words = [w.lower() for w in role_words if w.lower() not in _DETERMINERS]
        for drop_modifiers in (False, True):
            wanted = words
            if drop_modifiers:  # "the Russian minister": keep the role nouns, drop the nationality
                wanted = [w for w in words if w not in lex.nationality or w in lex.role]
            if not wanted:
                return None
            hits = self._index().roles.get(tuple(wanted), set())
            if len(hits) == 1:
                return next(iter(hits))
        return None

    def resolve(self, text: str, kind: str) -> Optional[str]:
        """Who ``text`` (a source of kind ``kind``) stands for, where the document allows."""
        if kind in (PERSON, ROLE) and "," in text:  # "Dr. Amina Yusuf, a virologist at the hospital"
            text = text.split(",", 1)[0]
        speaker: Optional[str] = None
        if kind == PRONOUN:
            low = text.lower()
            if low in ("he", "she", "him", "her", "his", "who"):
                return self.last_person
            if low in ("it", "they", "them", "its", "their", "which"):
                return self.last_group
            return None
        if kind == PERSON:
            lex = _lexicon()
            not_name, role = lex.not_name_word, lex.role  # role, nationality and determiner words
            name_words = [w for w in _words(text) if w[:1].isupper() and not (w.lower() in not_name
                                                                        or w.lower().strip(".") in role)]
            if len(name_words) == 1:
                speaker = self.full_name(name_words[0]) or name_words[0]
            elif name_words:
                speaker = " ".join(name_words)
            self.last_person = speaker
            return speaker
        if kind == ROLE:
            speaker = self.by_role(_words(text))
            if speaker is not None:
                self.last_person = speaker
            return speaker
        # institution, place, unnamed group: the source as written, without a leading article
        words = text.split()
        if words and words[0].lower() in ("the", "a", "an"):
            del words[0]
        speaker = " ".join(words)
        self.last_group = speaker
        return speaker
