"""Every notebook, run in a real JupyterLab in headless Chromium: no errors, and the explorer works.

Uses the shared fixtures of ``tests/browser/conftest.py`` (JupyterLab on 127.0.0.1 with a free
port and a token, autosave off; Debian's Chromium through Playwright; ``lab_notebook`` to open a
notebook, clear it and Run All). For each notebook: Run All, no error output, no dialog, the file
on disk unchanged; then in the first explorer: toggle a layer off and on (its highlights go and
come back) and pick a flag (its explanation appears and the flag is marked ``▶`` in the text).
Screenshots of each explorer go to ``tests/artifacts/`` (the page fixture adds a full page).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
ARTIFACTS = ROOT / "tests" / "artifacts"
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"  # the notebook on show
LAYER_OF_TAG = {"[PAGE]": "furniture", "[ATTR]": "attribution", "[LOAD]": "loaded", "[FIG]": "figures",
                "[NOSRC]": "unattributed"}


def marks(explorer, layer: str) -> int:
    return explorer.locator(f'.kit-text .kit-mark[data-layer="{layer}"]').count()


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_and_explorer_works(lab_notebook, name):
    relpath = f"notebooks/{name}"
    before = (ROOT / relpath).read_bytes()
    lab_notebook.open(relpath)  # waits until the kernel is connected, or a dialog appears
    assert lab_notebook.dialogs() == [], "a dialog stopped the notebook (kernel picker?)"
    lab_notebook.run_all()
    assert lab_notebook.errors() == [], f"{name}: error output"
    assert lab_notebook.dialogs() == []
    assert (ROOT / relpath).read_bytes() == before, "running the notebook wrote to the repository's file"
    page = lab_notebook.page
    stem = name.removesuffix(".ipynb")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    explorers = page.locator(f"{PANEL} .kit-explorer")
    if explorers.count() == 0:
        assert stem == "04_how_the_machine_reads", f"{name} should show an explorer"
        return
    explorer = explorers.first
    explorer.scroll_into_view_if_needed()
    explorer.locator(".kit-text .kit-mark").first.wait_for(timeout=20_000)
    assert explorer.locator(".kit-legend").count() == 1

    # The first pressed toggle: switching it off removes its highlights, on brings them back.
    # (Located by its label: the class that says "pressed" goes when it is clicked.)
    label = explorer.locator("button.widget-toggle-button.mod-active").first.inner_text()
    toggle = explorer.locator("button.widget-toggle-button", has_text=label)
    layer = LAYER_OF_TAG[label.split()[0]]
    before = marks(explorer, layer)
    assert before > 0, f"{name}: the {layer} layer shows no highlights"
    toggle.click()
    assert "mod-active" not in toggle.get_attribute("class")
    page.wait_for_function("(el) => !el.querySelector('.kit-text .kit-mark[data-layer=\"%s\"]')" % layer,
                           arg=explorer.element_handle(), timeout=10_000)
    assert marks(explorer, layer) == 0
    toggle.click()
    page.wait_for_function("(el) => el.querySelectorAll('.kit-text .kit-mark[data-layer=\"%s\"]').length > 0"
                           % layer, arg=explorer.element_handle(), timeout=10_000)
    assert marks(explorer, layer) == before

    # Picking a flag shows its explanation and marks it in the text.
    select = explorer.locator(".widget-select select").first
    options = select.locator("option")
    assert options.count() > 1, f"{name}: the explorer lists no flags"
    select.select_option(index=1)
    page.wait_for_function("(el) => { const x = el.querySelector('.kit-explanation');"
                           "          return x && x.textContent.trim() && !x.textContent.includes('Choose a flag'); }",
                           arg=explorer.element_handle(), timeout=10_000)
    flag = options.nth(1).inner_text().replace("\xa0", " ")
    explanation = explorer.locator(".kit-explanation").inner_text().replace("\xa0", " ")
    assert explanation.strip() and "Choose a flag" not in explanation
    quoted = re.search(r"“(.+?)”", flag).group(1).rstrip("…")
    assert quoted in explanation, f"the explanation of {flag!r} does not talk about it"
    assert "▶" in explorer.locator(".kit-text").inner_text()
    explorer.screenshot(path=str(ARTIFACTS / f"{stem}_explorer.png"))

    # The other activities answer a click too.
    predict = page.locator(f"{PANEL} .kit-predict")
    if predict.count():
        predict.first.scroll_into_view_if_needed()
        predict.first.locator("select").select_option(index=[0, 1])
        predict.first.get_by_role("button", name="Reveal").click()
        page.wait_for_function("(el) => el.innerText.includes('You picked 2 sentence(s)')",
                               arg=predict.first.element_handle(), timeout=10_000)
        predict.first.screenshot(path=str(ARTIFACTS / f"{stem}_predict.png"))
    rewrite = page.locator(f"{PANEL} .kit-rewrite")
    if rewrite.count():
        rewrite.first.scroll_into_view_if_needed()
        rewrite.first.locator("textarea").fill("Officials said 40 people died.")
        rewrite.first.get_by_role("button", name="Check my version").click()
        page.wait_for_function("(el) => el.innerText.includes('Attributions kept')",
                               arg=rewrite.first.element_handle(), timeout=20_000)
        rewrite.first.screenshot(path=str(ARTIFACTS / f"{stem}_rewrite.png"))
    assert stem != "01_who_says_so" or predict.count() >= 1
    assert stem != "02_loaded_words" or rewrite.count() >= 1
