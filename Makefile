# orgdesigner: everyday commands. Everything runs from a virtual environment
# in .venv, made on first use; pip runs again only when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
PIP    := $(PY) -m pip --disable-pip-version-check
# Stamps record what was installed; they are older than pyproject.toml after
# an edit, which makes pip run again.
APP_STAMP  := $(VENV)/.stamp-app
TEST_STAMP := $(VENV)/.stamp-test

.PHONY: run test lint bench wheel clean venv

## run: install the app and open it on the bundled example organisation
run: $(APP_STAMP)
	$(BIN)/orgdesigner

## test: install the app with its test tools, lint, check import contracts, run the tests
test: lint
	$(BIN)/lint-imports --no-cache
	$(PY) -m pytest

## lint: style, formatting and types of the pure core
lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy orgdesigner/core

## bench: time load, validation, layout, export and diff on generated organisations
bench: $(APP_STAMP)
	$(PY) benchmarks/run.py

## wheel: build dist/orgdesigner-*.whl (offline, with the build tools of the venv)
wheel: $(TEST_STAMP)
	$(PIP) wheel --no-deps --no-build-isolation -w dist .

## clean: remove the virtual environment and everything built
clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .hypothesis .ruff_cache .mypy_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

venv: $(PY)

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "orgdesigner needs Python 3.11 or newer; run make PYTHON=python3.11")'
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
		echo "Could not create $(VENV): on Debian or Ubuntu, install python3-venv first." >&2; exit 1; }

# The app stamp is also satisfied by the test install (a superset), so
# `make test` followed by `make run` does not run pip again.
$(APP_STAMP): pyproject.toml | $(PY)
	@if [ -f $(TEST_STAMP) ] && [ $(TEST_STAMP) -nt pyproject.toml ]; then \
		touch $@; \
	else \
		$(PIP) install -e . && touch $@; \
	fi

$(TEST_STAMP): pyproject.toml | $(PY)
	$(PIP) install -e '.[test]'
	touch $@ $(APP_STAMP)
