"""`python -m kit analyze --jsonl` over folders and web pages, in parallel, with a corpus summary."""
from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PAGES = Path(__file__).parent / "fixtures" / "pages"


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "kit", "analyze", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    (root / "outlet_a").mkdir()
    (root / "outlet_b").mkdir()
    (root / "outlet_a" / "one.txt").write_text(
        "Council backs new bridge\n\nThe mayor said the bridge would open in 2027, noting that it cost $40 million.\n",
        encoding="utf-8")
    (root / "outlet_a" / "two.txt").write_bytes(b"\xff\xfe not text")
    shutil.copy(PAGES / "school_meals.html", root / "outlet_b" / "meals.html")
    return root


def test_jsonl_over_a_folder_in_two_processes_keeps_order_reports_errors_and_writes_a_summary(corpus, tmp_path):
    summary = tmp_path / "summary.csv"
    proc = run("--jsonl", str(corpus), "--jobs", "2", "--summary-csv", str(summary))
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [Path(r.get("origin", "")).name for r in rows] == ["one.txt", "two.txt", "meals.html"]
    assert "error" in rows[1] and "UTF-8" in rows[1]["error"]
    assert "two.txt" in proc.stderr and proc.returncode == 2
    assert rows[0]["text"] == (corpus / "outlet_a" / "one.txt").read_text(encoding="utf-8")
    assert [a["cue"]["text"] for a in rows[0]["attributions"]][:1] == ["said"]
    assert rows[2]["page"]["metadata"]["title"], "a web page keeps its metadata"
    table = list(csv.DictReader(summary.open(encoding="utf-8")))
    outlets = {r["outlet"] for r in table if r["table"] == "articles"}
    assert {"outlet_a", "outlet_b"} <= outlets


def test_one_process_and_two_give_the_same_lines(corpus):
    one, two = run("--jsonl", str(corpus)), run("--jsonl", str(corpus), "--jobs", "2")
    assert one.stdout == two.stdout


def test_an_html_file_is_read_as_a_web_page_in_the_report(corpus):
    proc = run(str(corpus / "outlet_b" / "meals.html"))
    assert proc.returncode == 0
    assert "School meals price to rise" in proc.stdout


@pytest.mark.parametrize("args", [["--jobs", "2"], ["--summary-csv", "x.csv"], ["--json", "--jobs", "2", "f.txt"]])
def test_batch_options_without_jsonl_files_say_how_to_use_them(args, tmp_path):
    proc = run(*args, cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "--jsonl" in proc.stderr
