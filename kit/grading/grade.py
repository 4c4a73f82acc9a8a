"""``python -m kit grade``: grade a class's notebooks against the teacher's key with nbval.

For each submission: take only its answer cells; refuse anything in them but plain values
assigned to names (that answer scores zero, with the reason); graft the values into a copy of the
teacher's key, whose check cells and stored outputs are the reference; run nbval on the copy in a
scratch folder (``--nbval-lax``, current environment, per-cell and total timeouts) in a separate
``python -m pytest`` process; read which check cells passed from its JUnit XML. A student's stored
outputs, markers and edits to check cells never reach the graded notebook.
"""
from __future__ import annotations

import copy
import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from ..errors import KitInputError
from . import checks
from .answers import ParsedCell, Refusal, assigned_names, parse_answer_cell, render_answers
from .notebook import cell_source, dumps, is_answer, is_check, kit_meta

MAX_BYTES = 5_000_000  # a submission larger than this is refused unread (an exercise is ~30 kB)
CELL_TIMEOUT = 30.0  # seconds per cell
TOTAL_TIMEOUT = 180.0  # seconds per submission, kernel start included
STATUSES = ("graded", "timeout", "invalid")
BATCH = 4  # submissions per nbval process (one kernel each): fewer Python start-ups, steady progress
_ANSWER_LINE = re.compile(r"^\s*([A-Za-z_]\w*)\s*=", re.M)
_CHECK_ITEM = re.compile(r"Cell (\d+)$")


@dataclass(frozen=True)
class Key:
    """One teacher's key: the notebook, its answer cells and its check cells."""

    exercise: str
    path: str
    nb: dict
    answers: Tuple[Tuple[int, str, Tuple[str, ...], str], ...]  # (cell index, id, names, template)
    checks: Tuple[Tuple[int, str, int], ...]  # (code-cell number, question, points)

    @property
    def questions(self) -> List[str]:
        return [q for _, q, _ in self.checks]

    @property
    def max_points(self) -> int:
        return sum(p for _, _, p in self.checks)


def load_key(path: str) -> Key:
    """Read a key notebook and find its answer and check cells."""
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise KitInputError(f"cannot read the key {path}: {err}") from None
    return key_from_notebook(nb, str(path))


def key_from_notebook(nb: dict, path: str = "<built>") -> Key:
    name = kit_meta(nb).get("exercise")
    if not isinstance(name, str):
        raise KitInputError(f"{path} has no metadata.kit.exercise: it is not an exercise key")
    if isinstance(kit_meta(nb).get("bank"), str):  # made for another article: its questions travel with it
        from .article_set import unpack

        checks.register(unpack(kit_meta(nb)["bank"]))
    answers, check_cells, code_number = [], [], 0
    for index, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        if is_answer(cell):
            meta = kit_meta(cell)
            names = tuple(meta.get("answer") or assigned_names(cell_source(cell)))
            answers.append((index, cell.get("id", ""), names, meta.get("template", "")))
        if is_check(cell):
            meta = kit_meta(cell)
            if cell.get("execution_count") is None:
                raise KitInputError(f"{path}: check cell {meta['check']} was never run; execute the key first")
            check_cells.append((code_number, meta["check"], int(meta.get("points", 1))))
        code_number += 1
    if not check_cells:
        raise KitInputError(f"{path} has no check cells (metadata.kit.check)")
    return Key(name, path, nb, tuple(answers), tuple(check_cells))


def builtin_key(name: str, workdir: str) -> Key:
    """The key of exercise ``name`` built from the installed kit and executed once."""
    from .author import build_key, execute

    return key_from_notebook(execute(build_key(name), cwd=workdir), f"<kit {name}>")


@dataclass
class Row:
    """One line of the gradebook."""

    student: str
    file: str
    exercise: str = ""
    points: Dict[str, int] = field(default_factory=dict)
    max_points: int = 0
    status: str = "invalid"
    reason: str = ""
    sha256: str = ""
    question_max: Dict[str, int] = field(default_factory=dict)
    feedback: List[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.points.values())


class KeyBook:
    """Keys by exercise: given with --key, found in --keys DIR, or built from the installed kit."""

    def __init__(self, key_paths: Sequence[str] = (), keys_dir: Optional[str] = None, workdir: str = "."):
        self.forced: Optional[str] = None
        self._keys: Dict[str, Key] = {}
        self._dir = Path(keys_dir) if keys_dir else None
        self._workdir = workdir
        self._lock = threading.Lock()
        for path in key_paths:
            key = load_key(path)
            self._keys[key.exercise] = key
        if len(key_paths) == 1:
            self.forced = next(iter(self._keys))

    def get(self, name: str) -> Key:
        with self._lock:
            if name not in self._keys:
                if not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", name):
                    raise KitInputError(f"the notebook names an exercise {name[:40]!r} that is not a plain name")
                if self.forced is not None:
                    raise KitInputError(f"no key for {name}")
                candidate = self._dir / f"{name}.ipynb" if self._dir else None
                if candidate is not None and candidate.is_file():
                    self._keys[name] = load_key(str(candidate))
                elif name in checks.EXERCISES:
                    self._keys[name] = builtin_key(name, self._workdir)
                else:
                    raise KitInputError(f"unknown exercise {name!r}")
            return self._keys[name]


# ----------------------------------------------------------------------------- one submission
def _read_submission(path: Path, row: Row) -> Optional[dict]:
    try:
        size = path.stat().st_size
    except OSError as err:
        row.reason = f"cannot open the file: {err.strerror}"
        return None
    if size > MAX_BYTES:
        row.reason = (f"the file is {size / 1e6:.1f} MB; a submission may be at most {MAX_BYTES / 1e6:.0f} MB "
                      "(clear all outputs before saving)")
        return None
    data = path.read_bytes()
    row.sha256 = hashlib.sha256(data).hexdigest()
    try:
        nb = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        row.reason = "the file is not UTF-8 text: not a notebook"
        return None
    except json.JSONDecodeError as err:
        row.reason = f"the file is not a notebook: broken JSON at line {err.lineno}, column {err.colno}"
        return None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list) \
            or not all(isinstance(c, dict) for c in nb["cells"]):
        row.reason = "the file is JSON but not a Jupyter notebook (no list of cells)"
        return None
    return nb


def _exercise_of(nb: dict) -> Optional[str]:
    name = kit_meta(nb).get("exercise")
    if isinstance(name, str):
        return name
    for cell in nb["cells"]:  # metadata lost (some editors drop it): the fixed cell ids still tell
        cid = cell.get("id")
        if isinstance(cid, str):
            for known in checks.EXERCISES:
                if cid.startswith(known + "-"):
                    return known
    return None


def _answer_cells(nb: dict, key: Key) -> Dict[str, Optional[str]]:
    """For each key answer cell id, the source of the submission's matching cell (None: missing)."""
    by_id = {c.get("id"): c for c in nb["cells"] if c.get("cell_type") == "code" and isinstance(c.get("id"), str)}
    tagged = [c for c in nb["cells"] if is_answer(c)]
    found: Dict[str, Optional[str]] = {}
    for _, cid, names, _ in key.answers:
        cell = by_id.get(cid)
        if cell is None:  # ids changed (copied cells): a tagged answer cell assigning these names
            cell = next((c for c in tagged if set(_ANSWER_LINE.findall(cell_source(c))) & set(names)), None)
        found[cid] = cell_source(cell) if cell is not None else None
    return found


def graft(nb: dict, key: Key) -> Tuple[dict, Dict[str, str], Dict[str, object]]:
    """The key with the submission's answers in it; reasons per refused question; values used."""
    graded = copy.deepcopy(key.nb)
    sources = _answer_cells(nb, key)
    reasons: Dict[str, str] = {}
    values: Dict[str, object] = {}
    for index, cid, names, template in key.answers:
        src = sources.get(cid)
        templates = dict(zip(names, template.splitlines() if len(names) > 1 else [template]))
        empty = ParsedCell({}, {})
        if src is None:
            for name in names:
                reasons[name] = "no answer cell found (was it deleted?)"
            parsed, code = empty, render_answers(names, empty, templates)
        else:
            try:
                parsed = parse_answer_cell(src, allowed=names)
                code = render_answers(names, parsed, templates)
            except Refusal as why:
                for name in names:
                    reasons[name] = f"answer refused: {why}"
                parsed, code = empty, render_answers(names, empty, templates)
        values.update(parsed.values)
        graded["cells"][index]["source"] = code
    return graded, reasons, values


def _kill_tree(proc: subprocess.Popen) -> None:
    try:
        import psutil

        parent = psutil.Process(proc.pid)
        family = parent.children(recursive=True) + [parent]
        for p in family:
            try:
                p.kill()
            except psutil.Error:
                pass
    except Exception:  # noqa: BLE001 — psutil missing or process gone: kill what we can
        proc.kill()
    proc.wait()


# ``python -m pytest``, minus one optional import: nbformat -> jsonschema imports rfc3987_syntax
# (if installed) only for the "iri" format, which notebook validation never uses; building its
# grammar takes ~2 s of CPU per process, most of a submission's grading time.
_BOOT = "import sys; sys.modules['rfc3987_syntax'] = None; import pytest; sys.exit(pytest.main(sys.argv[1:]))"


def run_nbval(notebooks: Sequence[Path], *, cell_timeout: float,
              total_timeout: float) -> Tuple[Optional[Dict[str, Dict[int, str]]], str]:
    """Run nbval on notebooks of one folder in one pytest process.

    Returns ({notebook file name: {code-cell number: passed|failed|timeout}}, "") or (None, why).
    """
    folder = notebooks[0].parent
    (folder / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    report = folder / "report.xml"
    cmd = [sys.executable, "-c", _BOOT, "-q", "-p", "nbval.plugin", "-p", "no:cacheprovider",
           "-c", str(folder / "pytest.ini"), "--rootdir", str(folder), "--nbval-lax", "--nbval-current-env",
           f"--nbval-cell-timeout={cell_timeout:g}", f"--junitxml={report}", *(nb.name for nb in notebooks)]
    env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "MPLBACKEND": "Agg", "PYTHONHASHSEED": "0",
           "JUPYTER_RUNTIME_DIR": str(folder / "runtime"), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTEST_ADDOPTS", None)
    proc = subprocess.Popen(cmd, cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        out, _ = proc.communicate(timeout=total_timeout)
    except subprocess.TimeoutExpired:
        _kill_tree(proc)
        return None, f"stopped after the total time limit of {total_timeout:g} s"
    if not report.is_file():
        tail = out.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        return None, f"nbval did not run: {tail[0]}"
    found: Dict[str, Dict[int, str]] = {nb.name: {} for nb in notebooks}
    for case in ET.parse(report).getroot().iter("testcase"):
        match = _CHECK_ITEM.search(case.get("name", ""))
        notebook = case.get("classname", "")
        if not match or notebook not in found:
            continue
        state = "passed"
        for child in case:
            if child.tag in ("failure", "error", "skipped"):
                text = (child.get("message") or "") + (child.text or "")
                state = "timeout" if "Timeout of" in text else "failed"
        found[notebook][int(match.group(1))] = state
    return found, ""


_checker_lock = threading.Lock()


def _feedback(row: Row, key: Key, values: Dict[str, object], reasons: Dict[str, str], states: Dict[int, str]) -> None:
    lines = [f"{row.student} — {row.exercise}: {row.total}/{row.max_points} points ({row.status})"]
    if row.reason:
        lines.append(f"Note: {row.reason}")
    for number, q, pts in key.checks:
        got = row.points.get(q, 0)
        if q in reasons:
            lines.append(f"{q} ✘ 0/{pts} — {reasons[q]}")
        elif states.get(number) == "timeout":
            lines.append(f"{q} ✘ 0/{pts} — the check ran out of time")
        elif got == pts:
            lines.append(f"{q} ✔ {got}/{pts}")
        else:
            hint = ""
            if q in values and q in checks.exercise(key.exercise)["questions"]:
                with _checker_lock:
                    line = checks.result(key.exercise, q, values[q]).line
                hint = line.split(" points. ", 1)[1] if " points. " in line else ""
            lines.append(f"{q} ✘ 0/{pts}" + (f" — {hint}" if hint else ""))
    row.feedback = lines


@dataclass
class Prepared:
    """A submission ready for nbval: its row so far, its key, and the key with its answers in it."""

    row: Row
    key: Key
    graded: dict
    reasons: Dict[str, str]
    values: Dict[str, object]


def prepare(path: str, keys: KeyBook, *, student: str):
    """A finished Row (the file cannot be graded) or a Prepared submission; never raises for the file."""
    row = Row(student=student, file=str(path))

    def invalid(reason: str) -> Row:
        row.reason = reason
        row.feedback = [f"{student}: not graded — {reason}"]
        return row

    nb = _read_submission(Path(path), row)
    if nb is None:
        return invalid(row.reason)
    found = _exercise_of(nb)
    name = keys.forced or found
    if keys.forced and found and found != keys.forced:
        row.exercise = found
        return invalid(f"this is a notebook of exercise {found}, but the key given is {keys.forced}")
    if name is None:
        return invalid("cannot tell which exercise this is (no metadata.kit.exercise); grade it with --key")
    try:
        key = keys.get(name)
    except KitInputError as err:
        row.exercise = name
        return invalid(str(err))
    row.exercise, row.max_points = key.exercise, key.max_points
    row.question_max = {q: pts for _, q, pts in key.checks}
    graded, reasons, values = graft(nb, key)
    return Prepared(row, key, graded, reasons, values)


def finish(p: Prepared, states: Optional[Dict[int, str]], note: str, cell_timeout: float) -> Row:
    """Points from nbval's per-cell results (``states``; None when the run gave none, with ``note``)."""
    row, key, reasons = p.row, p.key, p.reasons
    if states is None:
        row.points = {q: 0 for q in key.questions}
        row.status = "timeout" if "time limit" in note else "invalid"
        row.reason = note
        _feedback(row, key, p.values, reasons, {})
        return row
    row.points = {q: (pts if states.get(number) == "passed" else 0) for number, q, pts in key.checks}
    timed_out = [q for number, q, _ in key.checks if states.get(number) == "timeout"]
    other = [n for n, s in states.items() if s == "timeout" and n not in {c[0] for c in key.checks}]
    row.status = "timeout" if timed_out or other else "graded"
    notes = [f"{q}: {why}" for q, why in sorted(reasons.items())]
    if timed_out or other:
        notes.append(f"cell time limit of {cell_timeout:g} s reached" + (f" in {', '.join(timed_out)}" if timed_out else ""))
    row.reason = "; ".join(notes)
    _feedback(row, key, p.values, reasons, states)
    return row


def run_batch(batch: Sequence[Prepared], *, scratch: str, cell_timeout: float = CELL_TIMEOUT,
              total_timeout: float = TOTAL_TIMEOUT) -> List[Row]:
    """Grade prepared submissions in one nbval process (one kernel each, in turn).

    The time limit grows with the batch; when a batch runs out of time, each of its submissions
    is graded again on its own, so one slow submission never costs another its grade.
    """
    folder = Path(tempfile.mkdtemp(prefix="kit-grade-", dir=scratch))
    try:
        names = []
        for number, p in enumerate(batch):
            target = folder / f"s{number:03d}_{p.key.exercise}.ipynb"
            target.write_text(dumps(p.graded), encoding="utf-8")
            names.append(target)
        found, note = run_nbval(names, cell_timeout=cell_timeout, total_timeout=total_timeout * len(batch))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if found is None and len(batch) > 1:
        return [row for p in batch for row in run_batch([p], scratch=scratch, cell_timeout=cell_timeout,
                                                         total_timeout=total_timeout)]
    return [finish(p, None if found is None else found[n.name], note, cell_timeout) for p, n in zip(batch, names)]


def grade_one(path: str, keys: KeyBook, *, student: str, scratch: str,
              cell_timeout: float = CELL_TIMEOUT, total_timeout: float = TOTAL_TIMEOUT) -> Row:
    """Grade one submission; never raises for anything inside the file."""
    p = prepare(path, keys, student=student)
    if isinstance(p, Row):
        return p
    return run_batch([p], scratch=scratch, cell_timeout=cell_timeout, total_timeout=total_timeout)[0]


# ----------------------------------------------------------------------------- a class
def student_ids(paths: Sequence[str]) -> Dict[str, str]:
    """Student id from the file name; with the parent folder when two files share a name."""
    stems: Dict[str, int] = {}
    for p in paths:
        stems[Path(p).stem] = stems.get(Path(p).stem, 0) + 1
    ids = {}
    for p in paths:
        path = Path(p)
        ids[p] = path.stem if stems[path.stem] == 1 else f"{path.parent.name}/{path.stem}"
    return ids


def _columns(rows: Iterable[Row], keys: KeyBook) -> List[str]:
    qs: List[str] = []
    for row in rows:
        for q in row.points:
            if q not in qs:
                qs.append(q)
    return sorted(qs, key=lambda q: (len(q), q))


HEAD = ["student", "exercise"]
TAIL = ["total", "max_points", "status", "reason", "file", "sha256"]


def _csv_row(row: Row, questions: Sequence[str]) -> List[str]:
    pts = [str(row.points[q]) if q in row.points else "" for q in questions]
    return [row.student, row.exercise, *pts, str(row.total), str(row.max_points), row.status, row.reason,
            row.file, row.sha256]


def _crashed(student: str, path: str, err: Exception) -> Row:
    row = Row(student=student, file=str(path), reason=f"grader error: {type(err).__name__}: {err}")
    row.feedback = [f"{student}: not graded — {row.reason}"]
    return row


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "student"


def grade(paths: Sequence[str], *, key_paths: Sequence[str] = (), keys_dir: Optional[str] = "exercises/solutions",
          out: str = "grading-out", jobs: Optional[int] = None, cell_timeout: float = CELL_TIMEOUT,
          total_timeout: float = TOTAL_TIMEOUT, progress=None, plot: bool = True,
          batch_size: int = BATCH) -> List[Row]:
    """Grade every submission; write gradebook.csv, feedback/ and summary.png under ``out``."""
    if not paths:
        raise KitInputError("no submissions given: pass notebook files, e.g. submissions/*.ipynb")
    out_dir = Path(out)
    (out_dir / "feedback").mkdir(parents=True, exist_ok=True)
    scratch = tempfile.mkdtemp(prefix="kit-grading-")
    keys = KeyBook(key_paths, keys_dir, scratch)
    ids = student_ids(list(paths))
    question_cols = [q for q in (keys.get(keys.forced).questions if keys.forced else [])]
    if not question_cols:
        question_cols = [f"q{i}" for i in range(1, 9)]
    gradebook = out_dir / "gradebook.csv"
    rows: List[Row] = []
    jobs = jobs or os.cpu_count() or 1
    try:
        with gradebook.open("w", newline="", encoding="utf-8") as live:
            writer = csv.writer(live)
            writer.writerow([*HEAD, *question_cols, *TAIL])
            live.flush()
            done = 0

            def record(row: Row) -> None:
                nonlocal done
                done += 1
                rows.append(row)
                writer.writerow(_csv_row(row, question_cols))  # written as it completes: nothing lost
                live.flush()
                fb = out_dir / "feedback" / f"{_safe(row.student)}.{row.exercise or 'unknown'}.txt"
                fb.write_text("\n".join(row.feedback) + "\n", encoding="utf-8")
                if progress:
                    progress(done, len(paths), row)

            ready: Dict[str, List[Prepared]] = {}
            for path in paths:
                try:
                    p = prepare(path, keys, student=ids[path])
                except Exception as err:  # noqa: BLE001 — every submission gets a row
                    p = _crashed(ids[path], path, err)
                if isinstance(p, Row):
                    record(p)
                else:
                    ready.setdefault(p.key.exercise, []).append(p)
            batches = []
            for group in ready.values():
                size = max(1, min(batch_size, -(-len(group) // jobs)))
                batches.extend(group[i:i + size] for i in range(0, len(group), size))
            with ThreadPoolExecutor(max_workers=jobs) as pool:
                futures = {pool.submit(run_batch, b, scratch=scratch, cell_timeout=cell_timeout,
                                       total_timeout=total_timeout): b for b in batches}
                for future in as_completed(futures):
                    try:
                        finished = future.result()
                    except Exception as err:  # noqa: BLE001 — every submission gets a row
                        finished = [_crashed(p.row.student, p.row.file, err) for p in futures[future]]
                    for row in finished:
                        record(row)
        rows.sort(key=lambda r: (r.student, r.exercise, r.file))
        questions = _columns(rows, keys) or question_cols
        tmp = gradebook.with_suffix(".csv.tmp")
        with tmp.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow([*HEAD, *questions, *TAIL])
            for row in rows:
                writer.writerow(_csv_row(row, questions))
        os.replace(tmp, gradebook)
        if plot:
            from .summary import plot_summary

            plot_summary(rows, out_dir / "summary.png")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return rows
