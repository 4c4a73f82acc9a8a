"""Two articles side by side: the same counts as kit.charts, per article, absent as '-'."""
import matplotlib

matplotlib.use("Agg")

import kit  # noqa: E402
from kit.side_by_side import ASPECTS, comparison, side_by_side_charts, side_by_side_table  # noqa: E402

A = ("Council approves bridge\n\nMayor Lena Ortiz said the bridge will cost 12 million euros. "
     "Residents claimed the council had ignored them.\n")
B = ("Council forces through bridge\n\nResidents said the council had ignored them. Mayor Lena Ortiz claimed "
     "the reckless project will cost 12 million euros.\n")


def test_each_aspect_compares_both_articles():
    a, b = kit.analyze(A), kit.analyze(B)
    rows = comparison(a, b)
    assert tuple(rows) == ASPECTS
    stance = {what: (x, y) for what, x, y in rows["verb stance"]}
    assert stance["Lena Ortiz"] == ("1 neutral", "1 distancing")
    assert stance["Residents"] == ("1 distancing", "1 neutral")
    loaded = {what: (x, y) for what, x, y in rows["loaded wording"]}
    assert loaded["intensifier"] == ("-", "1: reckless")
    figures = {what: (x, y) for what, x, y in rows["figures"]}
    assert set(figures) == {"Lena Ortiz"}


def test_nothing_in_either_is_said_so():
    a = b = kit.analyze("Plain notes\n\nThe bridge is grey. It crosses the river.\n")
    text = side_by_side_table(a, b, names=("one", "two"))
    assert text.count("(none in either)") == 4
    assert text.splitlines()[0].startswith("VOICES") and "one" in text.splitlines()[0]


def test_charts_have_one_panel_per_aspect_and_article():
    fig = side_by_side_charts(kit.analyze(A), kit.analyze(B), names=("A", "B"))
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    assert len(titles) == 8 and [t.split("\n")[0] for t in titles] == ["A", "B"] * 4
    assert all(len(t.split("\n", 1)[1]) > 10 for t in titles), "each panel keeps the finding its chart states"
