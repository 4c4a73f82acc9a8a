"""Many articles at once: input order, per-file errors, progress, summary arithmetic, CSV, charts.

Small corpora are invented in tmp_path; the summary is checked on hand-made records, so these
tests hold whatever the detectors find.
"""
from __future__ import annotations

import io
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from kit.corpus import (ALL_OUTLETS, NO_SOURCE, REPORTER, SUMMARY_COLUMNS, CorpusItem, CorpusSummary, ProgressLine,
                        analyze_paths, corpus_summary, expand_paths, loaded_chart, read_summary_csv, save_chart,
                        stance_chart, write_summary_csv)
from kit.errors import KitInputError
from kit.records import Attribution, Figure, Loaded, TextSpan

PAGES = Path(__file__).parent / "fixtures" / "pages"

ARTICLES = {
    "north/ferry.txt": "Ferry fares rise by a fifth\n\nThe ferry company said on Monday that fares would rise "
                       "by 20 percent in April. Passengers claimed the service was often late.\n",
    "north/school.txt": "New school opens\n\nThe head teacher said the building cost 4 million pounds. "
                        "Parents welcomed the new playground.\n",
    "south/market.md": "Market hall reopens\n\nThe mayor said about 30 traders had signed up. Critics alleged "
                       "that rents were too high.\n",
    "south/roads.txt": "Roadworks extended\n\nThe council admitted the works would last until May.\n",
}


@pytest.fixture
def corpus(tmp_path) -> Path:
    for name, text in ARTICLES.items():
        path = tmp_path / "news" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path / "news"


# --- inputs ------------------------------------------------------------------------------------


def test_expand_paths_walks_folders_in_sorted_order(corpus):
    (corpus / "north" / "notes.csv").write_text("a,b\n", encoding="utf-8")  # not an article file
    (corpus / ".hidden").mkdir()
    (corpus / ".hidden" / "x.txt").write_text("hidden\n", encoding="utf-8")
    found = expand_paths([corpus])
    assert found == [str(corpus / name) for name in sorted(ARTICLES)]


def test_expand_paths_keeps_files_as_given(corpus):
    given = [str(corpus / "south" / "roads.txt"), str(corpus / "north" / "ferry.txt")]
    assert expand_paths(given) == given


def test_expand_paths_empty_folder(tmp_path):
    with pytest.raises(KitInputError, match="holds no article files"):
        expand_paths([tmp_path])


# --- order, errors, jobs ----------------------------------------------------------------------


def _broken_corpus(corpus: Path):
    (corpus / "north" / "latin1.txt").write_bytes("Caf\xe9 owner said prices rose.\n".encode("latin-1"))
    (corpus / "north" / "empty.txt").write_text("  \n", encoding="utf-8")
    paths = expand_paths([corpus])
    paths.insert(2, str(corpus / "north" / "missing.txt"))
    return paths


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_in_input_order_with_errors_per_file(corpus, jobs):
    paths = _broken_corpus(corpus)
    items = list(analyze_paths(paths, jobs=jobs))
    assert [i.index for i in items] == list(range(len(paths)))
    assert [i.path for i in items] == paths
    errors = {Path(i.path).name: i.error for i in items if i.error}
    assert set(errors) == {"latin1.txt", "empty.txt", "missing.txt"}
    assert "not UTF-8" in errors["latin1.txt"]
    assert "empty" in errors["empty.txt"]
    assert "no file at" in errors["missing.txt"]
    for item in items:
        assert (item.analysis is None) == (item.error is not None)
        if item.analysis is not None:
            assert item.analysis.text == Path(item.path).read_text(encoding="utf-8")
            assert item.words == len(item.analysis.text.split())
            assert item.analysis.doc is None
    assert [i.outlet for i in items] == [Path(p).parent.name for p in paths]


def test_two_processes_give_the_same_results_as_one(corpus):
    paths = expand_paths([corpus])
    one = [i.analysis.to_dict() for i in analyze_paths(paths, jobs=1)]
    two = [i.analysis.to_dict() for i in analyze_paths(paths, jobs=2, chunk_size=1)]
    assert one == two
    # the records come back as the kit's named tuples, not as plain lists
    items = list(analyze_paths(paths, jobs=2))
    for item in items:
        for a in item.analysis.attributions:
            assert isinstance(a, Attribution)


def test_html_files_go_through_the_html_loader(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(PAGES / "harbour_bridge.html", folder / "bridge.html")
    shutil.copy(PAGES / "app_shell.html", folder / "shell.htm")
    by_folder = list(analyze_paths(expand_paths([folder])))
    assert [Path(i.path).name for i in by_folder] == ["bridge.html", "shell.htm"]
    bridge, shell = by_folder
    assert bridge.analysis.article.headline.text == "Council approves Eastgate harbour bridge after two-year dispute"
    assert bridge.outlet == "pages"
    assert "no article text" in shell.error
    by_site = list(analyze_paths([folder / "bridge.html"], outlet_from="site"))
    assert by_site[0].outlet == "The Northfield Courier"


@pytest.mark.parametrize("options, message", [
    ({"jobs": 1.5}, "jobs must be a whole number"),
    ({"jobs": True}, "jobs must be a whole number"),
    ({"outlet_from": "author"}, "outlet_from must be one of folder, site"),
    ({"chunk_size": 0}, "chunk_size must be 1 or more"),
])
def test_bad_options(corpus, options, message):
    with pytest.raises(KitInputError, match=message):
        list(analyze_paths(expand_paths([corpus]), **options))


def test_no_paths_no_items():
    assert list(analyze_paths([], jobs=2)) == []


# --- progress ---------------------------------------------------------------------------------


def test_progress_callback_sees_every_item_in_order(corpus):
    seen = []
    paths = expand_paths([corpus])
    items = list(analyze_paths(paths, jobs=2, progress=lambda done, total, item: seen.append((done, total, item.index))))
    assert seen == [(n + 1, len(paths), n) for n in range(len(paths))]
    assert len(items) == len(paths)


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def _ok(index=0):
    return CorpusItem(index, f"f{index}.txt", "x", object(), None, 10)


def _failed(index=0):
    return CorpusItem(index, f"f{index}.txt", "x", None, "broken", 0)


def test_progress_line_on_a_terminal():
    clock = iter([0.0, 1.0, 1.05, 2.0, 4.0]).__next__
    stream = FakeTerminal()
    line = ProgressLine(stream, clock=clock, min_interval=0.1)  # started at t=0
    line(1, 4, _ok(0))  # t=1.0: shown
    line(2, 4, _failed(1))  # t=1.05: too soon, not shown
    line(3, 4, _ok(2))  # t=2.0: shown
    line(4, 4, _ok(3))  # t=4.0: the last one is always shown
    line.close()
    assert stream.getvalue() == ("\r\x1b[Kkit: 1/4 files (25%), 1.0 files/s"
                                 "\r\x1b[Kkit: 3/4 files (75%), 1.5 files/s, 1 failed"
                                 "\r\x1b[Kkit: 4/4 files (100%), 1.0 files/s, 1 failed\n")


def test_progress_line_silent_when_not_a_terminal():
    stream = io.StringIO()
    line = ProgressLine(stream)
    for n in range(1, 4):
        line(n, 3, _failed(n))
    line.close()
    assert stream.getvalue() == ""
    assert line.errors == 3


# --- summary arithmetic on hand-made records --------------------------------------------------


def _att(speaker, stance, content_words, *, lemma="say"):
    content = None if content_words is None else TextSpan(0, 1, " ".join(["w"] * content_words))
    source = None if speaker is None else TextSpan(0, 1, speaker)
    return Attribution(TextSpan(0, 1, lemma), source, content, lemma, stance, "why", "person", speaker, "form")


def _loaded(category, voice):
    return Loaded(0, 1, "x", category, "why", "ask", (), voice, None)


def _figure(claimant, verdict):
    return Figure(0, 1, "3", 3.0, None, "=", None, claimant, verdict, ())


def _item(index, outlet, *, attributions=(), loaded=(), figures=(), words=100):
    analysis = SimpleNamespace(attributions=list(attributions), loaded=list(loaded), figures=list(figures))
    return CorpusItem(index, f"{outlet}/{index}.txt", outlet, analysis, None, words)


ITEMS = [
    _item(0, "north", attributions=[_att("Ana Lopez", "neutral", 10), _att("Ana Lopez", "distancing", 4),
                                    _att("Ben Ng", "neutral", 6)],
          loaded=[_loaded("label", "reporter"), _loaded("label", "reporter"), _loaded("intensifier", "source")],
          figures=[_figure(None, "checkable"), _figure("Ana Lopez", "unverifiable")], words=200),
    _item(1, "north", attributions=[_att("Ana Lopez", "neutral", 5), _att(None, "neutral", None)],
          figures=[_figure(None, "unverifiable")], words=150),
    _item(2, "south", attributions=[_att("Ana Lopez", "endorsing", 7)], loaded=[_loaded("label", "source")], words=50),
    CorpusItem(3, "south/bad.txt", "south", None, "not UTF-8", 0),
]


def _rows(rows, table, outlet):
    return [(r["who"], r["what"], r["count"], r["words"], r["articles"]) for r in rows
            if r["table"] == table and r["outlet"] == outlet]


def test_summary_articles_table():
    rows = corpus_summary(ITEMS)
    assert _rows(rows, "articles", ALL_OUTLETS) == [("", "analysed", 3, 400, 3), ("", "failed", 1, 0, 1)]
    assert _rows(rows, "articles", "north") == [("", "analysed", 2, 350, 2)]
    assert _rows(rows, "articles", "south") == [("", "analysed", 1, 50, 1), ("", "failed", 1, 0, 1)]


def test_summary_who_is_quoted():
    rows = corpus_summary(ITEMS)
    assert _rows(rows, "voices", ALL_OUTLETS) == [
        ("Ana Lopez", "attributions", 4, 26, 3),  # 10 + 4 + 5 + 7 content words, in 3 articles
        (NO_SOURCE, "attributions", 1, 0, 1),  # no source, no content; ties go by name: "(" before "B"
        ("Ben Ng", "attributions", 1, 6, 1),
    ]
    assert _rows(rows, "voices", "south") == [("Ana Lopez", "attributions", 1, 7, 1)]


def test_summary_stance_per_source():
    rows = corpus_summary(ITEMS)
    assert _rows(rows, "stance", ALL_OUTLETS) == [
        ("Ana Lopez", "neutral", 2, None, 2), ("Ana Lopez", "distancing", 1, None, 1),
        ("Ana Lopez", "endorsing", 1, None, 1), (NO_SOURCE, "neutral", 1, None, 1), ("Ben Ng", "neutral", 1, None, 1)]
    assert _rows(rows, "stance", "north") == [
        ("Ana Lopez", "neutral", 2, None, 2), ("Ana Lopez", "distancing", 1, None, 1),
        (NO_SOURCE, "neutral", 1, None, 1), ("Ben Ng", "neutral", 1, None, 1)]


def test_summary_loaded_wording_per_outlet():
    rows = corpus_summary(ITEMS)
    assert _rows(rows, "loaded", "north") == [("reporter", "label", 2, None, 1), ("source", "intensifier", 1, None, 1)]
    assert _rows(rows, "loaded", "south") == [("source", "label", 1, None, 1)]
    assert _rows(rows, "loaded", ALL_OUTLETS) == [("reporter", "label", 2, None, 1),
                                                  ("source", "intensifier", 1, None, 1),
                                                  ("source", "label", 1, None, 1)]


def test_summary_figures_per_claimant_and_verdict():
    rows = corpus_summary(ITEMS)
    assert _rows(rows, "figures", ALL_OUTLETS) == [(REPORTER, "checkable", 1, None, 1),
                                                   (REPORTER, "unverifiable", 1, None, 1),
                                                   ("Ana Lopez", "unverifiable", 1, None, 1)]


def test_summary_without_totals_and_table_order():
    rows = corpus_summary(ITEMS, totals=False)
    assert ALL_OUTLETS not in {r["outlet"] for r in rows}
    tables = [r["table"] for r in rows]
    assert tables == sorted(tables, key=["articles", "voices", "stance", "loaded", "figures"].index)
    assert all(set(r) == set(SUMMARY_COLUMNS) for r in rows)


def test_summary_added_one_by_one_equals_all_at_once():
    summary = CorpusSummary()
    for item in reversed(ITEMS):  # order of arrival does not change the rows
        summary.add(item)
    assert summary.rows() == corpus_summary(ITEMS)


def test_summary_of_nothing():
    assert corpus_summary([]) == []


def test_summary_takes_analyses_too(corpus):
    from kit.analysis import analyze

    analysis = analyze(corpus / "north" / "ferry.txt")
    rows = corpus_summary([analysis])
    assert _rows(rows, "articles", "north")[0][:4] == ("", "analysed", 1, len(analysis.text.split()))


def test_summary_rejects_other_things():
    with pytest.raises(KitInputError, match="takes CorpusItems or analyses, not str"):
        corpus_summary(["north/ferry.txt"])


# --- CSV and charts ---------------------------------------------------------------------------


def test_csv_round_trip(tmp_path):
    rows = corpus_summary(ITEMS)
    path = write_summary_csv(rows, tmp_path / "summary.csv")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == ",".join(SUMMARY_COLUMNS)
    assert lines[1] == "articles,(all outlets),,analysed,3,400,3"
    assert "stance,(all outlets),Ana Lopez,distancing,1,,1" in lines
    assert read_summary_csv(path) == rows


def test_stance_chart(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    rows = corpus_summary(ITEMS)
    ax = stance_chart(rows)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Ben Ng", NO_SOURCE, "Ana Lopez"]  # most verbs at the top
    widths = sorted(p.get_width() for p in ax.patches if p.get_width())
    assert widths == [1, 1, 1, 1, 2]  # neutral 2+1+1, distancing 1, endorsing 1
    assert "distancing verbs go to Ana Lopez" in ax.get_title()
    south = stance_chart(rows, outlet="south")
    assert "no source gets distancing verbs" in south.get_title()
    import matplotlib.pyplot as plt

    plt.close("all")


def test_loaded_chart_per_thousand_words():
    import matplotlib

    matplotlib.use("Agg")
    ax = loaded_chart(corpus_summary(ITEMS))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["north", "south"]
    # north: 1 intensifier + 2 label in 350 words; south: 1 label in 50 words
    widths = sorted(round(p.get_width(), 3) for p in ax.patches if p.get_width())
    assert widths == [round(1000 / 350, 3), round(2000 / 350, 3), 20.0]
    assert "most in south (20.0)" in ax.get_title()
    import matplotlib.pyplot as plt

    plt.close("all")


def test_charts_with_nothing_to_draw():
    import matplotlib

    matplotlib.use("Agg")
    assert "no attributions found" in stance_chart([]).get_title()
    assert "none found" in loaded_chart([]).get_title()
    import matplotlib.pyplot as plt

    plt.close("all")


def test_save_chart(tmp_path):
    path = save_chart(corpus_summary(ITEMS), tmp_path / "corpus.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(KitInputError, match="use .png, .svg or .pdf"):
        save_chart(corpus_summary(ITEMS), tmp_path / "corpus.docx")


# --- the batch command ------------------------------------------------------------------------


@pytest.mark.parametrize("jobs", [1, 2])
def test_run_batch_writes_jsonl_in_order_csv_and_chart(corpus, tmp_path, jobs):
    import json

    from kit.corpus import run_batch

    (corpus / "south" / "broken.txt").write_bytes(b"\xff\xfe\x00\x00binary")
    shutil.copy(PAGES / "harbour_bridge.html", corpus / "north" / "bridge.html")
    out, err = io.StringIO(), io.StringIO()
    status = run_batch([corpus], out=out, err=err, jobs=jobs, summary_csv=tmp_path / "s.csv",
                       chart=tmp_path / "c.png")
    files = expand_paths([corpus])
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    assert [x["origin"] for x in lines] == files
    broken = lines[files.index(str(corpus / "south" / "broken.txt"))]
    assert set(broken) == {"origin", "error"} and "binary file" in broken["error"]
    assert err.getvalue() == f"kit: {corpus / 'south' / 'broken.txt'}: {broken['error']}\n"  # no progress: not a TTY
    bridge = lines[files.index(str(corpus / "north" / "bridge.html"))]
    assert bridge["page"]["metadata"]["sitename"] == "The Northfield Courier"
    assert "Read more:" in bridge["page"]["dropped"]
    assert "Read more:" not in bridge["text"]
    assert status == 2
    rows = read_summary_csv(tmp_path / "s.csv")
    assert [r for r in rows if r["table"] == "articles" and r["outlet"] == ALL_OUTLETS] == [
        {"table": "articles", "outlet": ALL_OUTLETS, "who": "", "what": "analysed", "count": len(files) - 1,
         "words": sum(len(x["text"].split()) for x in lines if "text" in x), "articles": len(files) - 1},
        {"table": "articles", "outlet": ALL_OUTLETS, "who": "", "what": "failed", "count": 1, "words": 0,
         "articles": 1}]
    assert (tmp_path / "c.png").read_bytes()[:4] == b"\x89PNG"


def test_run_batch_all_good_exits_zero(corpus):
    from kit.corpus import run_batch

    out = io.StringIO()
    assert run_batch([corpus / "north"], out=out, err=io.StringIO()) == 0
    assert len(out.getvalue().splitlines()) == 2


def test_progress_line_write_clears_the_line_first():
    stream = FakeTerminal()
    line = ProgressLine(stream, clock=iter([0.0, 1.0]).__next__)
    line(1, 2, _ok())
    line.write("kit: f1.txt: broken")
    line.close()  # nothing shown since the message: no extra newline
    assert stream.getvalue() == "\r\x1b[Kkit: 1/2 files (50%), 1.0 files/s\r\x1b[Kkit: f1.txt: broken\n"
