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
from typing import Dict, List, Optional, Tuple

from .cues import source_word_union, source_words

# Kinds the JSON reports (place words are reported as "place_as_actor").
PERSON, ROLE, INSTITUTION, PLACE, UNNAMED, PRONOUN = (
    "person", "role", "institution", "place_as_actor", "unnamed", "pronoun")

_DETERMINERS = frozenset("the a an this that these those its their his her our my your some many several "
                         "another other one two three both all most".split())
# A run of capitalised words: "Defense Minister Andrey Belousov", "US President Joe Biden".
_CAPITAL_RUN = re.compile(r"[A-Z][\w.’'\-]*(?:[ \u00a0][A-Z][\w.’'\-]*)+")
_SURNAME_SUFFIXES = frozenset({"jr.", "sr.", "jr", "sr", "ii", "iii"})


def _words(text: str) -> List[str]:
    return text.replace("’s", "").replace("'s", "").split()


@lru_cache(maxsize=16384)
def source_kind(text: str) -> str:
    """person | role | institution | place_as_actor | unnamed | pronoun, from the source's words.

    A function of the words and the lexicon only, so it is cached: the same sources ("he", "officials",
    "the ministry") come back in every article.
    """
    lex = source_words()
    if " and " in text:  # "Western media reports and the Ukrainian government": the first named source
        text = text.split(" and ", 1)[0]
    words = _words(text)
    low = [w.lower().strip(",.") for w in words]
    if not words:
        return UNNAMED
    if len(words) == 1 and low[0] in lex.get("pronoun", ()):
        return PRONOUN
    joined = " ".join(low)
    content = [w for w in low if w not in _DETERMINERS]
    if not content:
        return PRONOUN if low[-1] in lex.get("pronoun", ()) else UNNAMED
    head = content[-1]
    # a lower-case group noun at the head: "officials", "Western media reports"
    if head in lex.get("unnamed", ()) and not _has_name(words, lex):
        if head in lex.get("role", ()) and words[0].lower() == "the":
            return ROLE  # "the official" (one known role) vs "officials" / "an official"
        return UNNAMED
    if joined in lex.get("place", ()) or (len(content) <= 2 and " ".join(content) in lex.get("place", ())):
        return PLACE
    if any(w in lex.get("institution", ()) for w in content) and not _has_name(words, lex):
        return INSTITUTION
    if any(w in lex.get("role", ()) for w in content):
        return PERSON if _has_name(words, lex) else ROLE
    if all(w[:1].isupper() for w in words if w.lower() not in _DETERMINERS):
        if low[0] == "the" or any(w in lex.get("institution", ()) for w in low):
            return INSTITUTION
        return PERSON
    return UNNAMED


def _has_name(words: List[str], lex) -> bool:
    """True when a capitalised word is neither a title, a nationality nor a place/institution word."""
    for w in words:
        lw = w.lower().strip(",")
        if not w[:1].isupper() or lw in _DETERMINERS:
            continue
        if lw in source_word_union(("role", "nationality", "institution", "place", "unnamed")):
            continue
        return True
    return False


@lru_cache(maxsize=16384)
def _capital_run(run: str) -> Optional[Tuple[str, Optional[str]]]:
    """A run of capitalised words -> (the person's name, their lower-case title if it holds a role
    word, else None), or None when the run is not a person's name. Cached: names recur."""
    lex = source_words()
    title_words = source_word_union(("role", "nationality", "place", "institution"))
    words = [w.rstrip("’'").replace("’s", "") for w in run.replace("\u00a0", " ").split()]
    if len(words[-1]) > 2 and words[-1].endswith(".") and words[-1].lower() not in _SURNAME_SUFFIXES:
        words[-1] = words[-1].rstrip(".")  # the sentence's full stop, not an abbreviation
    k = 0  # leading title words: "Defense Minister", "US President", "Sen."
    while k < len(words) and (words[k].lower() in title_words or words[k].lower().rstrip(".") in title_words):
        k += 1
    name_words = words[k:]
    if len(name_words) < 2 or len(name_words) > 4:
        return None
    if any(w.lower() in title_words or w.lower() in _DETERMINERS for w in name_words):
        return None  # "White House", "Western Media Reports": not a person's name
    name = " ".join(name_words)
    title = " ".join(words[:k])
    if title and any(w.lower() in lex.get("role", ()) or w.lower().rstrip(".") in lex.get("role", ())
                     for w in words[:k]):
        return name, title.lower()
    return name, None


class SpeakerIndex:
    """The people a document names, with their titles, and the running memory for pronouns."""

    def __init__(self, text: str) -> None:
        self.titled: List[Tuple[str, str]] = []  # (lower-case title, full name)
        self.names: List[str] = []  # full names in order of appearance
        for m in _CAPITAL_RUN.finditer(text):
            parsed = _capital_run(m.group(0))
            if parsed is None:
                continue
            name, title = parsed
            if title is not None:
                self.titled.append((title, name))
            self.names.append(name)
        self._surnames: Dict[str, str] = {}  # last word -> the first full name ending with it
        for name in self.names:
            parts = [p for p in name.split() if p.lower() not in _SURNAME_SUFFIXES]
            if parts:
                self._surnames.setdefault(parts[-1], name)
        self._roles: Dict[Tuple[str, ...], set] = {}  # every ending of a title -> the names holding it
        for title, name in self.titled:
            words = tuple(title.split())
            for i in range(len(words)):
                self._roles.setdefault(words[i:], set()).add(name)
        self.last_person: Optional[str] = None
        self.last_group: Optional[str] = None

    def full_name(self, surname: str) -> Optional[str]:
        """The first full name in the document whose last word is ``surname``."""
        name = self._surnames.get(surname)
        return name if name is not None and name != surname else None

    def by_role(self, role_words: List[str]) -> Optional[str]:
        """The one person whose title ends with the role's words ("defense minister", "minister")."""
        lex = source_words()
        words = [w.lower() for w in role_words if w.lower() not in _DETERMINERS]
        for drop_modifiers in (False, True):
            wanted = words
            if drop_modifiers:  # "the Russian minister": keep the role nouns, drop the nationality
                wanted = [w for w in words if w not in lex.get("nationality", ()) or w in lex.get("role", ())]
            if not wanted:
                return None
            hits = self._roles.get(tuple(wanted), set())
            if len(hits) == 1:
                return next(iter(hits))
        return None

    def resolve(self, text: str, kind: str) -> Optional[str]:
        """Who ``text`` (a source of kind ``kind``) stands for, where the document allows."""
        if kind in (PERSON, ROLE) and "," in text:  # "Dr. Amina Yusuf, a virologist at the hospital"
            text = text.split(",", 1)[0]
        words = _words(text)
        lex = source_words()
        speaker: Optional[str] = None
        if kind == PRONOUN:
            low = text.lower()
            if low in ("he", "she", "him", "her", "his", "who"):
                return self.last_person
            if low in ("it", "they", "them", "its", "their", "which"):
                return self.last_group
            return None
        if kind == PERSON:
            name_words = [w for w in words if not (w.lower().strip(".") in lex.get("role", ())
                                                   or w.lower() in lex.get("role", ())
                                                   or w.lower() in lex.get("nationality", ())
                                                   or w.lower() in _DETERMINERS)
                          and w[:1].isupper()]
            if len(name_words) == 1:
                speaker = self.full_name(name_words[0]) or name_words[0]
            elif name_words:
                speaker = " ".join(name_words)
            self.last_person = speaker
            return speaker
        if kind == ROLE:
            speaker = self.by_role(words)
            if speaker is not None:
                self.last_person = speaker
            return speaker
        # institution, place, unnamed group: the source as written, without a leading article
        speaker = " ".join(w for i, w in enumerate(text.split()) if not (i == 0 and w.lower() in ("the", "a", "an")))
        self.last_group = speaker
        return speaker
