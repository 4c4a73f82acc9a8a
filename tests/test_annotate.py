"""The annotation widget: the Python API and the buttons give the same key, valid in the seed's schema."""
import json

import pytest

from kit.annotate import Annotator, find_occurrence
from kit.answer_key import load_key, validate
from kit.errors import KitInputError

from pathlib import Path

STORY = Path(__file__).parent / "data" / "bridge_story.txt"


@pytest.fixture(scope="module")
def text():
    return STORY.read_text(encoding="utf-8")


@pytest.fixture
def ann(text):
    return Annotator(text, origin="bridge_story.txt")


def _index(ann, layer, words):
    """Index of the item whose words (cue for attributions) are ``words``."""
    for i, d in enumerate(ann.items[layer]):
        if (d["cue"]["text"] if layer == "attributions" else d["text"]) == words:
            return i
    raise AssertionError(f"no {layer} item {words!r}: {[d.get('text') or d['cue']['text'] for d in ann.items[layer]]}")


@pytest.mark.parametrize("phrase, n, expected", [
    ("bridge", 1, "bridge"),
    ("bridge", 2, "bridge"),
    ("the council", 1, "the council"),
])
def test_find_occurrence_counts_from_one(text, phrase, n, expected):
    start, end = find_occurrence(text, phrase, n)
    assert text[start:end] == expected
    starts = [i for i in range(len(text)) if text.startswith(phrase, i)]
    assert start == starts[n - 1]


@pytest.mark.parametrize("phrase, n", [("bridge", 9), ("Bridge of Sighs", 1), ("", 1), ("bridge", 0)])
def test_find_occurrence_refuses_what_is_not_there(text, phrase, n):
    with pytest.raises(KitInputError):
        find_occurrence(text, phrase, n)


def test_starts_from_the_kits_findings_all_pending(ann):
    assert ann.items["attributions"] and ann.items["figures"]
    assert all(s == "pending" for layer in ann.status.values() for s in layer)
    key = ann.to_key()
    assert len(key["attributions"]) == len(ann.items["attributions"])
    assert ann.to_key(pending="drop")["attributions"] == []


def test_python_api_builds_a_valid_key(ann, text, tmp_path):
    wrong = _index(ann, "attributions", "says")  # the kit took 'a project the mayor' as the source
    ann.reject("attributions", wrong)
    new = ann.add_attribution("says", source="the mayor", speaker="Lena Ortiz", source_kind="role")
    assert ann.items["attributions"][new]["source"]["text"] == "the mayor"
    becker = _index(ann, "attributions", "called")
    ann.relabel("attributions", becker, speaker="Tom Becker", source_kind="person")
    ann.relabel("attributions", _index(ann, "attributions", "claimed"), stance="distancing")
    ann.add_loaded("gamble", "label", voice="source", speaker="Tom Becker")
    ann.accept("loaded", _index(ann, "loaded", "reckless"))
    ann.relabel("figures", _index(ann, "figures", "12 million euros"), claimant="Lena Ortiz")
    cars = next(i for i, d in enumerate(ann.items["figures"]) if "9,000" in d["text"])
    ann.relabel("figures", cars, verdict="checkable")
    path = ann.save(tmp_path / "bridge.key.json")

    key = load_key(path, text=text)  # validates offsets and vocabulary
    assert key["sha256"] and key["article"] == "bridge_story.txt"
    cues = [(a["cue"]["text"], a["source"]["text"] if a["source"] else None) for a in key["attributions"]]
    assert ("says", "the mayor") in cues and ("says", "a project the mayor") not in cues
    speakers = {a["cue"]["text"]: a["speaker"] for a in key["attributions"]}
    assert speakers["called"] == "Tom Becker" and speakers["says"] == "Lena Ortiz"
    loaded = {d["text"]: d["category"] for d in key["loaded"]}
    assert loaded["gamble"] == "label"
    figures = {d["text"]: (d["claimant"], d["verdict"]) for d in key["figures"]}
    assert figures["12 million euros"] == ("Lena Ortiz", "unverifiable")
    assert [v for t, v in figures.items() if "9,000" in t] == [("regional planning office", "checkable")]
    assert [a["cue"]["start"] for a in key["attributions"]] == sorted(a["cue"]["start"] for a in key["attributions"])
    assert set(key) >= {"version", "article", "sha256", "furniture", "parts", "dates", "attributions", "loaded",
                        "figures", "unattributed", "annotator_notes"}


@pytest.mark.parametrize("call, args, kwargs", [
    ("relabel", ("loaded", 0), {"category": "spin"}),
    ("relabel", ("figures", 0), {"verdict": "maybe"}),
    ("relabel", ("figures", 0), {"colour": "red"}),
    ("accept", ("quotes", 0), {}),
    ("reject", ("loaded", 99), {}),
    ("add_loaded", ("gamble", "nonsense"), {}),
    ("add_figure", ("99 balloons",), {}),
])
def test_bad_edits_are_refused_and_change_nothing(ann, call, args, kwargs):
    before = json.dumps(ann.to_key(), sort_keys=True)
    with pytest.raises(KitInputError):
        getattr(ann, call)(*args, **kwargs)
    assert json.dumps(ann.to_key(), sort_keys=True) == before


def test_buttons_do_what_the_api_does(text, tmp_path):
    by_api, by_click = Annotator(text, origin="s.txt"), Annotator(text, origin="s.txt")
    i = _index(by_api, "loaded", "reckless")
    by_api.reject("loaded", i)
    by_api.add_loaded("gamble", "label")
    j = _index(by_api, "figures", "12 million euros")
    by_api.relabel("figures", j, claimant="Lena Ortiz", verdict="checkable")

    w = by_click
    w.layer_pick.value = "loaded"
    w.item_list.value = i
    w.reject_button.click()
    assert w.status["loaded"][i] == "rejected" and w.item_list.options[i][0].startswith("✘")
    w.label_pick.value = "label"
    w.who_box.value = ""
    w.words_box.value = "gamble"
    w.occurrence_box.value = 1
    w.add_button.click()
    assert w.items["loaded"][-1]["text"] == "gamble" and w.status["loaded"][-1] == "accepted"
    w.layer_pick.value = "figures"
    w.item_list.value = j
    w.label_pick.value = "checkable"
    w.who_box.value = "Lena Ortiz"
    w.relabel_button.click()
    assert "relabelled" in w.message.value
    w.path_box.value = str(tmp_path / "clicked.key.json")
    w.save_button.click()
    saved = json.loads((tmp_path / "clicked.key.json").read_text(encoding="utf-8"))
    assert saved == by_api.to_key()
    validate(saved, text)


def test_a_bad_click_shows_a_message_not_a_traceback(ann):
    ann.layer_pick.value = "loaded"
    ann.label_pick.value = "label"
    ann.words_box.value = "not in the story at all"
    n = len(ann.items["loaded"])
    ann.add_button.click()
    assert "not in the article" in ann.message.value and len(ann.items["loaded"]) == n
    ann.label_pick.value = ""
    ann.words_box.value = "gamble"
    ann.add_button.click()
    assert "choose a category" in ann.message.value and len(ann.items["loaded"]) == n


def test_accepts_an_analysis_and_the_seed_key_schema_round_trips():
    import kit

    ann = Annotator(kit.analyze())
    key = ann.to_key()
    seed = load_key()
    for layer in ("attributions", "loaded", "figures"):
        wanted = set().union(*(set(d) for d in seed[layer])) - {"annotator_note"}
        got = set().union(*(set(d) for d in key[layer]))
        assert got <= wanted | {"annotator_note"}, (layer, got - wanted)
