"""Widgets, headless: build, set .value, click, read the HTML. Runs under ipywidgets 7.7.1 and 8."""
from __future__ import annotations

import re
from types import SimpleNamespace

import ipywidgets
import pytest

from kit.highlight import LAYERS
from kit.records import Loaded
from kit.widgets import Explorer, PredictReveal, Rewrite, agreement, sentences_of
from test_highlight import TEXT, fake_analysis, span, visible_text


def test_runs_under_a_supported_ipywidgets():
    assert ipywidgets.__version__.split(".")[0] in {"7", "8"}


def test_explorer_starts_with_every_layer_visible():
    ex = Explorer(fake_analysis())
    assert ex.visible_layers == LAYERS
    assert ex.selected is None
    assert ex.flag_keys == ["furniture:0", "attribution:0", "figures:0", "attribution:1", "loaded:0",
                            "unattributed:0", "figures:1"]
    for tag in ("[PAGE]", "[ATTR:CUE]", "[LOAD]", "[FIG]", "[NOSRC]"):
        assert tag in visible_text(ex.text_view.value)
    assert "[LOAD] Loaded wording" in visible_text(ex.legend.value)
    assert "kit-explorer" in ex._dom_classes  # the browser test finds it by this class


def test_toggling_a_layer_off_removes_its_highlights_and_flags():
    ex = Explorer(fake_analysis())
    ex.toggles["loaded"].value = False
    assert "loaded" not in ex.visible_layers
    assert 'data-layer="loaded"' not in ex.text_view.value
    assert "loaded:0" not in ex.flag_keys
    ex.toggles["loaded"].value = True
    assert 'data-layer="loaded"' in ex.text_view.value and "loaded:0" in ex.flag_keys


def test_picking_a_flag_explains_and_marks_it():
    ex = Explorer(fake_analysis())
    ex.flag_list.value = "loaded:0"
    assert ex.selected == "loaded:0"
    assert "“Regime” judges a government." in ex.explanation.value
    assert "Ask: Who calls it that?" in ex.explanation.value
    assert "[▶LOAD]" in visible_text(ex.text_view.value)
    ex.flag_list.value = "attribution:1"
    assert "[▶LOAD]" not in visible_text(ex.text_view.value)
    assert "distancing" in ex.explanation.value


def test_hiding_the_selected_layer_clears_the_selection():
    ex = Explorer(fake_analysis())
    ex.flag_list.value = "figures:1"
    ex.toggles["figures"].value = False
    assert ex.selected is None
    assert "Choose a flag" in ex.explanation.value
    assert "▶" not in ex.text_view.value


def test_explorer_with_nothing_found_says_so():
    empty = fake_analysis(attributions=[], loaded=[], figures=[], unattributed=[], furniture=[])
    ex = Explorer(empty)
    assert ex.flag_keys == []
    assert ex.flag_list.options[0][0] == "(no flags in the visible layers)"
    assert visible_text(ex.text_view.value) == TEXT


def test_explorer_subset_of_layers_and_refuses_unknown():
    ex = Explorer(fake_analysis(), layers=("attribution", "loaded"), visible=("loaded",))
    assert list(ex.toggles) == ["attribution", "loaded"]
    assert ex.visible_layers == ("loaded",)
    assert ex.flag_keys == ["loaded:0"]
    with pytest.raises(ValueError, match="unknown layer"):
        Explorer(fake_analysis(), layers=("spin",))


def with_sentences(analysis):
    """Give the fake analysis a doc with sentences, split by the kit's own sentence rules."""
    import spacy
    from kit.sentences import set_sentence_starts

    analysis.doc = set_sentence_starts(spacy.blank("en")(analysis.text))
    return analysis


def test_sentences_leave_out_furniture():
    sents = sentences_of(with_sentences(fake_analysis()))
    assert [t for _, _, t in sents] == ["The minister said that 500 soldiers were lost.",
                                        "Critics claimed the regime hid the truth.",
                                        "Dozens of drones were fired <at night> & more."]
    assert all(TEXT[s:e] == t for s, e, t in sents)


@pytest.mark.parametrize("picked, truth, expected", [
    (set(), set(), (0, 1.0, 1.0, 1.0)),
    ({0, 1}, {0, 1}, (2, 1.0, 1.0, 1.0)),
    ({0}, {0, 1}, (1, 1.0, 0.5, 2 / 3)),
    ({2}, {0, 1}, (0, 0.0, 0.0, 0.0)),
    (set(), {0}, (0, 0.0, 0.0, 0.0)),
])
def test_agreement(picked, truth, expected):
    r = agreement(picked, truth)
    assert (r["both"], r["precision"], r["recall"]) == expected[:3]
    assert r["f1"] == pytest.approx(expected[3])


def test_predict_then_reveal_scores_against_the_kit():
    pr = PredictReveal(with_sentences(fake_analysis()))
    assert pr.truth == {0, 1}
    assert "<li>Dozens of drones were fired &lt;at night&gt; &amp; more.</li>" in pr.sentence_view.value
    assert [label for label, _ in pr.picks.options][0] == " 1. The minister said that 500 soldiers were lost."
    assert not pr.revealed and "Pick sentences" in pr.feedback.value
    pr.picks.value = (0, 2)
    pr.reveal_button.click()
    assert pr.revealed and pr.result["both"] == 1
    assert pr.result["f1"] == pytest.approx(0.5)
    text = visible_text(pr.feedback.value)
    assert "You picked 2 sentence(s); the kit marked 2; you agree on 1." in text
    assert "Agreement (F1): 50%" in text
    assert "only the kit (you missed it?)" in text and "only you (not the kit)" in text
    pr.reset_button.click()
    assert pr.picks.value == () and not pr.revealed and pr.result == {}


def test_predict_then_reveal_against_a_key():
    a = with_sentences(fake_analysis())
    third = TEXT.index("Dozens")
    pr = PredictReveal(a, truth=[(third, third + 6)], truth_name="the teacher's key")
    assert pr.truth == {2}
    pr.picks.value = (2,)
    pr.reveal_button.click()
    assert pr.result["f1"] == 1.0
    assert "the teacher's key marked 1" in visible_text(pr.feedback.value)


def test_predict_then_reveal_other_layers_and_refusal():
    a = with_sentences(fake_analysis())
    assert PredictReveal(a, layer="loaded").truth == {1}
    assert PredictReveal(a, layer="figures").truth == {0, 2}
    with pytest.raises(ValueError, match="not 'furniture'"):
        PredictReveal(a, layer="furniture")


LOADED_WORDS = {"regime": ("label", ("government",)), "slaughtered": ("naming", ("killed",))}


def toy_analyze(text: str):
    """A stand-in for kit.analyze: finds a tiny lexicon, 'X said/claimed', and numbers."""
    loaded = [Loaded(m.start(), m.end(), m.group(), LOADED_WORDS[m.group().lower()][0], "it judges",
                     "who says?", LOADED_WORDS[m.group().lower()][1], "reporter", None)
              for m in re.finditer(r"(?i)\b(regime|slaughtered)\b", text)]
    attributions = [SimpleNamespace(speaker=m.group(1), source=None)
                    for m in re.finditer(r"\b([A-Z]\w+) (?:said|claimed)\b", text)]
    figures = [SimpleNamespace(value=float(m.group()), text=m.group()) for m in re.finditer(r"\d+", text)]
    return SimpleNamespace(text=text, loaded=loaded, attributions=attributions, figures=figures)


ORIGINAL = "Officials said the regime slaughtered 40 people."


def test_rewrite_praises_a_neutral_version_that_keeps_the_facts():
    rw = Rewrite(ORIGINAL, analyze=toy_analyze)
    assert "2 loaded-wording flag(s)" in rw.feedback.value
    rw.editor.value = "Officials said the government killed 40 people."
    rw.submit_button.click()
    assert rw.report["done"] is True
    assert rw.report["loaded_left"] == [] and rw.report["attributions_kept"] == 1
    assert "Well done" in rw.feedback.value and "✔ No loaded wording left" in rw.feedback.value
    assert "✔ [FIG] All 1 figure(s) kept." in rw.feedback.value


@pytest.mark.parametrize("rewrite, left, attribution_kept, figures_lost", [
    ("Officials said the regime killed 40 people.", ["regime"], 1, []),
    ("The government killed 40 people.", [], 0, []),
    ("Officials said the government killed many people.", [], 1, ["40"]),
    (ORIGINAL, ["regime", "slaughtered"], 1, []),
])
def test_rewrite_says_what_is_left_and_what_was_lost(rewrite, left, attribution_kept, figures_lost):
    rw = Rewrite(ORIGINAL, analyze=toy_analyze)
    rw.editor.value = rewrite
    rw.submit_button.click()
    assert rw.report["done"] is False
    assert rw.report["loaded_left"] == left
    assert rw.report["attributions_kept"] == attribution_kept
    assert rw.report["figures_lost"] == figures_lost
    assert "Not there yet" in rw.feedback.value
    for word in left:
        assert f"“{word}”" in rw.feedback.value and "still there" in rw.feedback.value


def test_rewrite_flags_new_loaded_words_and_empty_text():
    rw = Rewrite("Officials said the government acted.", analyze=toy_analyze)
    rw.editor.value = "Officials said the regime acted."
    rw.submit_button.click()
    assert rw.report["loaded_new"] == ["regime"] and "(label, new)" in rw.feedback.value
    assert "[FIG]" not in rw.feedback.value, "no figures to keep: nothing to say about them"
    rw.editor.value = "   "
    rw.submit_button.click()
    assert rw.report == {"empty": True} and "Write your version" in rw.feedback.value
    rw.restore_button.click()
    assert rw.editor.value == "Officials said the government acted."
