"""``python -m kit analyze``: the seed report, JSON and JSONL, stdin, and one-line errors (exit 2)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "moscow_territorial_gains.txt"
RECORD_FIELDS = {"attributions", "loaded", "figures", "unattributed", "furniture"}

GOOD_TEXTS = (
    "The minister said on Tuesday that 40 schools would close. Critics called the plan reckless.\n",
    "According to the police, about 300 people marched.\n\nThe mayor claimed the figure was lower.\n",
    "“We will not back down,” the union leader told reporters.\r\nNo date was given.\r\n",
)


def run_kit(*args: str, stdin: bytes | None = None, cwd: Path = REPO) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "kit", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=300,
    )


def out(proc) -> str:
    return proc.stdout.decode("utf-8")


def err(proc) -> str:
    return proc.stderr.decode("utf-8")


def assert_one_line_error(proc, *mentions: str) -> None:
    assert proc.returncode == 2, (proc.returncode, err(proc))
    message = err(proc).strip()
    assert message, "nothing on stderr"
    assert "\n" not in message, f"more than one line on stderr:\n{message}"
    assert "Traceback" not in message
    for mention in mentions:
        assert mention in message, f"{mention!r} not named in {message!r}"


@pytest.fixture
def good_files(tmp_path):
    paths = []
    for number, text in enumerate(GOOD_TEXTS):
        path = tmp_path / f"article_{number}.txt"
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    return paths


def test_analyze_without_arguments_reports_on_the_seed():
    proc = run_kit("analyze")
    assert proc.returncode == 0, err(proc)
    assert err(proc) == ""
    assert out(proc).strip(), "the report is empty"


def test_json_on_the_seed_holds_the_exact_text_and_valid_offsets(check_offsets):
    proc = run_kit("analyze", "--json")
    assert proc.returncode == 0, err(proc)
    data = json.loads(out(proc))
    assert data["text"] == SEED.read_bytes().decode("utf-8")
    assert RECORD_FIELDS <= set(data)
    for name in RECORD_FIELDS:
        assert isinstance(data[name], list), name
    check_offsets(data)


def test_json_of_a_file_names_its_origin(good_files, check_offsets):
    proc = run_kit("analyze", str(good_files[0]), "--json")
    assert proc.returncode == 0, err(proc)
    data = json.loads(out(proc))
    assert data["origin"] == str(good_files[0])
    assert data["text"] == GOOD_TEXTS[0]
    check_offsets(data)


def test_json_of_several_files_is_a_list_in_input_order(good_files):
    proc = run_kit("analyze", *map(str, good_files), "--json")
    assert proc.returncode == 0, err(proc)
    data = json.loads(out(proc))
    assert [d["text"] for d in data] == list(GOOD_TEXTS)


def test_jsonl_over_several_files_keeps_input_order_in_one_process(good_files, check_offsets):
    order = [good_files[2], SEED, good_files[0], good_files[1]]
    proc = run_kit("analyze", "--jsonl", *map(str, order))
    assert proc.returncode == 0, err(proc)
    lines = out(proc).splitlines()
    assert len(lines) == len(order)
    for path, line in zip(order, lines):
        data = json.loads(line)
        assert data["origin"] == str(path)
        assert data["text"] == path.read_bytes().decode("utf-8")
        assert RECORD_FIELDS <= set(data)
        check_offsets(data)


def test_dash_reads_standard_input_unchanged(check_offsets):
    text = "The spokesman said the talks had “collapsed”.\u00a0Officials denied it.\r\n"
    proc = run_kit("analyze", "-", "--json", stdin=text.encode("utf-8"))
    assert proc.returncode == 0, err(proc)
    data = json.loads(out(proc))
    assert data["text"] == text
    check_offsets(data)


def test_missing_model_is_a_one_line_error():
    proc = run_kit("analyze", "--model", "en_no_such_pipeline_xyz")
    assert_one_line_error(proc, "en_no_such_pipeline_xyz")
    assert out(proc) == ""


UNUSABLE = {
    "not_utf8": b"Caf\xe9 owners said prices rose \xff\xfe.",
    "empty": b"",
    "whitespace": b"  \n\t\r\n  ",
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
}


@pytest.mark.parametrize("kind", sorted(UNUSABLE))
def test_unusable_file_is_a_one_line_error(tmp_path, kind):
    path = tmp_path / f"{kind}.txt"
    path.write_bytes(UNUSABLE[kind])
    proc = run_kit("analyze", str(path))
    assert_one_line_error(proc, path.name)


def test_directory_is_a_one_line_error(tmp_path):
    proc = run_kit("analyze", str(tmp_path))
    assert_one_line_error(proc, tmp_path.name)


def test_missing_file_is_a_one_line_error(tmp_path):
    path = tmp_path / "no_such_article.txt"
    proc = run_kit("analyze", str(path))
    assert_one_line_error(proc, "no_such_article.txt")


@pytest.mark.parametrize("data", [b"", b"\xff\xfe\x00\x01"], ids=["empty", "binary"])
def test_unusable_standard_input_is_a_one_line_error(data):
    proc = run_kit("analyze", "-", stdin=data)
    assert_one_line_error(proc)


def test_one_bad_file_among_good_ones_still_analyses_the_others(good_files, tmp_path):
    bad = tmp_path / "broken.txt"
    bad.write_bytes(UNUSABLE["not_utf8"])
    order = [good_files[0], bad, good_files[1]]
    proc = run_kit("analyze", "--jsonl", *map(str, order))
    assert_one_line_error(proc, "broken.txt")
    analysed = [json.loads(line) for line in out(proc).splitlines()]
    analysed = [d for d in analysed if "text" in d]
    assert [d["origin"] for d in analysed] == [str(good_files[0]), str(good_files[1])]
    assert [d["text"] for d in analysed] == [GOOD_TEXTS[0], GOOD_TEXTS[1]]


def test_one_bad_file_among_good_ones_in_the_readable_report(good_files, tmp_path):
    missing = tmp_path / "gone.txt"
    proc = run_kit("analyze", str(good_files[0]), str(missing), str(good_files[1]))
    assert_one_line_error(proc, "gone.txt")
    assert out(proc).strip(), "the good files were not reported"


def test_no_command_prints_help_and_exits_2():
    proc = run_kit()
    assert proc.returncode == 2
    assert "analyze" in out(proc) + err(proc)
