# Two commands for a fresh machine: `make demo` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3

.PHONY: demo test lint wheel-check snapshot bench clean

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "On-ramp needs Python 3.11 or newer (found $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

.venv: $(VENV)/.installed

demo: $(VENV)/.installed
	$(VENV)/bin/onramp demo

# Every core runs the suite (pytest-xdist); the browser tests run after it, alone, because they
# hold page loads to a time ("charts within 5 seconds") that a busy CPU would break.
test: $(VENV)/.installed
	$(PY) -m pytest -m "not live and not e2e" -n auto
	$(PY) -m pytest -m "e2e and not live"

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/zizmor --offline --quiet .github/workflows

# Build the wheel, install it with its dependencies into a fresh virtualenv, run the demo from an
# empty directory (needs the package index, as `make .venv` does).
wheel-check: $(VENV)/.installed
	scripts/check_wheel.sh

# Rebuild the bundled demo snapshot from ../shared/data/real (maintainers only).
snapshot: $(VENV)/.installed
	$(PY) scripts/build_demo_snapshot.py

bench: $(VENV)/.installed
	$(PY) -m bench

clean:
	rm -rf $(VENV) data/*.duckdb* .pytest_cache .ruff_cache
