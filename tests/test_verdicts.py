"""Who claims a figure and whether a student could check it (pure functions, hand-made attributions)."""
from __future__ import annotations

import pytest

from kit.figures import scan_figures
from kit.records import Attribution, TextSpan
from kit.verdicts import CHECKABLE, UNVERIFIABLE, claimant_of, holding_attribution, judge_figures


def attribution(text, *, cue, source=None, content, speaker=None, source_kind=None):
    """An Attribution record built from substrings of ``text`` (first occurrence of each)."""

    def span(sub):
        if sub is None:
            return None
        start = text.index(sub)
        return TextSpan(start, start + len(sub), sub)

    return Attribution(span(cue), span(source), span(content), cue, "neutral", "", source_kind, speaker,
                       "X said that")


def judged(text, attributions):
    return judge_figures(text, scan_figures(text), attributions)


SEED_LIKE = ("Russia has pushed the enemy back from some 880 square kilometers of land, "
             "Defense Minister Andrey Belousov said on Friday.")


def test_claimant_is_the_speaker_of_the_attribution_holding_the_figure():
    a = attribution(SEED_LIKE, cue="said", source="Defense Minister Andrey Belousov",
                    content="Russia has pushed the enemy back from some 880 square kilometers of land",
                    speaker="Andrey Belousov", source_kind="person")
    (f,) = judged(SEED_LIKE, [a])
    assert (f.text, f.value, f.bound, f.what) == ("some 880 square kilometers", 880.0, "~", "land")
    assert f.claimant == "Andrey Belousov"
    assert f.verdict == UNVERIFIABLE
    assert any("stake" in r for r in f.reasons)


def test_claimant_falls_back_to_the_source_text():
    text = "The ministry said 300 tanks were destroyed."
    a = attribution(text, cue="said", source="The ministry", content="300 tanks were destroyed",
                    source_kind="institution")
    (f,) = judged(text, [a])
    assert f.claimant == "The ministry" and f.verdict == UNVERIFIABLE


def test_role_is_found_where_the_speaker_was_introduced():
    text = ("Army chief Maria Lopez visited the front. "
            "The rebels lost 2,000 fighters, Lopez said.")
    a = attribution(text, cue="said", source="Lopez", content="The rebels lost 2,000 fighters",
                    speaker="Maria Lopez", source_kind="person")
    (f,) = judged(text, [a])
    assert f.claimant == "Maria Lopez" and f.verdict == UNVERIFIABLE


@pytest.mark.parametrize(
    "text, source, content, kind, verdict",
    [
        # a party counting its own gains or the enemy's losses: unverifiable, whichever side
        ("Kyiv said 120 Russian tanks were destroyed.", "Kyiv", "120 Russian tanks were destroyed", "place_as_actor", UNVERIFIABLE),
        ("Moscow said 120 Ukrainian tanks were destroyed.", "Moscow", "120 Ukrainian tanks were destroyed", "place_as_actor", UNVERIFIABLE),
        ("The campaign said 40,000 supporters attended.", "The campaign", "40,000 supporters attended", "institution", UNVERIFIABLE),
        ("The company said it has 2 million users.", "The company", "it has 2 million users", "institution", UNVERIFIABLE),
        # a public record exists: checkable, whoever says it
        ("The commission said turnout was 61 percent.", "The commission", "turnout was 61 percent", "institution", CHECKABLE),
        ("The company said revenue rose to $4 billion.", "The company", "revenue rose to $4 billion", "institution", CHECKABLE),
        ("The mayor said the population is 120,000.", "The mayor", "the population is 120,000", "role", CHECKABLE),
        ("A survey found that 24 percent of adults are worried.", "A survey", "24 percent of adults are worried", "institution", CHECKABLE),
        # an outside observer with no method named
        ("A witness said 30 cars were parked there.", "A witness", "30 cars were parked there", "role", UNVERIFIABLE),
    ],
)
def test_verdict_rules(text, source, content, kind, verdict):
    a = attribution(text, cue="said" if "said" in text else "found", source=source, content=content,
                    source_kind=kind)
    figures = judged(text, [a])
    assert figures, text
    f = figures[0]
    assert f.verdict == verdict, f.reasons
    assert f.claimant == source
    assert f.reasons and all(r.endswith(".") for r in f.reasons)


@pytest.mark.parametrize(
    "text, verdict, hint",
    [
        ("Turnout in the referendum was 83 percent.", CHECKABLE, "observers"),
        ("Inflation reached 9.1 percent in June.", CHECKABLE, "central bank"),
        ("The town has a population of 4,500.", CHECKABLE, "census"),
        ("The bridge is 19 kilometers long.", UNVERIFIABLE, "without a source"),
        ("Dozens of people queued outside.", UNVERIFIABLE, "vague"),
    ],
)
def test_reporter_figures(text, verdict, hint):
    (f,) = judged(text, [])
    assert f.claimant is None
    assert f.verdict == verdict
    assert any(hint in r for r in f.reasons), f.reasons


def test_holding_attribution_takes_the_innermost_content():
    text = "The paper reported that the army said 50 drones were shot down."
    outer = attribution(text, cue="reported", source="The paper",
                        content="the army said 50 drones were shot down", source_kind="institution")
    inner = attribution(text, cue="said", source="the army", content="50 drones were shot down",
                        source_kind="institution")
    start = text.index("50")
    assert holding_attribution(start, start + 2, [outer, inner]) is inner
    (f,) = judged(text, [outer, inner])
    assert f.claimant == "the army" and f.verdict == UNVERIFIABLE


def test_figure_outside_every_content_has_no_claimant():
    text = "Officials met. 12 ships docked, the port said."
    a = attribution(text, cue="said", source="the port", content="Officials met", source_kind="institution")
    (f,) = judged(text, [a])
    assert f.claimant is None


def test_claimant_of_none_and_empty():
    assert claimant_of(None) is None
    text = "It was said that 5 boats sank."
    a = attribution(text, cue="said", content="5 boats sank")
    assert claimant_of(a) is None


def test_a_document_source_is_named_before_a_topic():
    text = "The audit found that 987 firms paid no tax."
    a = attribution(text, cue="found", source="The audit", content="987 firms paid no tax", source_kind="institution")
    (f,) = judged(text, [a])
    assert f.verdict == CHECKABLE
    assert f.reasons == ("The number comes from a document (The audit) that a student can look up.",)


def test_topic_words_far_from_the_figure_do_not_count():
    text = ("After a tight election that many voters watched closely for months on end and late into "
            "every night, the old singer sold 300 records.")
    (f,) = judged(text, [])
    assert f.verdict == UNVERIFIABLE


def test_holding_attributions_sweep_agrees_with_the_one_by_one_search():
    from kit.records import TextSpan
    from kit.verdicts import holding_attributions

    def attr(start, end):
        return Attribution(TextSpan(0, 1, "s"), None, TextSpan(start, end, "x" * (end - start)), "say",
                           "neutral", "", None, None, "test")

    attributions = [attr(0, 50), attr(10, 20), attr(15, 40), attr(60, 70), attr(65, 66)]
    ranges = [(12, 14), (16, 18), (30, 35), (45, 48), (55, 58), (64, 68), (65, 66), (0, 50), (69, 80)]
    assert holding_attributions(ranges, attributions) == [holding_attribution(s, e, attributions) for s, e in ranges]
