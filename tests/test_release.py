"""The student notebooks are exactly what ``python -m kit release`` makes from the teacher's keys,
and the keys are the question banks, executed, with every check passing."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kit.grading.author import build_key
from kit.grading.checks import EXERCISES, exercise
from kit.grading.notebook import NBVAL_CHECK, cell_source, is_answer, is_check, kit_meta
from kit.grading.release import release, student_version

ROOT = Path(__file__).resolve().parents[1]
KEYS = ROOT / "exercises" / "solutions"


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_committed_student_versions_are_exactly_what_release_makes(tmp_path):
    written = release(str(KEYS), str(tmp_path))
    assert sorted(p.name for p in written) == [f"{n}.ipynb" for n in EXERCISES]
    for path in written:
        assert path.read_bytes() == (ROOT / "exercises" / path.name).read_bytes(), path.name


def test_release_command_line(tmp_path):
    done = subprocess.run([sys.executable, "-m", "kit", "release", "--keys", str(KEYS), "--out", str(tmp_path)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.glob("*.ipynb")) == [f"{n}.ipynb" for n in EXERCISES]


@pytest.mark.parametrize("name", EXERCISES)
def test_student_version_has_templates_no_outputs_no_counts(name):
    nb = _load(ROOT / "exercises" / f"{name}.ipynb")
    assert kit_meta(nb) == {"exercise": name, "role": "student", "format": 1}
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    answers = [c for c in nb["cells"] if is_answer(c)]
    assert len(answers) == len(exercise(name)["questions"])
    for cell in answers:
        assert cell_source(cell) == kit_meta(cell)["template"]
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


@pytest.mark.parametrize("name", EXERCISES)
def test_key_is_the_question_bank_executed_with_every_check_passing(name):
    key = _load(KEYS / f"{name}.ipynb")
    built = build_key(name)
    strip = lambda nb: [(c["id"], c["cell_type"], cell_source(c), c["metadata"]) for c in nb["cells"]]
    assert strip(key) == strip(built), "the key is out of date: run python -m kit.grading.author"
    questions = exercise(name)["questions"]
    checks = [c for c in key["cells"] if is_check(c)]
    assert [kit_meta(c)["check"] for c in checks] == list(questions)
    for cell in checks:
        qid = kit_meta(cell)["check"]
        assert NBVAL_CHECK in cell["metadata"]["tags"] and cell["execution_count"] is not None
        text = "".join(o.get("text", "") if isinstance(o.get("text"), str) else "".join(o.get("text", []))
                       for o in cell["outputs"])
        points = questions[qid]["points"]
        assert text == f"{qid} ✔ correct — {points}/{points} points. {questions[qid]['learned']}\n"


def test_student_version_of_a_student_version_is_unchanged():
    nb = _load(ROOT / "exercises" / f"{EXERCISES[0]}.ipynb")
    assert student_version(nb) == nb


def test_release_refuses_a_notebook_that_is_not_a_key(tmp_path):
    (tmp_path / "keys").mkdir()
    (tmp_path / "keys" / "x.ipynb").write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4,
                                                           "nbformat_minor": 5}))
    with pytest.raises(ValueError, match="not an exercise key"):
        release(str(tmp_path / "keys"), str(tmp_path / "out"))
