"""The pipeline contract: components, span groups for displaCy, and the JSON schema."""
from __future__ import annotations

import json

import pytest
import spacy
from spacy import displacy

import kit
from kit import store
from kit.pipeline import COMPONENTS, get_nlp
from kit.records import TextSpan

JSON_FIELDS = {"text", "furniture", "attributions", "loaded", "figures", "unattributed"}


@pytest.fixture(scope="module")
def seed():
    return kit.analyze()


def test_default_pipeline_is_blank_english_plus_kit_components():
    nlp = get_nlp()
    assert nlp.lang == "en"
    assert nlp.pipe_names == ["kit_sentences", *COMPONENTS]
    assert not any(nlp.has_pipe(n) for n in ("parser", "ner", "tagger", "lemmatizer"))


def test_pipeline_is_cached_per_model():
    assert get_nlp() is get_nlp(None) is get_nlp("blank")


def test_clear_text_caches_forgets_what_earlier_texts_taught():
    from kit.article import _segment_cached
    from kit.pipeline import clear_text_caches
    from kit.speakers import _capital_run, source_kind

    get_nlp()("Defense Minister Andrey Belousov said on Friday that officials had seen 20 drones.")
    caches = (_segment_cached, _capital_run, source_kind)
    assert all(c.cache_info().currsize for c in caches)  # the text filled every one of them
    clear_text_caches()
    assert [c.cache_info().currsize for c in caches] == [0, 0, 0]


def test_missing_trained_model_gives_a_clear_error():
    with pytest.raises(kit.KitInputError, match="not installed"):
        get_nlp("en_no_such_pipeline_xyz")


def test_components_are_registered_as_factories():
    for name in ("kit_sentences", *COMPONENTS):
        assert name in spacy.registry.factories


def test_seed_analysis_contract(seed):
    data = seed.to_dict()
    assert JSON_FIELDS <= set(data)
    assert data["text"] == kit.load_article().text
    json.dumps(data)  # serialisable as it is
    for attribution in data["attributions"]:
        assert set(attribution) >= {"cue", "source", "content", "stance", "source_kind", "speaker"}
        for part in ("cue", "source", "content"):
            span = attribution[part]
            if span is not None:
                assert data["text"][span["start"]:span["end"]] == span["text"]
        assert attribution["stance"] in {"neutral", "distancing", "endorsing"}
    for layer in ("furniture", "loaded", "figures", "unattributed"):
        for item in data[layer]:
            assert 0 <= item["start"] < item["end"] <= len(data["text"])
            assert data["text"][item["start"]:item["end"]] == item["text"]


def test_span_groups_render_with_displacy(seed):
    for key in store.SPAN_KEYS.values():
        assert key in seed.doc.spans
    html = displacy.render(seed.doc, style="span", options={"spans_key": "kit_attribution"}, page=False)
    assert "CUE (neutral)" in html and "SOURCE" in html


def test_set_spans_widens_partial_tokens_to_whole_tokens():
    doc = spacy.blank("en")("Kiev's forces withdrew.")
    store.set_spans(doc, "loaded", [(1, 3, "NAMING")])
    assert [s.text for s in doc.spans["kit_loaded"]] == ["Kiev"]


def test_set_spans_skips_a_span_of_trailing_space_only():
    doc = spacy.blank("en")("Kiev's forces withdrew.")
    store.set_spans(doc, "loaded", [(13, 14, "SPACE"), (14, 20, "VERB")])  # the space after "forces"
    assert [(s.text, s.label_) for s in doc.spans["kit_loaded"]] == [("withdrew", "VERB")]


def test_nlp_pipe_in_batches_gives_what_one_doc_at_a_time_gives():
    texts = [
        "The minister said the army had taken 20 villages, a claim Kiev denied.",
        "",
        "Critics say the so-called reform is a brutal cut. Officials declined to comment.",
        "Read more\n\n12:30\n\nFarmers, according to the union, lost about 3,000 head of cattle.",
    ] * 3
    nlp = get_nlp()
    one_by_one = [nlp(t) for t in texts]
    batched = list(nlp.pipe(texts, batch_size=2))  # batches smaller than the stream: several of them
    for a, b in zip(one_by_one, batched):
        assert b.text == a.text
        for name in store.LAYERS:
            assert store.layer(b, name) == store.layer(a, name), name
        for key in store.SPAN_KEYS.values():
            assert [(s.start, s.end, s.label_) for s in b.spans[key]] == \
                [(s.start, s.end, s.label_) for s in a.spans[key]], key
    assert any(store.layer(d, "attributions") for d in batched)  # the texts give the layers something to hold
    assert any(store.layer(d, "figures") for d in batched)


def test_analysis_of_the_same_text_is_identical_across_runs(seed):
    again = kit.analyze(kit.load_article())
    assert again.to_dict() == seed.to_dict()


def test_textspan_round_trips_to_json():
    assert TextSpan(1, 4, "abc").to_dict() == {"start": 1, "end": 4, "text": "abc"}
