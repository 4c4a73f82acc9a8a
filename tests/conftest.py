"""Shared test set-up: repository paths, the seed, and hypothesis profiles for a 2-core machine."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED_PATH = REPO / "seeds" / "moscow_territorial_gains.txt"

try:  # the ipywidgets-7 environment (make test-widgets) may run without hypothesis
    from hypothesis import HealthCheck, settings
except ImportError:  # pragma: no cover
    settings = None

if settings is not None:
    # deadline=None: the machine is shared and a first call builds the pipeline.
    settings.register_profile(
        "kit", deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow]
    )
    settings.register_profile(
        "kit-thorough", deadline=None, max_examples=600, suppress_health_check=[HealthCheck.too_slow]
    )
    settings.load_profile(os.environ.get("KIT_HYPOTHESIS_PROFILE", "kit"))


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_PATH.read_bytes().decode("utf-8")


def span_records(data):
    """Every ``{"start", "end", "text"}`` record anywhere in a ``to_dict()`` result (text excluded)."""
    if isinstance(data, dict):
        if {"start", "end", "text"} <= set(data):
            yield data
        for key, value in data.items():
            if key != "text":
                yield from span_records(value)
    elif isinstance(data, list):
        for item in data:
            yield from span_records(item)


def assert_offsets_valid(data: dict) -> int:
    """Each span lies inside the analysed text and its text is ``text[start:end]``; returns how many."""
    text = data["text"]
    count = 0
    for record in span_records({k: v for k, v in data.items() if k != "text"}):
        start, end = record["start"], record["end"]
        assert isinstance(start, int) and isinstance(end, int), record
        assert 0 <= start <= end <= len(text), f"span {start}:{end} outside a text of {len(text)}: {record}"
        assert text[start:end] == record["text"], f"text[{start}:{end}] is {text[start:end]!r}: {record}"
        count += 1
    return count


@pytest.fixture(scope="session")
def check_offsets():
    """``check_offsets(to_dict_result)``: assert every span is valid; returns the number checked."""
    return assert_offsets_valid
