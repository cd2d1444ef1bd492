# Two commands do all the set-up on a fresh machine (Python 3.11 or later with venv):
#   make serve   check the submissions, build the site and serve it on http://127.0.0.1:8000
#   make test    run the whole test suite
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The first Python 3.11+ found; override with `make PYTHON=/path/to/python3 ...`.
PYTHON ?= $(shell for p in python3.11 python3 python3.12 python3.13; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& { command -v $$p; break; }; done)

.PHONY: setup serve build test lint bench clean

# A half-finished environment is removed first: the stamp is written only on success.
$(STAMP): requirements.lock pyproject.toml
	@test -n "$(PYTHON)" || { echo "需要 Python 3.11 或更高版本（含 venv）：请先安装。" >&2; exit 1; }
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP)

serve: $(STAMP)
	$(VENV)/bin/accel666 validate
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(VENV)/bin/mkdocs build --strict

test: $(STAMP)
	$(VENV)/bin/ruff check scripts tests
	$(VENV)/bin/mypy
	$(VENV)/bin/python -m pytest

bench: $(STAMP)
	$(PY) scripts/benchmark.py --count 10000

clean:
	rm -rf $(VENV) site .accel666-cache .pytest_cache .ruff_cache .mypy_cache
