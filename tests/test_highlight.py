"""Static highlights: every layer visible without colour, overlapping spans, escaping, selection."""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from kit.highlight import (LAYER_STYLES, LAYERS, OKABE_ITO, flags_for, legend_html, marks_for,
                           render_html)
from kit.records import Attribution, Claim, Figure, Furniture, Loaded, TextSpan

TEXT = ("Sunny 20 C\n\n"
        "The minister said that 500 soldiers were lost. "
        "Critics claimed the regime hid the truth. "
        "Dozens of drones were fired <at night> & more.")


def span(text: str, part: str, occurrence: int = 0) -> TextSpan:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return TextSpan(start, start + len(part), part)


def fake_analysis(text: str = TEXT, **overrides):
    """An Analysis-like object built by hand, so the tests do not depend on the detectors."""
    s = lambda part: span(text, part)  # noqa: E731
    attributions = [
        Attribution(s("said"), s("The minister"), s("500 soldiers were lost"), "say", "neutral",
                    "“said” only reports.", "role", "The minister", "X said that"),
        Attribution(s("claimed"), s("Critics"), s("the regime hid the truth"), "claim", "distancing",
                    "“claimed” hints the claim may be false.", "unnamed", None, "X claimed"),
    ]
    loaded = [Loaded(*s("regime"), "label", "“Regime” judges a government.", "Who calls it that?",
                     ("government",), "source", "Critics")]
    f1, f2 = s("500 soldiers"), s("Dozens")
    figures = [Figure(*f1, 500.0, "soldiers", "=", "losses", "The minister", "unverifiable",
                      ("only one side's count",)),
               Figure(*f2, None, "drones", "~", "drones", None, "unverifiable", ("a vague amount",))]
    unattributed = [Claim(*s("Dozens of drones were fired <at night> & more."), "no one is cited")]
    furniture = [Furniture(*s("Sunny 20 C"), "weather")]
    fields = dict(text=text, attributions=attributions, loaded=loaded, figures=figures,
                  unattributed=unattributed, furniture=furniture, parts=[], dates=[], notes=[])
    fields.update(overrides)
    return SimpleNamespace(**fields)


def visible_text(html: str) -> str:
    import html as h
    return h.unescape(re.sub(r"<[^>]+>", "", html.replace("<br>\n", "\n")))


def layers_around(html: str, words: str) -> set:
    """The layers of every span open around the text ``words`` in ``html``."""
    from html.parser import HTMLParser

    found: set = set()

    class Walker(HTMLParser):
        stack: list = []

        def handle_starttag(self, tag, attrs):
            if tag == "span":
                self.stack.append(dict(attrs).get("data-layer"))

        def handle_endtag(self, tag):
            if tag == "span":
                self.stack.pop()

        def handle_data(self, data):
            if words in data:
                found.update(x for x in self.stack if x)

    Walker().feed(html)
    return found


def test_palette_is_okabe_ito_and_each_layer_differs_without_colour():
    assert set(LAYERS) == {"furniture", "attribution", "loaded", "figures", "unattributed"}
    styles = list(LAYER_STYLES.values())
    assert all(st.colour in OKABE_ITO.values() for st in styles)
    assert len({st.colour for st in styles}) == len(styles)
    assert len({(st.border, st.side) for st in styles}) == len(styles), "border styles must tell layers apart"
    assert len({st.tag for st in styles}) == len(styles)


@pytest.mark.parametrize("layer, tag", [("furniture", "[PAGE]"), ("attribution", "[ATTR:CUE]"),
                                        ("loaded", "[LOAD]"), ("figures", "[FIG]"),
                                        ("unattributed", "[NOSRC]")])
def test_each_layer_writes_its_text_label(layer, tag):
    html = render_html(fake_analysis(), layers=[layer], legend=False)
    assert tag in visible_text(html)
    others = [st.tag for name, st in LAYER_STYLES.items() if name != layer]
    assert not any(f"[{t}" in visible_text(html) for t in others)


def test_text_survives_escaped_and_unchanged_apart_from_labels():
    html = render_html(fake_analysis(), legend=False)
    assert "&lt;at night&gt; &amp; more" in html
    shown = re.sub(r"\[▶?[A-Z:]+\]", "", visible_text(html))
    assert shown == TEXT


def test_overlapping_spans_nest_and_balance():
    html = render_html(fake_analysis(), legend=False)
    assert html.count("<span") == html.count("</span>")
    # "500 soldiers" is inside an attribution content and is a figure: both layers on those words
    assert {"attribution", "figures"} <= layers_around(html, "500 soldiers")
    assert layers_around(html, "Critics") == {"attribution"}


def test_no_layers_means_plain_text():
    html = render_html(fake_analysis(), layers=[], legend=False)
    assert "kit-mark" not in html
    assert visible_text(html) == TEXT


def test_empty_analysis_renders_plain_text():
    empty = fake_analysis(attributions=[], loaded=[], figures=[], unattributed=[], furniture=[])
    assert visible_text(render_html(empty, legend=False)) == TEXT


def test_selected_flag_is_outlined_and_marked():
    html = render_html(fake_analysis(), layers=["loaded"], selected="loaded:0", legend=False)
    assert "outline:3px solid #000000" in html
    assert "[▶LOAD]" in visible_text(html)
    plain = render_html(fake_analysis(), layers=["loaded"], legend=False)
    assert "outline" not in plain


def test_unknown_layer_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="furniture, attribution"):
        render_html(fake_analysis(), layers=["bias"])


def test_flags_count_an_attribution_once_and_explain_it():
    flags = flags_for(fake_analysis(), ["attribution"])
    assert [k for k, _, _ in flags] == ["attribution:0", "attribution:1"]
    assert "distancing" in flags[1][2] and "Critics" in flags[1][2]
    roles = [m.role for m in marks_for(fake_analysis(), ["attribution"]) if m.key == "attribution:0"]
    assert sorted(roles) == ["content", "cue", "source"]


def test_flags_explain_loaded_and_figures():
    flags = dict((k, e) for k, _, e in flags_for(fake_analysis(), ["loaded", "figures"]))
    assert "“government”" in flags["loaded:0"] and "Critics" in flags["loaded:0"]
    assert "a vague amount" in flags["figures:1"] and "the reporter" in flags["figures:1"]
    assert "= 500 soldiers" in flags["figures:0"]


def test_legend_lists_every_chosen_layer_with_label():
    html = legend_html(["loaded", "figures"])
    assert "[LOAD] Loaded wording" in visible_text(html) and "[FIG] Figures" in visible_text(html)
    assert "[ATTR]" not in html


def test_a_box_split_by_an_inner_mark_stays_one_box():
    a = fake_analysis()
    s = a.text.index("Dozens")
    a.figures = [a.figures[1]._replace(end=s + len("Dozens of drones"), text="Dozens of drones")]
    a.loaded = [a.loaded[0]._replace(start=s + 7, end=s + 9, text="of")]
    html = render_html(a, layers=["figures", "loaded"], legend=False)
    pieces = re.findall(r'data-layer="figures"[^>]*style="([^"]*)"', html)
    assert len(pieces) == 3, "the figure is cut in three around the loaded word"
    assert "border-left:2px solid" in pieces[0] and "border-right:none" in pieces[0]
    assert "border-left:none" in pieces[1] and "border-right:none" in pieces[1]
    assert "border-left:none" in pieces[2] and "border-right:2px solid" in pieces[2]
