"""Reading the kit's data files (lexicons, patterns, the seed article and its key).

Everything under ``kit/data/`` is package data, read through ``importlib.resources`` so it is
found from a source checkout, an editable install and an installed wheel alike (Colab installs
the wheel: only the package arrives there, not the repository's folders).
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, List

from .errors import KitInputError

SEED_NAME = "moscow_territorial_gains"


def data_path(name: str):
    """A ``Traversable`` for ``kit/data/NAME`` (NAME may contain ``/``)."""
    node = resources.files("kit").joinpath("data")
    for part in name.split("/"):
        node = node.joinpath(part)
    return node


def read_text(name: str) -> str:
    return data_path(name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def load_jsonl(name: str) -> List[dict]:
    """Rows of a JSONL file under ``kit/data/``; lines that are empty or start with ``//`` are notes."""
    rows: List[dict] = []
    for number, line in enumerate(read_text(name).splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("//"):
            continue
        try:
            rows.append(json.loads(stripped))
        except json.JSONDecodeError as err:  # a broken data file is a bug in the kit, say where
            raise ValueError(f"kit/data/{name} line {number} is not valid JSON: {err.msg}") from None
    return rows


@lru_cache(maxsize=None)
def load_json(name: str) -> Any:
    return json.loads(read_text(name))


def seed_text() -> str:
    """The seed article, byte for byte as the user received it."""
    return data_path(f"seeds/{SEED_NAME}.txt").read_bytes().decode("utf-8")


def seed_key() -> dict:
    """The teacher's answer key for the seed article (``seeds/…key.json``)."""
    node = data_path(f"seeds/{SEED_NAME}.key.json")
    if not node.is_file():
        raise KitInputError("the seed's answer key is missing from this installation of the kit")
    return json.loads(node.read_text(encoding="utf-8"))
