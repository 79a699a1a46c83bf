# Alliance KB: `make run` to serve the knowledge base, `make test` to run the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve test bench lighthouse backup restore export lint format migrations-check check-deploy load chromium java wrk clean help

help:
	@echo "make run    set up (venv, install, migrate, load the knowledge base) and serve on http://$(HOST):$(PORT)"
	@echo "make test   install the dev dependencies and run the whole suite"
	@echo "make serve  production-like: gunicorn with DEBUG off"
	@echo "make export write the published knowledge base as a data package to dist/alliance-kb-data"
	@echo "make backup   portable snapshot of the whole database into backups/ (FORMAT=native: the database's own; docs/deployment.md)"
	@echo "make restore  FILE=backups/... put a snapshot back into an empty database (FORCE=1 to replace)"
	@echo "make lighthouse  Lighthouse's scores for home, list, a source, a proposal, a theme: docs/lighthouse.md"
	@echo "make bench  synthetic data sets (SIZES=, DBS=) under gunicorn and Datasette, loaded by wrk: docs/benchmark.md"

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; run make with PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# The stamps record which pyproject.toml the virtualenv was installed from.
$(VENV)/.installed-runtime: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed-runtime

# Loads into an empty database only: editors' changes in the admin are never overwritten.
# `python manage.py load_kb` reloads the fixtures on purpose.
load: $(VENV)/.installed-runtime
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_kb --if-empty

# Development mode is asked for: settings default to production (DEBUG off) and fail closed.
run export migrations-check: export DJANGO_DEBUG = 1

run: load
	@echo ""
	@echo "Alliance KB is being served at http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

# Plain HTTP on this machine is an explicit opt-out (DJANGO_PLAIN_HTTP=1: no HTTPS redirect, no
# HSTS, cookies not Secure-only); behind a TLS proxy run `DJANGO_PLAIN_HTTP=0 make serve`.
serve: export DJANGO_DEBUG = 0
serve: export DJANGO_PLAIN_HTTP ?= 1
serve: load
	$(PY) manage.py collectstatic --noinput
	@echo "Alliance KB (gunicorn, DEBUG off, plain HTTP: $$DJANGO_PLAIN_HTTP) at http://$(HOST):$(PORT)/"
	$(VENV)/bin/gunicorn alliance_kb.wsgi --bind $(HOST):$(PORT) --workers 2

# Browser tests drive Debian's Chromium; install it when it is missing and we can.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing Debian's chromium for the browser tests..."; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "Browser tests need /usr/bin/chromium: sudo apt-get install chromium" >&2; exit 1; \
		fi; \
	fi

# The HTML validity test runs the Nu checker (vnu.jar), which needs a Java runtime.
java:
	@if ! command -v java >/dev/null; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing Debian's Java runtime for the HTML checker..."; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
		else \
			echo "The HTML validity test needs java: sudo apt-get install default-jre-headless" >&2; exit 1; \
		fi; \
	fi

# The load test (PostgreSQL) drives gunicorn with wrk, as make bench does.
wrk:
	@if ! command -v wrk >/dev/null; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing Debian's wrk for the load test..."; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
		else \
			echo "The load test needs wrk: sudo apt-get install wrk" >&2; exit 1; \
		fi; \
	fi

test: $(VENV)/.installed-dev chromium java wrk
	$(PY) -m pytest

# The published knowledge base as a Frictionless Data Package (docs/data.md), in dist/.
export: load
	$(PY) manage.py export_kb --out dist/alliance-kb-data

# Speed is measured here, not in timed tests: synthetic data sets of each size in SIZES on each
# database in DBS, gunicorn (DEBUG off) and Datasette on 127.0.0.1 loaded by wrk; writes
# docs/benchmark.md. `make bench SIZES=1000 DBS=sqlite` takes a few minutes.
SIZES ?= 1000 10000 100000
DBS ?= postgres sqlite
bench: $(VENV)/.installed-runtime
	SIZES="$(SIZES)" DBS="$(DBS)" bench/run

# Lighthouse 12.2.3 (package-lock.json) into node_modules/, run in Debian's Chromium against
# gunicorn with DEBUG off; writes docs/lighthouse.md. Not part of `make test`: its scores depend on
# the machine's load. Never downloads a browser (PUPPETEER_SKIP_DOWNLOAD).
node_modules/.bin/lighthouse: package.json package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund
	touch $@

lighthouse: $(VENV)/.installed-runtime chromium node_modules/.bin/lighthouse
	CHROME_PATH=/usr/bin/chromium $(PY) -m bench.lighthouse

# Backups run with the server's environment (DATABASE_URL, DJANGO_* settings): docs/deployment.md.
backup: $(VENV)/.installed-runtime
	$(PY) manage.py backup_db $(if $(OUT),--out "$(OUT)") $(if $(FORMAT),--format "$(FORMAT)")

restore: $(VENV)/.installed-runtime
	@if [ -z "$(FILE)" ]; then echo "Say which backup: make restore FILE=backups/alliance-kb-....json.gz" >&2; exit 2; fi
	$(PY) manage.py restore_db "$(FILE)" $(if $(filter 1,$(FORCE)),--force)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: $(VENV)/.installed-runtime
	$(PY) manage.py makemigrations --check --dry-run

# Only the three variables a deployment must set: the secure defaults do the rest.
check-deploy: $(VENV)/.installed-runtime
	env -u DJANGO_PLAIN_HTTP -u DJANGO_SECURE_SSL_REDIRECT -u DJANGO_SECURE_COOKIES -u DJANGO_HSTS_SECONDS \
		DJANGO_DEBUG=0 DJANGO_SECRET_KEY=check-deploy-$$(date +%s)-not-a-real-key-but-long-enough-for-the-check \
		DJANGO_ALLOWED_HOSTS=kb.example.org $(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 test-artifacts dist
