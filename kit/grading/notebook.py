"""The shape of an exercise notebook: which cells are answers, which are checks, and writing one.

Every exercise notebook carries ``metadata.kit = {"exercise": NAME, "role": "key"|"student"}``.
An answer cell is tagged ``answer`` and carries ``metadata.kit = {"answer": [names], "template":
"q1 = []  # ..."}``; a check cell is tagged ``nbval-check-output`` and ``check`` and carries
``metadata.kit = {"check": "q1", "points": 1}``. Cell ids are fixed (``<exercise>-q1-answer``)
so release is reproducible and the grader can match cells even when tags were lost.
"""
from __future__ import annotations

import json
from typing import Any, Dict, List

ANSWER_TAG = "answer"
CHECK_TAG = "check"
NBVAL_CHECK = "nbval-check-output"


def cell_source(cell: dict) -> str:
    src = cell.get("source", "")
    if isinstance(src, list):
        return "".join(part for part in src if isinstance(part, str))
    return src if isinstance(src, str) else ""


def tags(cell: dict) -> List[str]:
    meta = cell.get("metadata")
    found = meta.get("tags", []) if isinstance(meta, dict) else []
    return [t for t in found if isinstance(t, str)] if isinstance(found, list) else []


def kit_meta(cell_or_nb: dict) -> Dict[str, Any]:
    meta = cell_or_nb.get("metadata")
    found = meta.get("kit") if isinstance(meta, dict) else None
    return found if isinstance(found, dict) else {}


def is_answer(cell: dict) -> bool:
    return cell.get("cell_type") == "code" and ANSWER_TAG in tags(cell)


def is_check(cell: dict) -> bool:
    return cell.get("cell_type") == "code" and "check" in kit_meta(cell)


def literal(value: Any) -> str:
    """Python source for a plain value, strings in double quotes (as a student would type them)."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        inner = ", ".join(literal(v) for v in value)
        return f"[{inner}]" if isinstance(value, list) else f"({inner}{',' if len(value) == 1 else ''})"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value)


def dumps(nb: dict) -> str:
    """The notebook as nbformat writes it (1-space indent, sorted keys, final newline)."""
    return json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n"
