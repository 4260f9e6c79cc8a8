# The two commands a newcomer needs:
#   make serve   set up, then serve the example site at http://127.0.0.1:8000/
#   make test    set up, then run every check (lint, unit, end-to-end, browser)
# Both create .venv/ on first use; nothing is installed outside the repository
# except Debian's chromium for the browser tests (see .ci/browser-deps).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
# The suite runs with the clock a year ahead (libfaketime, from .ci/browser-deps), so a test
# that depends on today's date fails a year before it would have; tests pin "now" instead.
CLOCK_AHEAD = $(shell command -v faketime >/dev/null 2>&1 && echo "faketime -f +365d")

.PHONY: serve build validate test lint install install-test browser-deps benchmark clean i18n

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'

browser-deps:
	bash .ci/browser-deps

serve: install
	$(BIN)/mkdocs serve

build: install
	$(BIN)/community validate
	$(BIN)/mkdocs build --strict

# Extract every translatable string and update each shipped catalog (see CONTRIBUTING).
LOCALES := generator/mkdocs_community/locales
i18n: install-test
	$(BIN)/pybabel --quiet extract -F babel.cfg -k N_ -k plural_forms:1,2 -k script_text -k counted:2,3 \
	    --no-location --sort-output --omit-header -o $(LOCALES)/community.pot .
	$(BIN)/pybabel --quiet update -i $(LOCALES)/community.pot -d $(LOCALES) -D community \
	    --no-wrap --ignore-obsolete

validate: install
	$(BIN)/community validate

lint: install-test
	$(BIN)/ruff check generator tests benchmarks

test: install-test browser-deps lint
	@[ -n "$(CLOCK_AHEAD)" ] || [ -z "$$CI" ] || { echo "faketime is missing: sudo make browser-deps"; exit 1; }
	$(CLOCK_AHEAD) $(BIN)/pytest

benchmark: install-test
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf site .pytest_cache test-artifacts

# The hash-locked dependencies CI installs (.ci/requirements*.txt): regenerate after
# changing dependencies in pyproject.toml; tests/test_workflows.py checks they agree.
LOCK = $(BIN)/uv pip compile pyproject.toml --python-version 3.11 --python-platform \
	x86_64-manylinux_2_28 --generate-hashes --no-header --annotation-style line --quiet
lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet uv
	for f in requirements requirements-test; do \
	  sed -n '/^#/p;/^[^#]/q' .ci/$$f.txt > .ci/$$f.header; done
	$(LOCK) -o .ci/requirements.body
	$(LOCK) --extra test -o .ci/requirements-test.body
	for f in requirements requirements-test; do \
	  cat .ci/$$f.header .ci/$$f.body > .ci/$$f.txt && rm .ci/$$f.header .ci/$$f.body; done
