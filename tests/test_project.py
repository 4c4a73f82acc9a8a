"""The project around the package: Binder files agree with pyproject.toml, the seed is intact and
ships inside the wheel, and the README promises only what exists."""
from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

import kit
from kit import resources

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "moscow_territorial_gains.txt"
SEED_META = REPO / "seeds" / "moscow_territorial_gains.meta.json"
SHARED_SEED = REPO.parent / "shared" / "seeds" / "000_3876eccb055f605d.txt"

# conda-forge names that differ from the PyPI name of the same package.
CONDA_TO_PYPI = {"matplotlib-base": "matplotlib"}
CONDA_ONLY = {"python", "pip"}


def pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def pypi_requirements(*groups: str) -> dict:
    """{normalised name: SpecifierSet} of the runtime dependencies plus the given extras."""
    project = pyproject()["project"]
    lines = list(project["dependencies"])
    for group in groups:
        lines += project["optional-dependencies"][group]
    reqs = (Requirement(line) for line in lines)
    return {r.name.lower().replace("_", "-"): r.specifier for r in reqs}


def conda_dependencies() -> dict:
    """{PyPI name: SpecifierSet} from environment.yml's conda list (a small parser, no YAML library)."""
    deps, inside = {}, False
    for line in (REPO / "environment.yml").read_text(encoding="utf-8").splitlines():
        if re.match(r"^dependencies:\s*$", line):
            inside = True
            continue
        if inside and re.match(r"^\S", line):
            inside = False
        match = re.match(r"^\s+-\s+([A-Za-z0-9_.\-]+)\s*([<>=!~][^#]*)?(#.*)?$", line) if inside else None
        if match:
            name, spec = match.group(1).lower(), (match.group(2) or "").strip()
            if name == "python":
                deps[name] = spec
                continue
            if name in CONDA_ONLY:
                continue
            deps[canonicalize_name(CONDA_TO_PYPI.get(name, name))] = SpecifierSet(spec)
    return deps


def can_both_hold(a: SpecifierSet, b: SpecifierSet) -> bool:
    """True when some version satisfies both ranges (tried at every bound either one names)."""
    candidates = {Version("0")} | {Version(s.version.replace(".*", "")) for s in (*a, *b)}
    return any(v in a and v in b for v in candidates)


def test_environment_yml_names_every_runtime_and_lab_package_of_pyproject():
    conda = conda_dependencies()
    missing = sorted(set(pypi_requirements("lab")) - set(conda))
    assert missing == [], f"environment.yml lacks {missing} (Binder would not install them)"


def test_environment_yml_names_nothing_pyproject_does_not():
    conda = {k: v for k, v in conda_dependencies().items() if k != "python"}
    extra = sorted(set(conda) - set(pypi_requirements("lab", "test")))
    assert extra == [], f"environment.yml installs {extra}, which pyproject.toml does not name"


def test_environment_yml_versions_are_compatible_with_pyproject():
    conda = {k: v for k, v in conda_dependencies().items() if k != "python"}
    pypi = pypi_requirements("lab", "test")
    clashes = {name: (str(conda[name]), str(pypi[name])) for name in conda
               if name in pypi and not can_both_hold(conda[name], pypi[name])}
    assert clashes == {}


def test_environment_yml_python_is_one_pyproject_supports():
    python = conda_dependencies()["python"]
    version = re.fullmatch(r"=+(\d+\.\d+)", python)
    assert version, f"environment.yml should pin python like python=3.11, not {python!r}"
    assert Version(version.group(1)) in SpecifierSet(pyproject()["project"]["requires-python"])


@pytest.mark.parametrize("a, b, expected", [
    (">=8,<9", ">=7.7,<9", True),
    (">=3.8,<3.9", ">=3.8,<3.9", True),
    (">=8", "<8", False),
    ("", ">=6", True),
])
def test_range_compatibility_rule(a, b, expected):
    assert can_both_hold(SpecifierSet(a), SpecifierSet(b)) is expected


def test_postbuild_installs_the_kit_and_stops_on_errors():
    post = REPO / "postBuild"
    assert os.access(post, os.X_OK), "postBuild must be executable (repo2docker runs it directly)"
    text = post.read_text(encoding="utf-8")
    assert text.startswith("#!/bin/bash\n")
    assert re.search(r"^set -e\w*", text, re.M) and "pipefail" in text
    assert re.search(r"^pip install --no-deps -e \.\s*$", text, re.M)


def test_ci_script_is_executable_and_strict():
    run = REPO / ".ci" / "run"
    assert os.access(run, os.X_OK)
    assert "set -euo pipefail" in run.read_text(encoding="utf-8")


def test_seed_matches_the_sha256_in_its_meta_file():
    meta = json.loads(SEED_META.read_text(encoding="utf-8"))
    data = SEED.read_bytes()
    assert hashlib.sha256(data).hexdigest() == meta["sha256"]
    assert len(data) == meta["bytes"]


@pytest.mark.skipif(not SHARED_SEED.exists(), reason=f"the original seed is not beside this clone ({SHARED_SEED})")
def test_seed_is_byte_identical_to_the_shared_original():
    assert SEED.read_bytes() == SHARED_SEED.read_bytes()


def test_seed_is_reachable_as_package_data():
    assert resources.seed_text() == SEED.read_bytes().decode("utf-8")
    assert kit.load_article().text == SEED.read_bytes().decode("utf-8")


def test_built_wheel_carries_the_seed_and_its_files(tmp_path):
    """Colab installs the wheel: the seed and its json files must be inside it (kit/data/seeds is a
    symlink to ../../seeds in the repository). Built offline, with the installed setuptools."""
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "--disable-pip-version-check", "-q", "-w", str(tmp_path), str(REPO)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    (wheel,) = tmp_path.glob("kit-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    seeds = {n for n in names if n.startswith("kit/data/seeds/")}
    assert "kit/data/seeds/moscow_territorial_gains.txt" in seeds
    assert any(n.endswith(".json") for n in seeds), sorted(seeds)
    for path in (REPO / "seeds").iterdir():
        if path.suffix in (".txt", ".json"):
            assert f"kit/data/seeds/{path.name}" in names, f"{path.name} is missing from the wheel"
    assert zipfile.ZipFile(wheel).read("kit/data/seeds/moscow_territorial_gains.txt") == SEED.read_bytes()


# --- what the README says -------------------------------------------------------------------

def readme_prose() -> str:
    """README.md without its fenced code blocks (those hold example commands and file names)."""
    return re.sub(r"```.*?```", "", (REPO / "README.md").read_text(encoding="utf-8"), flags=re.S)


def readme_all() -> str:
    return (REPO / "README.md").read_text(encoding="utf-8")


def make_targets() -> set:
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    return {m.group(1) for m in re.finditer(r"^([A-Za-z][\w-]*)\s*:(?!=)", text, re.M)}


def test_every_make_target_the_readme_mentions_exists():
    mentioned = set(re.findall(r"\bmake ([a-z][\w-]*)", readme_all()))
    assert mentioned, "the README names no make target"
    assert {"lab", "test"} <= mentioned
    assert sorted(mentioned - make_targets()) == []


def test_every_kit_command_the_readme_mentions_exists():
    from kit.cli import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    mentioned = set(re.findall(r"python -m kit (\w+)", readme_all()))
    assert mentioned
    assert sorted(mentioned - set(sub.choices)) == []


def test_every_kit_option_the_readme_mentions_exists():
    from kit.cli import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    options = {o for a in sub.choices["analyze"]._actions for o in a.option_strings}
    mentioned = set(re.findall(r"python -m kit analyze[^\n]*?(--[a-z][\w-]*)", readme_all()))
    assert mentioned and sorted(mentioned - options) == []


PATH_LIKE = re.compile(r"^\.?[\w.\-]+(/[\w.\-]*)*$")
FILE_EXTENSIONS = (".py", ".ipynb", ".yml", ".yaml", ".toml", ".md", ".txt", ".json", ".cfg")


def readme_paths() -> list:
    """Inline-code tokens of the README prose that name a file or folder of the repository."""
    found = []
    for token in re.findall(r"`([^`\n]+)`", readme_prose()):
        token = token.strip()
        if token.startswith(("http://", "https://")) or token == "OWNER/REPO":
            continue
        if token.startswith(".venv"):  # environments that make creates, not files of the repository
            continue
        if PATH_LIKE.match(token) and ("/" in token or token.endswith(FILE_EXTENSIONS)
                                       or (REPO / token).exists()):
            found.append(token)
    return found


def test_readme_names_paths():
    paths = readme_paths()
    assert {"kit/", "notebooks/00_start_here.ipynb", "environment.yml"} <= set(paths)


@pytest.mark.parametrize("path", readme_paths())
def test_every_path_the_readme_names_exists(path):
    assert (REPO / path).exists(), f"README.md names {path}, which is not in the repository"


def test_readme_links_use_the_marked_placeholder_and_the_first_notebook():
    text = readme_all()
    assert "mybinder.org/v2/gh/OWNER/REPO/HEAD?labpath=notebooks%2F00_start_here.ipynb" in text
    assert "colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/00_start_here.ipynb" in text
    assert "Placeholder" in text and "OWNER/REPO" in text


def test_readme_reports_no_number_that_was_not_measured():
    """Until the lead fills them with measured numbers, the result cells say so."""
    for section in ("## How well does it read?", "## How fast is it?"):
        body = readme_all().split(section, 1)[1].split("\n## ", 1)[0]
        for row in re.findall(r"^\|(.+)\|\s*$", body, re.M)[2:]:
            result = row.split("|")[-1].strip()
            assert result == "not yet measured" or re.search(r"\d", result), row
