"""A real JupyterLab and a headless Chromium (Debian's, driven by PyPI's Playwright).

Fixtures:
    jupyter_lab  session: JupyterLab on 127.0.0.1, a free port, a random token, the repository as
                 its root, config/runtime/settings in a temporary folder; yields a ``Lab``.
    browser      session: Chromium at /usr/bin/chromium (override with KIT_CHROMIUM).
    page         one fresh browser context and page per test; screenshot to tests/artifacts/ at the end.
    lab_notebook a helper bound to both: open a notebook, clear it, Run All, wait, read the outputs.

Without Chromium (or Playwright) the browser tests are skipped with the reason, except under CI=true
where that is a failure: CI must install the browser (see .ci/run).
"""
from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import List

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts"
CHROMIUM = os.environ.get("KIT_CHROMIUM", "/usr/bin/chromium")
# Flags for this machine: as root (no sandbox), no GPU, and no calls to the outside network.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
LAB_START_TIMEOUT = 120  # seconds
RUN_TIMEOUT = 300  # seconds for Run All on one notebook

# User settings for the test JupyterLab: never write the notebooks under test back to the repository,
# attach every cell to the page (so every output can be read), fetch no news from the network.
LAB_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false", "checkForUpdates": False,
    },
}

PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"  # the notebook on show
STDERR_SELECTOR = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
ERROR_SELECTORS = (STDERR_SELECTOR, ".jp-OutputArea-output.jp-mod-error", ".jp-RenderedText[data-mime-type='application/vnd.jupyter.error']")


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def unavailable(reason: str):
    """Skip on a developer's machine; fail under CI, where the browser must be there."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: .ci/run must install it)", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Lab:
    base_url: str  # ends with "/"
    token: str
    log: Path

    def url(self, path: str) -> str:
        return f"{self.base_url}{path.lstrip('/')}?token={self.token}"


@pytest.fixture(scope="session")
def jupyter_lab(tmp_path_factory):
    home = tmp_path_factory.mktemp("jupyter")
    env = dict(os.environ)
    for var, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_RUNTIME_DIR", "runtime"),
                     ("JUPYTERLAB_SETTINGS_DIR", "settings"), ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"),
                     ("IPYTHONDIR", "ipython")):
        (home / sub).mkdir()
        env[var] = str(home / sub)
    for name, values in LAB_SETTINGS.items():
        target = home / "settings" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values), encoding="utf-8")

    port, token = free_port(), secrets.token_hex(24)
    log = home / "jupyterlab.log"
    cmd = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ip=127.0.0.1",
        f"--port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={REPO}", "--LabApp.news_url=None",
    ]
    with open(log, "wb") as sink:
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=sink, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + LAB_START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"JupyterLab exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{base}api/status?token={token}", timeout=5) as resp:
                    if resp.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab not ready after {LAB_START_TIMEOUT} s:\n{log.read_text()[-3000:]}")
            time.sleep(0.5)
        yield Lab(base, token, log)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).is_file():
        unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        yield page
    finally:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = "".join(c if c.isalnum() or c in "-_." else "_" for c in request.node.name)
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        finally:
            context.close()


def code_cells_to_run(path: Path) -> int:
    """How many code cells of the notebook have code (JupyterLab gives an empty cell no number)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    return sum(1 for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip())


class LabNotebook:
    """Drive one notebook in JupyterLab as a student would: open it, Run All, read what appears."""

    def __init__(self, page, lab: Lab):
        self.page, self.lab = page, lab

    def menu(self, top: str, item: str) -> None:
        self.page.locator(".lm-MenuBar-itemLabel", has_text=top).first.click()
        self.page.get_by_role("menuitem", name=item, exact=True).first.click()

    def open(self, relpath: str) -> None:
        self.path = REPO / relpath
        self.page.goto(self.lab.url(f"lab/tree/{relpath}"))
        self.page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=90_000)
        # A notebook opens with "No Kernel" (and an idle indicator) until its kernel has started:
        # wait for the kernel, or for a dialog (the kernel picker, when the kernelspec is missing).
        self.page.wait_for_function(
            f"""() => document.querySelector('.jp-Dialog') || [...document.querySelectorAll(
                    '{PANEL} .jp-Toolbar-kernelName')].some(e => e.textContent.trim() &&
                    !e.textContent.includes('No Kernel'))""",
            timeout=120_000,
        )
        if not self.dialogs():
            self.wait_idle(120)
        # The toolbar can read idle before the kernel is connected; the status bar names the
        # kernel only once it is ("Python 3 (ipykernel) | Idle"). Only then is "no dialog" real.
        self.page.wait_for_function(
            "() => document.querySelector('.jp-Dialog') || [...document.querySelectorAll('.jp-StatusBar-TextItem')]"
            ".some(e => /ipykernel\\) \\| Idle/.test(e.textContent))", timeout=90_000)

    def wait_idle(self, seconds: float) -> None:
        """Until the notebook's kernel reports idle (its toolbar indicator)."""
        self.page.wait_for_selector(
            f"{PANEL} .jp-Notebook-ExecutionIndicator[data-status='idle']",
            timeout=seconds * 1000,
        )

    def run_all(self) -> None:
        """Clear stored outputs (so only this run counts), then Run → Run All Cells, and wait."""
        expected = code_cells_to_run(self.path)
        self.menu("Edit", "Clear Outputs of All Cells")
        self.page.wait_for_function(
            "() => ![...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]"
            ".some(p => /\\[\\d+\\]/.test(p.textContent))",
            timeout=30_000,
        )
        self.menu("Run", "Run All Cells")
        # Done when no cell waits ([*]) and every code cell has a number, or an error stopped the run.
        self.page.wait_for_function(
            """([expected, selectors]) => {
                const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
                    .map(p => p.textContent);
                if (prompts.some(t => t.includes('*'))) return false;
                const numbered = prompts.filter(t => /\\[\\d+\\]/.test(t)).length;
                const errors = document.querySelectorAll(selectors.join(',')).length;
                return numbered >= expected || (numbered > 0 && errors > 0);
            }""",
            arg=[expected, list(ERROR_SELECTORS)],
            timeout=RUN_TIMEOUT * 1000,
            polling=500,
        )
        self.wait_idle(RUN_TIMEOUT)

    def dialogs(self) -> List[str]:
        return self.page.locator(".jp-Dialog").all_inner_texts()

    def errors(self) -> List[str]:
        """Text of every stderr or error output in the notebook."""
        return self.page.evaluate(
            """(selectors) => [...new Set(document.querySelectorAll(selectors.join(',')))]
                .map(e => e.innerText)""",
            list(ERROR_SELECTORS),
        )

    def outputs(self) -> List[str]:
        return self.page.locator(".jp-OutputArea-output").all_inner_texts()


def lab_api(lab: Lab, method: str, path: str, body=None):
    """Call JupyterLab's REST API (kernels, sessions, workspaces) with the server's token."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(lab.url(path), method=method, data=data,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as resp:
        answer = resp.read()
    return json.loads(answer) if answer else None


@pytest.fixture(scope="session")
def warm_lab(jupyter_lab) -> Lab:
    """Start and stop one python3 kernel first: on a cold server the first notebook can otherwise
    open before a kernel is ready and JupyterLab asks for one (a kernel-picker dialog)."""
    kernel = lab_api(jupyter_lab, "POST", "api/kernels", {"name": "python3"})  # returns once it runs
    lab_api(jupyter_lab, "DELETE", f"api/kernels/{kernel['id']}")
    return jupyter_lab


@pytest.fixture
def lab_notebook(page, warm_lab) -> LabNotebook:
    """A notebook opener on the shared server. Afterwards its kernels are shut down and the saved
    workspace forgotten, so the next test's notebook opens alone and kernels do not pile up."""
    yield LabNotebook(page, warm_lab)
    for session in lab_api(warm_lab, "GET", "api/sessions"):
        lab_api(warm_lab, "DELETE", f"api/sessions/{session['id']}")
    for workspace in lab_api(warm_lab, "GET", "lab/api/workspaces").get("workspaces", {}).get("ids", []):
        lab_api(warm_lab, "DELETE", f"lab/api/workspaces/{workspace}")
