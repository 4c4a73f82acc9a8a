"""``python -m kit grade`` on prepared submissions, built here from the teacher's keys.

One class is graded once per module (two cores: nbval starts a kernel per submission) and the
tests read its gradebook. Each prepared submission is one way a notebook can be wrong or
tampered with; the grader must give each exactly the points its answer cells earn.
"""
from __future__ import annotations

import copy
import csv
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from kit.grading import answers
from kit.grading.answers import Refusal, parse_answer_cell, render_answers
from kit.grading.grade import MAX_BYTES, grade, student_ids
from kit.grading.notebook import cell_source, is_answer, is_check, kit_meta

ROOT = Path(__file__).resolve().parents[1]
EX = "01_who_says_so"
KEY = ROOT / "exercises" / "solutions" / f"{EX}.ipynb"
STUDENT = ROOT / "exercises" / f"{EX}.ipynb"
FULL = 9  # points of exercise 01


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _answer_cell(nb: dict, qid: str) -> dict:
    return next(c for c in nb["cells"] if is_answer(c) and kit_meta(c)["answer"] == [qid])


def _write(folder: Path, name: str, nb) -> str:
    path = folder / f"{name}.ipynb"
    path.write_text(nb if isinstance(nb, str) else json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _submissions(folder: Path) -> dict:
    key, student = _load(KEY), _load(STUDENT)
    subs = {}
    subs["correct"] = _write(folder, "correct", key)
    partly = copy.deepcopy(key)  # q1 (1 point) and q5 (2 points) wrong
    _answer_cell(partly, "q1")["source"] = 'q1 = "pushed"'
    _answer_cell(partly, "q5")["source"] = 'q5 = ["Kiev"]  # only one'
    subs["partly"] = _write(folder, "partly", partly)
    equivalent = copy.deepcopy(key)  # the same answers written differently
    _answer_cell(equivalent, "q1")["source"] = "q1 = ' Said '"
    _answer_cell(equivalent, "q5")["source"] = ('q5 = (\n    "kiev",  # a comment\n'
                                                 '    "the officials in Washington", "Ukraine and its Western backers",\n)')
    subs["equivalent"] = _write(folder, "equivalent", equivalent)
    subs["empty"] = _write(folder, "empty", student)
    faked = copy.deepcopy(student)  # template answers, but the key's outputs and counts pasted in
    for mine, theirs in zip(faked["cells"], key["cells"]):
        if mine["cell_type"] == "code":
            mine["outputs"], mine["execution_count"] = theirs["outputs"], theirs["execution_count"]
    subs["faked_outputs"] = _write(folder, "faked_outputs", faked)
    edited = copy.deepcopy(faked)  # check cells rewritten to print a pass
    for cell in edited["cells"]:
        if is_check(cell):
            q = kit_meta(cell)["check"]
            cell["source"] = f'print({json.dumps("".join(o["text"] for o in cell["outputs"]).rstrip())})'
    subs["edited_checks"] = _write(folder, "edited_checks", edited)
    markers = copy.deepcopy(student)  # NBVAL markers and tags that would skip or ignore the checks
    for cell in markers["cells"]:
        if is_check(cell):
            cell["source"] = "# NBVAL_SKIP\n" + cell_source(cell)
            cell["metadata"]["tags"] = ["nbval-skip", "nbval-ignore-output", "raises-exception"]
        elif is_answer(cell):
            cell["source"] = "# NBVAL_IGNORE_OUTPUT\n" + cell_source(cell)
    subs["markers"] = _write(folder, "markers", markers)
    code = copy.deepcopy(key)  # code in two answer cells; the rest correct
    pwned = folder / "pwned"
    _answer_cell(code, "q1")["source"] = f'q1 = __import__("os").system("touch {pwned}")'
    _answer_cell(code, "q2")["source"] = 'import kit.grading.checks as c\nc.PASS = "✘ not yet"\nq2 = "Andrey Belousov"'
    _answer_cell(code, "q3")["source"] = '%env X=1\nq3 = "alleged"'
    subs["code"] = _write(folder, "code", code)
    loop = copy.deepcopy(key)  # an infinite loop in an answer cell
    _answer_cell(loop, "q4")["source"] = 'q4 = "b"\nwhile True:\n    pass'
    subs["loop"] = _write(folder, "loop", loop)
    subs["malformed"] = _write(folder, "malformed", json.dumps(key)[:-200])
    subs["other_exercise"] = _write(folder, "other_exercise", _load(ROOT / "exercises" / "solutions" / "02_loaded_words.ipynb"))
    big = folder / "big.ipynb"  # a 50 MB notebook (an embedded video, say)
    with big.open("w", encoding="utf-8") as fh:
        fh.write('{"cells": [{"cell_type": "markdown", "metadata": {}, "source": "')
        fh.write("A" * 50_000_000)
        fh.write('"}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
    subs["big"] = str(big)
    return subs


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("class")
    subs = _submissions(folder)
    out = folder / "out"
    seen = []
    rows = grade(list(subs.values()), key_paths=[str(KEY)], out=str(out), jobs=2,
                 progress=lambda done, total, row: seen.append((done, total)))
    with open(out / "gradebook.csv", newline="", encoding="utf-8") as fh:
        book = {r["student"]: r for r in csv.DictReader(fh)}
    return {"subs": subs, "rows": {r.student: r for r in rows}, "book": book, "out": out, "folder": folder,
            "progress": seen}


def test_every_submission_gets_a_row_and_progress_is_shown(graded):
    assert set(graded["book"]) == set(graded["subs"])
    assert [d for d, _ in graded["progress"]] == list(range(1, len(graded["subs"]) + 1))
    assert (graded["out"] / "summary.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert sorted(p.name for p in (graded["out"] / "feedback").iterdir()) == sorted(
        f"{s}.{graded['book'][s]['exercise'] or 'unknown'}.txt" for s in graded["subs"])


def test_fully_correct_gets_full_marks(graded):
    row = graded["book"]["correct"]
    assert (row["status"], row["total"], row["max_points"], row["reason"]) == ("graded", str(FULL), str(FULL), "")
    assert [row[f"q{i}"] for i in range(1, 8)] == ["1", "1", "1", "1", "2", "1", "2"]


@pytest.mark.parametrize("student,total,zeroed", [
    ("partly", FULL - 3, {"q1", "q5"}),
    ("equivalent", FULL, set()),
    ("empty", 0, {"q1", "q2", "q3", "q4", "q5", "q6", "q7"}),
    ("faked_outputs", 0, {"q1", "q2", "q3", "q4", "q5", "q6", "q7"}),
    ("edited_checks", 0, {"q1", "q2", "q3", "q4", "q5", "q6", "q7"}),
    ("markers", 0, {"q1", "q2", "q3", "q4", "q5", "q6", "q7"}),
    ("code", FULL - 3, {"q1", "q2", "q3"}),
    ("loop", FULL - 1, {"q4"}),
])
def test_points_are_exactly_what_the_answer_cells_earn(graded, student, total, zeroed):
    row = graded["book"][student]
    assert row["status"] == "graded", row["reason"]
    assert int(row["total"]) == total
    assert {q for q in (f"q{i}" for i in range(1, 8)) if row[q] == "0"} == zeroed


def test_code_in_answer_cells_is_refused_with_the_reason_and_never_runs(graded):
    reason = graded["book"]["code"]["reason"]
    assert "q1: answer refused: line 1 has a function call" in reason
    assert "q2: answer refused: line 1 has an import" in reason
    assert "q3: answer refused: line 1 is a magic (%) or shell escape (!)" in reason
    assert not (graded["folder"] / "pwned").exists()
    assert "q4: answer refused: line 2 has a loop" in graded["book"]["loop"]["reason"]


@pytest.mark.parametrize("student,reason", [
    ("malformed", "not a notebook: broken JSON"),
    ("other_exercise", "this is a notebook of exercise 02_loaded_words, but the key given is 01_who_says_so"),
    ("big", f"at most {MAX_BYTES / 1e6:.0f} MB"),
])
def test_unusable_notebooks_are_invalid_with_a_clear_reason(graded, student, reason):
    row = graded["book"][student]
    assert row["status"] == "invalid" and reason in row["reason"] and row["total"] == "0"


def test_feedback_file_says_points_and_hints(graded):
    text = (graded["out"] / "feedback" / "partly.01_who_says_so.txt").read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"partly — 01_who_says_so: {FULL - 3}/{FULL} points (graded)"
    assert "q1 ✘ 0/1 — Hint: " in text and "q2 ✔ 1/1" in text
    code = (graded["out"] / "feedback" / "code.01_who_says_so.txt").read_text(encoding="utf-8")
    assert "q1 ✘ 0/1 — answer refused: line 1 has a function call" in code


def test_gradebook_is_sorted_and_the_same_on_a_second_run(graded, tmp_path):
    book = graded["out"] / "gradebook.csv"
    students = [r["student"] for r in csv.DictReader(book.open(encoding="utf-8"))]
    assert students == sorted(students)
    subs = [graded["subs"][s] for s in ("malformed", "big", "partly")]
    grade(subs, key_paths=[str(KEY)], out=str(tmp_path), jobs=2, plot=False)
    again = [r for r in csv.DictReader((tmp_path / "gradebook.csv").open(encoding="utf-8"))]
    first = {r["student"]: r for r in csv.DictReader(book.open(encoding="utf-8"))}
    for row in again:
        assert row == first[row["student"]]


def test_an_interrupted_run_keeps_the_rows_already_written(graded, tmp_path):
    subs = [graded["subs"][s] for s in ("malformed", "big", "other_exercise")]

    def stop(done, total, row):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        grade(subs, key_paths=[str(KEY)], out=str(tmp_path), jobs=1, plot=False, progress=stop)
    rows = list(csv.DictReader((tmp_path / "gradebook.csv").open(encoding="utf-8")))
    assert len(rows) == 1 and rows[0]["student"] == "malformed" and rows[0]["status"] == "invalid"


def test_exercise_is_detected_without_key_even_when_metadata_is_lost(tmp_path):
    other = _load(ROOT / "exercises" / "solutions" / "02_loaded_words.ipynb")
    lost = _load(KEY)
    del lost["metadata"]["kit"]
    final = _load(ROOT / "exercises" / "solutions" / "04_final_assessment.ipynb")
    _answer_cell(final, "q6")["source"] = (  # the loaded original handed back as the "rewrite"
        'q6 = "Russia has pushed Kiev’s forces from 880 square kilometers of land this year, '
        'the defense minister has said"')
    subs = [_write(tmp_path, "bea", other), _write(tmp_path, "cal", lost), _write(tmp_path, "dev", final)]
    rows = {r.student: r for r in grade(subs, keys_dir=str(ROOT / "exercises" / "solutions"),
                                        out=str(tmp_path / "out"), jobs=2, plot=False)}
    assert (rows["bea"].exercise, rows["bea"].status, rows["bea"].total) == ("02_loaded_words", "graded", 7)
    assert (rows["cal"].exercise, rows["cal"].status, rows["cal"].total) == (EX, "graded", FULL)
    assert (rows["dev"].exercise, rows["dev"].status, rows["dev"].total) == ("04_final_assessment", "graded", 6)
    assert rows["dev"].points["q6"] == 0 and "loaded wording" in "\n".join(rows["dev"].feedback)
    header = (tmp_path / "out" / "gradebook.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("student,exercise,q1,q2,q3,q4,q5,q6,q7,total")


def test_timeouts_per_cell_and_in_total(tmp_path):
    """A key whose q2 check hangs on one answer: the per-cell limit stops it for that student only;
    the student graded in the same nbval process, and the rest of the slow one's answers, count."""
    slow = _load(KEY)
    for cell in slow["cells"]:
        if is_check(cell) and kit_meta(cell)["check"] == "q2":
            cell["source"] = 'import time\nif q2 == "slow":\n    time.sleep(60)\n' + cell_source(cell)
    slow_key = _write(tmp_path, "slow_key", slow)
    hangs = _load(KEY)
    _answer_cell(hangs, "q2")["source"] = 'q2 = "slow"'
    subs = [_write(tmp_path, "dana", _load(KEY)), _write(tmp_path, "eve", hangs)]
    rows = {r.student: r for r in grade(subs, key_paths=[slow_key], out=str(tmp_path / "a"), jobs=1,
                                        cell_timeout=3, plot=False)}
    assert (rows["dana"].status, rows["dana"].total) == ("graded", FULL)
    assert (rows["eve"].status, rows["eve"].points["q2"], rows["eve"].total) == ("timeout", 0, FULL - 1)
    assert "cell time limit of 3 s reached in q2" in rows["eve"].reason
    row = grade(subs[1:], key_paths=[slow_key], out=str(tmp_path / "b"), jobs=1, total_timeout=2, plot=False)[0]
    assert row.status == "timeout" and row.total == 0 and "total time limit of 2 s" in row.reason
    assert (tmp_path / "b" / "gradebook.csv").read_text(encoding="utf-8").count("\n") == 2


def test_classroom_autograding_commands_pass_on_a_correct_submission(tmp_path):
    spec = json.loads((ROOT / ".github" / "classroom" / "autograding.json").read_text(encoding="utf-8"))
    (tmp_path / f"{EX}.ipynb").write_text(KEY.read_text(encoding="utf-8"), encoding="utf-8")
    points = 0
    for test in spec["tests"]:
        argv = shlex.split(test["run"])
        assert argv[:3] == ["python", "-m", "kit"]
        done = subprocess.run([sys.executable, *argv[1:]], cwd=tmp_path, capture_output=True, text=True,
                              timeout=test["timeout"] * 60)
        assert done.returncode == 0, (test["name"], done.stderr)
        points += test["points"]
    assert points == FULL
    # and a wrong answer loses exactly its question
    nb = _load(KEY)
    _answer_cell(nb, "q5")["source"] = 'q5 = ["Kiev"]'
    (tmp_path / f"{EX}.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    failed = []
    for test in spec["tests"]:
        argv = shlex.split(test["run"])
        if subprocess.run([sys.executable, *argv[1:]], cwd=tmp_path, capture_output=True).returncode:
            failed.append(test["name"])
    assert failed == ["q5 (2 points)"]


# --- the answer-cell parser, row by row: (cell source, refused reason or None) ---------------
PARSE = [
    ('q1 = "said"', None),
    ("q1 = ['a', 'b']  # comment", None),
    ("q1 = -3.5", None),
    ("q1 = {'a': (1, 2), 'b': {3}}", None),
    ("q1 = None", None),
    ("# nothing yet", None),
    ('q1 = "a"\nq1 = "b"', None),
    ("q1 = print('x')", "a function call"),
    ("q1 = set()", "a function call"),
    ("import os\nq1 = 1", "an import"),
    ("q1 = 1\nos.system('x')", "line 2 has an expression"),
    ("q1.x = 1", "an attribute"),
    ("q1[0] = 1", "indexing"),
    ("q1, q2 = 1, 2", "several names at once"),
    ("q1 = q2", "a variable name"),
    ("q1 = 'a' + 'b'", "arithmetic"),
    ("q1 = f'{x}'", "an f-string"),
    ("q1 = [x for x in 'ab']", "a comprehension"),
    ("q1 = lambda: 1", "a lambda"),
    ("%time q1 = 1", "magic (%) or shell escape"),
    ("!ls\nq1 = 1", "magic (%) or shell escape"),
    ("q1 = !ls", "magic (%) or shell escape"),
    ("while True:\n    pass", "a loop"),
    ("def f():\n    pass", "a function definition"),
    ("q1 +=1", "augmented assignment"),
    ("q1: str = 'a'", "annotated assignment"),
    ("q1 = 'unclosed", "Python cannot read line 1"),
    ("x = 1", "this answer cell takes only q1"),
    ("q1 = " + "[" * 50 + "]" * 50, "nested more than"),
    ("q1 = '" + "a" * 30_000 + "'", "at most 20,000"),
]


@pytest.mark.parametrize("source,refused", PARSE)
def test_answer_cell_parser(source, refused):
    if refused is None:
        parsed = parse_answer_cell(source, allowed=["q1"])
        code = render_answers(["q1"], parsed, {"q1": "q1 = None"})
        scope: dict = {}
        exec(compile(code, "<graft>", "exec"), {"__builtins__": {}}, scope)  # plain literals need no builtins
        assert scope == {"q1": parsed.values.get("q1")} if parsed.values else scope == {"q1": None}
    else:
        with pytest.raises(Refusal, match=refused.replace("(", r"\(").replace(")", r"\)")):
            parse_answer_cell(source, allowed=["q1"])


def test_student_ids_from_file_names_with_folders_when_names_clash():
    ids = student_ids(["a/alice.ipynb", "b/bob.ipynb", "x/01.ipynb", "y/01.ipynb"])
    assert ids == {"a/alice.ipynb": "alice", "b/bob.ipynb": "bob", "x/01.ipynb": "x/01", "y/01.ipynb": "y/01"}


def test_grade_command_line_reports_and_refuses_nothing_given(tmp_path):
    done = subprocess.run([sys.executable, "-m", "kit", "grade"], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 2 and "no submissions given" in done.stderr


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_parser_refuses_or_accepts_but_never_crashes(source):
    try:
        parsed = parse_answer_cell(source, allowed=["q1"])
    except Refusal as why:
        assert str(why)
    else:
        code = render_answers(["q1"], parsed, {"q1": "q1 = None"})
        scope: dict = {}
        exec(compile(code, "<graft>", "exec"), {"__builtins__": {}}, scope)
        assert set(scope) == {"q1"}
