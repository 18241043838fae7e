# Redress: the two set-up commands are `make run` and `make test`.
#
#   make run     virtualenv + pinned dependencies (+ letters' Debian packages if
#                missing), migrate the SQLite database, load the demo data,
#                serve on http://127.0.0.1:8000 with the task worker beside it
#                (mail is written to var/outbox/, listed at /outbox/)
#   make test    virtualenv + pinned dependencies (+ PostgreSQL, Chromium and the
#                letters' Debian packages if missing),
#                then ruff, and every test suite on SQLite and again on PostgreSQL
#   make lint    ruff check + ruff format --check + import-linter (the layers)
#   make format  ruff format + ruff check --fix
#   make bench   the benchmarks (never part of `make test`): bench/results/
#   make bench-peer  Redress beside django-helpdesk (PEER_SIZES, PEER_ENGINES)
#   make load    load runs under gunicorn: complaint creation, worker memory
#   make two-app-servers  two app servers, one PostgreSQL: write on one, read on the other
#   make lock    regenerate requirements.lock (scripts/lock)
#   make clean   remove the virtualenv and caches (keeps var/, the database)

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
VENV_PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
RUN_SETTINGS ?= redress.project.settings.dev
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist workers; `auto` is one per core.
WORKERS ?= auto
PYTEST_ARGS ?=

.PHONY: assets help install run migrate demo test test-sqlite test-postgres postgres-server \
	browser letter-deps lint format bench bench-peer load two-app-servers lock clean

help:
	@sed -n '3,18s/^# \{0,1\}//p' Makefile

# The front end: GOV.UK Frontend and htmx from npm, and our stylesheet built from them.
NODE_STAMP := node_modules/.installed
CSS := redress/project/static/redress/redress.css

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(CSS): $(NODE_STAMP) redress/project/assets/redress.scss
	npm run -s build

assets: $(CSS)

# The virtualenv, rebuilt only when requirements.lock or pyproject.toml change.
install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@if [ ! -x $(VENV_PY) ] || ! $(VENV_PY) -c 'import sys' 2>/dev/null; then \
		echo "Creating $(VENV) with $$(command -v $(PYTHON)) ($$($(PYTHON) -V 2>&1))"; \
		rm -rf $(VENV); \
		$(PYTHON) -m venv $(VENV); \
	fi
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

# The server, with the task worker beside it (scripts/run) so queued mail is sent.
run: migrate demo assets letter-deps
	PYTHON=$(VENV_PY) RUN_SETTINGS=$(RUN_SETTINGS) scripts/run $(HOST):$(PORT)

migrate: $(STAMP)
	@mkdir -p var
	$(VENV_PY) manage.py migrate --settings=$(RUN_SETTINGS) --no-input

demo: migrate
	$(VENV_PY) manage.py load_demo_data --settings=$(RUN_SETTINGS)

# Every step runs even when an earlier one fails; any failure fails the target.
test: $(STAMP) postgres-server browser letter-deps assets
	@failed=(); \
	$(MAKE) --no-print-directory lint || failed+=(lint); \
	$(MAKE) --no-print-directory test-sqlite || failed+=(sqlite); \
	$(MAKE) --no-print-directory test-postgres || failed+=(postgresql); \
	if [ $${#failed[@]} -gt 0 ]; then \
		echo "make test: FAILED: $${failed[*]}" >&2; exit 1; \
	fi

# pytest's exit status 5 (no tests collected) is a failure here, as is any
# other non-zero status. The settings are pyproject.toml's (redress.project.
# settings.test), whatever DJANGO_SETTINGS_MODULE the caller has.
test-sqlite: $(STAMP)
	@echo "== pytest on SQLite"
	env -u DATABASE_URL -u DJANGO_SETTINGS_MODULE $(VENV)/bin/pytest -n $(WORKERS) $(PYTEST_ARGS)

# scripts/with-postgres starts a throwaway cluster, sets DATABASE_URL, runs
# pytest, then stops the cluster and deletes it, even when pytest fails.
test-postgres: $(STAMP) postgres-server
	@echo "== pytest on PostgreSQL"
	env -u DJANGO_SETTINGS_MODULE PYTHON=$(VENV_PY) \
		scripts/with-postgres $(VENV)/bin/pytest -n $(WORKERS) $(PYTEST_ARGS)

postgres-server:
	@scripts/install-postgres

# Debian's Chromium, which the browser tests (Playwright) drive.
browser:
	@scripts/install-chromium

# Pango for WeasyPrint (PDF letters), fonts, and poppler-utils to read PDFs back in tests.
letter-deps:
	@scripts/install-letter-deps

lint: $(STAMP)
	@echo "== ruff"
	@status=0; \
	$(VENV)/bin/ruff check . || status=1; \
	$(VENV)/bin/ruff format --check . || status=1; \
	echo "== import-linter (the layers: docs/decisions/0007-layers.md)"; \
	$(VENV)/bin/lint-imports --no-cache || status=1; \
	exit $$status

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Every benchmark at each size on each engine, into bench/results/ (its README.md).
# Choose with e.g. `make bench BENCH_SIZES="10000 100000" BENCH_ENGINES=sqlite`.
BENCH_SIZES ?= 10000 100000 1000000
BENCH_ENGINES ?= sqlite postgresql

bench: $(STAMP) postgres-server letter-deps assets
	env -u DATABASE_URL -u DJANGO_SETTINGS_MODULE \
		$(VENV_PY) bench/run_all.py --sizes $(BENCH_SIZES) --engines $(BENCH_ENGINES)
	for rows in $(BENCH_SIZES); do $(VENV_PY) bench/load/create_complaints.py --rows $$rows \
		|| exit 1; done
	$(MAKE) --no-print-directory load

# The peer comparison: django-helpdesk in a virtualenv of its own (bench/peer/).
PEER_VENV ?= .venv-peer
PEER_STAMP := $(PEER_VENV)/.installed
PEER_SIZES ?= 10000 100000
PEER_ENGINES ?= sqlite postgres

$(PEER_STAMP): bench/peer/requirements.txt
	@if [ ! -x $(PEER_VENV)/bin/python ]; then $(PYTHON) -m venv $(PEER_VENV); fi
	$(PEER_VENV)/bin/python -m pip install --quiet --disable-pip-version-check \
		-r bench/peer/requirements.txt
	@touch $@

bench-peer: $(STAMP) $(PEER_STAMP) postgres-server
	$(VENV_PY) bench/peer/compare.py --peer-python $(PEER_VENV)/bin/python \
		--sizes $(PEER_SIZES) --engines $(PEER_ENGINES)

# Bounded load runs against gunicorn on loopback ports (bench/load/, docs/deploy.md);
# figures go to bench/results/load_*. Never part of `make test`.
load: $(STAMP) postgres-server assets
	$(VENV_PY) bench/load/create_complaints.py
	$(VENV_PY) bench/load/worker_memory.py

# About 30-45 s, most of it migrating a fresh PostgreSQL: a target of its own.
two-app-servers: $(STAMP) postgres-server
	PYTHON=$(VENV_PY) scripts/two-app-servers

lock:
	PYTHON=$(PYTHON) scripts/lock

clean:
	rm -rf $(VENV) $(PEER_VENV) build *.egg-info .pytest_cache .ruff_cache .hypothesis
	find . -path ./var -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
