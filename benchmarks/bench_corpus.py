"""Corpus throughput: words per second on one core, and the scaling from 1 to 2 processes.

    .venv/bin/python benchmarks/bench_corpus.py [--corpus DIR] [--repeat 3] [--rounds 2] [--pipe]

Runs :func:`kit.corpus.analyze_paths` (the code behind ``python -m kit analyze --jobs N``) over
the PolNeAR dev texts (../shared/eval/polnear-dev/*.txt, read only, for timing), the list
repeated ``--repeat`` times. Each round times jobs=1 then jobs=2 back to back, wall clock,
pool start-up included; the best round of each is reported, and the ratio comes from the same
run. CPU seconds (this process plus the finished workers) give words per CPU second, which
other load on the machine disturbs less than the wall clock. For reference it also times ``spacy.blank("en")`` tokenizing the same texts (the kit's
speed budget is a third of that). ``--pipe`` also times ``nlp.pipe(n_process=2)``, which the
kit does not use: its worker processes return the records as plain lists. The machine is
shared: the load average is printed with the results, and a control (a plain CPU loop on 1 and
2 processes) shows how much parallelism the machine gave at that moment; read them together.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "eval" / "polnear-dev"


def _time(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the pool's workers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _timed(fn):
    """(wall seconds, CPU seconds) of one call."""
    cpu = _cpu()
    wall = _time(fn)
    return wall, _cpu() - cpu


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def control_speedup(work: int = 8, size: int = 2_000_000) -> float:
    """Wall-clock speedup of 2 processes over 1 on a pure-Python loop: what the machine allows now."""
    import multiprocessing

    one = _time(lambda: [_burn(size) for _ in range(work)])
    with multiprocessing.Pool(2) as pool:
        two = _time(lambda: pool.map(_burn, [size] * work, chunksize=1))
    return one / two


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="folder of .txt articles")
    parser.add_argument("--repeat", type=int, default=3, help="times the list of files is repeated")
    parser.add_argument("--rounds", type=int, default=2, help="timed rounds of jobs=1 then jobs=2")
    parser.add_argument("--pipe", action="store_true", help="also time nlp.pipe(n_process=2)")
    args = parser.parse_args()

    import spacy

    from kit.corpus import analyze_paths
    from kit.pipeline import get_nlp

    files = sorted(glob.glob(os.path.join(args.corpus, "*.txt")))
    if not files:
        print(f"no .txt files in {args.corpus}", file=sys.stderr)
        return 2
    paths = files * args.repeat
    texts = [Path(p).read_text(encoding="utf-8") for p in paths]
    words = sum(len(t.split()) for t in texts)

    nlp = get_nlp(None)  # built once here; forked workers inherit it
    list(analyze_paths(files[:5]))  # warm caches
    blank = spacy.blank("en")
    tok_runs = [_timed(lambda: [blank(t) for t in texts]) for _ in range(2)]
    tokenize = min(w for w, _ in tok_runs)
    tokenize_cpu = min(c for _, c in tok_runs)

    def run(jobs: int) -> None:
        items = list(analyze_paths(paths, jobs=jobs))
        assert [i.index for i in items] == list(range(len(paths))), "order lost"
        assert not any(i.error for i in items), [i.error for i in items if i.error][:3]

    load_before = os.getloadavg()
    times = {1: [], 2: []}
    cpu = {1: [], 2: []}
    for _ in range(args.rounds):
        for jobs in (1, 2):
            wall, used = _timed(lambda: run(jobs))
            times[jobs].append(wall)
            cpu[jobs].append(used)
    pipe = None
    if args.pipe:
        pipe = _time(lambda: list(nlp.pipe(texts, n_process=2, batch_size=16)))
    control = control_speedup()
    load_after = os.getloadavg()

    t1, t2 = min(times[1]), min(times[2])
    result = {
        "files": len(paths), "words": words, "cores": os.cpu_count(),
        "tokenizer_words_per_s": round(words / tokenize),
        "tokenizer_words_per_cpu_second": round(words / tokenize_cpu),
        "jobs1_seconds": round(t1, 2), "jobs1_words_per_s": round(words / t1),
        "jobs2_seconds": round(t2, 2), "jobs2_words_per_s": round(words / t2),
        "speedup_1_to_2": round(t1 / t2, 2),
        "control_loop_speedup_1_to_2": round(control, 2),
        "jobs1_share_of_tokenizer": round((words / t1) / (words / tokenize), 3),
        "words_per_cpu_second_jobs1": round(words / min(cpu[1])),
        "words_per_cpu_second_jobs2": round(words / min(cpu[2])),
        "jobs1_share_of_tokenizer_cpu": round(tokenize_cpu / min(cpu[1]), 3),
        "all_rounds_seconds": {str(k): [round(x, 2) for x in v] for k, v in times.items()},
        "nlp_pipe_n_process_2_seconds": None if pipe is None else round(pipe, 2),
        "load_average_before_after": [round(load_before[0], 2), round(load_after[0], 2)],
    }
    print(json.dumps(result, indent=1))
    print(f"\nper CPU second: {words / min(cpu[1]):,.0f} words (jobs=1), {words / min(cpu[2]):,.0f} words (jobs=2); "
          f"spacy.blank tokenizing {words / tokenize_cpu:,.0f} ({tokenize_cpu / min(cpu[1]):.0%} ratio)")
    print(f"one core: {words / t1:,.0f} words/s ({words / t1 / (words / tokenize):.0%} of spacy.blank tokenizing, "
          f"{words / tokenize:,.0f} words/s); two processes: {words / t2:,.0f} words/s, "
          f"x{t1 / t2:.2f}; a plain CPU loop gets x{control:.2f} from 2 processes right now (load average {load_before[0]:.1f} -> {load_after[0]:.1f} on {os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
