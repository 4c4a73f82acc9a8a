"""Charts for the notebooks: who speaks, which verbs each source gets, loaded wording, figures.

Each helper takes an Analysis (or any object with the same record lists), draws on ``ax`` (a
new figure when ``ax=None``) and returns the Axes. Colours come from :mod:`kit.highlight`
(Okabe–Ito, colour-blind safe), and bars also carry hatches so a black-and-white print reads.
Titles state the finding in words. Nothing is changed at import (no global style).

    >>> import kit, kit.charts
    >>> ax = kit.charts.voices(kit.analyze())       # doctest: +SKIP
"""
from __future__ import annotations

import textwrap
from collections import Counter, defaultdict
from typing import Dict, List, Optional, Sequence, Tuple

from .highlight import (LAYER_STYLES, OKABE_ITO, STANCE_COLOURS, STANCE_HATCHES, VERDICT_COLOURS,
                        VERDICT_HATCHES, VOICE_COLOURS, VOICE_HATCHES)

STANCES: Tuple[str, ...] = ("neutral", "distancing", "endorsing")
VERDICTS: Tuple[str, ...] = ("checkable", "unverifiable")
VOICES: Tuple[str, ...] = ("reporter", "source")
REPORTER = "the reporter (no source)"


def _axes(ax, bars: int = 3):
    """``ax``, or a new figure sized for ``bars`` horizontal bars."""
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(8, 1.6 + 0.45 * max(bars, 2)), layout="constrained")
    return ax


def _title(ax, text: str) -> None:
    """A finding as the title, wrapped so it never runs off the figure."""
    ax.set_title(textwrap.fill(text, 70), fontsize=10, loc="left")


def _wrapped(names: Sequence[str]) -> List[str]:
    """Long source names wrapped onto several short lines for the axis."""
    return [textwrap.fill(n, 28) for n in names]


def _empty(ax, title: str, message: str):
    ax.set_title(title, fontsize=10, loc="left")
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#444")
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def _who(a) -> str:
    return a.speaker or (a.source.text if a.source is not None else "(no source given)")


def voice_counts(analysis) -> List[Tuple[str, int, int]]:
    """``(speaker, words quoted or paraphrased, attributions)``, most words first."""
    words: Counter = Counter()
    count: Counter = Counter()
    for a in analysis.attributions:
        who = _who(a)
        words[who] += len(a.content.text.split()) if a.content is not None else 0
        count[who] += 1
    return sorted(((w, words[w], count[w]) for w in count), key=lambda r: (-r[1], -r[2], r[0]))


def voices(analysis, *, ax=None):
    """Horizontal bars: how many words each source gets (quoted or paraphrased)."""
    rows = voice_counts(analysis)
    ax = _axes(ax, len(rows))
    if not rows:
        return _empty(ax, "Who speaks: no attributed voices found", "The kit found no attributions.")
    names = [r[0] for r in rows][::-1]
    words = [r[1] for r in rows][::-1]
    ax.barh(range(len(names)), words, color=LAYER_STYLES["attribution"].colour, edgecolor="black",
            tick_label=_wrapped(names))
    for y, (w, n) in enumerate(zip(words, [r[2] for r in rows][::-1])):
        ax.annotate(f" {w} words, {n}×", (w, y), va="center", fontsize=9)
    total = sum(words) or 1
    top, top_words = rows[0][0], rows[0][1]
    _title(ax, f"Who speaks: {top} gets {top_words} of {total} attributed words "
                f"({top_words / total:.0%})" if len(rows) > 1 else
                f"Who speaks: only one voice, {top} ({top_words} words)")
    ax.set_xlabel("words of the article attributed to each source")
    ax.set_xlim(0, max(words) * 1.35 + 1)
    return ax


def stance_counts(analysis) -> Dict[str, Counter]:
    """For each source: how many of its reporting verbs are neutral, distancing or endorsing."""
    out: Dict[str, Counter] = defaultdict(Counter)
    for a in analysis.attributions:
        out[_who(a)][a.stance] += 1
    return dict(out)


def _stacked(ax, table: Dict[str, Counter], keys: Sequence[str], colours: Dict[str, str],
             hatches: Dict[str, str]) -> List[str]:
    """Horizontal stacked bars, one a row of ``table``, largest at the top; returns the row names
    from smallest to largest."""
    names = sorted(table, key=lambda n: (sum(table[n].values()), n))
    left = [0] * len(names)
    for key in keys:
        values = [table[n].get(key, 0) for n in names]
        if not any(values):
            continue
        ax.barh(range(len(names)), values, left=left, tick_label=_wrapped(names), color=colours.get(key, OKABE_ITO["grey"]),
                hatch=hatches.get(key, ""), edgecolor="black", label=key)
        left = [a + b for a, b in zip(left, values)]
    ax.legend(loc="lower right", fontsize=8, frameon=True)
    ax.set_xlim(0, max(left) * 1.3 + 0.5)
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    return names


def verb_stance(analysis, *, ax=None):
    """Stacked bars per source: neutral ("said"), distancing ("claimed", "alleged"), endorsing verbs."""
    table = stance_counts(analysis)
    ax = _axes(ax, len(table))
    if not table:
        return _empty(ax, "Reporting verbs: no attributions found", "The kit found no attributions.")
    names = _stacked(ax, table, STANCES, STANCE_COLOURS, STANCE_HATCHES)
    distanced = [n for n in names if table[n].get("distancing")]
    if distanced:
        title = "Distancing verbs (“claim”, “allege”), per source: " + ", ".join(
            f"{n} {table[n]['distancing']} of {sum(table[n].values())}" for n in reversed(distanced))
    else:
        title = "Every source gets neutral or endorsing verbs; none is distanced"
    _title(ax, title)
    ax.set_xlabel("number of reporting verbs")
    return ax


def loaded_counts(analysis) -> Dict[str, Counter]:
    """For each category of loaded wording: how many flags are in the reporter's or a source's voice."""
    out: Dict[str, Counter] = defaultdict(Counter)
    for x in analysis.loaded:
        out[x.category][x.voice] += 1
    return dict(out)


def loaded_by_category(analysis, *, ax=None):
    """Stacked bars per category of loaded wording, split by voice (reporter / source)."""
    table = loaded_counts(analysis)
    ax = _axes(ax, len(table))
    if not table:
        return _empty(ax, "Loaded wording: none found", "The kit flagged no loaded wording.")
    names = _stacked(ax, table, VOICES, VOICE_COLOURS, VOICE_HATCHES)
    reporter = sum(c.get("reporter", 0) for c in table.values())
    total = sum(sum(c.values()) for c in table.values())
    _title(ax, f"{reporter} of {total} loaded-wording flags are in the reporter's own voice; "
               f"most common: {names[-1]}")
    ax.set_xlabel("number of flags")
    return ax


def figure_counts(analysis) -> Dict[str, Counter]:
    """For each claimant (the reporter when none): how many figures are checkable or unverifiable."""
    out: Dict[str, Counter] = defaultdict(Counter)
    for f in analysis.figures:
        out[f.claimant or REPORTER][f.verdict] += 1
    return dict(out)


def figures_by_claimant(analysis, *, ax=None):
    """Stacked bars per claimant: figures a reader could check vs figures they cannot."""
    table = figure_counts(analysis)
    ax = _axes(ax, len(table))
    if not table:
        return _empty(ax, "Figures: none found", "The kit found no figures.")
    names = _stacked(ax, table, VERDICTS, VERDICT_COLOURS, VERDICT_HATCHES)
    unverifiable = sum(c.get("unverifiable", 0) for c in table.values())
    total = sum(sum(c.values()) for c in table.values())
    top = names[-1]
    _title(ax, f"{unverifiable} of {total} figures cannot be checked by a reader; "
               f"the most from {top}")
    ax.set_xlabel("number of figures")
    return ax
