"""The teacher's answer key: loading, validation, and comparison with the kit's findings."""
from __future__ import annotations

import copy
import json

import pytest

from kit import KitInputError
from kit.answer_key import (BOUNDS, CATEGORIES, SOURCE_KINDS, STANCES, VERDICTS, VOICES, Difference, compare,
                            load_key, render, validate)
from kit.article import segment_page
from kit.resources import seed_text

TEXT = ("Officials said the plan would cost $5 million. Critics claimed it was a so-called reform.\n\n"
        "Read more\n\nThe mayor called it a 50% cut, she said.")


def sp(snippet, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(snippet, start + 1)
    return {"start": start, "end": start + len(snippet), "text": snippet}


def attribution(cue, source, content, *, stance="neutral", source_kind="unnamed", speaker=None):
    return {"cue": sp(cue), "source": sp(source) if source else None, "content": sp(content) if content else None,
            "cue_lemma": cue, "stance": stance, "source_kind": source_kind, "speaker": speaker}


def small_key():
    return {
        "version": 1,
        "furniture": [dict(sp("Read more"), kind="read_more")],
        "attributions": [
            attribution("said", "Officials", "the plan would cost $5 million"),
            attribution("claimed", "Critics", "it was a so-called reform", stance="distancing"),
        ],
        "loaded": [dict(sp("so-called"), category="distancing", voice="source", speaker=None, why="scare label"),
                   dict(sp("claimed"), category="distancing", voice="reporter", speaker=None, why="verb choice")],
        "figures": [dict(sp("$5 million"), value=5e6, unit="USD", bound="=", what="cost", claimant="Officials",
                         verdict="unverifiable", reasons=["no document cited"])],
        "unattributed": [],
    }


# --- validate --------------------------------------------------------------------------------

def test_small_key_is_valid():
    assert validate(small_key(), TEXT)["version"] == 1


@pytest.mark.parametrize("mutate,message", [
    (lambda k: k["loaded"][0].update(start=k["loaded"][0]["start"] + 1), r"key\['loaded'\]\[0\]: the text at"),
    (lambda k: k["loaded"][1].update(category="slur"), r"key\['loaded'\]\[1\] \('claimed'\): category 'slur' is not one of"),
    (lambda k: k["loaded"][0].update(voice="author"), r"voice 'author'"),
    (lambda k: k["attributions"][1].update(stance="hostile"), r"key\['attributions'\]\[1\] \('claimed'\): stance 'hostile'"),
    (lambda k: k["attributions"][0].update(source_kind="crowd"), r"source_kind 'crowd'"),
    (lambda k: k["attributions"][0]["source"].update(text="Official"), r"key\['attributions'\]\[0\]\['source'\]"),
    (lambda k: k["attributions"][0]["cue"].update(end=10_000), r"outside the text"),
    (lambda k: k["figures"][0].update(bound="about"), r"bound 'about'"),
    (lambda k: k["figures"][0].update(verdict="false"), r"verdict 'false'"),
    (lambda k: k["figures"][0].update(value="5m"), r"value should be a number"),
    (lambda k: k["figures"][0].update(start="3"), r"whole-number start and end"),
    (lambda k: k["furniture"][0].update(kind="sidebar"), r"kind 'sidebar'"),
    (lambda k: k.update(loaded={"a": 1}), r"key\['loaded'\] should be a list"),
    (lambda k: k.update(sha256="0" * 64), r"different text"),
])
def test_validate_names_the_bad_entry(mutate, message):
    key = small_key()
    mutate(key)
    with pytest.raises(KitInputError, match=message):
        validate(key, TEXT)


def test_validate_rejects_non_dicts():
    with pytest.raises(KitInputError, match="JSON object"):
        validate([], TEXT)


def test_null_source_kind_is_allowed_for_agentless_cues():
    key = small_key()
    key["attributions"][0].update(source=None, source_kind=None)
    validate(key, TEXT)


# --- compare ---------------------------------------------------------------------------------

def test_identical_findings_score_perfectly():
    key = small_key()
    results = compare(copy.deepcopy(key), key)
    for r in results.values():
        assert (r.precision, r.recall, r.agreement, r.differences) == (1.0, 1.0, 1.0, ())


def test_missed_loaded_word_is_named():
    key = small_key()
    found = copy.deepcopy(key)
    del found["loaded"][0]
    r = compare(found, key)["loaded"]
    assert (r.key_count, r.found_count, r.matched, r.recall, r.precision) == (2, 1, 1, 0.5, 1.0)
    assert r.differences == (Difference("loaded", "missed", "so-called", "category 'distancing', voice 'source'"),)
    assert r.differences[0].message == ("The kit missed the loaded wording 'so-called' "
                                        "(category 'distancing', voice 'source').")


def test_extra_and_mismatch_are_named():
    key = small_key()
    found = copy.deepcopy(key)
    found["loaded"][1]["category"] = "weasel"
    found["loaded"].append(dict(sp("reform"), category="label", voice="source", speaker=None, why=""))
    r = compare(found, key)["loaded"]
    assert r.precision == pytest.approx(2 / 3) and r.recall == 1.0 and r.agreement == 0.5
    kinds = [(d.kind, d.text) for d in r.differences]
    assert kinds == [("mismatch", "claimed"), ("extra", "reform")]
    assert r.differences[0].detail == "category: kit 'weasel', key 'distancing'"
    assert r.differences[1].message.startswith("The kit marked 'reform' as a loaded wording; the key has none there")


def test_attributions_match_by_cue_overlap_and_compare_stance():
    key = small_key()
    found = copy.deepcopy(key)
    found["attributions"][1]["cue"] = sp("Critics claimed")  # a wider cue still overlaps
    found["attributions"][1]["stance"] = "neutral"
    results = compare(found, key)
    r = results["attributions"]
    assert (r.matched, r.precision, r.recall) == (2, 1.0, 1.0)
    assert [d.detail for d in r.differences] == ["stance: kit 'neutral', key 'distancing'"]
    assert r.differences[0].message == ("For the cue 'claimed', the kit and the key disagree: "
                                        "stance: kit 'neutral', key 'distancing'.")


def test_sources_and_contents_are_their_own_layers():
    key = small_key()
    found = copy.deepcopy(key)
    found["attributions"][0]["source"] = None
    found["attributions"][0]["content"] = sp("the plan")
    results = compare(found, key)
    assert results["sources"].recall == 0.5
    assert results["sources"].differences[0].message == ("The kit missed the source 'Officials' "
                                                         "(who speaks in 'said').")
    assert results["contents"].recall == 1.0  # overlap forgives a shorter content span


def test_figures_compare_value_bound_claimant_and_verdict():
    key = small_key()
    found = copy.deepcopy(key)
    found["figures"][0].update(value=5.0, bound="~", claimant=None, verdict="checkable")
    r = compare(found, key)["figures"]
    assert r.matched == 1 and r.agreement == 0.0
    assert r.differences[0].detail == ("value: kit 5, key 5,000,000; bound: kit '~', key '='; claimant: kit none, "
                                       "key 'Officials'; verdict: kit 'checkable', key 'unverifiable'")


def test_numbers_compare_as_numbers_and_names_ignore_case():
    key = small_key()
    found = copy.deepcopy(key)
    found["figures"][0].update(value=5000000, claimant="officials ")
    assert compare(found, key)["figures"].differences == ()


def test_one_key_item_matches_at_most_one_finding():
    key = small_key()
    found = copy.deepcopy(key)
    found["loaded"].append(dict(sp("so-"), category="distancing", voice="source", speaker=None, why=""))
    r = compare(found, key)["loaded"]
    assert r.matched == 2 and r.found_count == 3
    assert [(d.kind, d.text) for d in r.differences] == [("extra", "so-")]


def test_findings_inside_page_furniture_are_set_aside():
    key = small_key()
    found = copy.deepcopy(key)
    found["loaded"].append(dict(sp("Read more"), category="label", voice="reporter", speaker=None, why=""))
    r = compare(found, key)["loaded"]
    assert r.set_aside == 1 and r.precision == 1.0 and r.differences == ()


def test_empty_key_and_no_findings():
    results = compare({"attributions": [], "loaded": []}, {"attributions": [], "loaded": []})
    assert all(r.precision == r.recall == 1.0 for r in results.values())


def test_compare_accepts_an_analysis_object():
    from kit import analyze

    text = "Officials said the plan would cost $5 million."
    result = analyze(text)
    out = compare(result, {"attributions": [], "loaded": [], "figures": [], "unattributed": []},
                  layers=["figures"])
    assert list(out) == ["figures"]
    assert out["figures"].found_count == len(result.figures)


@pytest.mark.parametrize("found,key,message", [
    (42, {}, "needs an Analysis"),
    ({}, [], "answer key as a dict"),
])
def test_compare_bad_inputs(found, key, message):
    with pytest.raises(KitInputError, match=message):
        compare(found, key)


def test_compare_unknown_layer():
    with pytest.raises(KitInputError, match="unknown layer"):
        compare({}, {}, layers=["vibes"])


def test_render_lists_numbers_and_differences():
    key = small_key()
    found = copy.deepcopy(key)
    del found["figures"][0]
    text = render(compare(found, key, layers=["figures", "loaded"]))
    assert text.splitlines()[0].startswith("figures       key   1  kit   0  matched   0")
    assert "The kit missed the figure '$5 million'" in text


def test_results_serialise_to_json():
    key = small_key()
    out = {k: v.to_dict() for k, v in compare(key, key).items()}
    assert json.loads(json.dumps(out))["loaded"]["f1"] == 1.0


# --- loading ---------------------------------------------------------------------------------

def test_load_key_from_file(tmp_path):
    path = tmp_path / "k.key.json"
    path.write_text(json.dumps(small_key()), encoding="utf-8")
    assert load_key(path, text=TEXT)["attributions"][0]["cue"]["text"] == "said"


@pytest.mark.parametrize("make,message", [
    (lambda p: p, "folder"),
    (lambda p: p / "none.key.json", "no answer key"),
    (lambda p: (p / "bad.json").write_text("{oops") and p / "bad.json", "not a readable JSON"),
    (lambda p: (p / "list.json").write_text("[]") and p / "list.json", "not an answer key"),
])
def test_load_key_bad_paths(tmp_path, make, message):
    with pytest.raises(KitInputError, match=message):
        load_key(make(tmp_path))


# --- the seed's key --------------------------------------------------------------------------

SEED_KEY = load_key()
SEED = seed_text()


def test_seed_key_validates_against_the_seed():
    validate(SEED_KEY, SEED)  # every offset matches the text, every label is a known word


def test_seed_key_has_every_layer_and_notes():
    for layer in ("furniture", "parts", "dates", "attributions", "loaded", "figures", "unattributed"):
        assert SEED_KEY[layer], layer
    assert len(SEED_KEY["annotator_notes"]) >= 10
    assert SEED_KEY["version"] == 1


def test_seed_key_uses_only_known_words():
    assert {a["stance"] for a in SEED_KEY["attributions"]} <= set(STANCES)
    assert {a["source_kind"] for a in SEED_KEY["attributions"]} <= set(SOURCE_KINDS)
    assert {x["category"] for x in SEED_KEY["loaded"]} <= set(CATEGORIES)
    assert {x["voice"] for x in SEED_KEY["loaded"]} <= set(VOICES)
    assert {x["bound"] for x in SEED_KEY["figures"]} <= set(BOUNDS)
    assert {x["verdict"] for x in SEED_KEY["figures"]} <= set(VERDICTS)


def test_seed_key_annotates_the_article_proper_only():
    furniture = [(f["start"], f["end"]) for f in SEED_KEY["furniture"]]
    spans = ([a["cue"] for a in SEED_KEY["attributions"]] + SEED_KEY["loaded"] + SEED_KEY["figures"]
             + SEED_KEY["unattributed"])
    assert not any(s <= x["start"] < e for x in spans for s, e in furniture)


def test_seed_key_figures_leave_out_dates_and_weather():
    texts = [f["text"] for f in SEED_KEY["figures"]]
    assert not any(t in ("30.1 C", "2014", "February 2022") for t in texts)
    assert "over 35,000 troops" in texts


@pytest.mark.parametrize("layer", ["furniture", "parts", "dates"])
def test_segmenter_agrees_with_the_teachers_page_layers(layer):
    furniture, parts, dates, _ = segment_page(SEED)
    found = {"furniture": furniture, "parts": parts, "dates": dates}[layer]
    assert [x.to_dict() for x in found] == SEED_KEY[layer]
