"""Every learner notebook takes its article as one papermill-style parameter, right under its title;
notebook 05 reads your own article, compares two, and offers the annotator."""
import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("[0-9][0-9]_*.ipynb"))
PARAMETER = "ARTICLE = None  # None = the seed; or a file path, a URL, or the text itself"


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell):
    return "".join(cell["source"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_one_parameters_cell_under_the_title(path):
    cs = cells(path)
    tagged = [i for i, c in enumerate(cs) if "parameters" in c["metadata"].get("tags", [])]
    assert tagged == [2], "one cell tagged parameters, right after the setup cell and the title"
    assert cs[1]["cell_type"] == "markdown" and source(cs[1]).startswith("# ")
    lines = [x for x in source(cs[2]).splitlines() if not x.startswith("#")]
    assert lines == [PARAMETER]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_article_comes_from_the_parameter(path):
    code = "\n".join(source(c) for c in cells(path) if c["cell_type"] == "code")
    assert "kit.load_article()" not in code and "kit.analyze()" not in code
    assert "load_article(ARTICLE)" in code or "default=ARTICLE" in code


def test_notebook_05_offers_paste_upload_url_comparison_and_annotator():
    code = "\n".join(source(c) for c in cells(NOTEBOOKS[-1]) if c["cell_type"] == "code")
    assert NOTEBOOKS[-1].stem == "05_your_own_article"
    for needed in ("W.Textarea(", "W.FileUpload(", "W.Text(", "choose_article(", "side_by_side_table(",
                   "side_by_side_charts(", "Annotator(", "Explorer("):
        assert needed in code, needed
    assert 'url = W.Text(placeholder=' in code and "value=" not in code.split("url = W.Text(")[1].split("\n")[0], \
        "the URL box starts empty, so no test run fetches anything"
