# Yangguang: the two commands are `make run` and `make test` (see README).
SHELL := /bin/bash
PY ?= python3.11
# Two virtualenvs: .venv-run holds only the runtime set (requirements.lock) for `make run`;
# .venv holds runtime + development/test tools (requirements-dev.lock) for tests, lint, benchmarks.
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RUN_VENV := .venv-run
RUN_BIN := $(RUN_VENV)/bin
RUN_STAMP := $(RUN_VENV)/.installed
SCALE ?= small
HOST ?= 127.0.0.1
PORT ?= 8000
WEB_WORKERS ?= 4
TASK_WORKERS ?= 2

.PHONY: run test setup setup-run lock lint typecheck migrations-check test-sqlite test-postgres chromium redis demo clean bench fuzz messages

$(BIN)/python:
	@command -v $(PY) >/dev/null 2>&1 || { echo "需要 Python 3.11（$(PY) 未找到）"; exit 1; }
	$(PY) -m venv $(VENV)

$(RUN_BIN)/python:
	@command -v $(PY) >/dev/null 2>&1 || { echo "需要 Python 3.11（$(PY) 未找到）"; exit 1; }
	$(PY) -m venv $(RUN_VENV)

# Every pinned package is checked against its hash; the project itself is installed without deps.
$(STAMP): $(BIN)/python pyproject.toml requirements-dev.lock
	$(BIN)/pip install -q --require-hashes -r requirements-dev.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $(STAMP)

$(RUN_STAMP): $(RUN_BIN)/python pyproject.toml requirements.lock
	$(RUN_BIN)/pip install -q --require-hashes -r requirements.lock
	$(RUN_BIN)/pip install -q --no-deps -e .
	touch $(RUN_STAMP)

setup: $(STAMP)

setup-run: $(RUN_STAMP)

## make lock: re-resolve both lock files (with hashes) from pyproject.toml, keeping current pins
lock: setup
	$(BIN)/uv pip compile pyproject.toml --generate-hashes --python-version 3.11 --no-header --quiet \
	  --constraint requirements-dev.lock -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 --no-header --quiet \
	  --constraint requirements-dev.lock -o requirements-dev.lock

## make run: set up the runtime virtualenv, migrate, load demo data (once), collect static files and
## serve at http://127.0.0.1:8000 with gunicorn (WEB_WORKERS processes) and TASK_WORKERS task
## workers (ledger checkpoints, publication pipeline, push, upload expiry), all stopped together.
run: setup-run
	$(RUN_BIN)/python manage.py migrate --noinput
	$(RUN_BIN)/python manage.py ledger keygen --if-missing
	$(RUN_BIN)/python manage.py seed_demo --scale $(SCALE) --if-empty
	$(RUN_BIN)/python manage.py seed_demo_cases --if-empty
	$(RUN_BIN)/python manage.py collectstatic --noinput -v 0
	$(RUN_BIN)/python manage.py ledger checkpoint
	@echo "阳光执法 is running at http://$(HOST):$(PORT)/ (demo accounts: see README; public portal: /public/)"
	exec $(RUN_BIN)/python manage.py serve --bind $(HOST):$(PORT) --web-workers $(WEB_WORKERS) --task-workers $(TASK_WORKERS)

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

# Debian's redis-server: the broker tests (tests/faults/test_broker.py) start a throwaway one on
# loopback (scripts/redistmp.py); nothing runs as a service.
redis:
	@if ! command -v redis-server >/dev/null 2>&1; then \
	  echo "installing Debian redis-server for the broker tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; \
	fi

PYTEST_ARGS ?= -n 2 -q
test-sqlite: setup chromium redis
	YG_VAR_DIR=$$(mktemp -d) $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: setup chromium redis
	YG_VAR_DIR=$$(mktemp -d) $(BIN)/python scripts/pgtmp.py -- $(BIN)/pytest $(PYTEST_ARGS)

## make test: lint, type check, migration check, then the whole suite on SQLite and on PostgreSQL
## (the suite includes the schemathesis run and the page walk with its query-parameter fuzz)
test: lint typecheck migrations-check test-sqlite test-postgres

## make fuzz: only the bounded fuzz tests (schemathesis on the API, every page with malformed
## query parameters), on SQLite
fuzz: setup
	YG_VAR_DIR=$$(mktemp -d) $(BIN)/pytest -n 2 -q tests/api/test_schemathesis.py yangguang/core/tests/test_page_walk.py

bench: setup
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) $(RUN_VENV) var .pytest_cache .mypy_cache .ruff_cache

## make messages: rebuild the Simplified Chinese catalog yangguang/locale (makemessages needs gettext's
## xgettext; the .mo is committed, so running the platform needs no gettext tools)
messages: setup
	$(BIN)/python manage.py messages
