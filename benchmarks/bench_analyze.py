"""Speed of the kit's full analysis against spaCy's tokenizer alone, measured in the same run.

    python benchmarks/bench_analyze.py [--repeat N] [--corpus DIR]     (or: make bench)

Corpus: every *.txt in ../shared/eval/polnear-dev (outside this repository; read, never copied).
Both sides run warm (one untimed pass first: lexicons loaded, matchers compiled) over the same
texts with nlp.pipe, best of N passes; the kit's caches of earlier texts are cleared before each.
Words are whitespace-separated tokens of the texts, the same count for both sides.
The kit's bar: the full analysis at least 1/3 of the tokenizer's words per second.
Also: warm latency of kit.analyze() on the seed article (median of N calls).
Not a test: it prints numbers; the exit status is 0 unless something crashed.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import spacy

import kit
from kit.pipeline import clear_text_caches, get_nlp

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "eval" / "polnear-dev"
BAR = 1 / 3


def best_pass(nlp, texts, repeat: int) -> float:
    """Seconds of the fastest of ``repeat`` full passes of ``nlp.pipe`` over ``texts``.

    Before each pass the kit forgets what it cached from the texts (names, page splits), so a
    repeated pass costs what a first pass over new texts would; lexicons stay loaded.
    """
    best = float("inf")
    for _ in range(repeat):
        clear_text_caches()
        started = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=64):
            pass
        best = min(best, time.perf_counter() - started)
    return best


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes per side; the best counts (default 5)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of .txt files")
    args = parser.parse_args(argv)

    files = sorted(args.corpus.glob("*.txt"))
    if not files:
        print(f"no .txt files in {args.corpus}; give --corpus DIR", file=sys.stderr)
        return 2
    texts = [f.read_text(encoding="utf-8") for f in files]
    words = sum(len(t.split()) for t in texts)

    blank = spacy.blank("en")
    analysis = get_nlp()
    for nlp in (blank, analysis):  # warm: lexicons loaded, matchers compiled, vocab filled
        for _doc in nlp.pipe(texts, batch_size=64):
            pass

    # Interleave the two sides so a busy neighbour slows both alike.
    t_blank = t_kit = float("inf")
    for _ in range(args.repeat):
        t_blank = min(t_blank, best_pass(blank, texts, 1))
        t_kit = min(t_kit, best_pass(analysis, texts, 1))
    wps_blank, wps_kit = words / t_blank, words / t_kit
    ratio = wps_kit / wps_blank

    seed = kit.load_article()
    kit.analyze(seed)
    latencies = []
    for _ in range(max(args.repeat * 4, 11)):
        clear_text_caches()
        started = time.perf_counter()
        kit.analyze(seed)
        latencies.append(time.perf_counter() - started)

    print(f"kit {kit.__version__}, spaCy {spacy.__version__}, Python {platform.python_version()}, "
          f"{os.cpu_count()} cores")
    print(f"corpus: {len(files)} files, {words:,} words ({args.corpus})")
    print(f"best of {args.repeat} warm passes, nlp.pipe(batch_size=64), the kit's text caches cleared before each:")
    print(f"  spacy.blank('en') tokenization  {wps_blank:>10,.0f} words/s  ({t_blank:.3f} s)")
    print(f"  kit full analysis               {wps_kit:>10,.0f} words/s  ({t_kit:.3f} s)")
    print(f"  ratio kit/tokenizer             {ratio:>10.3f}  (bar >= {BAR:.2f}: {'met' if ratio >= BAR else 'NOT met'})")
    print(f"seed article ({len(seed.text.split())} words), kit.analyze() warm: "
          f"median {statistics.median(latencies) * 1000:.1f} ms over {len(latencies)} calls "
          f"(min {min(latencies) * 1000:.1f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
