# The media-literacy kit: two commands for everyone, a few more for maintainers.
#
#   make lab     create .venv (if missing), install the kit, open JupyterLab on the first notebook
#   make test    install the test tools and run every test: unit, notebooks (nbval), browser, ipywidgets 7,
#                and the unit tests under Python 3.10 and 3.13
#   make bench   speed benchmark of the analysis against spaCy's tokenizer alone
#   make clean   remove build output, caches and test artifacts (keeps the virtual environments)
#   make distclean   also remove the virtual environments .venv and .venv-w7
#
# Needs only GNU make and python3 (3.10-3.13). Everything else comes from PyPI.

PYTHON ?= python3
VENV ?= .venv
VENV_W7 ?= .venv-w7
# Colab's ipywidgets version: the widgets must work under it too.
IPYWIDGETS_COLAB ?= 7.7.1
NOTEBOOK ?= notebooks/00_start_here.ipynb
NOTEBOOK_DIRS ?= notebooks exercises/solutions
PYTEST_ARGS ?=

PY := $(VENV)/bin/python
PY_W7 := $(VENV_W7)/bin/python
PIP_INSTALL = -m pip install --disable-pip-version-check --quiet

.PHONY: help lab test test-unit test-notebooks test-browser test-widgets test-pythons bench clean distclean

help:
	@sed -n '3,8p' Makefile | sed 's/^# *//'

# --- environments -------------------------------------------------------------------------
# Stamps: re-install only when pyproject.toml changes.

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) $(PIP_INSTALL) --upgrade pip

$(VENV)/.stamp-lab: pyproject.toml | $(PY)
	$(PY) $(PIP_INSTALL) -e ".[lab]"
	touch $@

$(VENV)/.stamp-test: pyproject.toml | $(PY)
	$(PY) $(PIP_INSTALL) -e ".[lab,test]"
	touch $@

$(PY_W7):
	$(PYTHON) -m venv $(VENV_W7)
	$(PY_W7) $(PIP_INSTALL) --upgrade pip

$(VENV_W7)/.stamp: pyproject.toml | $(PY_W7)
	$(PY_W7) $(PIP_INSTALL) -e . "ipywidgets==$(IPYWIDGETS_COLAB)" "pytest>=8,<10" "hypothesis>=6.100"
	touch $@

# --- the two commands -----------------------------------------------------------------------

# Jupyter refuses to run as root unless told (containers, CI); a normal user never needs it.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: $(VENV)/.stamp-lab
	$(VENV)/bin/jupyter lab $(ROOT_FLAG) $(NOTEBOOK)

test: test-unit test-notebooks test-browser test-widgets test-pythons
	@echo "make test: all test jobs finished"

# --- the test jobs --------------------------------------------------------------------------

test-unit: $(VENV)/.stamp-test
	$(PY) -m pytest tests -m "not browser" $(PYTEST_ARGS)

# nbval over every notebook and exercise key. Folders with no .ipynb yet are left out; when no
# folder has one, the job says so and passes. Any other outcome (exit 5 included) is pytest's own.
test-notebooks: $(VENV)/.stamp-test
	@dirs=""; for d in $(NOTEBOOK_DIRS); do \
	  if [ -d "$$d" ] && [ -n "$$(find "$$d" -name '*.ipynb' -not -path '*/.ipynb_checkpoints/*' | head -n 1)" ]; then \
	    dirs="$$dirs $$d"; \
	  else echo "test-notebooks: no .ipynb under $$d yet, nothing to run there"; fi; \
	done; \
	if [ -z "$$dirs" ]; then echo "test-notebooks: SKIPPED, no notebooks in $(NOTEBOOK_DIRS)"; exit 0; fi; \
	echo "test-notebooks: nbval on$$dirs"; \
	$(PY) -m pytest --nbval-lax --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg $$dirs $(PYTEST_ARGS)

test-browser: $(VENV)/.stamp-test
	$(PY) -m pytest tests/browser -m browser $(PYTEST_ARGS)

# The widgets under Colab's ipywidgets 7.7.1, in a second environment.
test-widgets: $(VENV_W7)/.stamp
	@if [ ! -f tests/test_widgets.py ]; then \
	  echo "test-widgets: SKIPPED, tests/test_widgets.py does not exist yet"; exit 0; fi; \
	$(PY_W7) -c "import ipywidgets, sys; v = ipywidgets.__version__; print('ipywidgets', v); sys.exit(v != '$(IPYWIDGETS_COLAB)')" && \
	$(PY_W7) -m pytest tests/test_widgets.py tests/test_annotate.py tests/test_upload.py -p no:cacheprovider $(PYTEST_ARGS)

# The unit tests again under the other Pythons the kit supports (3.10 and 3.13; .venv is
# $(PYTHON)), one environment each (.venv-py3.X). A Python is found on PATH or under pyenv. On a
# machine without them the job says so and passes; under CI (CI=true) a missing one fails.
OTHER_PYTHONS ?= 3.10 3.13
find_python = $(or $(shell python$(1) -c "" >/dev/null 2>&1 && command -v python$(1)),$(lastword $(sort $(wildcard $(HOME)/.pyenv/versions/$(1).*/bin/python))))

# "3.10=/path/to/python" for each of OTHER_PYTHONS ("3.10=" when not found)
PYTHON_PAIRS = $(foreach v,$(OTHER_PYTHONS),$(v)=$(call find_python,$(v)))

test-pythons:
	@for pair in $(PYTHON_PAIRS); do \
	  v=$${pair%%=*}; py=$${pair#*=}; \
	  if [ -z "$$py" ]; then \
	    if [ "$${CI:-}" = "true" ]; then echo "test-pythons: Python $$v not found"; exit 1; fi; \
	    echo "test-pythons: Python $$v not found here, SKIPPED"; continue; fi; \
	  env=.venv-py$$v; echo "test-pythons: unit tests under $$($$py --version) in $$env"; \
	  [ -x $$env/bin/python ] || $$py -m venv $$env || exit 1; \
	  $$env/bin/python $(PIP_INSTALL) -e ".[test]" || exit 1; \
	  $$env/bin/python -m pytest tests -m "not browser" -q -p no:cacheprovider $(PYTEST_ARGS) || exit 1; \
	done

# --- maintainers ----------------------------------------------------------------------------

bench: $(VENV)/.stamp-test
	$(PY) benchmarks/bench_analyze.py

clean:
	rm -rf build dist *.egg-info .pytest_cache .hypothesis tests/artifacts
	find . -name __pycache__ -type d -not -path './.venv*' -prune -exec rm -rf {} +
	find . -name .ipynb_checkpoints -type d -not -path './.venv*' -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) $(VENV_W7) .venv-py3.*
