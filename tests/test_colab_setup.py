"""The setup cell: a no-op here, and on a simulated Colab the exact pip commands, nothing more."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

from kit import colab

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def first_cell(path: Path) -> str:
    cell = json.loads(path.read_text(encoding="utf-8"))["cells"][0]
    assert cell["cell_type"] == "code", f"{path.name}: the first cell must be the setup code cell"
    return "".join(cell["source"])


def test_the_five_notebooks_exist():
    assert [p.stem for p in NOTEBOOKS] == ["00_start_here", "01_who_says_so", "02_loaded_words",
                                          "03_numbers", "04_how_the_machine_reads"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_first_cell_is_the_setup_cell_with_the_one_url(path):
    source = first_cell(path)
    assert f'REPO_URL = "{colab.REPO_URL}"' in source
    assert source == colab.setup_cell_source(), "regenerate the first cell from kit.colab.setup_cell_source()"


class Recorder:
    def __init__(self):
        self.calls = []

    def __call__(self, args, **kwargs):
        self.calls.append((list(args), kwargs))
        return subprocess.CompletedProcess(args, 0)


def run_cell(monkeypatch, *, colab_loaded: bool, importable: set):
    recorder = Recorder()
    monkeypatch.setattr(subprocess, "run", recorder)
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: types.SimpleNamespace(name=name) if name in importable else None)
    if colab_loaded:
        monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    else:
        monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    exec(compile(colab.setup_cell_source(), "<setup cell>", "exec"), {})
    return recorder.calls


def test_does_nothing_outside_colab(monkeypatch):
    assert run_cell(monkeypatch, colab_loaded=False, importable=set()) == []


def test_on_colab_installs_the_kit_without_its_dependencies(monkeypatch):
    calls = run_cell(monkeypatch, colab_loaded=True, importable={"spacy", "ipywidgets", "matplotlib"})
    assert calls == [([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "git+" + colab.REPO_URL],
                      {"check": True})]


def test_on_colab_installs_only_missing_dependencies(monkeypatch):
    calls = run_cell(monkeypatch, colab_loaded=True, importable={"spacy", "ipywidgets"})
    assert [c[0] for c in calls] == [
        [sys.executable, "-m", "pip", "install", "-q", "matplotlib>=3.7,<4"],
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "git+" + colab.REPO_URL],
    ]
    assert not any("ipywidgets" in arg for c in calls for arg in c[0]), "never reinstall Colab's ipywidgets"


def test_on_colab_with_the_kit_installed_does_nothing(monkeypatch):
    assert run_cell(monkeypatch, colab_loaded=True, importable={"kit", "spacy", "ipywidgets", "matplotlib"}) == []


@pytest.mark.parametrize("importable", [set(), {"spacy"}, {"spacy", "ipywidgets", "matplotlib"},
                                        {"kit"}])
def test_the_cell_and_install_commands_agree(monkeypatch, importable):
    calls = run_cell(monkeypatch, colab_loaded=True, importable=importable)
    expected = colab.install_commands(sys.executable, has_module=lambda name: name in importable)
    assert [c[0] for c in calls] == expected


def test_in_colab():
    assert colab.in_colab(["google.colab", "sys"]) is True
    assert colab.in_colab(["sys"]) is False


def test_seed_and_opposite_framing_are_package_data():
    from kit import resources

    assert resources.seed_text().startswith("30.1 C")
    opposite = resources.read_text("seeds/opposite_framing.txt")
    assert "WRITTEN FOR THE KIT" in opposite and "not news" in opposite.lower()
