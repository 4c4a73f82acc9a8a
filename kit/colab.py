"""The first cell of every notebook: nothing locally or on Binder; on Colab, install the kit.

On Colab only the notebook arrives, and the kit is not installed yet when its first cell runs,
so that cell cannot import this module: it carries its own copy of the code and of
``REPO_URL``. This module is the one place the URL and the cell are defined;
``setup_cell_source()`` writes the cell, and a test checks that every notebook's first cell is
exactly this text (so changing ``REPO_URL`` here and regenerating the cells is the whole job).

Colab already ships spaCy, ipywidgets 7.7 and matplotlib: the kit is installed with
``--no-deps``, plus only those of its dependencies that are missing, so nothing Colab ships is
reinstalled or upgraded (ipywidgets 8 would break Colab's widget display).
"""
from __future__ import annotations

from typing import Callable, List, Sequence, Tuple

# The repository the kit is installed from on Colab. Defined here only. A placeholder until the
# kit is published (the README says so): replace OWNER/REPO, then rebuild the notebooks.
REPO_URL = "https://github.com/OWNER/REPO"

# (import name, pip requirement) of the kit's run-time dependencies (pyproject.toml).
DEPENDENCIES: Tuple[Tuple[str, str], ...] = (
    ("spacy", "spacy>=3.8,<3.9"),
    ("ipywidgets", "ipywidgets>=7.7,<9"),
    ("matplotlib", "matplotlib>=3.7,<4"),
    ("trafilatura", "trafilatura>=2,<3"),
    ("lxml", "lxml>=5"),
    ("lxml_html_clean", "lxml_html_clean>=0.4"),
)

_CELL = '''# Setup. Here and on Binder this cell does nothing. On Google Colab it installs the kit
# (about 20 seconds) without touching what Colab already has (spaCy, ipywidgets 7.7).
import sys
if "google.colab" in sys.modules:
    import importlib.util, subprocess
    REPO_URL = "{url}"
    DEPENDENCIES = {deps!r}
    if importlib.util.find_spec("kit") is None:
        missing = [req for name, req in DEPENDENCIES if importlib.util.find_spec(name) is None]
        for command in ([[sys.executable, "-m", "pip", "install", "-q", *missing]] if missing else []) + [
                [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "git+" + REPO_URL]]:
            if subprocess.run(command).returncode != 0:
                raise SystemExit("The kit could not be installed from " + REPO_URL + " (see pip's message above). "
                                 "Check the internet connection and that REPO_URL is the kit's repository, "
                                 "then run this cell again.")'''


def setup_cell_source(url: str = REPO_URL) -> str:
    """The exact source of the first cell of every notebook."""
    return _CELL.format(url=url, deps=DEPENDENCIES)


def install_commands(python: str, *, has_module: Callable[[str], bool]) -> List[List[str]]:
    """The pip commands the setup cell runs on Colab, given which modules are importable."""
    if has_module("kit"):
        return []
    commands: List[List[str]] = []
    missing = [req for name, req in DEPENDENCIES if not has_module(name)]
    if missing:
        commands.append([python, "-m", "pip", "install", "-q", *missing])
    commands.append([python, "-m", "pip", "install", "-q", "--no-deps", "git+" + REPO_URL])
    return commands


def in_colab(modules: Sequence[str] = ()) -> bool:
    """True when running on Google Colab (its ``google.colab`` module is loaded)."""
    import sys

    return "google.colab" in (modules or sys.modules)
