"""The checkers behind every exercise question: one stable line per answer, never a traceback.

    >>> from kit.grading import checker
    >>> check = checker("01_who_says_so")
    >>> q1 = "said"
    >>> check("q1")          # reads q1 from the notebook; or check("q1", q1)
    q1 ✔ correct — 1/1 points. …

The questions live in ``kit/data/exercises/<exercise>.json``: points, kind, reference answer,
hint (a question, never the answer) and one more thing learned. Where a question says
``from_key``, its answer is read from the teacher's answer key of the seed article
(:func:`kit.resources.seed_key`), not from the detectors' output.
"""
from __future__ import annotations

import inspect
import math
from collections import Counter
from functools import lru_cache
from typing import Any, Dict, Iterable, List, NamedTuple, Optional, Tuple

from ..errors import KitInputError
from ..resources import load_json, seed_key, seed_text
from . import normalize as norm

EXERCISES: Tuple[str, ...] = ("01_who_says_so", "02_loaded_words", "03_numbers", "04_final_assessment")
PASS, FAIL = "✔ correct", "✘ not yet"
_MISSING = object()
KINDS = ("phrase", "phrases", "choice", "choices", "number", "numbers", "rewrite")
# What a student should have typed, per kind (said when the answer has the wrong type).
_EXPECTED = {
    "phrase": 'one word or phrase in quotes, like "word"',
    "phrases": 'a list of words or phrases in quotes, like ["one", "two"]',
    "choice": 'one letter in quotes, like "b"',
    "choices": 'a list of letters in quotes, like ["a", "c"]',
    "number": "a number, like 42",
    "numbers": "a list of numbers, like [12, 3400]",
    "rewrite": 'your sentence in quotes, like "…"',
}


class Result(NamedTuple):
    question: str
    correct: bool
    points: int
    max_points: int
    line: str


def _type_name(value: Any) -> str:
    return {str: "a text", list: "a list", tuple: "a tuple", set: "a set", dict: "a dictionary",
            bool: "True/False", int: "a number", float: "a number", type(None): "None"}.get(
        type(value), type(value).__name__)


# ----------------------------------------------------------------------------- the question bank
# Question banks made for other articles (``python -m kit release --article``), by exercise name.
_GENERATED: Dict[str, dict] = {}


def exercise(name: str) -> dict:
    """The question bank of one exercise, answers resolved: a registered bank, else ``kit/data/exercises/NAME.json``."""
    if name in _GENERATED:
        return _GENERATED[name]
    return _builtin(name)


def register(bank: dict) -> dict:
    """Make a generated bank (with its article ``text`` and answer ``key``) known by its ``exercise`` name.

    Its answers are resolved from its own key, as the seed's banks are from the seed's key.
    """
    name = bank.get("exercise")
    if not isinstance(name, str) or not name or name in EXERCISES:
        raise KitInputError(f"a generated exercise needs its own name, not {name!r}")
    _GENERATED[name] = resolve(bank, key=bank["key"], text=bank["text"])
    return _GENERATED[name]


@lru_cache(maxsize=None)
def _builtin(name: str) -> dict:
    if name not in EXERCISES:
        raise KitInputError(f"unknown exercise {name!r}; the kit has {', '.join(EXERCISES)}")
    return resolve(load_json(f"exercises/{name}.json"))


def resolve(data: dict, *, key: Optional[dict] = None, text: Optional[str] = None) -> dict:
    """A bank with every ``from_key`` answer read from ``key`` (default: the seed's key)."""
    name = data.get("exercise", "?")
    questions = {}
    for q in data["questions"]:
        q = dict(q)
        if q["kind"] not in KINDS:
            raise ValueError(f"exercise {name}: {q['id']} has unknown kind {q['kind']!r}")
        if "from_key" in q:
            derived = from_key(q["from_key"], key=key, text=text)
            if "option_values" in q:  # options that stand for values in the key
                wanted = {norm.phrase(str(v)) for v in (derived if isinstance(derived, list) else [derived])}
                letters = sorted(k for k, v in q["option_values"].items() if norm.phrase(str(v)) in wanted)
                if q["kind"] == "choice" and len(letters) != 1 or not letters:
                    raise ValueError(f"{name} {q['id']}: the key's {derived!r} does not pick the options")
                derived = letters[0] if q["kind"] == "choice" else letters
            q["answer"] = derived
        questions[q["id"]] = q
    return {**data, "questions": questions}


def questions(name: str) -> List[dict]:
    return list(exercise(name)["questions"].values())


def _field(record: dict, path: str) -> Any:
    value: Any = record
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if isinstance(value, dict) and "text" in value:  # a span {start, end, text}
        value = value["text"]
    return value


def _start(record: dict) -> int:
    """Where a key record starts: its own ``start`` or its cue's."""
    for node in (record, record.get("cue") if isinstance(record.get("cue"), dict) else None):
        if node is not None and isinstance(node.get("start"), int):
            return node["start"]
    return -1


def _matches(record: dict, where: Dict[str, Any]) -> bool:
    for path, want in where.items():
        got = _field(record, path)
        if isinstance(want, dict) and "contains" in want:
            if not isinstance(got, str) or norm.phrase(want["contains"]) not in norm.phrase(got):
                return False
        elif isinstance(want, list):
            if norm.phrase(str(got)) not in {norm.phrase(str(w)) for w in want}:
                return False
        elif isinstance(got, (int, float)) and isinstance(want, (int, float)):
            if got != want:
                return False
        elif norm.phrase(str(got)) != norm.phrase(str(want)):
            return False
    return True


def from_key(spec: dict, *, key: Optional[dict] = None, text: Optional[str] = None) -> Any:
    """Answer from an answer key (default: the seed's): ``{"layer", "where", "select", "pick": one|set|most_common}``."""
    if key is None:
        key, text = seed_key(), text or seed_text()
    rows = [r for r in key.get(spec["layer"], []) if _matches(r, spec.get("where", {}))]
    if "within" in spec:  # only records inside this passage of the article
        text = key.get("text") or text
        start = text.find(spec["within"])
        if start < 0:
            raise ValueError(f"the passage {spec['within'][:40]!r}… is not in the article")
        end = start + len(spec["within"])
        rows = [r for r in rows if start <= _start(r) < end]
    values = [_field(r, spec["select"]) for r in rows]
    values = [v for v in values if v not in (None, "")]
    pick = spec.get("pick", "one")
    if not values:
        raise ValueError(f"the answer key has no {spec['layer']} matching {spec.get('where')}")
    if pick == "set":
        seen: Dict[Any, Any] = {}
        for v in values:
            seen.setdefault(norm.phrase(v) if isinstance(v, str) else v, v)
        return sorted(seen.values(), key=str)
    if pick == "most_common":
        return Counter(values).most_common(1)[0][0]
    if len({norm.phrase(v) if isinstance(v, str) else v for v in values}) != 1:
        raise ValueError(f"the answer key gives several {spec['select']} for {spec.get('where')}: {values}")
    return values[0]


# ----------------------------------------------------------------------------- the checkers
def _groups(q: dict) -> List[set]:
    """Accepted forms per expected item: the answer, plus the alternatives listed under accept."""
    answer = q["answer"] if isinstance(q["answer"], list) else [q["answer"]]
    groups = [{norm.phrase(str(a))} for a in answer]
    for extra in q.get("accept", []):  # [answer item, alternative form]
        for g, a in zip(groups, answer):
            if norm.phrase(str(a)) == norm.phrase(str(extra[0])):
                g.add(norm.phrase(str(extra[1])))
    return groups


def _is_listlike(value: Any) -> bool:
    return isinstance(value, (list, tuple, set, frozenset))


def _judge(q: dict, value: Any) -> Tuple[Optional[bool], str]:
    """(True/False, "") for a readable answer; (None, why) when the type is wrong."""
    kind = q["kind"]
    if kind == "phrase":
        if not isinstance(value, str):
            return None, _type_name(value)
        return norm.phrase(value) in set().union(*_groups(q)), ""
    if kind == "phrases":
        if not _is_listlike(value) or not all(isinstance(v, str) for v in value):
            return None, _type_name(value) if not _is_listlike(value) else "a list with something other than texts in it"
        groups = _groups(q)
        hit = set()
        for v in value:
            idx = [i for i, g in enumerate(groups) if norm.phrase(v) in g]
            if not idx:
                return False, ""
            hit.update(idx)
        return hit == set(range(len(groups))), ""
    if kind in ("choice", "choices"):
        items = [value] if kind == "choice" else value
        if kind == "choice" and not isinstance(value, str) or kind == "choices" and (
                not _is_listlike(value) or not all(isinstance(v, str) for v in value)):
            return None, _type_name(value)
        letters = [norm.letter(v) for v in items]
        if None in letters or any(x not in q["options"] for x in letters):
            return None, "something that is not one of the letters " + ", ".join(sorted(q["options"]))
        want = q["answer"] if isinstance(q["answer"], list) else [q["answer"]]
        return set(letters) == set(want), ""
    if kind in ("number", "numbers"):
        items = [value] if kind == "number" else value
        if kind == "numbers" and not _is_listlike(value):
            return None, _type_name(value)
        nums = [norm.number(v) for v in items]
        if None in nums:
            bad = items[nums.index(None)]
            return None, _type_name(bad) + (f" ({bad!r})" if isinstance(bad, str) else "")
        want = q["answer"] if isinstance(q["answer"], list) else [q["answer"]]
        close = lambda a, b: math.isclose(a, float(b), rel_tol=1e-9, abs_tol=q.get("tolerance", 0))
        return (all(any(close(n, w) for w in want) for n in nums)
                and all(any(close(n, w) for n in nums) for w in want)), ""
    if kind == "rewrite":
        if not isinstance(value, str):
            return None, _type_name(value)
        from .rewrite import judge_rewrite

        ok, why = judge_rewrite(q, value)
        return ok, why
    raise ValueError(f"unknown kind {kind!r}")


def result(name: str, question: str, value: Any) -> Result:
    """Judge one answer. Never raises for anything a student can type."""
    q = exercise(name)["questions"].get(question)
    if q is None:
        known = ", ".join(exercise(name)["questions"])
        return Result(question, False, 0, 0, f"{question} ✘ unknown question — this exercise has {known}.")
    total = int(q["points"])
    if value is None or value is Ellipsis or (isinstance(value, (str, list, tuple, set, dict)) and not value
                                              ) or (isinstance(value, str) and not value.strip()):
        return Result(question, False, 0, total, f"{question} {FAIL} — 0/{total} points. Hint: {q['hint']}")
    try:
        ok, why = _judge(q, value)
    except Exception:  # noqa: BLE001 — a student never sees a traceback
        ok, why = None, "something the checker could not read"
    if ok is None:
        line = f"{question} {FAIL} — 0/{total} points. Expected {_EXPECTED[q['kind']]}; got {why}."
        return Result(question, False, 0, total, line)
    if ok:
        return Result(question, True, total, total, f"{question} {PASS} — {total}/{total} points. {q['learned']}")
    hint = why or q["hint"]
    return Result(question, False, 0, total, f"{question} {FAIL} — 0/{total} points. Hint: {hint}")


def check(name: str, question: str, value: Any = _MISSING) -> None:
    """Print the one-line verdict on ``question``; without ``value``, read the notebook variable."""
    if value is _MISSING:
        frame = inspect.currentframe()
        caller = frame.f_back if frame is not None else None
        # check() called through checker()'s closure: look one frame further out.
        while caller is not None and caller.f_globals.get("__name__") == __name__:
            caller = caller.f_back
        scope = caller.f_globals if caller is not None else {}
        if question not in scope:
            q = exercise(name)["questions"].get(question, {})
            print(f"{question} {FAIL} — 0/{q.get('points', 0)} points. "
                  f"There is no {question} yet: did you run the answer cell above?")
            return
        value = scope[question]
    print(result(name, question, value).line)


def checker(name: str):
    """``check = checker("01_who_says_so")``; then ``check("q1")`` in each check cell."""
    exercise(name)  # fail early, at set-up, on an unknown exercise name

    def bound(question: str, value: Any = _MISSING) -> None:
        check(name, question, value)

    bound.__doc__ = f"Check an answer of exercise {name}: check('q1') or check('q1', value)."
    return bound
