# The two commands of the README: `make run` and `make test`.
# Both create the virtual environment on first use, pinned by requirements.lock.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench lint docs clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/opbouw serve

test: $(STAMP)
	BIN=$(BIN) scripts/test.sh

bench: $(STAMP)
	$(BIN)/python bench/analysis.py
	$(BIN)/python bench/spatial.py
	$(BIN)/python bench/whatif.py

# ruff and mypy (with django-stubs), configured in pyproject.toml; zero findings expected
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

# regenerate the command table of README.md from the Click commands
docs: $(STAMP)
	$(BIN)/python scripts/cli_reference.py --write

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
