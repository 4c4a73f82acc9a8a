"""Who says so: reporting cues, their sources and contents, stance, source kind and speaker.

``find_attributions(doc)`` works on ``spacy.blank("en")`` with sentence starts (see
:mod:`kit.sentences`): a PhraseMatcher finds the cue forms listed in
``kit/data/attribution/``, and a few general English rules look left and right of each cue:

* ``X said (that) …``       source before the cue, content after it
* ``…, X said.``            source before the cue, content before the source
* ``…, said X.``            source after the cue, content before it
* ``according to X``        source after the cue, content is the rest of the sentence
* ``…, noting that …``      a second cue with the source of the cue before it
* ``it was reported``/``is believed``/``the stated goal``   agentless: source None
* headlines ``Name: …`` and ``… – Name``

With a trained pipeline (``doc.has_annotation("DEP")``) the subject and clausal complement
of a cue verb give its source and content where the parse has them; the schema is the same.
"""
from __future__ import annotations

import heapq
import re
from functools import lru_cache
from typing import List, NamedTuple, Optional, Tuple

from spacy.tokens import Doc

from . import store
from .cues import (Cue, source_word_union, agentless_forms, cue_forms, cue_matcher, doc_text, not_cue_words, noun_cues, noun_forms,
                   sentence_bounds,
                   source_words, span_key, verb_forms)
from .records import Attribution, TextSpan
from .speakers import PERSON, PRONOUN, ROLE, SpeakerIndex, source_kind

# Words allowed between a source and its cue: auxiliaries and adverbs ("has said", "had previously claimed").
_BETWEEN = frozenset("has have had 's ’s is are was were be been being will would could can may might should "
                     "must shall did does do also previously repeatedly reportedly later earlier then once again "
                     "already recently never not n't just still even often first last further both all too "
                     "initially subsequently separately privately publicly however long now n’t".split())
# Time words that may also stand between a source and its cue ("Sanders on Tuesday said").
_TIME = frozenset("today yesterday tonight monday tuesday wednesday thursday friday saturday sunday morning afternoon "
                  "evening night week month year this".split())
_BE = frozenset("is are was were be been being 's ’s".split())
_BETWEEN_OR_TIME = _BETWEEN | _TIME
assert _BE <= _BETWEEN
# Punctuation that ends a source phrase.
_BOUNDARY = frozenset(",;:()[]{}“”\"‘’'«»—–―-…") | {"--", "''", "``"}
_CLOSING = frozenset("”\"’'»") | {"''"}
_OPENING = frozenset("“\"‘'«") | {"''", "``"}
# Words that end a source phrase when walking left from a cue.
_STOP_LEFT = frozenset("that which who whom whose what when where while because as if but and or so than since "
                       "although though after before until unless whether how why said says to for of in on at "
                       "by with from about".split())
# Prepositions may sit inside a source ("officials in Washington") but not start it.
# Words that open a noun phrase, and the words that may stand before them inside one phrase.
_NP_OPENERS = frozenset("many most some few several the these those".split())
_BEFORE_OPENER = frozenset("all both half quite such and or a an around through across among amongst against "
                           "between behind beyond throughout toward towards within without like including "
                           "during after before above below along upon per via".split())
_PREPS = frozenset("to for of in on at by with from about into over under near inside outside".split())
_DETS = frozenset("the a an his her its their our my your this that these those one another some many".split())
_SUBJECT_PRONOUNS = frozenset("he she they it we i you there".split())
_WH = frozenset("how why what whether if when where who which".split())
_COMPLEMENT_OPEN = frozenset({"that", ":", "“", '"', "‘", "'"})
_TO_VERBS = frozenset({"intent", "belief"})  # "plans to", "is expected to", "urged them to"
_MAX_SOURCE = 10
# Auxiliaries that show a clause has begun ("thinks the bank will …").
_CLAUSE_AUX = frozenset("will would could can may might must should is are was were has have had".split())
_NEAR = 7  # how far after the cue a complement marker may start

Form = str
# The names of the forms (the ``form`` field): which rule found the attribution.
SAID_THAT: Form = "X said (that) …"
END_FORM: Form = "…, X said."
SAID_X: Form = "…, said X."
ACCORDING: Form = "according to X"
STATEMENT: Form = "in a statement"
SECOND: Form = "…, noting that … (same source)"
FRONTED: Form = "Asked about …, X said"
AS_FORM: Form = "as X put it, …"
POSSESSIVE: Form = "X’s claim that …"
PASSIVE_BY: Form = "passive: … by X"
AGENTLESS_PASSIVE: Form = "agentless: it was reported"
AGENTLESS_ADJ: Form = "agentless: the stated goal"
AGENTLESS_ADV: Form = "agentless: reportedly"
HEAD_COLON: Form = "headline: Name: …"
HEAD_DASH: Form = "headline: … – Name"
NESTED = " (nested)"


def find_attributions(doc: Doc) -> List[Attribution]:
    """All attributions in ``doc``, in text order (see the module docstring for the forms)."""
    text = doc_text(doc)
    if not text.strip():
        return []
    found: List[Tuple[int, Attribution]] = []
    lex = cue_forms()
    agentless = agentless_forms()
    matches = cue_matcher(doc.vocab)(doc)
    label_agentless = doc.vocab.strings["AGENTLESS"]
    label_noun = doc.vocab.strings["NOUN"]
    label_cue = doc.vocab.strings["CUE"]
    nouns = noun_cues()
    # keep the longest match at each start (a verb reading before a noun reading), drop matches inside a longer one
    best = {}
    for match_id, start, end in matches:
        if start not in best or end > best[start][1] or (end == best[start][1] and best[start][0] == label_noun):
            best[start] = (match_id, end)
    covered_until = -1
    parsed = doc.has_annotation("DEP")
    quoted = _quoted_regions(text)
    quoted_ends = [e for _, e in quoted]
    sent_starts, sent_ends = sentence_bounds(doc, parsed)  # once: Token.sent walks the whole doc on every call
    sources: List[Tuple[int, int]] = []
    prev_in_sentence: Optional[Tuple[int, Attribution]] = None
    last_end = -1  # token after the last cue found
    prev_speech_end = -1  # token after the last speech cue ("said"), for "X said she thinks …"
    c = tt = _Doc(doc, text)  # the token table and the text, handed to every rule
    idx = tt.idx
    # The cues come in text order, so the quotation and the sentence holding each one are found by
    # moving forward through the (sorted) regions and sentences, not by a search per cue.
    q = 0  # the first quotation that does not end at or before the cue (as _inside finds it)
    n_quoted = len(quoted)
    k = -1  # the sentence holding the cue
    sent = None
    for start in sorted(best):
        match_id, end = best[start]
        if start < covered_until:
            continue
        covered_until = end
        char = idx[start]
        while q < n_quoted and quoted_ends[q] <= char:
            q += 1
        if q < n_quoted and quoted[q][0] < char:
            continue  # a verb inside a quotation is the speaker's wording, not the reporter's attribution
        if sources and sources[-1][0] <= char < sources[-1][1]:
            continue  # "according to Western media reports": part of the previous cue's source
        if end - start == 1:
            key = tt.lower[start]
        else:
            key = span_key(text[char:idx[end - 1] + len(tt.text[end - 1])])
        if sent is None or start >= sent.end:
            while sent_ends[k + 1] <= start:
                k += 1
            k += 1
            sent = Sentence(sent_starts[k], sent_ends[k])
        if match_id == label_agentless:
            rec = _agentless_adjective(c, sent, start, end, agentless[key])
        elif match_id == label_noun:
            rec = _possessed_noun(c, sent, start, end, nouns[key])
        elif lex[key].lemma == STATEMENT and any(sent.start <= st < sent.end and st != start and m == label_cue
                                                 for st, (m, _) in best.items()):
            continue  # "X said in a statement": the verb is the cue; the statement is where it was said
        elif start == last_end and tt.lower[start].endswith("ing") and prev_in_sentence is not None and \
                prev_in_sentence[0] == sent.start:
            continue  # "issued a statement calling …": the participle goes on the cue before it
        else:
            rec = _verb_cue(c, sent, start, end, lex[key], prev_in_sentence, parsed)
            if rec is None and key in agentless:
                rec = _agentless_adjective(c, sent, start, end, agentless[key])
            if rec is None and key in nouns:
                rec = _possessed_noun(c, sent, start, end, nouns[key])
        if rec is not None and prev_speech_end > sent.start and rec.form == SAID_THAT and \
                _subject_of_report(tt, prev_speech_end, start, rec):
            rec = None  # "Clinton said she thinks …": the view is part of what was said
        if rec is not None and parsed:
            rec = _refine_with_parse(c, sent, rec, start)
        if rec is not None:
            if rec.form in (SAID_THAT, END_FORM, SAID_X, SECOND) and lex[key].kind == "speech":
                prev_speech_end = end
            found.append((start, rec))
            last_end = end
            if rec.source is not None and rec.source.start > rec.cue.start:
                sources.append((rec.source.start, rec.source.end))
            prev_in_sentence = (sent.start, rec)
    found.extend(_headline_cues(c, text))
    found.sort(key=lambda pair: pair[1].cue.start)
    return _with_speakers(text, _mark_nested([rec for _, rec in found]))


_REPORT_OPENERS = frozenset({"that", ","}) | _TIME | {"on", "last"}


@lru_cache(maxsize=None)
def _not_cue_endings() -> Tuple[str, ...]:
    """The phrases before a cue that make it a fixed expression, as a tuple for ``str.endswith``."""
    return tuple(not_cue_words()[1])


def _subject_of_report(tt, after: int, start: int, rec: Attribution) -> bool:
    """Is the cue at ``start`` the verb of the clause reported by the speech cue ending at ``after``?

    "Clinton said she thinks America is strongest …", "Merrill says Machado promised …": the source
    of the second cue opens the clause the first reports (after an optional "that" or time phrase),
    so the view or the promise is part of what was said: the sentence has one attribution.
    """
    k = after
    while k < start and (tt.lower[k] in _REPORT_OPENERS or tt.text[k].isspace()):
        k += 1
    if k >= start or tt.idx[k] != rec.source.start:
        return False
    return True


def _mark_nested(found: List[Attribution]) -> List[Attribution]:
    """A cue inside another attribution's content ("… outside of what Kiev claims …") is nested: keep both.

    One sweep over the contents sorted by start (no comparison of every pair).
    """
    spans = sorted((a.content.start, a.content.end, a.cue.start) for a in found
                   if a.content is not None and a.source is not None)
    active: List[Tuple[int, int]] = []  # heap of (end, cue start) of contents begun before the cue
    k = 0
    nested = set()
    for cue in sorted(a.cue.start for a in found):
        while k < len(spans) and spans[k][0] <= cue:
            heapq.heappush(active, (spans[k][1], spans[k][2]))
            k += 1
        while active and active[0][0] <= cue:
            heapq.heappop(active)
        if len(active) > 4:
            nested.add(cue)
        else:
            for _, c in active:
                if c != cue:
                    nested.add(cue)
                    break
    if not nested:
        return found
    return [a._replace(form=a.form + NESTED) if a.cue.start in nested else a for a in found]


# --- the rules ------------------------------------------------------------------------------


def _verb_cue(c: "_Doc", sent: Sentence, start: int, end: int, cue: Cue, prev, parsed: bool) -> Optional[Attribution]:
    """A reporting verb or phrase: decide its form, source and content, or None if it is not a cue here."""
    if cue.frame == "according":
        return _according_to(c, sent, start, end, cue)
    s0, s1 = sent.start, sent.end
    tt = c
    low, txt = tt.lower, tt.text
    if (end < s1 and low[end] in not_cue_words()[0]) or \
            (start - 1 >= s0 and low[start - 1] in ("to", "be", "without") and
             " ".join(low[max(s0, start - 3):start]).endswith(_not_cue_endings())):
        return None  # "she said goodbye", "needless to say", "it goes without saying"
    # words between source and cue: auxiliaries, adverbs, time words, spaces inside a line
    # (a lower-case adverb in -ly: Token.is_lower is str.islower(); a whitespace token inside a line:
    # NBSP or a double space, not a boundary)
    j = start - 1
    be = False  # a form of "be" among them: a passive ("was told", "is believed")
    while j >= s0:
        lw = low[j]
        if lw in _BETWEEN_OR_TIME:
            if lw in _BE:
                be = True
        else:
            w = txt[j]
            if not ((w.islower() and len(w) > 4 and w.endswith("ly")) or (w.isspace() and "\n" not in w) or
                    (lw in ("on", "last") and j + 1 < start and low[j + 1] in _TIME)):
                break
        j -= 1
    if _noun_use(c, s0, start, end, j):
        return None
    passive = be and low[start].endswith(("ed", "en", "told", "said", "thought", "known", "found", "held", "seen"))
    if passive:
        return _passive(c, sent, start, end, cue, j)
    src_start = _left_source_start(c, s0, j)
    src = (src_start, j + 1) if src_start <= j else None
    participle = low[start].endswith("ing")
    second = participle and prev is not None and prev[0] == s0 and j >= s0 and (txt[j] == "," or
                                                                             txt[j] in _CLOSING)
    if src is None and j >= s0 and not second:
        src = _skip_back(c, s0, j)  # "Phil Smith, a spokesman for the union, said" / "an architect who said"
        if src is not None:
            src_start = src[0]
    # the word before the source (or the cue), read from the token table: no Token objects here
    before = txt[src_start - 1] if src_start - 1 >= s0 else None
    before_low = low[src_start - 1] if before is not None else None
    # "…, said X." / "“…,” said the minister."
    if src is None and not participle and before is not None and (before == "," or before in _CLOSING) \
            and end < s1 and _starts_name_at(tt, end) and low[end] not in ("that", "it") and \
            cue.lemma not in _NAMING:  # "The program, called EB-5, …" names; it does not report
        r_end = _right_np_end(c, end, s1)
        if r_end > end and (r_end >= s1 or tt.is_punct[r_end] or txt[r_end].isspace()):
            content = _content_before(c, s0, start)
            return _make(c, start, end, (end, r_end), content, cue, SAID_X)
    # "he said, noting that …" / "… and added that …": the source of the cue before it
    if src is None or (participle and before == ","):
        if prev is not None and prev[0] == s0 and prev[1].source is not None and before is not None and \
                (before == "," or before in _CLOSING or before_low in ("and", "but", "while")):
            p = prev[1]
            # an object is enough right after the comma ("…, citing a lack of funds"), not after a noun
            # ("…, despite official data showing a rise": the data show it, not the speaker)
            if not _has_complement(c, end, s1, cue) and \
                    not (cue.frame == "always" or (cue.frame == "object" and src is None)) and \
                    not _at_clause_end(c, end, s1, cue):
                return None
            return Attribution(_tspan(c, start, end), p.source, _content_after(c, end, s1, cue), cue.lemma,
                               cue.stance, cue.why, None, None, SECOND)
        if src is None or (participle and before == ","):
            if src is None and not participle and cue.kind == "speech" and end < s1 and txt[end][:1].isupper() \
                    and low[start] not in noun_forms() and _opens_sentence(tt, s0, start):
                r_end = _right_np_end(c, end, s1)  # "Said Ellis: “…”": the verb first, then the speaker
                if end < r_end < s1 and txt[r_end] in (":", ","):
                    return _make(c, start, end, (end, r_end), _trim(c, r_end + 1, s1), cue, SAID_X)
            if src is None and _opens_sentence(tt, s0, start) and low[start].endswith(("ing", "ed")) and \
                    cue.lemma not in _SETTING_VERBS and not _title_case_line(c, tt.idx[start]):
                return _fronted_participle(c, s1, start, end, cue)  # "Asked about the vote, Ruiz said …"
            init = _initial_np(c, s0, start)  # "Rival Hillary Clinton had mocked the complaint, saying …"
            if init is None or (cue.frame == "clause" and not _has_complement(c, end, s1, cue)):
                return None
            form = SECOND if participle or before_low in ("and", "but") else SAID_THAT
            return _make(c, start, end, init, _content_after(c, end, s1, cue), cue, form)
    if cue.frame != "always" and not _actor_like_at(c, tt, src[0], src[1]):
        return None
    if (low[src[1] - 1] == "i" and not _plain_paragraph(c, start)) or low[src[1] - 1] == "you" or \
            (low[src[1] - 1] == "we" and cue.frame != "always" and not _plain_paragraph(c, start)):
        return None  # a speaker's own "I think", "you know": part of a quotation, not the reporter's attribution
    if src[0] > s0 and txt[src[0] - 1] in _BOUNDARY and _at_clause_end(c, end, s1, cue):
        # "…, X said." — the content is what comes before
        content = _content_before(c, s0, src[0])
        if content is not None:
            return _make(c, start, end, src, content, cue, END_FORM)
    if src[0] - 1 >= s0 and low[src[0] - 1] == "as" and _at_clause_end(c, end, s1, cue):
        rec = _as_clause(c, s0, s1, src, start, end, cue)  # "As X put it, …", "…, as X noted."
        if rec is not None:
            return rec
    if cue.frame == "clause" and not _has_complement(c, end, s1, cue):
        return None
    if cue.frame == "that" and _first_lower(c, end, s1) != "that":
        return None
    if cue.frame == "object" and not (_has_complement(c, end, s1, cue) or _person_like_at(c, src[0], src[1])):
        return None
    return _make(c, start, end, src, _content_after(c, end, s1, cue), cue, SAID_THAT)


_NAMING = frozenset({"call", "dub", "label", "brand", "name", "term"})
# "Speaking to students, …", "Writing for the paper, …": the occasion of a report, not the report.
_SETTING_VERBS = frozenset({"speak", "write", "address", "talk about", "speak of", "speak out"})


def _plain_paragraph(c: "_Doc", start: int) -> bool:
    """Is the paragraph holding token ``start`` free of quotation marks? There an "I" is the writer
    (an opinion piece: "I think the plan will fail"), not a quoted speaker."""
    text = c.string
    char = c.idx[start]
    a = text.rfind("\n", 0, char) + 1
    b = text.find("\n", char)
    para = text[a:b if b >= 0 else len(text)]
    return not any(q in para for q in ('"', "“", "”", "''", "``"))


def _opens_sentence(tt, s0: int, start: int) -> bool:
    """Only spaces and opening quotes stand before token ``start`` in its sentence."""
    return all(tt.text[k].isspace() or tt.text[k] in _OPENING for k in range(s0, start))


def _fronted_participle(c: "_Doc", s1: int, start: int, end: int, cue: Cue) -> Optional[Attribution]:
    """FRONTED: "Asked about the vote, Ruiz said …", "Citing the report, the minister …": the subject of
    the clause after the comma is the one who was asked or who cites; the words before the comma say what."""
    tt = c
    k = end
    while k < s1 and k - end < 30 and tt.text[k] != ",":
        if tt.text[k] in _OPENING or tt.text[k] in (";", ":") or tt.text[k].isspace() and "\n" in tt.text[k]:
            return None
        k += 1
    if k >= s1 or tt.text[k] != "," or k == end:
        return None
    comma = k
    k += 1
    while k < s1 and tt.text[k].isspace():
        k += 1
    src = (k, k + 1) if k < s1 and tt.lower[k] in _SUBJECT_PRONOUNS and tt.lower[k] not in ("it", "there") \
        else _initial_np(c, k, s1)
    if src is None or src[1] >= s1 or tt.is_punct[src[1]]:
        return None
    return _make(c, start, end, src, _trim(c, end, comma), cue, FRONTED)


_LINKERS = frozenset("and but yet so still however indeed instead or".split())


def _as_clause(c: "_Doc", s0: int, s1: int, src, start: int, end: int, cue: Cue) -> Optional[Attribution]:
    """AS_FORM: "As Ms. Ruiz put it, the bridge is …" (the words after the clause are hers) or
    "…, as Ms. Ruiz noted." (the words before it)."""
    tt = c
    a = src[0] - 1  # "as"
    if all(tt.text[k].isspace() or tt.text[k] in _OPENING or tt.text[k] == "," or tt.lower[k] in _LINKERS
           for k in range(s0, a)):  # "As X put it, …", "Yet, as X observed, …"
        k = end
        while k < s1 and tt.text[k] != ",":
            k += 1
        content = _trim(c, k + 1, s1) if k < s1 else None
    elif tt.text[a - 1] in (",", "—", "–", "(") or tt.text[a - 1] in _CLOSING:
        content = _content_before(c, s0, a)
    else:
        return None  # "as well as", "as soon as X said": not a parenthetical
    if content is None:
        return None
    return _make(c, start, end, src, content, cue, AS_FORM)


def _according_to(c: "_Doc", sent: Sentence, start: int, end: int, cue: Cue) -> Optional[Attribution]:
    """ACCORDING / STATEMENT: the source follows; the content is the rest of the sentence."""
    s0, s1 = sent.start, sent.end
    if cue.lemma == STATEMENT:
        return None if start == s0 else _make(c, start, end, None, _content_before(c, s0, start), cue,
                                              STATEMENT, keep_none=True)
    r_end = _right_np_end(c, end, s1, allow_and=True)
    if r_end <= end:
        return None
    src = (end, r_end)
    tt = c
    k = start - 1
    while k >= s0 and (tt.is_punct[k] or tt.text[k].isspace()):
        k -= 1
    if k < s0 or tt.lower[k] in ("but", "and", "yet", "so"):  # "According to X, …"
        c0 = r_end
        while c0 < s1 and (tt.is_punct[c0] or tt.text[c0].isspace()):
            c0 += 1
        content = _trim(c, c0, s1)
    else:
        content = _content_before(c, s0, start)
    return _make(c, start, end, src, content, cue, ACCORDING)


def _passive(c: "_Doc", sent: Sentence, start: int, end: int, cue: Cue, subject_end: int) -> Optional[Attribution]:
    """"it was reported that …", "is believed to …", "were told by X": agentless unless "by X" follows.

    ``subject_end`` is the last token before the auxiliaries ("The plan| has been criticized").
    """
    s0, s1 = sent.start, sent.end
    tt = c
    if end < s1 and tt.lower[end] == "by":
        r_end = _right_np_end(c, end + 1, s1)
        if r_end > end + 1:
            return _make(c, start, end, (end + 1, r_end), _content_after(c, r_end, s1, cue), cue, PASSIVE_BY)
    if _has_complement(c, end, s1, cue) or cue.frame == "always":
        content = _content_after(c, end, s1, cue)
    elif cue.frame == "object" and cue.kind != "evidence" and \
            (cue.lemma not in _LITERAL_TOO or end >= s1 or tt.lower[end] in ("as", "for") or
             tt.text[end] in _OPENING):
        # "The plan has been criticized for its cost": what was criticized is the subject (but "the gun
        # was found in the car" reports no one's words, nor "the bridge was painted in May")
        content = _trim(c, _left_source_start(c, s0, subject_end), subject_end + 1) \
            if subject_end >= s0 else None
    else:
        return None
    return _make(c, start, end, None, content, cue, AGENTLESS_PASSIVE, keep_none=True)


# Verbs of the lexicon with an everyday literal sense: their passive reports words only with "as",
# "for" or a quotation ("was painted as a radical", "was slammed for …").
_LITERAL_TOO = frozenset("paint link brand grill press attack blast slam hail detail outline post publish "
                         "echo address".split())


def _agentless_adjective(c: "_Doc", sent: Sentence, start: int, end: int, cue: Cue) -> Optional[Attribution]:
    """"the stated goal of …", "the alleged attack", "reportedly fired": a claim with no speaker."""
    s0, s1 = sent.start, sent.end
    low, txt = c.lower, c.text
    if low[start].endswith("ly"):  # "Russia reportedly fired …": the whole clause is someone's report
        return _make(c, start, end, None, _trim(c, s0, s1), cue, AGENTLESS_ADV, keep_none=True)
    # (Token.is_alpha / is_lower are str.isalpha() / str.islower())
    if start <= s0 or end >= s1 or not txt[end].isalpha() or not txt[end].islower() or low[end] in ("to", "that"):
        return None  # "it's supposed to …" is not a hidden attribution
    if not (low[start - 1] in _DETS or low[start - 1] in ("’s", "'s") or cue.lemma == "so-called"):
        return None
    c_end = end
    while c_end < s1 and not (txt[c_end] in _BOUNDARY or c.doc[c_end].is_sent_end or txt[c_end] == "."):
        c_end += 1
    return _make(c, start, end, None, _trim(c, end, c_end), cue, AGENTLESS_ADJ, keep_none=True)


_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "it"}


def _possessed_noun(c: "_Doc", sent: Sentence, start: int, end: int, cue: Cue) -> Optional[Attribution]:
    """"Trump’s claim that …", "her warning": a reporting noun after a possessive; the possessor speaks."""
    s0, s1 = sent.start, sent.end
    low = c.lower
    if start - 1 < s0 or end >= s1 or not (low[end] == "that" or c.text[end] in _OPENING):
        return None  # only with the reported words right after it: "Trump’s claim that …", "her warning: “…”"
    prev = low[start - 1]
    if prev in _POSSESSIVE_PRONOUNS:
        src = (start - 1, start)
    elif prev in ("’s", "'s") and start - 2 >= s0:
        st = _left_source_start(c, s0, start - 2)
        if st > start - 2 or not _actor_like_at(c, c, st, start - 1):
            return None
        src = (st, start - 1)
    else:
        return None
    return _make(c, start, end, src, _content_after(c, end, s1, cue), cue, POSSESSIVE)


_HEAD_COLON = re.compile(r"(?m)^[\"“]?((?:[A-Z][\w.’'\-]*)(?:[ \u00a0][A-Z][\w.’'\-]*){0,3})(:)[ \u00a0]+(\S[^\n]*)")
# The dash group is written as a character set (then an optional "-") so the regex engine can skip
# ahead to the next dash; _tail_dashes keeps only "–", "—", "―" and "--", as the rule wants.
_TAIL_DASH = re.compile(r"(?m)([–—―-]-?)[ \u00a0]*((?:[A-Z][\w.’'\-]*)(?:[ \u00a0][A-Z][\w.’'\-]*){0,3})\.?[ \u00a0]*$")
_NOT_SPEAKERS = frozenset("read update updated breaking watch photo video exclusive opinion analysis editor note "
                          "file live listen see also related more warning note source sources q a correction clarification "
                          "editor disclaimer".split())


_TITLE_FUNCTION_WORDS = frozenset("the a an of over to in on for and with at by from as is are was it this".split())


def _head_colons(text: str):
    """The matches of ``_HEAD_COLON``, in text order, tried only at the start of lines with a colon.

    A match starts at a line start and stays inside its line, so this is what ``finditer`` finds.
    """
    match = _HEAD_COLON.match
    last = -1
    colon = text.find(":")
    while colon >= 0:
        line = text.rfind("\n", 0, colon) + 1
        if line != last:
            last = line
            m = match(text, line)
            if m is not None:
                yield m
        colon = text.find(":", colon + 1)


def _tail_dashes(text: str):
    """The matches of ``_TAIL_DASH`` whose dash is "–", "—", "―" or "--", in text order.

    A match on another dash ("-", "—-") is not one; the search goes on from the next character,
    so the result is what ``([–—―]|--)`` would find, found faster. A match starts at a dash, so the
    pattern is tried only at the dashes ``str.find`` locates (a regex scan with a character set
    costs several times a plain ``find``): the matches ``search`` would find, in the same order.
    """
    pos = 0
    match = _TAIL_DASH.match
    for at in _positions(text, ("-", "–", "—", "―")):
        if at < pos:
            continue
        m = match(text, at)
        if m is None:
            continue
        if m.group(1) in _DASHES:
            yield m
            pos = m.end() if m.end() > m.start() else m.start() + 1
        else:
            pos = m.start() + 1


def _positions(text: str, marks: Tuple[str, ...]) -> List[int]:
    """Every offset where one of ``marks`` begins (overlapping ones too), in text order."""
    out: List[int] = []
    find = text.find
    for mark in marks:
        at = find(mark)
        while at >= 0:
            out.append(at)
            at = find(mark, at + 1)
    if len(marks) > 1:
        out = sorted(set(out))
    return out


_DASHES = frozenset({"–", "—", "―", "--"})


def _headline_cues(c: "_Doc", text: str) -> List[Tuple[int, Attribution]]:
    """Headline and transcript layouts: ``Axelrod: …`` and ``… – Moscow`` (a line ending with a dash and a name)."""
    out: List[Tuple[int, Attribution]] = []
    colon = Cue(":", "neutral", "speech", "always", "A name before a colon hands the words after it to that "
                "person; the headline does not say they are true.")
    dash = Cue("–", "neutral", "speech", "always", "A name after a dash at the end of a headline or quote "
               "hands the words to that source; the headline does not say they are true.")
    for m in _head_colons(text):
        name = m.group(1)
        if any(w.lower().strip(".") in _NOT_SPEAKERS or w.lower() in _TITLE_FUNCTION_WORDS for w in name.split()):
            continue  # "Read more:", "The Latest:", "Stealth Over Health:" are not speakers
        first = cue_forms().get(name.split()[0].lower())
        if first is not None and first.kind == "speech":
            continue  # "Said Ellis: “…”": the verb is the cue (see _verb_cue), not part of a speaker's name
        out.append((m.start(2), Attribution(_cspan(text, m.start(2), m.end(2)), _cspan(text, m.start(1), m.end(1)),
                                            _cspan(text, m.start(3), m.end(3)), colon.lemma, colon.stance,
                                            colon.why, None, None, HEAD_COLON)))
    for m in _tail_dashes(text):
        name = m.group(2)
        if any(w.lower().strip(".") in _NOT_SPEAKERS for w in name.split()):
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        head = text[line_start:m.start()].strip()
        if not head:
            continue
        h0 = text.index(head, line_start)
        out.append((m.start(1), Attribution(_cspan(text, m.start(1), m.end(1)), _cspan(text, m.start(2), m.end(2)),
                                            _cspan(text, h0, h0 + len(head)), dash.lemma, dash.stance,
                                            dash.why, None, None, HEAD_DASH)))
    return out


def _refine_with_parse(c: "_Doc", sent: Sentence, rec: Attribution, start: int) -> Attribution:
    """With a dependency parse: the cue verb's subject is the source, its clausal complement the content.

    The rules decide whether there is an attribution (the same cues on both paths); the parse only
    redraws the source and content spans where it has them.
    """
    head = c.doc[start]
    if head.pos_ not in ("VERB", "AUX"):
        return rec
    subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
    comp = next((c for c in head.children if c.dep_ == "ccomp"), None)
    def inside(tok) -> bool:  # the parse may cross a line break the rules treat as a sentence end
        return sent.start <= tok.left_edge.i and tok.right_edge.i < sent.end

    if subj is not None and subj.lower_ not in ("who", "which", "that") and rec.form in (SAID_THAT, END_FORM) \
            and inside(subj):
        rec = rec._replace(source=_tspan(c, subj.left_edge.i, subj.right_edge.i + 1))
    if comp is not None and rec.form in (SAID_THAT, END_FORM, SAID_X) and inside(comp):
        c0, c1 = comp.left_edge.i, comp.right_edge.i + 1
        while c0 < c1 and c.doc[c0].lower_ == "that" and c.doc[c0].head == comp:
            c0 += 1
        content = _trim(c, c0, c1)
        if content is not None and not (content.start <= rec.cue.start < content.end):
            rec = rec._replace(content=content)
    return rec


# --- helpers ----------------------------------------------------------------------------------



class _Doc:
    """What the rules read of one doc, looked up once and handed to every rule.

    It holds the token table's lists under the same names (``text``, ``lower``, ``idx``,
    ``is_punct``: see :class:`kit.store.TokenTable`), so it stands in for the table, and
    ``string``, the doc's text: the rules call no ``store.tokens``/``doc_text`` per look-up.
    """

    __slots__ = ("doc", "string", "text", "lower", "idx", "is_punct")

    def __init__(self, doc: Doc, string: str) -> None:
        self.doc = doc
        self.string = string
        table = store.tokens(doc)
        self.text, self.lower, self.idx, self.is_punct = table.text, table.lower, table.idx, table.is_punct


class Sentence(NamedTuple):
    """A sentence's token bounds (the rules need no more than a Span's ``start`` and ``end``)."""

    start: int
    end: int


# The pattern _quoted_regions finds (with str.find, not with this regex).
_QUOTATION = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"|''(?:[^'\n]|'(?!'))*''")


def _quoted_regions(text: str) -> List[Tuple[int, int]]:
    """(start, end) of each paired double quotation within a paragraph; unpaired marks are ignored.

    The matches of ``_QUOTATION.finditer``, found with ``str.find`` (faster than the regex engine's
    scan of every character): a quotation opens at a mark and runs to the first closing mark,
    unless a line break comes first (for ``''``, the first ``''`` after the opening pair).
    """
    out: List[Tuple[int, int]] = []
    pos = 0
    find = text.find
    for at in _positions(text, ("“", '"', "''")):
        if at < pos:
            continue
        mark = text[at]
        if mark == "“":
            inner, close, width = at + 1, find("”", at + 1), 1
        elif mark == '"':
            inner, close, width = at + 1, find('"', at + 1), 1
        else:  # "''"
            inner, close, width = at + 2, find("''", at + 2), 2
        if close < 0 or find("\n", inner, close) >= 0:
            continue
        pos = close + width
        out.append((at, pos))
    return out


def _left_source_start(c: "_Doc", s0: int, j: int) -> int:
    """Walk left from token ``j`` over a noun phrase; return its first token (``j + 1`` if none)."""
    k = j
    verbs = verb_forms()
    tt = c
    lows, txt = tt.lower, tt.text
    while k >= s0 and j - k < _MAX_SOURCE:
        low = lows[k]
        word = txt[k]
        if word.isspace() and "\n" not in word:  # a whitespace token inside a line
            k -= 1
            continue
        if word.isspace() or word in _BOUNDARY or (tt.is_punct[k] and low not in (".", "&")):
            break
        if low == "and" and k > s0 and k < j and txt[k - 1][:1].isupper():
            k -= 1  # "Ukraine and its Western backers"
            continue
        if low in _PREPS and k < j and k > s0 and not tt.is_punct[k - 1] \
                and low in ("in", "at", "for", "of", "from", "with") and _nounish_at(c, k - 1):
            k -= 1  # "officials in Washington", "a spokesman for the ministry"
            continue
        if low in _STOP_LEFT or (low in verbs and k < j) or (low in _BETWEEN and k < j and low not in ("all", "both")):
            break
        if low in _NP_OPENERS and k < j and k > s0 and txt[k - 1].isalpha() and txt[k - 1].islower() \
                and lows[k - 1] not in _PREPS and lows[k - 1] not in _BEFORE_OPENER:
            k -= 1  # "…, numbers many analysts say …": a noun before "many" ends an earlier phrase
            break
        k -= 1
    start = k + 1
    while start <= j and lows[start] in _PREPS:
        start += 1
    return start


def _noun_use(c: "_Doc", s0: int, start: int, end: int, j: int) -> bool:
    """The cue word is a noun or part of a name here: "the tweet", "Trump’s claims", "United States"."""
    tt = c
    lows, txt = tt.lower, tt.text
    word = lows[start]
    is_noun = word in noun_forms()  # a cue form that is also a common noun ("tweets", "plans")
    has_prev = start > s0
    nxt = end if end < len(txt) else None  # the token after the cue, if any
    nxt_low = lows[nxt] if nxt is not None else None
    if txt[start][:1].isupper() and has_prev and txt[start - 1][:1].isupper():
        # "United States", "Clean Power Plan" — but a headline's closing "…, Lindsey Graham Says."
        # (a token's trailing whitespace is one space or none: a line break is a token of its own)
        if nxt is None or tt.is_punct[nxt] or "\n" in txt[nxt]:
            # "… by the Cook Political Report." is a name; "…, Lindsey Graham Says." a headline's verb
            return is_noun and not _title_case_line(c, tt.idx[start])
        return not _title_case_line(c, tt.idx[start])  # "Retired General Reveals …": a verb in a headline
    if not has_prev:
        return False
    low = lows[start - 1]
    if low in ("<", "</") or (nxt is not None and txt[nxt][:1] in ("=", "-", "/") and
                              tt.idx[nxt] == tt.idx[end - 1] + len(txt[end - 1])):  # no space between
        return True  # markup left in a scraped page (<tweet tweet-id="…">) or a compound ("report-card")
    if low in ("’s", "'s") and start - 2 >= s0 and lows[start - 2] not in _AUX_SUBJECTS:
        return True  # "the administration’s request" (but "he’s said": an auxiliary)
    if low == "to":  # "to say", "to ask": an infinitive, not a report (but "went on to explain …")
        return not (start - 3 >= s0 and lows[start - 2] == "on" and lows[start - 3] in _GO)
    if is_noun and nxt is not None and (nxt_low in verb_forms() or nxt_low in _BETWEEN) \
            and nxt_low not in ("that", "also"):
        return True  # "Western media reports say …": the noun is the subject of the next verb
    if word in ("reporting", "writing", "editing") and nxt is not None and nxt_low == "by":
        return True  # a credit line: "(Reporting by …; Editing by …)"
    k = start - 1  # the word before, past auxiliaries and adverbs ("he also claims")
    while k > s0:
        w = txt[k]
        if not (lows[k] in _BETWEEN or (w.islower() and len(w) > 4 and w.endswith("ly")) or
                (w.isspace() and "\n" not in w)):  # an -ly adverb, a space inside a line
            break
        k -= 1
    low = lows[k]
    if is_noun and (nxt is None or txt[nxt] in (",", ".", ";", ")") or "\n" in txt[nxt]) and \
            low not in _SUBJECT_PRONOUNS and not _closing_slot(tt, s0, k):
        return True  # "per the McKinley plan,", a title "Plain notes": a noun at the end of its phrase
    if low in _DETS or low in ("whose", "of", "in", "make", "made", "makes") or \
            low in source_words().get("nationality", ()):
        return True  # "the tweet", "Ukrainian attacks"
    if nxt is not None and (nxt_low == "that" or nxt_low in _SUBJECT_PRONOUNS or txt[nxt] in _OPENING):
        return False  # "environmentalists worry that …": a verb with its clause
    if nxt is not None and (nxt_low in ("that", "to") or nxt_low in _SUBJECT_PRONOUNS or txt[nxt] in _OPENING) \
            and not (low in _DETS or low in ("’s", "'s")):
        return False  # "the rebels claim to be …", "environmentalists worry that …": a verb with its clause
    if is_noun and end == start + 1:
        # "angry tweets", "his plans": a word that is also a noun is a verb only after a subject
        # (Token.is_lower / is_alpha are str.islower() / str.isalpha())
        return txt[k].islower() and txt[k].isalpha() and low not in _SUBJECT_PRONOUNS \
            and low not in ("who", "that", "which") \
            and low not in source_word_union(("role", "institution", "unnamed", "place"))
    return False


_GO = frozenset("go goes went going gone".split())
_AUX_SUBJECTS = _SUBJECT_PRONOUNS | {"who", "that", "what"}  # "he’s said", "who’s said": "’s" is "has"
def _closing_slot(tt, s0: int, k: int) -> bool:
    """Does a capitalised name end at token ``k`` right after a comma or a closing quote?
    ("…, The Wall Street Journal reports.": the verb of the parenthetical "…, X said." slot)"""
    if not tt.text[k][:1].isupper():
        return False
    while k > s0 and (tt.text[k][:1].isupper() or tt.lower[k] in ("&", "of")):
        k -= 1
    return tt.text[k] == "," or tt.text[k] in _CLOSING


_TITLE_WORD = re.compile(r"[^\W\d_][\w’'\-]*")


def _title_case_line(c: "_Doc", char: int) -> bool:
    """Is the line holding ``char`` a headline in title case ("Clinton Breaks With Obama On …")?"""
    text = c.string
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    words = _TITLE_WORD.findall(text[start:end if end >= 0 else len(text)])
    if len(words) < 4 or len(words) > 25:
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _skip_back(c: "_Doc", s0: int, j: int):
    """A source separated from its cue: "Name, a spokesman for X, said", "Name (R-Ky.) said", "an aide who said"."""
    low, txt = c.lower, c.text
    if low[j] in ("who", "which", "whom"):
        return (j, j + 1)  # the relative pronoun stands for the person before it ("many of whom say")
    if low[j] == "that" and j > s0 and not c.is_punct[j - 1]:
        k = j - 1
        if k >= s0 and txt[k] == ",":
            k -= 1
        st = _left_source_start(c, s0, k)
        return (st, k + 1) if st <= k and _actor_like_at(c, c, st, k + 1) else None
    if txt[j] == ")":
        k = j
        while k > s0 and txt[k] != "(" and j - k < 12:
            k -= 1
        if txt[k] == "(" and k - 1 >= s0:
            st = _left_source_start(c, s0, k - 1)
            return (st, j + 1) if st <= k - 1 else None
        return None
    if txt[j] == ",":
        k = j - 1  # walk back over the appositive to the comma before it
        while k > s0 and txt[k] not in (",", "“", "”", '"', ";", ":") and j - k < 16:
            k -= 1
        if k <= s0 or txt[k] != "," or j - k < 2:
            return None
        verbs = verb_forms()
        if any(low[t] in verbs for t in range(k + 1, j)):
            return None  # ", he said, noting": a clause between the commas, not an appositive
        st = _left_source_start(c, s0, k - 1)
        if st <= k - 1 and _actor_like_at(c, c, st, k):
            return (st, j)
    return None


def _initial_np(c: "_Doc", s0: int, limit: int):
    """The noun phrase opening the sentence ("Rival Hillary Clinton", "The New York Times"), if any."""
    nouns = source_word_union(("unnamed", "role", "institution"))
    low, txt = c.lower, c.text
    k = s0
    while k < limit and (txt[k].isspace() or txt[k] in _OPENING):  # Token.is_space is str.isspace()
        k += 1
    st = k
    while k < limit and k - st < _MAX_SOURCE:
        lw = low[k]
        if txt[k][:1].isupper() or lw in _DETS or lw in ("’s", "'s", "and") or lw in nouns:
            k += 1
            continue
        break
    while k > st and low[k - 1] in _DETS_OR_AND:
        k -= 1
    if k == st or not _actor_like_at(c, c, st, k):
        return None
    if low[st] in ("in", "on", "at", "after", "before", "during"):
        return None
    return (st, k)


_DETS_OR_AND = _DETS | {"and"}


def _nounish_at(c: "_Doc", k: int) -> bool:
    """Token ``k`` is title-case, upper-case or a group/office noun (Token.is_title / is_upper are
    str.istitle() / str.isupper())."""
    word = c.text[k]
    return word.istitle() or word.isupper() or c.lower[k] in source_word_union(("unnamed", "role", "institution"))


def _actor_like_at(c: "_Doc", tt, a: int, b: int) -> bool:
    """Could tokens ``a:b`` be someone who speaks or holds a view? (a name, a pronoun, a group or office noun)"""
    actors = source_word_union(("pronoun", "unnamed", "role", "institution", "place"))
    lows, txt = tt.lower, tt.text
    for k in range(a, b):
        low = lows[k]
        if txt[k][:1].isupper() and low not in _DETS and not c.doc[k].is_sent_start:
            return True
        if low in actors:
            return True
    return txt[a][:1].isupper() and lows[a] not in _DETS and b - a <= 4


def _starts_name_at(tt, i: int) -> bool:
    """Could token ``i`` start a name or a subject (a capital, a determiner, a subject pronoun)?"""
    low = tt.lower[i]
    return tt.text[i][:1].isupper() or low in _DETS or low in _SUBJECT_PRONOUNS


def _person_like_at(c: "_Doc", a: int, b: int) -> bool:
    """A named person, a role or a pronoun (not just any capitalised word): "Belousov", "the minister", "he"
    (tokens ``a:b``)."""
    lex = source_words()
    low = c.lower[b - 1]
    if low in ("he", "she", "they", "we", "i"):
        return True
    if low in lex.get("role", ()) or low in lex.get("unnamed", ()) or low in lex.get("institution", ()):
        return True
    if c.text[b - 1][:1].isupper() and low not in lex.get("place", ()) and b - a <= 5:
        return True
    first = c.lower[a]  # "Clinton, at Monday’s debate," — an appositive after the name
    return c.text[a][:1].isupper() and first not in _DETS and first not in lex.get("place", ())


def _right_np_end(c: "_Doc", i: int, s1: int, allow_and: bool = False) -> int:
    """End of the noun phrase starting at token ``i`` ("the minister", "Jeffrey N. Trimble")."""
    tt = c
    lows, txt = tt.lower, tt.text
    k = i
    while k < s1 and k - i < _MAX_SOURCE:
        word = txt[k]
        low = lows[k]
        if word.isspace() or word in _BOUNDARY or (tt.is_punct[k] and not (word.endswith(".") and len(word) > 1)):
            break
        if word == "." or (tt.is_punct[k] and c.doc[k].is_sent_end):
            break
        if low in ("that", "who", "which", "when", "while", "because", "as", "but", "on", "in", "at", "after",
                   "last", "this", "during", "to") and k > i:
            if low in ("in", "at", "of") and k + 1 < s1 and txt[k + 1][:1].isupper() and low != "on":
                k += 1
                continue
            break
        if low in ("and", "or") and not allow_and:
            break
        k += 1
    while k > i and lows[k - 1] in _DETS_AND:
        k -= 1
    return k


_DETS_AND = _DETS | {"and", "or", "of"}  # words a noun phrase does not end with


def _first_lower(c: "_Doc", i: int, s1: int) -> str:
    return c.lower[i] if i < s1 else ""


_ADJUNCT_START = frozenset("on in at during after before last this earlier later via through "
                           "from to while when with according".split()) | _TIME
_TELL_LIKE = frozenset("tell ask warn remind assure inform urge".split())
_OBJECT_PRONOUNS = frozenset("him her them me us you".split())


def _at_clause_end(c: "_Doc", end: int, s1: int, cue: Optional[Cue] = None) -> bool:
    """Nothing but a short adjunct follows the cue before the clause ends ("…, he said on Friday.")."""
    if end >= s1:
        return True
    tt = c
    lows, txt = tt.lower, tt.text
    first = txt[end]
    if first in (".", "!", "?", ";", ",", "…", ")") or first in _CLOSING or first.isspace() or \
            first in "—–―":
        return True
    tell_like = cue is not None and cue.lemma in _TELL_LIKE
    if not (lows[end] in _ADJUNCT_START or tell_like):
        return False
    k = end
    verbs = verb_forms()
    while k < s1 and k - end <= 7:
        word = txt[k]
        if word in (".", "!", "?", ";", ",", "…") or word in _CLOSING or word.isspace() or word in "—–―":
            return True
        if lows[k] in ("that", ":") or word in _OPENING or lows[k] in verbs:
            return False
        k += 1
    return k >= s1


def _has_complement(c: "_Doc", end: int, s1: int, cue: Cue) -> bool:
    """A reported clause follows: that / a quote / a colon / a wh-word / to (for views and intentions)."""
    if end >= s1:
        return False
    tt = c
    lows, txt = tt.lower, tt.text
    first = lows[end]
    if first in _SUBJECT_PRONOUNS and first != "it" or first in _WH:
        return True
    if cue.kind == "speech" and (first == "about" or (first in _OBJECT_PRONOUNS and end + 1 < s1 and
                                                      lows[end + 1] == "about")):
        return True  # "spoke about the plan", "asked him about the vote": the topic of what was said
    k = end
    while k < s1 and k - end < _NEAR:
        word = txt[k]
        low = lows[k]
        if low in _COMPLEMENT_OPEN or (low == "to" and (cue.kind in _TO_VERBS or cue.lemma in _TELL_LIKE)) or \
                (low in _WH and k > end):
            return True
        if word in (".", ";", "!", "?") or word.isspace():
            return False
        if word == "," and not (k + 1 < s1 and txt[k + 1] in _OPENING):
            return False
        if k > end and low in _CLAUSE_AUX and word.islower() and cue.kind in ("belief", "speech", "evidence"):
            return True  # "believes the economy will recover": a clause without "that"
        k += 1
    return False


def _content_after(c: "_Doc", end: int, s1: int, cue: Cue) -> Optional[TextSpan]:
    """What follows the cue to the end of the sentence, after "that" or a colon if one comes soon."""
    tt = c
    lows, txt = tt.lower, tt.text
    if cue.lemma in _TELL_LIKE and end < s1 and (lows[end] in _OBJECT_PRONOUNS or
                                                 (txt[end].islower() and lows[end] not in _DETS_OR_THAT)):
        end += 1  # "told reporters the vote was close": the addressee is not what was said
    s1 = _before_concession(c, end, s1)
    k = end
    while k < s1 and k - end < _NEAR:
        low = lows[k]
        if low in ("that", ":") or txt[k] in _OPENING:
            start = k + 1 if low in ("that", ":") else k
            return _trim(c, start, s1)
        if txt[k] in (".", ";") or low in _WH:
            break
        k += 1
    return _trim(c, end, s1)


_DETS_OR_THAT = _DETS | {"that"}
_CONCESSIONS = frozenset("despite although though notwithstanding".split())


def _before_concession(c: "_Doc", start: int, s1: int) -> int:
    """Where a reported clause ends before the writer's ", despite …" (outside any quotation)."""
    tt = c
    lows, txt = tt.lower, tt.text
    if _CONCESSIONS.isdisjoint(lows[start + 2:s1]):
        return s1  # no concession word can follow a comma here: the usual case, checked in one go
    for k in range(start + 1, s1 - 1):
        word = txt[k]
        if word == "," and lows[k + 1] in _CONCESSIONS:
            return k
        if word in _OPENING:
            return s1  # a quotation runs on: its words are the source's
    return s1


def _content_before(c: "_Doc", s0: int, stop: int) -> Optional[TextSpan]:
    """The words before the source/cue, back to the sentence start or the opening quote of the quotation."""
    span = _trim(c, s0, stop)
    if span is None:
        return None
    text = c.string
    if span.text[-1:] in _CLOSING and span.text[:1] not in _OPENING:
        # a quotation that began in an earlier sentence of the same paragraph
        para_start = text.rfind("\n", 0, span.start) + 1
        opening = max(text.rfind(q, para_start, span.start) for q in ("“", '"'))
        if opening >= para_start:
            return TextSpan(opening, span.end, text[opening:span.end])
    return span


_EDGE = frozenset(",;:—–―-") | {"--"}


def _trim(c: "_Doc", start: int, end: int) -> Optional[TextSpan]:
    """Tokens ``start:end`` without edge spaces, commas and the sentence's final stop."""
    txt = c.text
    while start < end and (txt[start].isspace() or txt[start] in _EDGE):
        start += 1
    while end > start and (txt[end - 1].isspace() or txt[end - 1] in _EDGE or txt[end - 1] in (".", "!", "?")):
        end -= 1
    if end <= start:
        return None
    s = c.idx[start]  # _tspan, written out
    e = c.idx[end - 1] + len(txt[end - 1])
    return TextSpan(s, e, c.string[s:e])


def _tspan(c: "_Doc", start: int, end: int) -> TextSpan:
    """Tokens ``start:end`` as a TextSpan, sliced from the text (Span.text joins tokens one by one)."""
    text = c.string
    tt = c
    s = tt.idx[start]
    e = tt.idx[end - 1] + len(tt.text[end - 1])
    return TextSpan(s, e, text[s:e])


def _cspan(text: str, start: int, end: int) -> TextSpan:
    return TextSpan(start, end, text[start:end])


def _make(c: "_Doc", start: int, end: int, src, content, cue: Cue, form: Form, keep_none: bool = False) -> Attribution:
    text, idx, words = c.string, c.idx, c.text  # the spans as _tspan slices them, written out
    s = idx[start]
    e = idx[end - 1] + len(words[end - 1])
    cue_span = TextSpan(s, e, text[s:e])
    source = None
    if src is not None:
        s = idx[src[0]]
        e = idx[src[1] - 1] + len(words[src[1] - 1])
        source = TextSpan(s, e, text[s:e])
    return Attribution(cue_span, source, content, cue.lemma, cue.stance, cue.why, None, None, form)


def _with_speakers(text: str, found: List[Attribution]) -> List[Attribution]:
    """Fill ``source_kind`` and ``speaker`` in text order, so pronouns find the person before them."""
    index = SpeakerIndex(text)
    out = []
    for a in found:
        if a.source is None:
            out.append(a)
            continue
        kind = a.source_kind or source_kind(a.source.text)
        speaker = index.resolve(a.source.text, kind)
        out.append(Attribution(a.cue, a.source, a.content, a.cue_lemma, a.stance, a.stance_why, kind, speaker,
                               a.form))
    return out
