"""Many articles at once: analyse a folder in input order, on several cores, and summarise it.

``analyze_paths(paths, jobs=N)`` yields one :class:`CorpusItem` per file, in the order given,
whatever the number of processes; a file that cannot be read or analysed becomes an item with
an ``error`` message and the run goes on. ``corpus_summary(items)`` turns the results into rows
for a CSV (who is quoted, verb stance per source, loaded wording per outlet, figures per
claimant and verdict), ``write_summary_csv`` writes them, and ``stance_chart`` /
``loaded_chart`` draw them.

Why a process pool and not ``nlp.pipe(n_process=N)``: spaCy sends documents back from its
worker processes through ``Doc.to_bytes()``, which stores ``doc.user_data`` as msgpack, so the
kit's records come back as plain lists, not named tuples (measured: ``Attribution`` arrives as a
``list``). Each worker here runs the whole analysis and sends back the records themselves
(pickled), without the ``Doc``: ``item.analysis.doc`` is ``None`` on every item.

    >>> for item in analyze_paths(expand_paths(["articles/"]), jobs=2):   # doctest: +SKIP
    ...     print(item.path, item.error or len(item.analysis.attributions))
"""
from __future__ import annotations

import csv
import multiprocessing
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Callable, Dict, Iterable, Iterator, List, NamedTuple, Optional, Sequence, Tuple, Union

from .errors import KitInputError

ARTICLE_SUFFIXES: Tuple[str, ...] = (".txt", ".md", ".html", ".htm")
OUTLET_SOURCES: Tuple[str, ...] = ("folder", "site")
DEFAULT_CHUNK_SIZE = 8  # files sent to a worker at a time: fewer round trips, order kept by imap
ALL_OUTLETS = "(all outlets)"
REPORTER = "the reporter (no source)"
NO_SOURCE = "(no source given)"
SUMMARY_COLUMNS: Tuple[str, ...] = ("table", "outlet", "who", "what", "count", "words", "articles")
TABLES: Tuple[str, ...] = ("articles", "voices", "stance", "loaded", "figures")
STANCES: Tuple[str, ...] = ("neutral", "distancing", "endorsing")

Progress = Callable[[int, Optional[int], "CorpusItem"], None]


class CorpusItem(NamedTuple):
    """One input file and what became of it."""

    index: int  # position in the input
    path: str
    outlet: str  # the parent folder's name, or the site name from an HTML page's metadata
    analysis: Optional[object]  # kit.analysis.Analysis (with doc=None), or None when it failed
    error: Optional[str]  # what went wrong, in words, or None
    words: int  # words in the article text (0 when it failed)
    page: Optional[Dict[str, object]] = None  # HTML inputs: {"metadata": {...}, "dropped": [...]} (see kit.html_source)


# ---------------------------------------------------------------------------------------------
# Inputs


def expand_paths(paths: Iterable[Union[str, os.PathLike]], *, suffixes: Sequence[str] = ARTICLE_SUFFIXES) -> List[str]:
    """Files as given; folders replaced by the article files inside them (recursively, sorted)."""
    out: List[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(str(f) for f in path.rglob("*") if f.is_file() and f.suffix.lower() in suffixes
                           and not any(part.startswith(".") for part in f.relative_to(path).parts))
            if not found:
                raise KitInputError(f"{path} holds no article files ({', '.join(suffixes)})")
            out.extend(found)
        else:
            out.append(str(p))
    return out


def _outlet(path: str, page: Optional[dict], outlet_from: str) -> str:
    if outlet_from == "site" and page:
        name = page["metadata"].get("sitename") or page["metadata"].get("hostname")
        if name:
            return name
    return Path(path).resolve().parent.name or "."


def load_path(path: str):
    """``(Article, page or None)`` for one file: a web page (by its suffix) keeps its metadata and the
    page text the extractor dropped in ``page``; other files are read as text."""
    from .article import load_article

    article = load_article(Path(path))
    page = article.page
    return article, (None if page is None else {"metadata": page.metadata, "dropped": list(page.dropped)})


def analyze_path(index: int, path: str, *, model: Optional[str] = None, outlet_from: str = "folder") -> CorpusItem:
    """Load and analyse one file; any failure becomes the item's ``error`` (never raised)."""
    from .analysis import analyze

    page = None
    try:
        article, page = load_path(path)
        analysis = analyze(article, model=model)
        analysis.doc = None  # the records stay; the Doc would be heavy to keep or to send between processes
        return CorpusItem(index, path, _outlet(path, page, outlet_from), analysis, None, len(article.text.split()), page)
    except KitInputError as err:
        return CorpusItem(index, path, _outlet(path, page, outlet_from), None, str(err), 0, page)
    except Exception as err:  # one broken file must not stop a run over thousands
        return CorpusItem(index, path, _outlet(path, page, outlet_from), None,
                          f"the kit failed on this file ({type(err).__name__}: {err}); please report it", 0, page)


# ---------------------------------------------------------------------------------------------
# Worker processes

_WORKER_OPTIONS: Dict[str, Optional[str]] = {}


def _init_worker(model: Optional[str], outlet_from: str) -> None:
    from .pipeline import get_nlp

    _WORKER_OPTIONS.update(model=model, outlet_from=outlet_from)
    get_nlp(model)  # build the pipeline once per process, before the first file


def _work(job: Tuple[int, str]) -> CorpusItem:
    index, path = job
    return analyze_path(index, path, model=_WORKER_OPTIONS.get("model"),
                        outlet_from=_WORKER_OPTIONS.get("outlet_from") or "folder")


def _check_options(jobs: int, outlet_from: str, chunk_size: int) -> int:
    if not isinstance(jobs, int) or isinstance(jobs, bool):
        raise KitInputError(f"jobs must be a whole number of processes, not {jobs!r}")
    if outlet_from not in OUTLET_SOURCES:
        raise KitInputError(f"outlet_from must be one of {', '.join(OUTLET_SOURCES)}, not {outlet_from!r}")
    if chunk_size < 1:
        raise KitInputError(f"chunk_size must be 1 or more, not {chunk_size}")
    return jobs if jobs >= 1 else (os.cpu_count() or 1)


def analyze_paths(paths: Iterable[Union[str, os.PathLike]], *, jobs: int = 1, model: Optional[str] = None,
                  progress: Optional[Progress] = None, outlet_from: str = "folder",
                  chunk_size: int = DEFAULT_CHUNK_SIZE, start_method: Optional[str] = None) -> Iterator[CorpusItem]:
    """Analyse files, yielding one :class:`CorpusItem` per path in input order.

    ``jobs``: processes (1 = in this process; 0 or less = one per core). ``progress`` is called
    after each file as ``progress(done, total, item)`` (see :class:`ProgressLine`).
    ``outlet_from="site"`` names the outlet of an HTML page by its site name instead of its folder.
    ``start_method`` picks the multiprocessing start method (default: the platform's; with
    "spawn", the default on macOS and Windows, call this under ``if __name__ == "__main__":``).
    """
    jobs = _check_options(jobs, outlet_from, chunk_size)
    from .pipeline import get_nlp

    get_nlp(model)  # fail early, in this process, when the model is not installed
    todo = [str(p) for p in paths]
    total = len(todo)
    jobs = min(jobs, max(1, total))
    if jobs == 1:
        results: Iterable[CorpusItem] = (analyze_path(i, p, model=model, outlet_from=outlet_from)
                                         for i, p in enumerate(todo))
        yield from _with_progress(results, total, progress)
        return
    ctx = multiprocessing.get_context(start_method)
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(model, outlet_from)) as pool:
        chunk = max(1, min(chunk_size, total // (jobs * 4) or 1))
        yield from _with_progress(pool.imap(_work, enumerate(todo), chunksize=chunk), total, progress)


def _with_progress(results: Iterable[CorpusItem], total: int, progress: Optional[Progress]) -> Iterator[CorpusItem]:
    for done, item in enumerate(results, 1):
        if progress is not None:
            progress(done, total, item)
        yield item


class ProgressLine:
    """A progress line on a terminal, rewritten in place: ``kit: 120/3000 files (4%) …``.

    Writes nothing when ``stream`` is not a terminal (a file, a pipe, a notebook), so logs and
    redirected output stay clean. Use as ``progress=`` of :func:`analyze_paths`; call ``close()``
    at the end to finish the line.
    """

    def __init__(self, stream=None, *, min_interval: float = 0.1, clock: Callable[[], float] = time.monotonic):
        self.stream = sys.stderr if stream is None else stream
        self.active = bool(getattr(self.stream, "isatty", lambda: False)())
        self.min_interval = min_interval
        self.clock = clock
        self.started = clock()
        self.last = float("-inf")
        self.errors = 0
        self.shown = False

    def line(self, done: int, total: Optional[int], now: Optional[float] = None) -> str:
        elapsed = max((self.clock() if now is None else now) - self.started, 1e-9)
        of = f"/{total} files ({done / total:.0%})" if total else " files"
        errors = f", {self.errors} failed" if self.errors else ""
        return f"kit: {done}{of}, {done / elapsed:.1f} files/s{errors}"

    def __call__(self, done: int, total: Optional[int], item: Optional[CorpusItem] = None) -> None:
        if item is not None and item.error:
            self.errors += 1
        if not self.active:
            return
        now = self.clock()
        if now - self.last < self.min_interval and done != total:
            return
        self.last = now
        self.stream.write("\r\x1b[K" + self.line(done, total, now))
        self.stream.flush()
        self.shown = True

    def write(self, message: str) -> None:
        """Write a whole line (an error message) to the stream, above the progress line."""
        if self.active and self.shown:
            self.stream.write("\r\x1b[K")
            self.shown = False
        self.stream.write(message.rstrip("\n") + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.active and self.shown:
            self.stream.write("\n")
            self.stream.flush()
            self.shown = False


def item_json(item: CorpusItem) -> Dict[str, object]:
    """The JSON object of one item: the analysis's ``to_dict()`` (plus ``page`` for HTML inputs),
    or ``{"origin": path, "error": message}``."""
    if item.analysis is None:
        return {"origin": item.path, "error": item.error}
    doc = item.analysis.to_dict()
    if item.page is not None:
        doc["page"] = item.page
    return doc


def run_batch(paths: Iterable[Union[str, os.PathLike]], *, out, err, jobs: int = 1, model: Optional[str] = None,
              summary_csv: Optional[Union[str, os.PathLike]] = None, chart: Optional[Union[str, os.PathLike]] = None,
              outlet_from: str = "folder", progress: Optional[ProgressLine] = None) -> int:
    """``python -m kit analyze --jsonl --jobs N [--summary-csv PATH] [--chart PATH]``.

    Folders in ``paths`` are expanded. Writes one JSON object a line to ``out`` in input order (a
    failed file as ``{"origin", "error"}``, also reported as ``kit: …`` on ``err``), a progress
    line on ``err`` when it is a terminal, then the summary CSV and the chart if asked for.
    Returns the exit status: 0 when every file was analysed, 2 when some failed.
    """
    import json

    files = expand_paths(paths)
    line = progress if progress is not None else ProgressLine(err)
    summary = CorpusSummary()
    failed = 0
    try:
        for item in analyze_paths(files, jobs=jobs, model=model, progress=line, outlet_from=outlet_from):
            if item.error:
                failed += 1
                line.write(f"kit: {item.path}: {item.error}")
            out.write(json.dumps(item_json(item), ensure_ascii=False) + "\n")
            summary.add(item)
    finally:
        line.close()
    rows = summary.rows()
    if summary_csv is not None:
        write_summary_csv(rows, summary_csv)
    if chart is not None:
        save_chart(rows, chart)
    return 2 if failed else 0


# ---------------------------------------------------------------------------------------------
# Corpus summary



def _who(a) -> str:
    return a.speaker or (a.source.text if a.source is not None else NO_SOURCE)


def _as_item(x) -> CorpusItem:
    """A CorpusItem as it is; an Analysis (or any object with its record lists) as an item."""
    if isinstance(x, CorpusItem):
        return x
    if hasattr(x, "attributions"):
        origin = getattr(getattr(x, "article", None), "origin", "") or ""
        outlet = Path(origin).parent.name if origin not in ("", "seed", "<text>") else "(no outlet)"
        text = getattr(x, "text", "") or ""
        return CorpusItem(-1, origin, outlet or ".", x, None, len(text.split()))
    raise KitInputError(f"corpus_summary() takes CorpusItems or analyses, not {type(x).__name__}")


class CorpusSummary:
    """Counts gathered one article at a time, so memory stays small over thousands of articles.

    ``add(item)`` for each :class:`CorpusItem` (or Analysis); ``rows()`` gives the CSV rows. With
    ``totals=True`` every table also has rows for ALL_OUTLETS (do not add those to the others).
    """

    def __init__(self, *, totals: bool = True):
        self.totals = totals
        self.count: Counter = Counter()  # (table, outlet, who, what) -> count
        self.words: Counter = Counter()  # (table, outlet, who, what) -> words
        self.articles: Counter = Counter()  # (table, outlet, who, what) -> articles holding it

    def _bump(self, keys: Iterable[Tuple[str, str, str, str]], *, words: Optional[Dict] = None) -> None:
        keys = list(keys)
        self.count.update(keys)
        for key in set(keys):
            self.articles[key] += 1
        for key, n in (words or {}).items():
            self.words[key] += n

    def add(self, item) -> None:
        item = _as_item(item)
        outlets = [item.outlet] + ([ALL_OUTLETS] if self.totals else [])
        for outlet in outlets:
            status = "failed" if item.analysis is None else "analysed"
            self._bump([("articles", outlet, "", status)], words={("articles", outlet, "", status): item.words})
            if item.analysis is None:
                continue
            a = item.analysis
            voice_words: Counter = Counter()
            keys = []
            for att in a.attributions:
                key = ("voices", outlet, _who(att), "attributions")
                keys.append(key)
                voice_words[key] += len(att.content.text.split()) if att.content is not None else 0
                keys.append(("stance", outlet, _who(att), att.stance))
            keys += [("loaded", outlet, x.voice, x.category) for x in a.loaded]
            keys += [("figures", outlet, f.claimant or REPORTER, f.verdict) for f in a.figures]
            self._bump(keys, words=voice_words)

    def rows(self) -> List[Dict[str, object]]:
        """One dict per row, columns SUMMARY_COLUMNS, in a fixed order (see :func:`corpus_summary`)."""
        outlets = sorted({k[1] for k in self.count if k[1] != ALL_OUTLETS})
        outlet_rank = {o: i for i, o in enumerate(([ALL_OUTLETS] if self.totals else []) + outlets)}
        who_total: Counter = Counter()
        for (table, outlet, who, _what), n in self.count.items():
            who_total[table, outlet, who] += n
        what_rank = {s: i for i, s in enumerate(("analysed", "failed", "attributions") + STANCES)}

        def order(key):
            table, outlet, who, what = key
            return (TABLES.index(table), outlet_rank[outlet], -who_total[table, outlet, who], who,
                    what_rank.get(what, len(what_rank)), what)

        rows = []
        for key in sorted(self.count, key=order):
            table, outlet, who, what = key
            has_words = table in ("articles", "voices")
            rows.append({"table": table, "outlet": outlet, "who": who, "what": what, "count": self.count[key],
                         "words": self.words[key] if has_words else None, "articles": self.articles[key]})
        return rows


def corpus_summary(items: Iterable, *, totals: bool = True) -> List[Dict[str, object]]:
    """Rows for a CSV (columns SUMMARY_COLUMNS) summarising many analysed articles.

    * ``articles``: per outlet, articles analysed / failed (``count``) and their ``words``;
    * ``voices``: who is quoted: per outlet and speaker, attributions (``count``), words of
      content attributed to them (``words``) and ``articles`` quoting them;
    * ``stance``: per outlet and speaker, reporting verbs by stance (neutral, distancing, endorsing);
    * ``loaded``: per outlet, loaded-wording flags by ``what`` = category, ``who`` = voice
      (reporter or source);
    * ``figures``: per outlet and claimant (REPORTER when none), figures by verdict.

    ``articles`` is always the number of articles where the row's thing occurs. Rows for
    ALL_OUTLETS come first in each table when ``totals`` is true.
    """
    summary = CorpusSummary(totals=totals)
    for item in items:
        summary.add(item)
    return summary.rows()


def write_summary_csv(rows: Iterable[Dict[str, object]], path: Union[str, os.PathLike]) -> Path:
    """Write summary rows as UTF-8 CSV with a header (empty cells for no value); returns the path."""
    path = Path(path)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=SUMMARY_COLUMNS, extrasaction="raise")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in SUMMARY_COLUMNS})
    return path


def read_summary_csv(path: Union[str, os.PathLike]) -> List[Dict[str, object]]:
    """Rows as written by :func:`write_summary_csv`, numbers as ints, empty cells as None."""
    with Path(path).open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        for k in ("count", "words", "articles"):
            row[k] = int(row[k]) if row.get(k) not in (None, "") else None
    return rows


# ---------------------------------------------------------------------------------------------
# Charts


def _table(rows, table: str, outlet: Optional[str]) -> Tuple[Dict[str, Counter], str]:
    """who -> Counter(what) for one table: ALL_OUTLETS rows when present, else summed over outlets."""
    picked = [r for r in rows if r["table"] == table]
    if outlet is None:
        outlet = ALL_OUTLETS if any(r["outlet"] == ALL_OUTLETS for r in picked) else None
    out: Dict[str, Counter] = defaultdict(Counter)
    for r in picked:
        if outlet is None and r["outlet"] == ALL_OUTLETS:
            continue
        if outlet is None or r["outlet"] == outlet:
            out[r["who"]][r["what"]] += int(r["count"])
    return dict(out), outlet or "all outlets"


def _axes(ax, size=(8, 4.5)):
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=size)
    return ax


def _empty(ax, title: str):
    ax.set_title(title)
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def stance_chart(rows: Sequence[Dict[str, object]], *, outlet: Optional[str] = None, top: int = 12, ax=None):
    """Stacked bars per source (the ``top`` most attributed): neutral, distancing, endorsing verbs."""
    from .highlight import OKABE_ITO, STANCE_COLOURS, STANCE_HATCHES

    ax = _axes(ax)
    table, where = _table(rows, "stance", outlet)
    if not table:
        return _empty(ax, f"Reporting verbs per source ({where}): no attributions found")
    names = sorted(table, key=lambda n: (-sum(table[n].values()), n))[:top][::-1]
    left = [0] * len(names)
    for stance in STANCES + tuple(sorted({s for c in table.values() for s in c} - set(STANCES))):
        values = [table[n].get(stance, 0) for n in names]
        if any(values):
            ax.barh(names, values, left=left, color=STANCE_COLOURS.get(stance, OKABE_ITO["grey"]),
                    hatch=STANCE_HATCHES.get(stance, ""), edgecolor="black", label=stance)
            left = [a + b for a, b in zip(left, values)]
    ax.legend(loc="lower right", fontsize=8)
    distanced = [n for n in names[::-1] if table[n].get("distancing")]
    shown = f"the {len(names)} most quoted sources" if len(table) > len(names) else "every source"
    ax.set_title(f"Reporting verbs per source ({where}, {shown}): "
                 + (f"distancing verbs go to {', '.join(distanced[:4])}" + (" …" if len(distanced) > 4 else "")
                    if distanced else "no source gets distancing verbs"), fontsize=9)
    ax.set_xlabel("number of reporting verbs")
    return ax


def loaded_chart(rows: Sequence[Dict[str, object]], *, ax=None):
    """Stacked bars per outlet: loaded-wording flags per 1,000 words, by category."""
    from .highlight import OKABE_ITO

    ax = _axes(ax)
    words = {r["outlet"]: int(r["words"] or 0) for r in rows
             if r["table"] == "articles" and r["what"] == "analysed" and r["outlet"] != ALL_OUTLETS}
    flags: Dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        if r["table"] == "loaded" and r["outlet"] != ALL_OUTLETS:
            flags[r["outlet"]][r["what"]] += int(r["count"])
    outlets = sorted(o for o in words if words[o])
    if not outlets or not flags:
        return _empty(ax, "Loaded wording per outlet: none found")
    categories = sorted({c for counter in flags.values() for c in counter})
    colours = [c for k, c in OKABE_ITO.items() if k != "black"]
    hatches = ["", "//", "..", "xx", "\\\\", "oo", "--", "++", "**"]
    left = [0.0] * len(outlets)
    for i, category in enumerate(categories):
        values = [1000 * flags[o].get(category, 0) / words[o] for o in outlets]
        ax.barh(outlets, values, left=left, color=colours[i % len(colours)], hatch=hatches[i % len(hatches)],
                edgecolor="black", label=category)
        left = [a + b for a, b in zip(left, values)]
    ax.legend(loc="lower right", fontsize=8, ncol=2)
    top = max(range(len(outlets)), key=lambda i: (left[i], outlets[i]))
    ax.set_title(f"Loaded wording per 1,000 words, by outlet: most in {outlets[top]} ({left[top]:.1f})", fontsize=9)
    ax.set_xlabel("flags per 1,000 words of article text")
    return ax


def save_chart(rows: Sequence[Dict[str, object]], path: Union[str, os.PathLike], *, outlet: Optional[str] = None) -> Path:
    """Draw the stance and loaded-wording charts into one image (PNG, SVG or PDF by suffix), no display."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    path = Path(path)
    fig = Figure(figsize=(9, 9), layout="constrained")
    FigureCanvasAgg(fig)
    top, bottom = fig.subplots(2, 1)
    stance_chart(rows, outlet=outlet, ax=top)
    loaded_chart(rows, ax=bottom)
    try:
        fig.savefig(path)
    except ValueError as err:  # an unknown image format
        raise KitInputError(f"cannot save a chart as {path.name}: {err}; use .png, .svg or .pdf") from None
    return path
