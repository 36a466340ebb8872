# Gongkai — the commands a developer and CI use. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
GONGKAI := $(BIN)/gongkai
PYTEST_ARGS ?=

.PHONY: help run test test-fast lint typecheck pytest pytest-sqlite pytest-postgres bench bench-cases bench-search lock messages install install-dev clean

help: ## list the commands
	@echo "公开 Gongkai — make targets"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-16s %s\n", $$1, $$2}'

$(VENV)/.python-ok:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Gongkai needs Python 3.11 or newer (found %s)" % sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@touch $@

$(VENV)/.installed-run: $(VENV)/.python-ok requirements.txt pyproject.toml
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed-run requirements-dev.txt
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

install: $(VENV)/.installed-run ## create .venv and install Gongkai (runtime)

install-dev: $(VENV)/.installed-dev ## create .venv and install Gongkai with the test tools

run: install ## migrate, load the demo if the database is empty, serve http://127.0.0.1:8000 with a background worker
	$(GONGKAI) migrate --no-input
	$(GONGKAI) demo --if-empty
	@# The worker (report audits) runs beside the server and stops when the server stops.
	$(GONGKAI) db_worker --no-reload & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	  $(GONGKAI) serve

test: install-dev ## the whole suite: ruff, mypy, translations, pytest on SQLite and on PostgreSQL
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory typecheck
	$(MAKE) --no-print-directory pytest-sqlite
	$(MAKE) --no-print-directory pytest-postgres

lint: install-dev ## ruff (lint and format check) and the import contracts of the layers (import-linter)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

typecheck: install-dev ## mypy with the Django plugin
	$(BIN)/mypy gongkai config

pytest-sqlite: install-dev ## pytest on SQLite
	@echo "== pytest on SQLite =="
	env -u DATABASE_URL $(BIN)/pytest -n 2 $(PYTEST_ARGS)

pytest-postgres: install-dev ## pytest on PostgreSQL (fresh database; skipped loudly when no server)
	@echo "== pytest on PostgreSQL =="
	PYTEST="$(BIN)/pytest -n 2 $(PYTEST_ARGS)" bash scripts/test-postgres.sh

pytest: pytest-sqlite ## pytest on SQLite only (quick)

test-fast: install-dev ## the edit loop: pytest on SQLite without the browser tests (-n 2)
	env -u DATABASE_URL $(BIN)/pytest -n 2 -m "not browser" $(PYTEST_ARGS)

bench: install-dev ## benchmarks (opt-in, slow); results go to docs/benchmarks.md by hand
	@for script in bench/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

BENCH_CASES ?= 500000
bench-cases: install-dev ## the cases benchmark (long: BENCH_CASES=500000 cases per database, ~1 h on 2 cores; not in make bench): lists, status look-up, intake under locust, on SQLite and PostgreSQL
	@for db in sqlite postgres; do \
	  echo "== cases on $$db ($(BENCH_CASES) cases)"; \
	  $(BIN)/python bench/cases_bench.py --db $$db --generate $(BENCH_CASES) || exit 1; \
	  echo "== intake on $$db"; \
	  $(BIN)/python bench/intake_bench.py --db $$db || exit 1; \
	done

BENCH_SEARCH_DOCS ?= 20000
bench-search: install-dev ## the search benchmark (long at BENCH_SEARCH_DOCS=1000000: ~2 h on 2 cores; not in make bench): Tantivy through the service beside SQLite FTS5, PostgreSQL tsvector and LIKE
	$(BIN)/python bench/search_bench.py --docs $(BENCH_SEARCH_DOCS)

lock: $(VENV)/.python-ok ## re-lock requirements*.txt from pyproject.toml (with hashes)
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --generate-hashes --allow-unsafe --no-emit-find-links --no-emit-index-url -o requirements.txt pyproject.toml
	$(BIN)/pip-compile --quiet --strip-extras --generate-hashes --allow-unsafe --no-emit-find-links --no-emit-index-url --extra dev -o requirements-dev.txt pyproject.toml

messages: install-dev ## update every app's zh_Hans catalogue (gongkai/<app>/locale) and compile it
	@for dir in gongkai/*/locale; do app=$${dir%/locale}; echo "== $$app"; \
	  (cd $$app && ../../$(BIN)/django-admin makemessages -l zh_Hans --no-location --no-obsolete && \
	   ../../$(BIN)/django-admin compilemessages -l zh_Hans) || exit 1; done
	@$(BIN)/python scripts/i18n_status.py

clean: ## remove the virtualenv and caches (keeps var/ data)
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build *.egg-info
