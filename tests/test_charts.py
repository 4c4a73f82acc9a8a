"""Charts on hand-made records, Agg backend: bars, colours from the shared palette, titles in words."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from kit import charts  # noqa: E402
from kit.highlight import LAYER_STYLES, STANCE_COLOURS, VERDICT_COLOURS, VOICE_COLOURS  # noqa: E402
from test_highlight import fake_analysis  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def title_of(ax) -> str:
    """The title as one line (titles are left-aligned and wrapped)."""
    return ax.get_title(loc="left").replace("\n", " ")


def bar_colours(ax):
    return {to_hex(p.get_facecolor()).upper() for p in ax.patches}


def test_importing_charts_changes_no_global_style():
    import importlib

    before = dict(matplotlib.rcParams)
    importlib.reload(charts)
    assert dict(matplotlib.rcParams) == before


def test_voice_counts_and_chart():
    a = fake_analysis()
    assert charts.voice_counts(a) == [("Critics", 5, 1), ("The minister", 4, 1)]
    ax = charts.voices(a)
    assert len(ax.patches) == 2
    assert bar_colours(ax) == {LAYER_STYLES["attribution"].colour}
    assert title_of(ax) == "Who speaks: Critics gets 5 of 9 attributed words (56%)"


def test_given_axes_are_used_and_returned():
    fig, ax = plt.subplots()
    assert charts.voices(fake_analysis(), ax=ax) is ax
    assert charts.figures_by_claimant(fake_analysis(), ax=ax) is ax


def test_verb_stance_names_the_distanced_source():
    a = fake_analysis()
    assert charts.stance_counts(a) == {"The minister": {"neutral": 1}, "Critics": {"distancing": 1}}
    ax = charts.verb_stance(a)
    assert title_of(ax) == "Distancing verbs (“claim”, “allege”), per source: Critics 1 of 1"
    assert bar_colours(ax) == {STANCE_COLOURS["neutral"], STANCE_COLOURS["distancing"]}
    assert {p.get_hatch() or "" for p in ax.patches} == {"", "//"}, "hatches read without colour"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["neutral", "distancing"]


def test_verb_stance_when_nobody_is_distanced():
    a = fake_analysis()
    a.attributions = a.attributions[:1]
    assert title_of(charts.verb_stance(a)) == "Every source gets neutral or endorsing verbs; none is distanced"


def test_loaded_by_category_and_voice():
    ax = charts.loaded_by_category(fake_analysis())
    assert title_of(ax).startswith("0 of 1 loaded-wording flags are in the reporter's own voice")
    assert bar_colours(ax) == {VOICE_COLOURS["source"]}


def test_figures_by_claimant_counts_the_reporter():
    a = fake_analysis()
    assert charts.figure_counts(a) == {"The minister": {"unverifiable": 1}, charts.REPORTER: {"unverifiable": 1}}
    ax = charts.figures_by_claimant(a)
    assert title_of(ax).startswith("2 of 2 figures cannot be checked by a reader")
    assert bar_colours(ax) == {VERDICT_COLOURS["unverifiable"]}
    assert sorted(t.get_text() for t in ax.get_yticklabels()) == sorted(["The minister", charts.REPORTER])


def test_long_titles_and_names_are_wrapped():
    a = fake_analysis()
    a.attributions = [a.attributions[0]._replace(speaker="Western media reports and the Ukrainian government")]
    ax = charts.voices(a)
    assert ax.get_yticklabels()[0].get_text() == "Western media reports and\nthe Ukrainian government"
    lines = ax.get_title(loc="left").split("\n")
    assert len(lines) == 2 and all(len(line) <= 70 for line in lines)
    assert " ".join(lines) == "Who speaks: only one voice, Western media reports and the Ukrainian government (4 words)"


@pytest.mark.parametrize("helper, title", [
    (charts.voices, "Who speaks: no attributed voices found"),
    (charts.verb_stance, "Reporting verbs: no attributions found"),
    (charts.loaded_by_category, "Loaded wording: none found"),
    (charts.figures_by_claimant, "Figures: none found"),
])
def test_empty_analysis_draws_a_message_not_an_error(helper, title):
    empty = fake_analysis(attributions=[], loaded=[], figures=[], unattributed=[], furniture=[])
    ax = helper(empty)
    assert title_of(ax) == title and not ax.patches
    assert ax.texts and ax.texts[0].get_text().startswith("The kit")
