"""Every notebook, run in a real JupyterLab in headless Chromium: no errors, and the explorer works.

JupyterLab runs on 127.0.0.1 (free port, random token) over a temporary copy of the notebooks
(so autosave never touches the committed files). For each notebook: open it, Run All, wait for
every code cell to finish, read the outputs from the notebook model (no ``error`` output), then
in the first explorer: toggle a layer off and on (its highlights go and come back) and pick a
flag (its explanation appears and the flag is marked ``▶`` in the text). Screenshots go to
``tests/artifacts/``.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import secrets
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("KIT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
RUN_TIMEOUT_MS = 90_000
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"  # the notebook on show

# Lab settings for a test run: every cell stays in the page (no virtual scrolling), no news pop-up.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                        "checkForUpdates": False},
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on 127.0.0.1 over a copy of the notebooks: yields (base_url, token)."""
    root = tmp_path_factory.mktemp("lab")
    for name in NOTEBOOKS:
        shutil.copy(ROOT / "notebooks" / name, root / name)
    settings = tmp_path_factory.mktemp("settings")
    for rel, value in LAB_SETTINGS.items():
        path = settings / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value))
    port, token = _free_port(), secrets.token_hex(16)
    log = open(root / "lab.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={root}", f"--LabApp.user_settings_dir={settings}",
         f"--LabApp.workspaces_dir={tmp_path_factory.mktemp('workspaces')}",
         "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None", "--allow-root"],
        stdout=log, stderr=subprocess.STDOUT, cwd=root)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                break
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                raise RuntimeError(f"JupyterLab did not start; see {root / 'lab.log'}")
            time.sleep(0.3)
    yield base, token
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: install Debian's chromium (apt-get install chromium) "
                    "or set KIT_CHROMIUM to a Chromium executable")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()


# JavaScript run in the page, through window.jupyterapp (exposed by --LabApp.expose_app_in_browser).
JS_STATE = """() => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!w || !w.content || !w.content.model || !w.sessionContext || !w.sessionContext.session) return null;
  const kernel = w.sessionContext.session.kernel;
  const cells = [];
  for (const cell of w.content.model.cells) {
    const j = cell.toJSON();
    if (j.cell_type === 'code') cells.push({count: j.execution_count, outputs: j.outputs});
  }
  return {status: kernel ? kernel.status : 'none', cells: cells,
          busy: document.querySelectorAll('.jp-InputArea-prompt').length &&
                Array.from(document.querySelectorAll('.jp-InputArea-prompt')).some(e => e.textContent.includes('*'))};
}"""


def run_all(page, base: str, token: str, name: str) -> list:
    """Open a notebook, Run All, wait until every code cell ran; return the code cells' JSON."""
    page.goto(f"{base}/lab/tree/{name}?reset&token={token}")  # reset: no tabs left from earlier tests
    page.wait_for_selector(f"{PANEL} .jp-Cell", timeout=60_000)
    page.wait_for_function(f"() => {{ const s = ({JS_STATE})(); return s && s.status === 'idle'; }}",
                           timeout=60_000)
    # Forget the stored outputs first, so what we read back below is what this run produced.
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(
        f"""() => {{ const s = ({JS_STATE})();
                   return s && s.status === 'idle' && !s.busy && s.cells.every(c => c.count !== null); }}""",
        timeout=RUN_TIMEOUT_MS, polling=250)
    return page.evaluate(f"() => ({JS_STATE})().cells")


def shut_down(page) -> None:
    """Stop this notebook's kernel, so kernels do not pile up over the run."""
    page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")


def marks(explorer, layer: str) -> int:
    return explorer.locator(f'.kit-text .kit-mark[data-layer="{layer}"]').count()


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_and_explorer_works(lab, page, name):
    base, token = lab
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    stem = name.removesuffix(".ipynb")
    cells = run_all(page, base, token, name)
    try:
        check_notebook(page, name, cells)
    finally:
        shut_down(page)


def check_notebook(page, name: str, cells: list) -> None:
    stem = name.removesuffix(".ipynb")
    errors = [o for c in cells for o in c["outputs"] if o.get("output_type") == "error"]
    assert not errors, f"{name}: error output: {[(e['ename'], e['evalue']) for e in errors]}"
    assert all(c["count"] is not None for c in cells)
    page.screenshot(path=str(ARTIFACTS / f"{stem}_top.png"))

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
    layer = {"[PAGE]": "furniture", "[ATTR]": "attribution", "[LOAD]": "loaded", "[FIG]": "figures",
             "[NOSRC]": "unattributed"}[label.split()[0]]
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
    flag = options.nth(1).inner_text()
    explanation = explorer.locator(".kit-explanation").inner_text()
    assert explanation.strip() and "Choose a flag" not in explanation
    assert "▶" in explorer.locator(".kit-text").inner_text()
    explorer.screenshot(path=str(ARTIFACTS / f"{stem}_explorer.png"))
