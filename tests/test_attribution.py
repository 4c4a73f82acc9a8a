"""Who says so: attribution rows written for the kit (sentence → cue, source, content, stance, kind, speaker, form)."""
from __future__ import annotations

import pytest

from kit import store
from kit.cues import agentless_forms, cue_forms, noun_cues
from kit.pipeline import get_nlp
from kit.resources import load_jsonl, seed_text

STANCES = {"neutral", "distancing", "endorsing"}
KINDS = {"person", "role", "institution", "place_as_actor", "unnamed", "pronoun", None}


def attributions(text):
    return store.layer(get_nlp()(text), "attributions")


def only(text):
    found = attributions(text)
    assert len(found) == 1, f"expected one attribution in {text!r}, got {[a.cue.text for a in found]}"
    return found[0]


# (sentence, cue, source, content, stance, source_kind, speaker, form)
ROWS = [
    ("The mayor said that the bridge would reopen in May.",
     "said", "The mayor", "the bridge would reopen in May", "neutral", "role", None, "X said (that) …"),
    ("The mayor says the bridge will reopen in May.",
     "says", "The mayor", "the bridge will reopen in May", "neutral", "role", None, "X said (that) …"),
    ("The bridge will reopen in May, the mayor said.",
     "said", "the mayor", "The bridge will reopen in May", "neutral", "role", None, "…, X said."),
    ("“The bridge will reopen in May,” said Mayor Ana Ruiz.",
     "said", "Mayor Ana Ruiz", "“The bridge will reopen in May,”", "neutral", "person", "Ana Ruiz", "…, said X."),
    ("According to the city council, the bridge will reopen in May.",
     "According to", "the city council", "the bridge will reopen in May", "neutral", "institution", "city council",
     "according to X"),
    ("The bridge will reopen in May, according to officials.",
     "according to", "officials", "The bridge will reopen in May", "neutral", "unnamed", "officials", "according to X"),
    ("The company claims that its product is safe.",
     "claims", "The company", "its product is safe", "distancing", "institution", "company", "X said (that) …"),
    ("Critics allege the tender was rigged.",
     "allege", "Critics", "the tender was rigged", "distancing", "unnamed", "Critics", "X said (that) …"),
    ("The minister acknowledged that the figures were wrong.",
     "acknowledged", "The minister", "the figures were wrong", "endorsing", "role", None, "X said (that) …"),
    ("The senator pointed out that the law had never been used.",
     "pointed out", "The senator", "the law had never been used", "endorsing", "role", None, "X said (that) …"),
    ("Officials in Brussels warned that the deal could collapse.",
     "warned", "Officials in Brussels", "the deal could collapse", "neutral", "unnamed", "Officials in Brussels",
     "X said (that) …"),
    ("Kyiv says the attack was repelled.",
     "says", "Kyiv", "the attack was repelled", "neutral", "place_as_actor", "Kyiv", "X said (that) …"),
    ("Ms. Ruiz told reporters the vote was close.",
     "told", "Ms. Ruiz", "the vote was close", "neutral", "person", "Ruiz", "X said (that) …"),
    ("He believes the economy will recover.",
     "believes", "He", "the economy will recover", "neutral", "pronoun", None, "X said (that) …"),
    ("Analysts think the central bank will raise rates.",
     "think", "Analysts", "the central bank will raise rates", "neutral", "unnamed", "Analysts", "X said (that) …"),
    ("The agency tweeted that the road was closed.",
     "tweeted", "The agency", "the road was closed", "neutral", "institution", "agency", "X said (that) …"),
    ("Dr. Amina Yusuf, a virologist at the hospital, said the wave had peaked.",
     "said", "Dr. Amina Yusuf, a virologist at the hospital", "the wave had peaked", "neutral", "person", "Amina Yusuf",
     "X said (that) …"),
    ("The union insisted the strike would go ahead.",
     "insisted", "The union", "the strike would go ahead", "distancing", "institution", "union", "X said (that) …"),
    ("It was reported that the talks had failed.",
     "reported", None, "the talks had failed", "neutral", None, None, "agentless: it was reported"),
    ("The strike is believed to have cost millions.",
     "believed", None, "to have cost millions", "neutral", None, None, "agentless: it was reported"),
    ("The group’s stated aim is to cut emissions.",
     "stated", None, "aim is to cut emissions", "neutral", None, None, "agentless: the stated goal"),
    ("Ruiz: “We will rebuild the bridge”",
     ":", "Ruiz", "“We will rebuild the bridge”", "neutral", "person", "Ruiz", "headline: Name: …"),
    ("Floods cut off three villages – Kremlin",
     "–", "Kremlin", "Floods cut off three villages", "neutral", "institution", "Kremlin", "headline: … – Name"),
    ("Local farmers said they had lost half the harvest.",
     "said", "Local farmers", "they had lost half the harvest", "neutral", "unnamed", "Local farmers", "X said (that) …"),
]


@pytest.mark.parametrize("text, cue, source, content, stance, kind, speaker, form", ROWS)
def test_attribution_rows(text, cue, source, content, stance, kind, speaker, form):
    a = only(text)
    assert a.cue.text == cue
    assert (a.source.text if a.source else None) == source
    assert (a.content.text if a.content else None) == content
    assert a.stance == stance
    assert a.source_kind == kind
    assert a.speaker == speaker
    assert a.form == form
    for span in (a.cue, a.source, a.content):  # offsets index the exact text
        if span is not None:
            assert text[span.start:span.end] == span.text


@pytest.mark.parametrize("text", [
    "The bridge was built in 2018.",
    "She said goodbye and left the room.",
    "Needless to say, the road stayed closed.",
    "The plan was approved by the council.",
    "His tweets were deleted on Monday.",
    "Western media have covered the floods for weeks.",
    "The United States and Canada share a border.",
    "(Reporting by Ana Ruiz; Editing by Tom Hale)",
    "",
    "   \n\n  ",
])
def test_rows_with_no_attribution(text):
    assert attributions(text) == []


@pytest.mark.parametrize("text, cue, source", [
    ("Retired General Reveals ‘Hard’ Years Of Service Abroad\n\nThe book came out on Monday.", "Reveals",
     "Retired General"),
    ("Bridge Will Reopen In May, Mayor Ana Ruiz Says\n\nThe works began last year.", "Says", "Mayor Ana Ruiz"),
])
def test_title_case_headline_verbs(text, cue, source):
    found = attributions(text)
    assert [(a.cue.text, a.source.text) for a in found] == [(cue, source)]


@pytest.mark.parametrize("text, cue, source", [
    # a noun right before "many"/"the" ends an earlier phrase: the source starts at the determiner
    ("The army lost 900 tanks, numbers many analysts say are too high.", "say", "many analysts"),
    ("Voters ignored the meddling the California senator said was planned.", "said", "the California senator"),
    # inside one phrase the determiner follows a preposition, "a", "all" or "half": the phrase stays whole
    ("Political observers around the country say the race is close.", "say", "Political observers around the country"),
    ("The head of the ministry said the talks were over.", "said", "The head of the ministry"),
    ("Half the analysts said the figure was too high.", "said", "Half the analysts"),
])
def test_the_source_phrase_starts_where_a_new_noun_phrase_opens(text, cue, source):
    found = attributions(text)
    assert [(a.cue.text, a.source.text) for a in found] == [(cue, source)]


def test_noting_is_a_second_cue_with_the_same_source():
    found = attributions("The talks failed, he said, noting that both sides had walked out.")
    assert [(a.cue.text, a.source.text) for a in found] == [("said", "he"), ("noting", "he")]
    assert found[0].content.text == "The talks failed"
    assert found[1].content.text == "both sides had walked out"
    assert found[1].form == "…, noting that … (same source)"


def test_nested_attribution_inside_another_content_is_reported_too():
    text = "Officials said the border was open, outside of what the rebels claim to be their land."
    found = attributions(text)
    assert [a.cue.text for a in found] == ["said", "claim"]
    outer, inner = found
    assert outer.content.start <= inner.cue.start < outer.content.end
    assert inner.source.text == "the rebels"
    assert inner.stance == "distancing"
    assert inner.form.endswith("(nested)")


def test_possessive_noun_cue():
    a = only("The governor’s claim that crime had doubled was false.")
    assert (a.cue.text, a.source.text, a.content.text) == ("claim", "The governor", "crime had doubled was false")


def test_according_to_with_two_sources():
    a = only("The ceasefire held overnight, according to local media reports and the United Nations.")
    assert a.source.text == "local media reports and the United Nations"
    assert a.source_kind == "unnamed"  # the first of the sources named: an unnamed group


@pytest.mark.parametrize("text, cue, source, content", [
    # curly quotes, closing quote before the attribution
    ("“We did nothing wrong,” the spokesman said.", "said", "the spokesman", "“We did nothing wrong,”"),
    # straight quotes
    ('"We did nothing wrong," the spokesman said.', "said", "the spokesman", '"We did nothing wrong,"'),
    # an unbalanced quote: no crash, the attribution still found
    ("“We did nothing wrong, the spokesman said.", "said", "the spokesman", "“We did nothing wrong"),
    # no-break spaces inside the source
    ("The\u00a0mayor\u00a0said the bridge would reopen.", "said", "The\u00a0mayor", "the bridge would reopen"),
])
def test_quotes_and_spaces(text, cue, source, content):
    a = only(text)
    assert (a.cue.text, a.source.text, a.content.text) == (cue, source, content)


def test_crlf_text_keeps_offsets_and_sentences():
    text = "The mayor said the bridge would reopen.\r\nThe council met on Friday.\r\n\r\nOfficials said costs rose."
    found = attributions(text)
    assert [(a.cue.text, a.source.text) for a in found] == [("said", "The mayor"), ("said", "Officials")]
    for a in found:
        assert text[a.cue.start:a.cue.end] == a.cue.text
        assert "\r" not in a.content.text and "\n" not in a.content.text


def test_quotation_inside_quotes_is_not_an_attribution_of_the_reporter():
    found = attributions("“I think we will win,” the coach said.")
    assert [a.cue.text for a in found] == ["said"]


def test_pronoun_and_surname_resolve_to_the_person_named_earlier():
    text = ("Prime Minister Lena Holt said on Monday that taxes would fall. "
            "Holt added that spending would rise. She warned that debt was high. "
            "The prime minister also said the budget was fair.")
    found = attributions(text)
    assert [(a.cue.text, a.speaker) for a in found] == [
        ("said", "Lena Holt"), ("added", "Lena Holt"), ("warned", "Lena Holt"), ("said", "Lena Holt")]
    assert [a.source_kind for a in found] == ["person", "person", "pronoun", "role"]


# --- the seed article ---------------------------------------------------------------------------

SEED_EXPECTED = [  # (cue, source, speaker) in text order
    ("said", "the defense minister", "Andrey Belousov"),
    ("said", "Defense Minister Andrey Belousov", "Andrey Belousov"),
    ("said", "the minister", "Andrey Belousov"),
    ("stated", None, None),
    ("according to", "Western media reports and the Ukrainian government", "Western media reports and the Ukrainian government"),
    ("claimed", "Officials in Washington", "Officials in Washington"),
    ("claims", "Kiev", "Kiev"),
    ("said", "The Russian minister", "Andrey Belousov"),
    ("alleged", "Belousov", "Andrey Belousov"),
    ("–", "Moscow", "Moscow"),
    ("said", "he", "Andrey Belousov"),
    ("noting", "he", "Andrey Belousov"),
    ("claim", "Ukraine and its Western backers", "Ukraine and its Western backers"),
    ("said", "Belousov", "Andrey Belousov"),
    ("added", "he", "Andrey Belousov"),
    ("reported", "Belousov", "Andrey Belousov"),
]


@pytest.fixture(scope="module")
def seed_found():
    return attributions(seed_text())


def test_seed_attributions(seed_found):
    got = [(a.cue.text, a.source.text if a.source else None, a.speaker) for a in seed_found]
    assert got == SEED_EXPECTED


def test_seed_kinds_stances_and_forms(seed_found):
    by_cue = {(a.cue.text, a.cue.start): a for a in seed_found}
    kinds = [a.source_kind for a in seed_found]
    assert kinds == ["role", "person", "role", None, "unnamed", "unnamed", "place_as_actor", "role", "person",
                     "place_as_actor", "pronoun", "pronoun", "place_as_actor", "person", "pronoun", "person"]
    stances = {a.cue.text: a.stance for a in seed_found}
    assert stances["claimed"] == stances["alleged"] == stances["claims"] == "distancing"
    assert stances["said"] == stances["according to"] == stances["added"] == "neutral"
    forms = {a.cue.text: a.form for a in seed_found if a.cue.text not in ("said",)}
    assert forms["stated"] == "agentless: the stated goal"
    assert forms["claims"].endswith("(nested)")
    assert forms["noting"] == "…, noting that … (same source)"
    assert forms["–"] == "headline: … – Name"
    assert all(a.stance_why for a in by_cue.values())


def test_seed_contents(seed_found):
    text = seed_text()
    contents = {a.cue.text + str(i): a.content.text for i, a in enumerate(seed_found) if a.content}
    assert contents["–9"] == "Ukraine lost over 35,000 troops in May"
    assert contents["noting11"].startswith("it was the largest attack of this kind")
    assert contents["claim12"] == "Crimea is part of Ukraine"  # the writer's ", despite …" is not the claim
    assert contents["said0"].startswith("Russia has pushed Kiev’s forces from 880 square kilometers")
    for a in seed_found:
        for span in (a.cue, a.source, a.content):
            if span is not None:
                assert text[span.start:span.end] == span.text


# --- the data files -----------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["attribution/verbs.jsonl", "attribution/phrases.jsonl",
                                  "attribution/agentless.jsonl", "attribution/nouns.jsonl"])
def test_lexicon_rows_explain_themselves(name):
    rows = load_jsonl(name)
    assert rows
    for row in rows:
        assert row["stance"] in STANCES, row
        assert len(row["why"]) > 20, row
        assert any(w in row["why"] for w in [row["lemma"], *row["forms"]]), row  # it explains its own word
        assert row["forms"] and all(f == f.lower() for f in row["forms"]), row


def test_every_verb_has_its_inflections():
    for row in load_jsonl("attribution/verbs.jsonl"):
        if row["lemma"] == "state":
            continue  # only "stated"/"stating": "state" and "states" are nouns far more often
        assert len(row["forms"]) >= 4, row["lemma"]
        assert any(f.endswith("ing") for f in row["forms"]), row["lemma"]
    assert {"say", "says", "said", "saying"} <= set(cue_forms())
    assert {"claim", "claims", "claimed", "claiming"} <= set(cue_forms())
    assert "stated" in agentless_forms() and "claim" in noun_cues()
    # short verbs double their last consonant; verbs in -ee keep both e's
    assert {"dubbed", "begged", "bragging", "agreeing", "disagreeing"} <= set(cue_forms())
    assert not {"dubed", "beged", "braging", "agreing"} & set(cue_forms())


def test_brief_stances():
    forms = cue_forms()
    for word in ("said", "told", "added", "noted", "reported"):
        assert forms[word].stance == "neutral", word
    for word in ("claimed", "alleged", "purported", "insisted"):
        assert forms[word].stance == "distancing", word
    for word in ("confirmed", "revealed", "acknowledged", "admitted", "pointed out"):
        assert forms[word].stance == "endorsing", word


# --- any text: no crash, offsets always index the text ------------------------------------------

from hypothesis import given, strategies as st  # noqa: E402

_PIECES = st.sampled_from([
    "said", "says", "told", "claimed", "according to", "he", "the minister", "Belousov", "Moscow", ",", ".",
    "“", "”", '"', "'", "''", "\u00a0", "\r\n", "\n\n", "–", ":", "that", "noting", "the stated goal",
    "officials", "it was reported", "?", "Read more", "35,000", "(", ")", "’s", "claim",
])


@given(st.lists(_PIECES, max_size=40).map(" ".join))
def test_any_text_gives_consistent_offsets(text):
    for a in attributions(text):
        for span in (a.cue, a.source, a.content):
            if span is not None:
                assert 0 <= span.start < span.end <= len(text)
                assert text[span.start:span.end] == span.text
        assert a.stance in STANCES and a.source_kind in KINDS
        assert (a.source is None) == (a.source_kind is None)


_QUOTE_PIECES = st.sampled_from(["“", "”", '"', "'", "''", "\n", " ", "a", "b’s", "\u00a0"])


@given(st.lists(_QUOTE_PIECES, max_size=40).map("".join))
def test_quotation_scan_finds_what_its_pattern_finds(text):
    # _quoted_regions finds quotations with str.find; _QUOTATION is the pattern it stands in for
    from kit.attribution import _QUOTATION, _quoted_regions

    assert _quoted_regions(text) == [m.span() for m in _QUOTATION.finditer(text)]


# General rules: sentence -> every (cue, source) the kit should find, in order (an empty list: none).
RULE_ROWS = [
    # a cue whose subject opens the clause reported by a speech cue is part of what was said
    ("The mayor said she thinks the bridge will reopen in May.", [("said", "The mayor")]),
    ("The mayor said that she hopes the bridge will reopen in May.", [("said", "The mayor")]),
    ("Ruiz says the council wants to reopen the bridge.", [("says", "Ruiz")]),
    ("The mayor said on Monday that the council plans to reopen the bridge.", [("said", "The mayor")]),
    # … but not a cue with a source of its own further on
    ("The mayor said the bridge was safe, and officials believe that it will hold.",
     [("said", "The mayor"), ("believe", "officials")]),
    # a participle after a comma with an object: the source of the cue before it ("…, citing …")
    ("The minister said the plan was dead, citing a lack of funds.",
     [("said", "The minister"), ("citing", "The minister")]),
    ("The plan is dead, the minister said, citing a lack of funds.",
     [("said", "the minister"), ("citing", "the minister")]),
    # a participle opening the sentence: the subject after the comma was asked, or cites
    ("Asked about the vote, the mayor said it was close.", [("Asked", "the mayor"), ("said", "the mayor")]),
    ("Pressed on the cost, she declined to give a figure.", [("Pressed", "she"), ("declined", "she")]),
    ("Citing the new figures, Ruiz defended the budget.", [("Citing", "Ruiz"), ("defended", "Ruiz")]),
    # … but not the occasion of a speech, nor a participle that reports nothing
    ("Speaking to reporters, the mayor said the vote was close.", [("said", "the mayor")]),
    ("Walking to his car, the mayor waved.", []),
    # the passive of a verb that takes an object: agentless, about its subject
    ("The plan has been criticized for its cost.", [("criticized", None)]),
    ("A curfew was announced for the weekend.", [("announced", None)]),
    ("The gun was found in the car.", []),
    # "in a statement" beside a verb cue is where the words were said, not a second cue
    ("The mayor said in a statement that the bridge would reopen.", [("said", "The mayor")]),
    ("“The bridge will reopen,” Ruiz said in a statement.", [("said", "Ruiz")]),
    # a cue word as the last word of a name, or inside markup left in a page
    ("The ratings came from the Cook Political Report.", []),
    ("<tweet tweet-id=\"12345\"></tweet>", []),
    # verbs of judging, advocating, recording and manner of speaking
    ("The Fact Desk rated the claim false.", [("rated", "The Fact Desk")]),
    ("The unemployment rate rose to 5 percent.", []),
    ("The senator has promoted the plan for years.", [("promoted", "The senator")]),
    ("Protesters chanted “No more cuts!” outside the hall.", [("chanted", "Protesters")]),
    ("The study documents how the money was spent.", [("documents", "The study")]),
    ("The documents were released on Friday.", []),
    ("She convinced the board that the plan would work.", [("convinced", "She")]),
    ("The council issued a statement calling the vote unfair.", [("issued a statement", "The council")]),
    ("The mayor made it clear she would not resign.", [("made it clear", "The mayor")]),
    ("She was frank in her acknowledgment that the plan had failed.", [("acknowledgment", "her")]),
    ("The union claims that wages fell, despite official data showing a rise.", [("claims", "The union")]),
    # people and bodies that speak, named by what they are
    ("Environmentalists worry that the mine will pollute the river.", [("worry", "Environmentalists")]),
    ("Her doctor says she is fit to work.", [("says", "Her doctor")]),
    ("An independent panel found that the tender was rigged.", [("found", "An independent panel")]),
    # a parenthetical "as" clause: the rest of the sentence is the source's
    ("As the mayor put it, the bridge is a lifeline.", [("put it", "the mayor")]),
    ("The bridge is a lifeline, as the mayor put it.", [("put it", "the mayor")]),
    ("Yet, as Ruiz observed, the bridge is old.", [("observed", "Ruiz")]),
    ("He arrived as the mayor spoke.", []),
    # a speech verb with "about": the topic of what was said
    ("The mayor spoke about the bridge on Monday.", [("spoke", "The mayor")]),
    ("Ruiz asked him about the budget.", [("asked", "Ruiz")]),
    ("The mayor walked about the town.", []),
    # "went on to explain": not a bare infinitive
    ("The mayor went on to explain how the bridge would be paid for.", [("explain", "The mayor")]),
    ("The council wants to explain the delay.", [("wants", "The council")]),
    # "many of whom say": the relative pronoun is the source
    ("The plan angered residents, many of whom say it is unfair.", [("say", "whom")]),
    # note, write, declare, explain, indicate and ask also report with a plain object
    ("The council noted the delay in its report.", [("noted", "The council")]),
    ("Ruiz wrote a letter to the council.", [("wrote", "Ruiz")]),
    ("The mayor explained the delay.", [("explained", "The mayor")]),
    ("The survey indicates a tight race.", [("indicates", "The survey")]),
    ("The bridge was painted in May.", []),  # "May" is a month here, not the auxiliary "may"
    ("The senator was painted as a radical.", [("painted", None)]),
    # verbs of speaking, saying and judging from Levin's classes 33 and 37
    ("The mayor mumbled that the vote was close.", [("mumbled", "The mayor")]),
    ("Ruiz has articulated these themes before.", [("articulated", "Ruiz")]),
    ("The council censured the mayor for the delay.", [("censured", "The council")]),
    ("The governor complimented the moderator.", [("complimented", "The governor")]),
    ("Her voice was calm.", []),
    # naming and phrasal verbs that report no words
    ("The program, called Bridge Start, gives loans to towns.", []),
    ("The union called off the strike on Monday.", []),
    ("She called into a radio show to complain.", []),
    # party labels modify like nationalities: "Republican claims" is a noun phrase
    ("The Fact Desk rated most Republican claims as false.", [("rated", "The Fact Desk")]),
    ("Democratic Sen. Ana Ruiz said the vote was close.", [("said", "Democratic Sen. Ana Ruiz")]),
    ("Plain notes\n\nThe bridge is grey.", []),  # a noun ending a title line
    ("Recent polls have shown the race tightening.", [("shown", "Recent polls")]),
    # "…, The Wall Street Journal reports." is the parenthetical slot, not a noun
    ("Bonuses were large, The Daily Ledger reports.", [("reports", "The Daily Ledger")]),
    ("He backed, in the end, the McKinley plan.", []),
    # the verb first, then the speaker: "Said Ruiz: “…”"
    ("Tax experts disagree. Said Ruiz: “I do not think so.”", [("Said", "Ruiz")]),
    ("Details aside, the plan is good.", []),
    ("His advisers have suggested a quieter campaign.", [("suggested", "His advisers")]),
    # "I" in a paragraph without quotation marks is the writer of an opinion piece
    ("I believe the plan will fail.", [("believe", "I")]),
    ("We believe the plan will fail.", [("believe", "We")]),
    ("“I believe the plan will fail,” the mayor said.", [("said", "the mayor")]),
    ("The mayor spoke first.\n\n\"I believe the plan will fail. It costs too much.", []),
]


@pytest.mark.parametrize("text, expected", RULE_ROWS)
def test_general_rules(text, expected):
    found = attributions(text)
    assert [(a.cue.text, a.source.text if a.source else None) for a in found] == expected


def test_as_clause_gives_the_rest_of_the_sentence_to_the_source():
    assert only("As the mayor put it, the bridge is a lifeline.").content.text == "the bridge is a lifeline"
    assert only("The bridge is a lifeline, as the mayor put it.").content.text == "The bridge is a lifeline"


def test_agentless_passive_of_an_object_verb_reports_its_subject():
    a = only("The plan has been criticized for its cost.")
    assert (a.content.text, a.form) == ("The plan", "agentless: it was reported")
