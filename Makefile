# Yangguang: the two commands are `make run` and `make test` (see README).
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SCALE ?= small
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup lint typecheck migrations-check test-sqlite test-postgres chromium demo clean bench

$(BIN)/python:
	@command -v $(PY) >/dev/null 2>&1 || { echo "需要 Python 3.11（$(PY) 未找到）"; exit 1; }
	$(PY) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c requirements.lock -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

## make run: set up, migrate, load demo data (once) and serve at http://127.0.0.1:8000
## The embedded worker (ledger checkpoints every 30 s while there are new entries, pushes to the
## superior platform, expiry of abandoned uploads) runs beside the web server and stops with it.
run: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo --scale $(SCALE) --if-empty
	$(BIN)/python manage.py seed_demo_cases --if-empty
	$(BIN)/python manage.py ledger checkpoint
	@echo "阳光执法 is running at http://$(HOST):$(PORT)/ (demo accounts: see README; public portal: /public/)"
	$(BIN)/python manage.py run_worker & CP=$$!; \
	  trap 'kill $$CP 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/python manage.py runserver --noreload $(HOST):$(PORT)

demo: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo --scale $(SCALE)

lint: setup
	$(BIN)/ruff check conftest.py yangguang tests bench scripts tools
	$(BIN)/ruff format --check conftest.py yangguang tests bench scripts tools

typecheck: setup
	$(BIN)/mypy yangguang

migrations-check: setup
	YG_VAR_DIR=$$(mktemp -d) $(BIN)/python manage.py makemigrations --check --dry-run

# Debian's chromium drives the browser tests; Playwright's own download cannot work here.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "installing Debian chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	fi

PYTEST_ARGS ?= -n 2 -q
test-sqlite: setup chromium
	YG_VAR_DIR=$$(mktemp -d) $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: setup chromium
	YG_VAR_DIR=$$(mktemp -d) $(BIN)/python scripts/pgtmp.py -- $(BIN)/pytest $(PYTEST_ARGS)

## make test: lint, type check, migration check, then the whole suite on SQLite and on PostgreSQL
test: lint typecheck migrations-check test-sqlite test-postgres

bench: setup
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
