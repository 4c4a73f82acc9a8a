"""``python -m kit release``: the student versions of the exercises, made from the teacher's keys.

Each answer cell's source is replaced by the template stored in its metadata
(``metadata.kit.template``), every output is cleared and every execution count set to null,
and the notebook's ``metadata.kit.role`` becomes ``student``. Nothing else changes, so the
student version is a pure function of the key: the same keys always give the same bytes.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import List

from ..errors import KitInputError
from .notebook import cell_source, dumps, is_answer, kit_meta


def student_version(key: dict) -> dict:
    """The student notebook for one key notebook (a dict in nbformat 4 layout)."""
    if kit_meta(key).get("exercise") is None:
        raise KitInputError("this notebook has no metadata.kit.exercise: it is not an exercise key")
    nb = copy.deepcopy(key)
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        if is_answer(cell):
            template = kit_meta(cell).get("template")
            if not isinstance(template, str):
                raise KitInputError(f"answer cell {cell.get('id')} has no metadata.kit.template")
            cell["source"] = template
        cell["outputs"] = []
        cell["execution_count"] = None
        cell.get("metadata", {}).pop("execution", None)
    nb["metadata"]["kit"] = {**kit_meta(key), "role": "student"}
    return nb


def release(keys_dir: str = "exercises/solutions", out_dir: str = "exercises") -> List[Path]:
    """Write ``out_dir/<name>.ipynb`` for every key in ``keys_dir``; the paths written, sorted."""
    keys = sorted(Path(keys_dir).glob("*.ipynb"))
    if not keys:
        raise KitInputError(f"no notebooks in {keys_dir}: give --keys the folder of the teacher's keys")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in keys:
        try:
            key = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            raise KitInputError(f"cannot read the key {path}: {err}") from None
        target = out / path.name
        target.write_text(dumps(student_version(key)), encoding="utf-8")
        written.append(target)
    return written
