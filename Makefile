# The two commands that matter: `make run` and `make test`. Both work on a fresh clone.
SHELL := /bin/bash
UV_VERSION := 0.13.9
PORT ?= 8000
# One test process per core; each starts its own throwaway PostgreSQL.
TEST_WORKERS ?= auto
export PORT
UV := $(shell command -v uv 2>/dev/null || echo .venv-tools/bin/uv)
PY := .venv/bin/python

.PHONY: run test bench lint env assets messages docker-check audit faults

.venv-tools/bin/uv:
	python3 -m venv .venv-tools
	.venv-tools/bin/pip install --quiet "uv==$(UV_VERSION)"

env: $(if $(filter .venv-tools/bin/uv,$(UV)),.venv-tools/bin/uv) assets
	$(UV) sync --frozen --quiet

# The design system (GOV.UK Frontend from npm, with its lock file) compiled into static/build/.
frontend/node_modules/.package-lock.json: frontend/package.json frontend/package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed to build the pages' styles: apt-get install -y nodejs npm"; exit 1; }
	cd frontend && npm ci --no-audit --no-fund --loglevel=error

static/build/app.css: frontend/node_modules/.package-lock.json frontend/build.mjs $(wildcard frontend/scss/*.scss)
	cd frontend && node build.mjs

assets: static/build/app.css

# Links in the emails `make run` sends point at the server it starts, whatever PORT is.
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: env
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo ""
	@echo "  Partneriaeth is starting at http://127.0.0.1:$(PORT)/ (set PORT to change; Ctrl-C stops it)"
	@echo "  Links in emails point at $(SITE_URL)"
	@echo ""
	$(UV) run --frozen honcho -f Procfile.dev start

test: env
	$(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# LOAD=1 adds the load run (bench/load.py: gunicorn + Locust, about 3 minutes more).
bench: env
	$(PY) -m bench.run $(if $(LOAD),--load)

lint: env
	.venv/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run

messages: env
	$(PY) manage.py makemessages -l cy --no-obsolete --no-location --ignore=.venv --ignore=frontend --ignore=.venv-tools --ignore=var
	$(PY) manage.py compilemessages -l cy --ignore=.venv --ignore=.venv-tools

# Known vulnerabilities in the locked dependencies (needs network; see .ci/audit.py).
audit: env
	UV=$(UV) $(PY) .ci/audit.py

# Faults that need real processes: a worker killed mid-send, PostgreSQL restarted under load.
faults: env
	$(PY) -m bench.faults
