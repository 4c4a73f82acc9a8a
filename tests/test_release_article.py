"""End to end on an article written for the tests: load, annotate through the Annotator's Python API,
save the key, release its exercises, fill in a student notebook, grade it."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

import kit
from kit.annotate import Annotator
from kit.errors import KitInputError
from kit.grading import checks
from kit.grading.answers import assigned_names
from kit.grading.article_set import build_bank, exercise_name, pack, unpack
from kit.grading.notebook import cell_source, is_answer, is_check, kit_meta

ROOT = Path(__file__).resolve().parents[1]
STORY = ROOT / "tests" / "data" / "bridge_story.txt"
NAME = "article_bridge_story"


def _index(ann, layer, words):
    return next(i for i, d in enumerate(ann.items[layer])
                if (d["cue"]["text"] if layer == "attributions" else d["text"]) == words)


def annotate(article) -> Annotator:
    """A teacher's reading of the story, through the API the widget's buttons call."""
    ann = Annotator(article, origin=STORY.name)
    ann.reject("attributions", _index(ann, "attributions", "says"))  # the kit's source: 'a project the mayor'
    ann.add_attribution("says", source="the mayor", speaker="Lena Ortiz", source_kind="role")
    ann.relabel("attributions", _index(ann, "attributions", "called"), speaker="Tom Becker", source_kind="person")
    ann.relabel("attributions", _index(ann, "attributions", "According to"), speaker="the regional planning office")
    ann.add_loaded("gamble", "label", voice="source", speaker="Tom Becker")
    ann.relabel("figures", _index(ann, "figures", "12 million euros"), claimant="Lena Ortiz")
    cars = next(i for i, d in enumerate(ann.items["figures"]) if "9,000" in d["text"])
    ann.relabel("figures", cars, verdict="checkable")
    return ann


# The questions the key above must give, with the reference answers read from it.
EXPECTED = {
    "q1": ("phrase", 1, "says"),
    "q2": ("phrase", 1, "Lena Ortiz"),
    "q3": ("choice", 1, "b"),  # 'claimed': distancing
    "q4": ("phrases", 2, ["Lena Ortiz", "Residents of the east bank", "Tom Becker", "the regional planning office"]),
    "q5": ("phrase", 1, "reckless"),
    "q6": ("choice", 1, "f"),  # intensifier
    "q7": ("phrase", 1, "Lena Ortiz"),
    "q8": ("choice", 1, "b"),  # 12 million euros: unverifiable
    "q9": ("numbers", 2, [12000000, 20]),  # 9,000 cars was marked checkable
}
# A student's answers: every one right (in other words than the key's where allowed) but q8.
STUDENT = {
    "q1": '"Says"', "q2": '"the mayor"', "q3": '"(B)"',
    "q4": '["Tom Becker", "Lena Ortiz", "residents of the east bank", "regional planning office"]',
    "q5": '"gamble"', "q6": '"f"', "q7": '"Lena Ortiz"', "q8": '"a"', "q9": '["20", 12000000]',
}


@pytest.fixture(scope="module")
def key_and_text(tmp_path_factory):
    article = kit.load_article(STORY)
    path = annotate(article).save(tmp_path_factory.mktemp("key") / "bridge_story.key.json")
    return path, article.text


def test_the_key_gives_the_expected_questions(key_and_text):
    path, text = key_and_text
    key = json.loads(path.read_text(encoding="utf-8"))
    bank = checks.resolve(build_bank(text, key, name=NAME), key=key, text=text)
    got = {qid: (q["kind"], q["points"], q["answer"]) for qid, q in bank["questions"].items()}
    assert got == EXPECTED
    assert "claimed" in bank["questions"]["q3"]["prompt"] and "12 million euros" in bank["questions"]["q8"]["prompt"]
    assert unpack(pack(bank)) == json.loads(json.dumps(bank))


@pytest.mark.parametrize("article, name", [("bridge_story.txt", NAME), ("My Story (v2).html", "article_my_story_v2"),
                                           ("/x/y/..txt", "article_text")])
def test_exercise_names_are_plain(article, name):
    assert exercise_name(article) == name


def test_a_key_with_nothing_to_ask_is_refused():
    text = "Weather\n\nIt rained in the town on Monday.\n"
    with pytest.raises(KitInputError, match="nothing|no attributions"):
        build_bank(text, {"attributions": [], "loaded": [], "figures": []}, name="article_rain")


def test_a_key_for_another_text_is_refused(key_and_text, tmp_path):
    path, _ = key_and_text
    other = tmp_path / "other.txt"
    other.write_text(STORY.read_text(encoding="utf-8").replace("Millbrook", "Millford"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "kit", "release", "--article", str(other), "--key", str(path),
                           "--out", str(tmp_path / "out")], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode != 0 and "different text" in done.stderr
    assert not (tmp_path / "out").exists()


def test_release_fill_in_grade(key_and_text, tmp_path):
    path, text = key_and_text
    out = tmp_path / "set"
    done = subprocess.run([sys.executable, "-m", "kit", "release", "--article", str(STORY), "--key", str(path),
                           "--out", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    teacher = json.loads((out / "solutions" / f"{NAME}.ipynb").read_text(encoding="utf-8"))
    student = json.loads((out / f"{NAME}.ipynb").read_text(encoding="utf-8"))
    assert (out / f"{NAME}.txt").read_text(encoding="utf-8") == text
    assert json.loads((out / f"{NAME}.key.json").read_text(encoding="utf-8")) == json.loads(path.read_text("utf-8"))
    assert kit_meta(student)["role"] == "student" and kit_meta(teacher)["role"] == "key"
    assert kit_meta(student)["exercise"] == NAME and unpack(kit_meta(teacher)["bank"])["text"] == text

    # The key ran: every check passed with the reference answers; the student version has none of them.
    lines = ["".join(o.get("text", "")) for c in teacher["cells"] if is_check(c) for o in c["outputs"]]
    assert len(lines) == len(EXPECTED) and all("✔ correct" in line for line in lines), lines
    setup = next(c for c in student["cells"] if "setup" in c["metadata"].get("tags", []))
    assert "load_exercise(BANK)" in cell_source(setup) and "Lena Ortiz" not in cell_source(setup)
    answers = [c for c in student["cells"] if is_answer(c)]
    assert [assigned_names(cell_source(c)) for c in answers] == [(q,) for q in EXPECTED]
    assert all(cell_source(c) == kit_meta(c)["template"] for c in answers)

    for cell in answers:  # the student fills in the answer cells
        (q,) = assigned_names(cell_source(cell))
        cell["source"] = f"{q} = {STUDENT[q]}"
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    (submissions / "ada.ipynb").write_text(json.dumps(student), encoding="utf-8")
    grading = tmp_path / "grading"
    done = subprocess.run([sys.executable, "-m", "kit", "grade", str(submissions / "ada.ipynb"),
                           "--keys", str(out / "solutions"), "--out", str(grading), "--jobs", "1", "--quiet"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    (row,) = list(csv.DictReader((grading / "gradebook.csv").open(encoding="utf-8")))
    assert row["status"] == "graded", row
    assert row["exercise"] == NAME
    assert {q: int(row[q]) for q in EXPECTED} == {q: (0 if q == "q8" else pts) for q, (_, pts, _) in EXPECTED.items()}
    assert (int(row["total"]), int(row["max_points"])) == (10, 11)
    feedback = (grading / "feedback" / f"ada.{NAME}.txt").read_text(encoding="utf-8")
    assert "q1 ✔ 1/1" in feedback
    assert "q8 ✘ 0/1 — Hint: Is there a public record" in feedback  # the generated bank's hint reaches the grader
