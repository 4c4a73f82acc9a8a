"""The PNG summary of a graded class: score distribution and share correct per question."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Sequence


def plot_summary(rows: Sequence, path: Path) -> None:
    """One row of two charts per exercise; submissions not graded are counted in the title."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    by_exercise: Dict[str, List] = defaultdict(list)
    for row in rows:
        by_exercise[row.exercise or "(unknown exercise)"].append(row)
    from matplotlib.ticker import MaxNLocator

    # Exercises with nothing scored get no panel; the title counts every submission.
    names = sorted(n for n, group in by_exercise.items() if any(r.status != "invalid" and r.max_points for r in group))
    invalid = sum(1 for r in rows if r.status == "invalid")
    fig, axes = plt.subplots(max(len(names), 1), 2, figsize=(10, 3.2 * max(len(names), 1)), squeeze=False)
    fig.suptitle(f"{len(rows)} submissions, {invalid} invalid (see gradebook.csv)", fontsize=10)
    for (ax_scores, ax_questions), name in zip(axes, names):
        group = by_exercise[name]
        scored = [r for r in group if r.status != "invalid" and r.max_points]
        top = max((r.max_points for r in scored), default=0)
        totals = [r.total for r in scored]
        ax_scores.hist(totals, bins=range(0, top + 2), align="left", color="#0072B2", rwidth=0.85)
        ax_scores.set_xlabel("points")
        ax_scores.set_ylabel("submissions")
        ax_scores.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax_scores.set_xticks(range(0, top + 1))
        left_out = len(group) - len(scored)
        ax_scores.set_title(f"{name}: {len(scored)} scored" + (f", {left_out} invalid" if left_out else ""))
        questions = sorted({q for r in scored for q in r.points}, key=lambda q: (len(q), q))
        if scored and questions:
            share = [sum(1 for r in scored if r.question_max.get(q) and r.points.get(q, 0) == r.question_max[q])
                     / len(scored) for q in questions]
            ax_questions.bar(questions, share, color="#E69F00")
        ax_questions.set_ylim(0, 1)
        ax_questions.set_ylabel("share correct")
        ax_questions.set_title("share correct per question")
    fig.tight_layout()
    fig.savefig(path, dpi=100, metadata={"Software": None})
    plt.close(fig)
