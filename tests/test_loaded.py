"""Loaded wording: rows of (sentence, expected flags), rows expecting none, the seed, voices, data."""
from __future__ import annotations

import json

import pytest
import spacy

from kit import resources, store
from kit.loaded import CATEGORIES, assign_voice, find_loaded, lexicon
from kit.records import Attribution, Loaded, TextSpan

NLP = spacy.blank("en")


def found(text, **kw):
    return sorted((f.text, f.category) for f in find_loaded(NLP.make_doc(text), attributions=[], **kw))


FLAGGED = [
    # naming
    ("Kiev's forces pulled back.", [("Kiev's forces", "naming"), ("Kiev", "naming")]),
    ("Troops entered Kharkov and Lugansk.", [("Kharkov", "naming"), ("Lugansk", "naming")]),
    ("The ship sailed into the Arabian Gulf.", [("Arabian Gulf", "naming")]),
    ("They marched through Londonderry.", [("Londonderry", "naming")]),
    ("Settlers moved to Judea and Samaria.", [("Judea and Samaria", "naming")]),
    ("Daesh claimed the attack.", [("Daesh", "naming")]),
    ("Beijing calls Taiwan a renegade province.", [("renegade province", "naming")]),
    ("Argentina renewed its claim to the Malvinas.", [("Malvinas", "naming")]),
    ("Washington's puppets voted yes.", [("Washington's puppets", "naming"), ("puppets", "label")]),
    ("Moscow had bombed the bridge.", [("Moscow had bombed", "naming")]),
    ("Pro-life groups rallied.", [("Pro-life", "naming")]),
    # euphemism / agentless
    ("Talks on the Ukraine conflict stalled.", [("Ukraine conflict", "euphemism")]),
    ("It was the worst attack since the hostilities started.", [("since the hostilities started", "euphemism")]),
    ("The special military operation continues.", [("special military operation", "euphemism")]),
    ("Officials admitted that mistakes were made.", [("mistakes were made", "euphemism")]),
    ("The strike caused collateral damage.", [("collateral damage", "euphemism")]),
    ("Two gunmen were neutralized.", [("neutralized", "euphemism")]),
    ("He was subjected to enhanced interrogation.", [("enhanced interrogation", "euphemism")]),
    # distancing
    ("The so-called peace plan failed.", [("so-called", "distancing")]),
    ("Troops crossed what Kyiv calls its border.", [("what Kyiv calls its border", "distancing")]),
    ("The “experts” were wrong again.", [("“experts”", "distancing")]),
    ("The self-styled general resigned.", [("self-styled", "distancing")]),
    ("They repeated the alleged massacre story.", [("alleged", "distancing"), ("massacre", "intensifier")]),
    # presupposition
    ("The vote passed, despite the opposition having boycotted the session.",
     [("despite the opposition having boycotted the session", "presupposition")]),
    ("As everyone knows, the plan was doomed.", [("As everyone knows", "presupposition"), ("doomed", "intensifier")]),
    ("The failed policy was renewed.", [("failed policy", "presupposition")]),
    # label
    ("The regime arrested the journalist.", []),  # bare "the regime": left alone (see NOT_FLAGGED too)
    ("The Assad regime arrested the journalist.", [("regime", "label")]),
    ("Thugs attacked the office.", [("Thugs", "label")]),
    ("The government's Western backers stayed silent.", [("Western backers", "label")]),
    ("Globalists and the lamestream media agree.", [("Globalists", "label"), ("lamestream", "label")]),
    ("A wave of migrants reached the coast.", [("wave of migrants", "label")]),
    # intensifier
    ("A barrage of missiles hit the port.", [("barrage", "intensifier")]),
    ("Soldiers carried out another massacre.", [("massacre", "intensifier")]),
    ("It was a horrific and brutal attack.", [("horrific", "intensifier"), ("brutal", "intensifier")]),
    ("The senator slammed the decision.", [("slammed", "intensifier")]),
    ("Voters overwhelmingly rejected it.", [("overwhelmingly", "intensifier")]),
    ("The region is overwhelmingly rural.", []),  # size, not a judgement or a vote
    ("The plan is utterly absurd.", [("utterly", "intensifier"), ("absurd", "intensifier")]),
    ("Analysts call the casualty figures wildly inflated.", [("wildly", "intensifier")]),
    ("The sales forecast was grossly overstated.", [("grossly", "intensifier")]),
    ("Share prices swung wildly on Monday.", []),  # how prices moved, not a verdict on a figure
    ("The new tax is hugely popular.", []),
    # motive
    ("In order to distract voters, the party raised taxes.", [("In order to distract voters", "motive")]),
    ("They struck in a bid to humiliate the army.", [("in a bid to humiliate the army", "motive")]),
    ("It was a publicity stunt.", [("publicity stunt", "motive")]),
    # weasel
    ("Critics say the law is too strict.", [("Critics say", "weasel")]),
    ("It is widely believed that he lied.", [("It is widely believed", "weasel")]),
    ("The stated goal was to end the war.", [("stated goal", "weasel")]),
]

NOT_FLAGGED = [
    "The tax regime changed in April.",
    "The sanctions regime was extended.",
    "The new conflict of interest rules apply to all members.",
    "She ordered Chicken Kiev at the restaurant.",
    "He grew up in Odessa, Texas.",
    "Shares fell on the Bombay Stock Exchange.",
    "They visited Peking University.",
    "The alleged victim testified on Monday.",
    "The rebels claimed responsibility for the attack.",
    "The minister said the talks would resume.",
    "The company neutralized the acid before disposal.",
    "Crowds gathered outside the court.",
    "The mob boss was arrested.",
    "Taxes rose by 2 percent.",
    "The film received a standing ovation.",
    "Police said the suspect fled on foot.",
    "They were supposed to meet at noon.",
    "He served as a terrorism analyst.",
    "The Nazi invasion of Poland began in 1939.",
    "She was admitted to hospital.",
    "Survivors of the Srebrenica massacre gathered in July.",  # the established name of an event
    "The answer lies in the data.",
    "Officials said the election was free and fair.",
]


@pytest.mark.parametrize("text,expected", FLAGGED)
def test_flags(text, expected):
    assert found(text) == sorted(expected)


@pytest.mark.parametrize("text", NOT_FLAGGED)
def test_no_flags(text):
    assert found(text) == []


def test_flag_offsets_point_into_the_text():
    text = "Critics say the “experts” ignored Kiev’s forces."
    for f in find_loaded(NLP.make_doc(text), attributions=[]):
        assert text[f.start:f.end] == f.text


def test_every_flag_explains_itself():
    text = "The brutal regime's Western backers, critics say, want to crush the so-called rebels."
    flags = find_loaded(NLP.make_doc(text), attributions=[])
    assert flags
    for f in flags:
        assert f.category in CATEGORIES
        assert f.why and f.ask and "{text}" not in f.why and "{text}" not in f.ask
        assert isinstance(f.alternatives, tuple)
        assert f.voice == "reporter" and f.speaker is None


# ---------------------------------------------------------------- the seed article

SEED = resources.seed_text()


def _span(text, needle, after=0):
    start = text.index(needle, after)
    return TextSpan(start, start + len(needle), needle)


def _belousov_alleged():
    content = _span(SEED, "In order to demonstrate its military prowess to the US and its allies, it has been "
                          "launching attacks on Russian civilian infrastructure")
    cue = _span(SEED, "alleged", content.end)
    source = _span(SEED, "Belousov", content.end)
    return Attribution(cue=cue, source=source, content=content, cue_lemma="allege", stance="distancing",
                       stance_why="", source_kind="person", speaker="Andrey Belousov", form="content, X alleged")


@pytest.fixture(scope="module")
def seed_flags():
    return find_loaded(NLP.make_doc(SEED), attributions=[_belousov_alleged()])


@pytest.mark.parametrize("text,category", [
    ("Ukraine conflict", "euphemism"),
    ("Kiev’s forces", "naming"),
    ("Kiev", "naming"),
    ("Kharkov", "naming"),
    ("stated goal", "weasel"),
    ("what Kiev claims to be its territory", "distancing"),
    ("Western backers", "label"),
    ("despite the peninsula’s population having voted overwhelmingly", "presupposition"),
    ("barrage", "intensifier"),
    ("In order to demonstrate its military prowess", "motive"),
    ("since the hostilities started", "euphemism"),
])
def test_seed_expectations(seed_flags, text, category):
    assert (text, category) in {(f.text, f.category) for f in seed_flags}


def test_seed_headline_conflict_is_in_the_headline(seed_flags):
    flag = next(f for f in seed_flags if f.text == "Ukraine conflict")
    assert SEED.index("Moscow outlines territorial gains") < flag.start < SEED.index("Russia has pushed")


def test_seed_motive_is_belousovs_words(seed_flags):
    motive = next(f for f in seed_flags if f.category == "motive")
    assert motive.voice == "source" and motive.speaker == "Andrey Belousov"
    # Everything outside that content stays the outlet's wording.
    assert all(f.voice == "reporter" for f in seed_flags if f is not motive)


def test_seed_does_not_flag_neutral_reporting(seed_flags):
    texts = {f.text for f in seed_flags}
    assert not texts & {"Belousov said", "Ukrainian forces", "Defense Minister", "referendum"}


def test_find_loaded_reads_the_attribution_layer_by_default():
    doc = NLP.make_doc(SEED)
    store.put(doc, "attributions", [_belousov_alleged()])
    motive = next(f for f in find_loaded(doc) if f.category == "motive")
    assert motive.voice == "source"


# ---------------------------------------------------------------- voice as a pure function

def _flag(start, end):
    return Loaded(start, end, "x" * (end - start), "label", "why", "ask", (), "reporter", None)


def _attr(content, source=None, speaker=None):
    return Attribution(cue=TextSpan(0, 4, "said"), source=None if source is None else TextSpan(0, len(source), source),
                       content=None if content is None else TextSpan(content[0], content[1], "c"),
                       cue_lemma="say", stance="neutral", stance_why="", source_kind=None,
                       speaker=speaker, form="test")


@pytest.mark.parametrize("flag,attrs,voice,speaker", [
    ((10, 15), [], "reporter", None),
    ((10, 15), [_attr((5, 30), "the minister", "Andrey Belousov")], "source", "Andrey Belousov"),
    ((10, 15), [_attr((5, 30), "officials")], "source", "officials"),  # no resolved speaker: source text
    ((10, 15), [_attr((5, 30))], "source", None),
    ((10, 15), [_attr((12, 30), "A", "A")], "reporter", None),  # straddles the content edge
    ((40, 45), [_attr((5, 30), "A", "A")], "reporter", None),
    ((10, 15), [_attr(None, "A", "A")], "reporter", None),  # attribution without content
    ((10, 15), [_attr((0, 50), "outer", "Outer"), _attr((8, 20), "inner", "Inner")], "source", "Inner"),
])
def test_assign_voice(flag, attrs, voice, speaker):
    (out,) = assign_voice([_flag(*flag)], attrs)
    assert (out.voice, out.speaker) == (voice, speaker)


def test_assign_voice_resets_a_stale_voice():
    stale = _flag(10, 15)._replace(voice="source", speaker="Someone")
    (out,) = assign_voice([stale], [])
    assert (out.voice, out.speaker) == ("reporter", None)


# ---------------------------------------------------------------- the lexicon files

@pytest.mark.parametrize("category", CATEGORIES)
def test_each_category_has_a_lexicon_file_with_explained_entries(category):
    rows = resources.load_jsonl(f"loaded/{category}.jsonl")
    assert rows
    for row in rows:
        assert row["why"].strip() and row["ask"].strip()
        assert ("forms" in row) != ("pattern" in row)
        assert isinstance(row.get("alternatives", []), list)


def test_readme_names_every_lexicon_file_and_its_sources():
    readme = resources.read_text("loaded/README.md")
    for category in CATEGORIES:
        assert f"{category}.jsonl" in readme
    for source in ("Recasens", "Words to watch"):
        assert source in readme


def test_lexicon_is_built_once_per_vocab():
    assert lexicon(NLP.vocab) is lexicon(NLP.vocab)


def test_broken_row_is_reported_with_its_place(monkeypatch):
    import kit.loaded as loaded

    def fake(name):
        return [{"forms": ["x"]}] if name == "loaded/naming.jsonl" else []

    monkeypatch.setattr(loaded, "load_jsonl", fake)
    with pytest.raises(ValueError, match=r"naming.jsonl row 1.*why and ask"):
        loaded.Lexicon(spacy.blank("en").vocab)


def test_flags_serialise_to_the_json_contract():
    (flag,) = find_loaded(NLP.make_doc("A barrage followed."), attributions=[])
    d = flag.to_dict()
    assert set(d) == {"start", "end", "text", "category", "why", "ask", "alternatives", "voice", "speaker"}
    json.dumps(d)


def test_alleged_is_flagged_only_in_the_reporters_voice():
    text = "The alleged threat was invented. The alleged threat was invented, he said."
    second = text.index("The alleged", 5)
    content = TextSpan(second, text.index(", he said"), text[second:text.index(", he said")])
    attribution = _attr(None)._replace(content=content, source=TextSpan(0, 2, "he"), speaker="he")
    flags = find_loaded(NLP.make_doc(text), attributions=[attribution])
    assert [(f.text, f.start) for f in flags] == [("alleged", 4)]


@pytest.mark.parametrize("text", ["They acted in a bid to win the", "In order to show the.", "in a bid to"])
def test_clause_extension_stops_at_the_end_of_the_text(text):
    for f in find_loaded(NLP.make_doc(text), attributions=[]):
        assert text[f.start:f.end] == f.text and f.end <= len(text)


def test_windowed_patterns_find_what_the_whole_doc_matcher_finds():
    from spacy.matcher import Matcher

    lex = lexicon(NLP.vocab)
    whole = Matcher(NLP.vocab)
    for matcher, _, _ in lex.patterns:
        for key in matcher._patterns:
            whole.add(NLP.vocab.strings[key], matcher.get(key)[1])
    rows = ROWS_TEXT + [SEED, "“experts” and the “peace” talks; in a bid to win, " * 3]
    for text in rows:
        doc = NLP.make_doc(text)
        assert sorted(lex.pattern_matches(doc)) == sorted(whole(doc)), text[:60]


ROWS_TEXT = [text for text, _ in FLAGGED] + NOT_FLAGGED


def _naming(start, end):
    return _flag(start, end)._replace(category="naming")


@pytest.mark.parametrize("text,content,voice", [
    ('He said Kiev fell.', (8, 17), "reporter"),  # paraphrase: the outlet chose the spelling
    ('He said: "Kiev fell."', (10, 20), "source"),  # quotation marks just outside the content
    ('He said: "Kiev fell."', (9, 21), "source"),  # quotation marks inside the content
])
def test_naming_is_the_sources_only_inside_a_direct_quotation(text, content, voice):
    start = text.index("Kiev")
    attribution = _attr(content, "He", "He")._replace(
        content=TextSpan(content[0], content[1], text[content[0]:content[1]]))
    (out,) = assign_voice([_naming(start, start + 4)], [attribution], text=text)
    assert out.voice == voice


def test_reporting_verb_alleged_is_left_to_the_attribution_layer(seed_flags):
    assert not [f for f in seed_flags if f.text == "alleged"]
    assert found("The minister alleged that the army fled.") == []


@pytest.mark.parametrize("text,voice", [
    ('The minister said: “Kiev’s forces fled.”', "source"),
    ('The minister said Kiev’s forces fled.', "reporter"),
])
def test_naming_voice_reads_the_quotation_marks_from_the_doc(text, voice):
    start = text.index("Kiev")
    end = len(text) - (2 if text.endswith("”") else 1)
    attribution = _attr(None, "The minister", "The minister")._replace(
        content=TextSpan(start, end, text[start:end]))
    flags = find_loaded(NLP.make_doc(text), attributions=[attribution])
    assert {f.voice for f in flags if f.category == "naming"} == {voice}
