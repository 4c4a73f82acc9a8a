"""Static HTML highlights of an analysis, and the palette and styles every view of the kit shares.

``render_html(analysis, layers=...)`` returns one self-contained HTML string (inline styles
only, no scripts) so it reads the same in JupyterLab, on nbviewer and in GitHub's notebook
viewer. Colour is never the only signal: every layer also has its own border or underline
style and a text label such as ``[ATTR]`` written into the text, for colour-blind students,
for screen readers and for viewers that strip styles.

    >>> import kit
    >>> from kit.highlight import render_html
    >>> html = render_html(kit.analyze(), layers=("attribution", "loaded"))
"""
from __future__ import annotations

import html as _html
from typing import Dict, Iterable, List, NamedTuple, Optional, Sequence, Tuple

# Okabe & Ito (2008) "Color Universal Design": eight colours told apart with every common
# colour-vision deficiency. Charts and highlights both draw from here.
OKABE_ITO: Dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#999999",
}


class LayerStyle(NamedTuple):
    """How one layer looks: colour, a colour-free border/underline style, and a text label."""

    name: str  # key used by the API: "attribution"
    title: str  # for students: "Who says so"
    tag: str  # the text label written into the highlighted text: "ATTR"
    colour: str  # hex colour from OKABE_ITO
    border: str  # CSS border shorthand that tells the layer apart without colour
    side: str  # which border carries it: "bottom" (an underline) or "all" (a box)
    explain: str  # one line for the legend


LAYER_STYLES: Dict[str, LayerStyle] = {
    # page furniture: a dashed box, grey (not the article at all)
    "furniture": LayerStyle("furniture", "Page furniture", "PAGE", OKABE_ITO["grey"],
                            "2px dashed", "all", "parts of the page that are not the article"),
    # attribution: a solid underline, blue
    "attribution": LayerStyle("attribution", "Who says so", "ATTR", OKABE_ITO["blue"],
                              "3px solid", "bottom", "someone else's claim: source, reporting verb, content"),
    # loaded wording: a double underline, vermillion
    "loaded": LayerStyle("loaded", "Loaded wording", "LOAD", OKABE_ITO["vermillion"],
                         "4px double", "bottom", "words that carry a judgement or hide an actor"),
    # figures: a solid box, bluish green
    "figures": LayerStyle("figures", "Figures", "FIG", OKABE_ITO["bluish_green"],
                          "2px solid", "all", "numbers and amounts: who claims them, can you check them?"),
    # unattributed claims: a dotted underline, reddish purple
    "unattributed": LayerStyle("unattributed", "No source given", "NOSRC", OKABE_ITO["reddish_purple"],
                               "3px dotted", "bottom", "facts stated in the reporter's own voice with no source"),
}

LAYERS: Tuple[str, ...] = tuple(LAYER_STYLES)

# Attribution stances as chart colours (and hatches, so print in black and white still works).
STANCE_COLOURS: Dict[str, str] = {
    "neutral": OKABE_ITO["sky_blue"],
    "distancing": OKABE_ITO["vermillion"],
    "endorsing": OKABE_ITO["bluish_green"],
}
STANCE_HATCHES: Dict[str, str] = {"neutral": "", "distancing": "//", "endorsing": ".."}

# Figure verdicts, same idea.
VERDICT_COLOURS: Dict[str, str] = {
    "unverifiable": OKABE_ITO["orange"],
    "checkable": OKABE_ITO["blue"],
}
VERDICT_HATCHES: Dict[str, str] = {"unverifiable": "xx", "checkable": ""}

# Voice of loaded wording.
VOICE_COLOURS: Dict[str, str] = {"reporter": OKABE_ITO["reddish_purple"], "source": OKABE_ITO["sky_blue"]}
VOICE_HATCHES: Dict[str, str] = {"reporter": "//", "source": ""}

SELECTED_OUTLINE = "3px solid #000000"


class Mark(NamedTuple):
    """One highlighted stretch of text with what a student should read about it."""

    layer: str  # a key of LAYER_STYLES
    start: int
    end: int
    role: str  # "cue" | "source" | "content" for attributions, else the record's kind/category
    key: str  # stable id of the flag it belongs to: "attribution:0"
    label: str  # short line for a list of flags
    explanation: str  # plain text for students (several lines allowed)


def _tint(colour: str, alpha: float) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _layer_records(analysis, layer: str) -> list:
    """The records of ``layer`` on an Analysis (or any object with the same attributes)."""
    attribute = {"attribution": "attributions"}.get(layer, layer)
    if layer not in LAYER_STYLES:
        raise ValueError(f"unknown layer {layer!r}; the layers are {', '.join(LAYERS)}")
    return list(getattr(analysis, attribute, None) or [])


def _attribution_marks(records) -> List[Mark]:
    marks: List[Mark] = []
    for i, a in enumerate(records):
        who = a.speaker or (a.source.text if a.source is not None else "no source given")
        key = f"attribution:{i}"
        label = f"[ATTR] {who}: “{a.cue.text}” ({a.stance})"
        lines = [
            f"Who says so: {who}" + (f" (the text calls them “{a.source.text}”)"
                                     if a.source is not None and a.source.text != who else ""),
            f"Kind of source: {a.source_kind or 'none given'}",
            f"Reporting words: “{a.cue.text}”, stance: {a.stance}. {a.stance_why}".rstrip(),
        ]
        if a.content is not None:
            lines.append(f"What they say: “{_short(a.content.text, 200)}”")
        explanation = "\n".join(lines)
        for role, span in (("source", a.source), ("cue", a.cue), ("content", a.content)):
            if span is not None:
                marks.append(Mark("attribution", span.start, span.end, role, key, label, explanation))
    return marks


def _loaded_mark(i: int, x) -> Mark:
    voice = "the reporter's own words" if x.voice == "reporter" else f"words of {x.speaker or 'a source'}"
    lines = [f"“{x.text}”: {x.category}, in {voice}.", x.why]
    if x.ask:
        lines.append(f"Ask: {x.ask}")
    if x.alternatives:
        lines.append("More neutral: " + "; ".join(f"“{alt}”" for alt in x.alternatives))
    return Mark("loaded", x.start, x.end, x.category, f"loaded:{i}",
                f"[LOAD] “{_short(x.text, 40)}” ({x.category}, {x.voice})", "\n".join(lines))


def _figure_mark(i: int, x) -> Mark:
    amount = "a vague amount" if x.value is None else f"{x.bound} {x.value:g}{' ' + x.unit if x.unit else ''}"
    lines = [f"“{x.text}”: {amount}" + (f" ({x.what})" if x.what else ""),
             f"Claimed by: {x.claimant or 'the reporter, with no source'}",
             f"Verdict: {x.verdict}"]
    lines.extend(f"- {r}" for r in x.reasons)
    return Mark("figures", x.start, x.end, x.verdict, f"figures:{i}",
                f"[FIG] “{_short(x.text, 40)}” ({x.verdict})", "\n".join(lines))


def marks_for(analysis, layers: Optional[Iterable[str]] = None) -> List[Mark]:
    """Every :class:`Mark` of the chosen layers (default: all), in text order."""
    chosen = LAYERS if layers is None else tuple(layers)
    marks: List[Mark] = []
    for layer in chosen:
        records = _layer_records(analysis, layer)
        if layer == "attribution":
            marks.extend(_attribution_marks(records))
        elif layer == "loaded":
            marks.extend(_loaded_mark(i, x) for i, x in enumerate(records))
        elif layer == "figures":
            marks.extend(_figure_mark(i, x) for i, x in enumerate(records))
        elif layer == "furniture":
            marks.extend(Mark("furniture", f.start, f.end, f.kind, f"furniture:{i}",
                              f"[PAGE] {f.kind}: “{_short(f.text, 40)}”",
                              f"“{_short(f.text, 120)}” is page furniture ({f.kind.replace('_', ' ')}): "
                              "part of the web page, not of the article.")
                         for i, f in enumerate(records))
        else:  # unattributed
            marks.extend(Mark("unattributed", c.start, c.end, "claim", f"unattributed:{i}",
                              f"[NOSRC] “{_short(c.text, 40)}”",
                              f"“{_short(c.text, 200)}”\nNo source given: {c.why}")
                         for i, c in enumerate(records))
    marks.sort(key=lambda m: (m.start, -m.end, LAYERS.index(m.layer)))
    return marks


def flags_for(analysis, layers: Optional[Iterable[str]] = None) -> List[Tuple[str, str, str]]:
    """One ``(key, label, explanation)`` per flag (an attribution counts once), in text order."""
    seen = set()
    flags = []
    for m in marks_for(analysis, layers):
        if m.key not in seen:
            seen.add(m.key)
            flags.append((m.key, m.label, m.explanation))
    return flags


def _style(mark: Mark, selected: bool, first: bool = True, last: bool = True) -> str:
    """Inline CSS for one piece of a mark; a box is open on the sides where the mark goes on."""
    st = LAYER_STYLES[mark.layer]
    alpha = {"content": 0.10, "source": 0.28, "cue": 0.40}.get(mark.role, 0.22)
    border = f"{st.border} {st.colour}"
    css = [f"background:{_tint(st.colour, alpha)}"]
    if st.side == "all":
        css.append(f"border-top:{border}; border-bottom:{border}")
        css.append(f"border-left:{border if first else 'none'}; border-right:{border if last else 'none'}")
    elif mark.role == "content":  # the content of a quote: a thinner underline than source and cue
        css.append(f"border-bottom:1px solid {st.colour}")
    else:
        css.append(f"border-bottom:{border}")
    css.append("padding:0 1px 1px 1px")
    if selected:
        css.append(f"outline:{SELECTED_OUTLINE}; font-weight:bold")
    return "; ".join(css)


def _open_tag(mark: Mark, selected: bool, last: bool) -> str:
    st = LAYER_STYLES[mark.layer]
    title = _html.escape(f"{st.title}: {mark.role}", quote=True)
    tag = st.tag if mark.layer != "attribution" else f"{st.tag}:{mark.role.upper()}"
    label = (f'<span style="font-size:70%; font-family:monospace; color:{st.colour}; '
             f'font-weight:bold">[{"▶" if selected else ""}{tag}]</span>')
    return (f'<span class="kit-mark kit-{mark.layer}" data-layer="{mark.layer}" data-key="{mark.key}" '
            f'title="{title}" style="{_style(mark, selected, True, last)}">{label}')


def legend_html(layers: Optional[Iterable[str]] = None) -> str:
    """A legend: one swatch per layer, drawn in the layer's own style, with its label and meaning."""
    chosen = LAYERS if layers is None else tuple(layers)
    items = []
    for layer in chosen:
        st = LAYER_STYLES[layer]
        side = "border" if st.side == "all" else "border-bottom"
        items.append(
            f'<span class="kit-legend-item" style="margin-right:1.2em; white-space:nowrap">'
            f'<span style="background:{_tint(st.colour, 0.25)}; {side}:{st.border} {st.colour}; '
            f'padding:0 4px">[{st.tag}] {_html.escape(st.title)}</span> '
            f'<span style="color:#444">{_html.escape(st.explain)}</span></span>')
    return '<div class="kit-legend" style="line-height:2; margin:4px 0">' + " ".join(items) + "</div>"


def _render_text(text: str, marks: Sequence[Mark], selected_key: Optional[str]) -> str:
    """The text with nested spans; overlapping marks are split at every boundary."""
    bounds = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    out: List[str] = []
    for lo, hi in zip(bounds, bounds[1:]):
        if lo >= hi:
            continue
        active = [m for m in marks if m.start <= lo and hi <= m.end]
        piece = _html.escape(text[lo:hi]).replace("\n", "<br>\n")
        opens = "".join(_open_tag(m, m.key == selected_key, m.end == hi) if m.start == lo else
                        f'<span class="kit-mark kit-{m.layer}" data-layer="{m.layer}" data-key="{m.key}" '
                        f'style="{_style(m, m.key == selected_key, False, m.end == hi)}">'
                        for m in active)
        out.append(opens + piece + "</span>" * len(active))
    return "".join(out)


def render_html(analysis, *, layers: Optional[Iterable[str]] = None, selected: Optional[str] = None,
                legend: bool = True, text: Optional[str] = None) -> str:
    """The analysed text as HTML with the chosen layers highlighted (default: all).

    ``selected`` is the key of one flag (``"loaded:0"``) to mark with a black outline and ``▶``.
    ``text`` defaults to ``analysis.text``.
    """
    chosen = LAYERS if layers is None else tuple(layers)
    for layer in chosen:
        if layer not in LAYER_STYLES:
            raise ValueError(f"unknown layer {layer!r}; the layers are {', '.join(LAYERS)}")
    body = _render_text(analysis.text if text is None else text, marks_for(analysis, chosen), selected)
    head = legend_html(chosen) if legend else ""
    return (f'<div class="kit-highlight">{head}<div class="kit-text" style="font-family:Georgia,serif; '
            f'line-height:1.9; padding:8px; border:1px solid #ddd; max-width:52em">{body}</div></div>')
