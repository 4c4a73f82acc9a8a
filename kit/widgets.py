"""Interactive views for the notebooks: an explorer, predict-then-reveal, and a rewrite activity.

Built only from the part of the ipywidgets API that versions 7.7 (Colab) and 8 (JupyterLab 4,
Binder) share: ``ToggleButton``, ``Select``, ``SelectMultiple``, ``Button``, ``Textarea``,
``HTML``, ``HBox``/``VBox``, ``Layout`` and ``observe(..., names="value")``. Every widget is a
``VBox`` (display it by leaving it last in a cell) and keeps its state as plain Python values,
so tests can set ``.value``, call ``.click()`` and read the ``HTML.value`` produced.

    >>> import kit
    >>> from kit.widgets import Explorer
    >>> Explorer(kit.analyze())          # doctest: +SKIP
"""
from __future__ import annotations

import html as _html
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Set, Tuple

import ipywidgets as W

from .highlight import LAYER_STYLES, LAYERS, flags_for, legend_html, render_html

NO_FLAG = "(choose a flag to read its explanation)"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _pre(text: str) -> str:
    """Plain text as HTML that keeps its line breaks."""
    return "<br>".join(_html.escape(line) for line in text.split("\n"))


class Explorer(W.VBox):
    """The article with one toggle per layer, a list of the visible flags and their explanations.

    State: ``visible_layers`` (tuple of layer names), ``selected`` (flag key or None),
    ``toggles[layer].value``, ``flag_list.value``; views: ``text_view.value``,
    ``explanation.value`` (HTML strings).
    """

    def __init__(self, analysis, *, layers: Sequence[str] = LAYERS, visible: Optional[Iterable[str]] = None):
        unknown = [x for x in layers if x not in LAYER_STYLES]
        if unknown:
            raise ValueError(f"unknown layer(s) {unknown}; the layers are {', '.join(LAYERS)}")
        on = set(layers if visible is None else visible)
        toggles = {}
        for layer in layers:
            st = LAYER_STYLES[layer]
            toggles[layer] = W.ToggleButton(value=layer in on, description=f"[{st.tag}] {st.title}",
                                            layout=W.Layout(width="auto"))
        flag_list = W.Select(options=[(NO_FLAG, "")], value="", rows=8,
                             layout=W.Layout(width="100%"))
        # The text scrolls in its own box, so the list and the explanation stay in sight above it.
        text_view = W.HTML(layout=W.Layout(max_height="32em", overflow="auto"))
        explanation = W.HTML(layout=W.Layout(width="55%"))
        legend = W.HTML(legend_html(layers))
        picker = W.VBox([W.HTML("<b>Flags in the visible layers</b> (choose one):"), flag_list],
                        layout=W.Layout(width="45%"))
        super().__init__(children=[W.HBox(list(toggles.values())), legend,
                                   W.HBox([picker, explanation]), text_view])
        self.add_class("kit-explorer")
        self.analysis = analysis
        self.layers = tuple(layers)
        self.toggles: Dict[str, W.ToggleButton] = toggles
        self.flag_list = flag_list
        self.text_view = text_view
        self.explanation = explanation
        self.legend = legend
        self._explanations: Dict[str, str] = {}
        for toggle in toggles.values():
            toggle.observe(self._on_toggle, names="value")
        flag_list.observe(self._on_pick, names="value")
        self._refresh()

    @property
    def visible_layers(self) -> Tuple[str, ...]:
        return tuple(layer for layer in self.layers if self.toggles[layer].value)

    @property
    def selected(self) -> Optional[str]:
        return self.flag_list.value or None

    @property
    def flag_keys(self) -> List[str]:
        """The keys of the flags now listed (``"loaded:0"``…)."""
        return [key for _, key in self.flag_list.options if key]

    def _on_toggle(self, change) -> None:
        self._refresh()

    def _on_pick(self, change) -> None:
        self._render()

    def _refresh(self) -> None:
        flags = flags_for(self.analysis, self.visible_layers)
        self._explanations = {key: explanation for key, _, explanation in flags}
        keep = self.flag_list.value if self.flag_list.value in self._explanations else ""
        options = [(NO_FLAG if flags else "(no flags in the visible layers)", "")]
        options += [(label, key) for key, label, _ in flags]
        self.flag_list.unobserve(self._on_pick, names="value")
        self.flag_list.options = options
        self.flag_list.value = keep
        self.flag_list.observe(self._on_pick, names="value")
        self._render()

    def _render(self) -> None:
        key = self.selected
        self.text_view.value = render_html(self.analysis, layers=self.visible_layers, selected=key,
                                           legend=False)
        if key:
            self.explanation.value = (f'<div class="kit-explanation" role="status" aria-live="polite" '
                                      f'style="border-left:4px solid #000; '
                                      f'padding:4px 8px; max-width:52em">{_pre(self._explanations[key])}</div>')
        else:
            self.explanation.value = ('<div class="kit-explanation" role="status" aria-live="polite">'
                                      '<i>Choose a flag in the list to read why '
                                      'the kit marked it.</i></div>')


def sentences_of(analysis, *, skip_furniture: bool = True) -> List[Tuple[int, int, str]]:
    """``(start, end, text)`` of each sentence of the analysed doc, stripped, furniture left out."""
    furniture = [(f.start, f.end) for f in getattr(analysis, "furniture", [])] if skip_furniture else []
    out = []
    for sent in analysis.doc.sents:
        text = sent.text.strip()
        if not text:
            continue
        start = sent.start_char + sent.text.index(text)
        end = start + len(text)
        if any(a <= start and end <= b for a, b in furniture):
            continue
        out.append((start, end, text))
    return out


def agreement(picked: Set[int], truth: Set[int]) -> Dict[str, float]:
    """Overlap of two sets of sentence numbers: both, precision, recall and F1 (0..1)."""
    both = len(picked & truth)
    precision = both / len(picked) if picked else (1.0 if not truth else 0.0)
    recall = both / len(truth) if truth else (1.0 if not picked else 0.0)
    f1 = 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)
    return {"both": both, "precision": precision, "recall": recall, "f1": f1}


def _spans_of_layer(analysis, layer: str) -> List[Tuple[int, int]]:
    if layer == "attribution":
        return [(a.cue.start, a.cue.end) for a in analysis.attributions]
    attribute = {"unattributed": "unattributed", "loaded": "loaded", "figures": "figures"}.get(layer)
    if attribute is None:
        raise ValueError(f"predict-then-reveal works on attribution, loaded, figures or unattributed, not {layer!r}")
    return [(x.start, x.end) for x in getattr(analysis, attribute)]


class PredictReveal(W.VBox):
    """Pick the sentences you think hold a finding, then reveal what the kit (or the key) found.

    ``truth`` (optional) is a list of ``(start, end)`` character spans from another reader, e.g.
    the teacher's key; by default the kit's own findings in ``layer`` are used.
    State: ``picks.value`` (tuple of sentence numbers), ``revealed`` (bool), ``result`` (dict).
    """

    def __init__(self, analysis, *, layer: str = "attribution", truth: Optional[Sequence[Tuple[int, int]]] = None,
                 truth_name: str = "the kit", question: Optional[str] = None):
        self.analysis = analysis
        self.sentences = sentences_of(analysis)
        spans = list(truth) if truth is not None else _spans_of_layer(analysis, layer)
        self.truth: Set[int] = {i for i, (s, e, _) in enumerate(self.sentences)
                                if any(a < e and s < b for a, b in spans)}
        self.truth_name = truth_name
        self.revealed = False
        self.result: Dict[str, float] = {}
        # The full sentences, numbered, to read; the list to pick from shows their beginnings.
        self.sentence_view = W.HTML(
            '<ol class="kit-sentences" style="line-height:1.5; max-width:52em">'
            + "".join(f"<li>{_html.escape(text)}</li>" for _, _, text in self.sentences) + "</ol>")
        options = [(f"{i + 1:>2}. {_clip(text, 70)}", i) for i, (_, _, text) in enumerate(self.sentences)]
        self.picks = W.SelectMultiple(options=options, value=(), rows=min(12, max(3, len(options))),
                                      layout=W.Layout(width="100%"))
        self.reveal_button = W.Button(description="Reveal", button_style="info")
        self.reset_button = W.Button(description="Try again")
        self.feedback = W.HTML("<i>Pick sentences (Ctrl/Cmd-click for several), then press Reveal.</i>")
        prompt = question or "Which sentences report what someone else says or claims?"
        super().__init__(children=[W.HTML(f"<b>{_html.escape(prompt)}</b>"), self.sentence_view,
                                   W.HTML("Pick their numbers here:"), self.picks,
                                   W.HBox([self.reveal_button, self.reset_button]), self.feedback])
        self.add_class("kit-predict")
        self.reveal_button.on_click(self._on_reveal)
        self.reset_button.on_click(self._on_reset)

    def _on_reveal(self, _button=None) -> None:
        picked = set(self.picks.value)
        self.result = agreement(picked, self.truth)
        self.revealed = True
        rows = []
        for i, (_, _, text) in enumerate(self.sentences):
            if i in picked or i in self.truth:
                if i in picked and i in self.truth:
                    verdict = "✔ both of you"
                elif i in picked:
                    verdict = f"only you (not {self.truth_name})"
                else:
                    verdict = f"only {self.truth_name} (you missed it?)"
                rows.append(f"<tr><td>{i + 1}</td><td>{_html.escape(verdict)}</td>"
                            f"<td>{_html.escape(_clip(text, 110))}</td></tr>")
        r = self.result
        self.feedback.value = (
            f'<div class="kit-reveal"><p><b>You picked {len(picked)} sentence(s); {_html.escape(self.truth_name)} '
            f'marked {len(self.truth)}; you agree on {r["both"]}.</b> Agreement (F1): {r["f1"]:.0%} '
            f'(of yours, {r["precision"]:.0%} match; of theirs, you found {r["recall"]:.0%}).</p>'
            f'<table>{"".join(rows)}</table>'
            '<p>Where you disagree, who is right? Read the sentence again: who is speaking?</p></div>')

    def _on_reset(self, _button=None) -> None:
        self.picks.value = ()
        self.revealed = False
        self.result = {}
        self.feedback.value = "<i>Pick sentences, then press Reveal.</i>"


def _attributed_to(analysis) -> List[str]:
    return [a.speaker or (a.source.text if a.source is not None else "") for a in analysis.attributions]


def _figure_key(f) -> str:
    return f"{f.value:g}" if f.value is not None else " ".join(f.text.lower().split())


class Rewrite(W.VBox):
    """Rewrite a passage neutrally; on Submit the kit says what loaded wording is left and
    whether the attributions and figures survived.

    ``analyze`` is the function used to analyse the student's text (default :func:`kit.analyze`).
    State: ``editor.value`` (the student's text), ``report`` (dict), ``feedback.value`` (HTML).
    """

    def __init__(self, original: str, *, analyze: Optional[Callable] = None, rows: int = 8):
        if analyze is None:
            from .analysis import analyze
        self._analyze = analyze
        self.original = original
        self.before = analyze(original)
        self.report: Dict[str, object] = {}
        self.editor = W.Textarea(value=original, rows=rows, layout=W.Layout(width="100%"))
        self.submit_button = W.Button(description="Check my version", button_style="primary")
        self.restore_button = W.Button(description="Start again")
        self.feedback = W.HTML(f"<i>{len(self.before.loaded)} loaded-wording flag(s) in the original. "
                               "Edit the text, then press “Check my version”.</i>")
        super().__init__(children=[self.editor, W.HBox([self.submit_button, self.restore_button]), self.feedback])
        self.add_class("kit-rewrite")
        self.submit_button.on_click(self._on_submit)
        self.restore_button.on_click(self._on_restore)

    def _on_restore(self, _button=None) -> None:
        self.editor.value = self.original
        self.report = {}
        self.feedback.value = "<i>Back to the original text.</i>"

    def _on_submit(self, _button=None) -> None:
        text = self.editor.value
        if not text.strip():
            self.report = {"empty": True}
            self.feedback.value = "<b>Write your version in the box first.</b>"
            return
        after = self._analyze(text)
        before = self.before
        sources_after = _attributed_to(after)
        kept_attr = [s for s in _attributed_to(before) if s in sources_after]
        figures_after = {_figure_key(f) for f in after.figures}
        lost_figures = [f.text for f in before.figures if _figure_key(f) not in figures_after]
        old_words = {x.text.lower() for x in before.loaded}
        left = [x for x in after.loaded if x.text.lower() in old_words]
        new = [x for x in after.loaded if x.text.lower() not in old_words]
        self.report = {
            "loaded_before": len(before.loaded), "loaded_left": [x.text for x in left],
            "loaded_new": [x.text for x in new],
            "attributions_before": len(before.attributions), "attributions_kept": len(kept_attr),
            "figures_before": len(before.figures), "figures_lost": lost_figures,
        }
        good = not left and not new and len(kept_attr) == len(before.attributions) and not lost_figures
        self.report["done"] = good
        items = []
        if left or new:
            for x in left + new:
                alt = f" Try: {', '.join(x.alternatives)}." if x.alternatives else ""
                tag = "still there" if x in left else "new"
                items.append(f"<li>✘ [LOAD] “{_html.escape(x.text)}” ({x.category}, {tag}): "
                             f"{_html.escape(x.why)}{_html.escape(alt)}</li>")
        else:
            items.append(f"<li>✔ No loaded wording left (the original had {len(before.loaded)}).</li>")
        mark = "✔" if len(kept_attr) == len(before.attributions) else "✘"
        items.append(f"<li>{mark} [ATTR] Attributions kept: {len(kept_attr)} of {len(before.attributions)}"
                     f"{'' if mark == '✔' else ' — keep saying who says so'}.</li>")
        if lost_figures:
            items.append("<li>✘ [FIG] Figures lost: " + ", ".join(f"“{_html.escape(t)}”" for t in lost_figures)
                         + " — a neutral version keeps the facts.</li>")
        elif before.figures:
            items.append(f"<li>✔ [FIG] All {len(before.figures)} figure(s) kept.</li>")
        head = ("<b>Well done: neutral, and nothing lost.</b>" if good
                else "<b>Not there yet — see the marks below.</b>")
        self.feedback.value = f'<div class="kit-rewrite">{head}<ul>{"".join(items)}</ul></div>'
