"""Two articles on the same event, side by side: who speaks, how each source is introduced,
which loaded wording, whose figures.

    >>> import kit
    >>> from kit.side_by_side import comparison, side_by_side_table, side_by_side_charts
    >>> a, b = kit.analyze(), kit.analyze("seeds/opposite_framing.txt")
    >>> print(side_by_side_table(a, b, names=("seed", "opposite")))
    >>> side_by_side_charts(a, b, names=("seed", "opposite"))     # a matplotlib Figure

The counts are those of :mod:`kit.charts` (voices, verb stance per source, loaded wording per
category, figures per claimant), for each article, in one table: the same method on both texts,
so a difference in the numbers is a difference in the texts.
"""
from __future__ import annotations

from collections import Counter
from typing import Dict, List, Sequence, Tuple

from . import charts

ASPECTS: Tuple[str, ...] = ("voices", "verb stance", "loaded wording", "figures")


def _stances(c: Counter) -> str:
    return ", ".join(f"{c[s]} {s}" for s in charts.STANCES if c.get(s)) or "-"


def comparison(a, b) -> Dict[str, List[Tuple[str, str, str]]]:
    """Per aspect, rows ``(what, in a, in b)`` as short texts, sorted by name; '-' where absent."""
    out: Dict[str, List[Tuple[str, str, str]]] = {}
    va = {w: (words, n) for w, words, n in charts.voice_counts(a)}
    vb = {w: (words, n) for w, words, n in charts.voice_counts(b)}
    show_v = lambda v: f"{v[1]}× ({v[0]} words)" if v else "-"
    out["voices"] = [(w, show_v(va.get(w)), show_v(vb.get(w))) for w in sorted(set(va) | set(vb), key=str.casefold)]
    sa, sb = charts.stance_counts(a), charts.stance_counts(b)
    out["verb stance"] = [(w, _stances(sa.get(w, Counter())), _stances(sb.get(w, Counter())))
                          for w in sorted(set(sa) | set(sb), key=str.casefold)]
    la, lb = charts.loaded_counts(a), charts.loaded_counts(b)
    words_a: Dict[str, List[str]] = {}
    words_b: Dict[str, List[str]] = {}
    for analysis, words in ((a, words_a), (b, words_b)):
        for x in analysis.loaded:
            words.setdefault(x.category, [])
            if x.text not in words[x.category]:
                words[x.category].append(x.text)
    show_l = lambda c, ws: f"{sum(c.values())}: " + ", ".join(ws[:4]) + (" …" if len(ws) > 4 else "") if c else "-"
    out["loaded wording"] = [(cat, show_l(la.get(cat), words_a.get(cat, [])), show_l(lb.get(cat), words_b.get(cat, [])))
                             for cat in sorted(set(la) | set(lb))]
    fa, fb = charts.figure_counts(a), charts.figure_counts(b)
    show_f = lambda c: ", ".join(f"{c[v]} {v}" for v in charts.VERDICTS if c.get(v)) if c else "-"
    out["figures"] = [(w, show_f(fa.get(w)), show_f(fb.get(w))) for w in sorted(set(fa) | set(fb), key=str.casefold)]
    return out


def side_by_side_table(a, b, *, names: Sequence[str] = ("A", "B"), width: int = 34) -> str:
    """The comparison as plain text, one block per aspect (what, article A, article B)."""
    clip = lambda s, n: s if len(s) <= n else s[: n - 1] + "…"
    lines: List[str] = []
    for aspect, rows in comparison(a, b).items():
        lines.append(f"{aspect.upper():<{width}} {clip(names[0], width):<{width}} {clip(names[1], width)}")
        for what, x, y in rows or [("(none in either)", "", "")]:
            lines.append(f"  {clip(what, width - 2):<{width - 2}} {clip(x, width):<{width}} {clip(y, width)}".rstrip())
        lines.append("")
    return "\n".join(lines).rstrip("\n")


def side_by_side_charts(a, b, *, names: Sequence[str] = ("A", "B")):
    """A figure of 4 rows (the aspects) by 2 columns (the articles), drawn by :mod:`kit.charts`."""
    import matplotlib.pyplot as plt

    draw = (charts.voices, charts.verb_stance, charts.loaded_by_category, charts.figures_by_claimant)
    fig, axes = plt.subplots(len(draw), 2, figsize=(15, 4.2 * len(draw)))
    for row, fn in enumerate(draw):
        for col, (analysis, name) in enumerate(((a, names[0]), (b, names[1]))):
            ax = fn(analysis, ax=axes[row][col])
            finding = ax.get_title(loc="left") or ax.get_title()
            ax.set_title("", loc="center")
            ax.set_title(f"{name}\n{finding}", fontsize=9, loc="left")
    fig.tight_layout()
    return fig
