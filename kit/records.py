"""The small named tuples every detector returns, and their JSON form.

Offsets are Python string indices into the exact analysed text, end exclusive. Each record
knows how to turn itself into the JSON the CLI prints (``to_dict``); the field names are a
contract read by outside tools (``../shared/eval/score.py``), so rename nothing lightly.
"""
from __future__ import annotations

from typing import NamedTuple, Optional, Tuple


class TextSpan(NamedTuple):
    """A stretch of the text: ``text[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


def span_dict(span: Optional[TextSpan]) -> Optional[dict]:
    return None if span is None else span.to_dict()


class Furniture(NamedTuple):
    """Page furniture: parts of the page that are not the article (weather, footer, teaser)."""

    start: int
    end: int
    text: str
    kind: str  # weather | page_date | read_more | teaser | photo_caption | byline | timestamp | footer

    def to_dict(self) -> dict:
        return self._asdict()


class Part(NamedTuple):
    """A part of the article proper: the headline, the standfirst or one body paragraph."""

    start: int
    end: int
    text: str
    kind: str  # headline | standfirst | paragraph

    def to_dict(self) -> dict:
        return self._asdict()


class DateMention(NamedTuple):
    """A date or time found on the page, with the role it plays there."""

    start: int
    end: int
    text: str
    role: str  # page_date | timestamp | event_date | relative_day | year
    value: Optional[str]  # ISO date/datetime where the text alone fixes it, else None
    region: str  # where it sits: furniture kind or part kind

    def to_dict(self) -> dict:
        return self._asdict()


class Attribution(NamedTuple):
    """Who says so: a cue (``said``), its source (``the minister``) and content (what was said)."""

    cue: TextSpan
    source: Optional[TextSpan]
    content: Optional[TextSpan]
    cue_lemma: str  # the reporting verb or phrase in its base form: "say", "according to"
    stance: str  # neutral | distancing | endorsing
    stance_why: str  # one line for students: why this cue has this stance
    source_kind: Optional[str]  # person | role | institution | place_as_actor | unnamed | pronoun | None
    speaker: Optional[str]  # who the source resolves to where the text allows ("Andrey Belousov")
    form: str  # which rule found it, e.g. "X said that", "according to X", "agentless"

    def to_dict(self) -> dict:
        return {
            "cue": self.cue.to_dict(),
            "source": span_dict(self.source),
            "content": span_dict(self.content),
            "cue_lemma": self.cue_lemma,
            "stance": self.stance,
            "stance_why": self.stance_why,
            "source_kind": self.source_kind,
            "speaker": self.speaker,
            "form": self.form,
        }


class Loaded(NamedTuple):
    """Loaded wording: words that carry a judgement or hide an actor."""

    start: int
    end: int
    text: str
    category: str  # naming | euphemism | distancing | presupposition | label | intensifier | motive | weasel
    why: str  # one or two sentences for a student
    ask: str  # what to ask next
    alternatives: Tuple[str, ...]  # neutral wordings, where they exist
    voice: str  # reporter | source
    speaker: Optional[str]  # when voice == "source": whose words these are

    def to_dict(self) -> dict:
        d = self._asdict()
        d["alternatives"] = list(self.alternatives)
        return d


class Figure(NamedTuple):
    """A quantity stated in the text, who claims it, and whether a student could check it."""

    start: int
    end: int
    text: str
    value: Optional[float]  # None when vague ("dozens")
    unit: Optional[str]
    bound: str  # "=" | "~" | ">" | "<"
    what: Optional[str]  # what is counted
    claimant: Optional[str]  # speaker of the attribution holding it; None when the reporter states it
    verdict: str  # unverifiable | checkable
    reasons: Tuple[str, ...]

    def to_dict(self) -> dict:
        d = self._asdict()
        d["reasons"] = list(self.reasons)
        return d


class Claim(NamedTuple):
    """A sentence in the reporter's own voice that states a checkable fact with no source."""

    start: int
    end: int
    text: str
    why: str

    def to_dict(self) -> dict:
        return self._asdict()
