# Two commands do all the set-up on a fresh machine (Python 3.11 with venv):
#   make serve   build the site from the repository's submissions and serve it on :8000
#   make test    run the whole test suite
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup serve build test lint bench clean

$(STAMP): requirements.lock pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP)

serve: $(STAMP)
	$(VENV)/bin/accel666 validate
	$(VENV)/bin/mkdocs serve --dev-addr 0.0.0.0:8000

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
