# Atelier Ruimte Kempen. `make run` sets everything up and serves the portal;
# `make test` does the same set-up and runs the whole suite. Both are idempotent.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# The suite runs in two processes (pytest-xdist), one per core: each worker has its own
# test and demo databases and its own live server. `make test PYTEST_WORKERS=` runs it
# in one process.
PYTEST_WORKERS ?= -n 2

.PHONY: help run test test-fast serve setup system system-browser venv database migrate demo \
	static lint format check pytest bench backup restore lock clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

run: setup  ## Set up everything, then serve the portal on http://127.0.0.1:8000
	@$(PY) manage.py demo_accounts
	@echo "==> Portal: http://127.0.0.1:8000/  (beheer: http://127.0.0.1:8000/admin/)"
	$(PY) manage.py runserver 127.0.0.1:8000

test: system-browser database lint check pytest  ## Same set-up, then lint, checks and the whole test suite

test-fast: database lint check  ## Lint, checks and the suite without the browser tests (everyday use)
	$(PY) -m pytest --create-db -m "not browser" $(PYTEST_WORKERS) $(PYTEST_ARGS)

serve: setup  ## Serve like production: gunicorn + whitenoise, DEBUG off, on http://127.0.0.1:8000
	DJANGO_DEBUG=false DJANGO_SECURE_SSL_REDIRECT=false DJANGO_SECURE_COOKIES=false \
	DJANGO_HSTS_SECONDS=0 DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost \
	$(PY) manage.py collectstatic --noinput --verbosity 0
	DJANGO_DEBUG=false DJANGO_SECURE_SSL_REDIRECT=false DJANGO_SECURE_COOKIES=false \
	DJANGO_HSTS_SECONDS=0 DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost DJANGO_TASKS=immediate \
	$(BIN)/gunicorn atelier.wsgi --bind 127.0.0.1:8000 --workers 2 --access-logfile -

setup: system database migrate demo static

system:  ## Install missing system packages (PostgreSQL, PostGIS, GDAL)
	@bash scripts/system-packages.sh

system-browser:  ## The same, plus Debian's Chromium for the browser tests
	@bash scripts/system-packages.sh --browser

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	@touch $@

database: venv  ## Find or start PostgreSQL; create the database with PostGIS
	@$(PY) scripts/bootstrap.py

migrate: database
	$(PY) manage.py createcachetable
	$(PY) manage.py migrate --noinput

demo: migrate  ## Load the demo data (idempotent)
	$(PY) manage.py load_demo

static: venv
	$(PY) manage.py collectstatic --noinput --verbosity 0

lint: venv  ## Ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: database  ## Django's checks and missing migrations
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run --noinput

pytest: database  ## The test suite only (a fresh test database)
	$(PY) -m pytest --create-db $(PYTEST_WORKERS) $(PYTEST_ARGS)

bench: database  ## Kempenkaart API at 1k/10k/100k features, every zoom; pages under load (wrk)
	@bash scripts/system-packages.sh --bench
	$(PY) benchmarks/kaart.py
	$(PY) benchmarks/load.py

backup: database  ## Database (pg_dump) and uploaded files in one archive under backups/
	$(PY) manage.py backup $(ARCHIVE)

restore: database  ## Restore ARCHIVE=backups/….tar into an empty database (checks rows and files)
	@test -n "$(ARCHIVE)" || { echo "make restore ARCHIVE=backups/atelier-….tar"; exit 2; }
	$(PY) manage.py restore $(ARCHIVE)

lock:  ## Re-pin the dependencies of pyproject.toml into requirements.lock
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements.lock

clean:  ## Remove the virtualenv and collected static files (not the database)
	rm -rf $(VENV) staticfiles
