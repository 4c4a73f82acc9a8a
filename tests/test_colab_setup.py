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


def test_the_six_notebooks_exist():
    assert [p.stem for p in NOTEBOOKS] == ["00_start_here", "01_who_says_so", "02_loaded_words",
                                          "03_numbers", "04_how_the_machine_reads", "05_your_own_article"]


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
    calls = run_cell(monkeypatch, colab_loaded=True,
                     importable={"spacy", "ipywidgets", "matplotlib", "trafilatura", "lxml", "lxml_html_clean"})
    assert calls == [([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "git+" + colab.REPO_URL], {})]


def test_a_failed_install_stops_with_a_message_not_a_traceback(monkeypatch):
    monkeypatch.setattr(subprocess, "run", lambda args, **kw: subprocess.CompletedProcess(args, 1))
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None)
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    with pytest.raises(SystemExit, match="could not be installed from .* run this cell again"):
        exec(compile(colab.setup_cell_source(), "<setup cell>", "exec"), {})


def test_on_colab_installs_only_missing_dependencies(monkeypatch):
    calls = run_cell(monkeypatch, colab_loaded=True, importable={"spacy", "ipywidgets"})
    assert [c[0] for c in calls] == [
        [sys.executable, "-m", "pip", "install", "-q", "matplotlib>=3.7,<4", "trafilatura>=2,<3", "lxml>=5",
         "lxml_html_clean>=0.4"],
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "git+" + colab.REPO_URL],
    ]
    assert not any("ipywidgets" in arg for c in calls for arg in c[0]), "never reinstall Colab's ipywidgets"


def test_on_colab_with_the_kit_installed_does_nothing(monkeypatch):
    assert run_cell(monkeypatch, colab_loaded=True, importable={"kit", "spacy", "ipywidgets", "matplotlib"}) == []


def test_the_cell_installs_what_pyproject_requires():
    import re
    from pathlib import Path

    pyproject = (Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    block = pyproject.split("dependencies = [", 1)[1].split("]", 1)[0]
    required = re.findall(r'^\s*"([^"]+)"', block, flags=re.M)
    assert sorted(req for _, req in colab.DEPENDENCIES) == sorted(required)


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


# --- the notebooks as committed: executed, read well without widgets, and safe under nbval ----------

WIDGETS = ("Explorer(", "PredictReveal(", "Rewrite(")


def cells_of(path: Path) -> list:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell) -> str:
    return "".join(cell["source"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_executed_without_errors(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == "python3", "without a kernelspec JupyterLab asks for a kernel"
    code_cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(c["execution_count"] is not None for c in code_cells), "commit the notebook executed"
    assert not [o for c in code_cells for o in c["outputs"] if o["output_type"] == "error"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_opens_with_goals_and_time_and_ends_with_check_yourself(path):
    texts = [source(c) for c in cells_of(path) if c["cell_type"] == "markdown"]
    assert "**Time:** about" in texts[0] and "**Goals.**" in texts[0]
    assert "## Summary" in texts[-1] and "## Check yourself" in texts[-1]


def test_the_path_takes_about_two_class_hours():
    import re

    minutes = [int(re.search(r"\*\*Time:\*\* about (\d+) minutes", source(cells_of(p)[1])).group(1))
               for p in NOTEBOOKS]
    assert 80 <= sum(minutes) <= 120, minutes


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_widget_cells_ignored_summary_cells_checked_and_static_highlights_first(path):
    cells = [c for c in cells_of(path) if c["cell_type"] == "code"]
    checked = [c for c in cells if "NBVAL_CHECK_OUTPUT" in source(c)]
    assert checked, "at least one plain-text summary cell must be compared by nbval"
    for c in checked:
        assert not any(w in source(c) for w in WIDGETS) and "charts." not in source(c)
        assert all(o["output_type"] == "stream" for o in c["outputs"]), "checked cells print plain text"
    for i, c in enumerate(cells):
        src = source(c)
        if any(w in src for w in WIDGETS) or "charts." in src:
            assert "nbval-ignore-output" in c["metadata"].get("tags", []), src
        if "Explorer(" in src:
            before = cells[i - 1]
            assert "render_html(" in source(before), "static HTML highlights come right before each explorer"
            html = ["".join(o["data"]["text/html"]) for o in before["outputs"] if "text/html" in o.get("data", {})]
            assert html and "kit-highlight" in "".join(html), "the static highlights were not committed executed"
