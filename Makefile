# dangvu — the two commands are `make run` and `make test` (README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
export DANGVU_HOME := $(CURDIR)

.PHONY: run test test-postgres test-e2e test-schema lint format migrate demo clean help bench bench-national

help:
	@echo "make run            install, migrate, load the demo, serve on http://127.0.0.1:$(PORT)"
	@echo "make test           install, lint, type-check and run the whole suite on SQLite"
	@echo "make test-postgres  the whole suite on a throw-away local PostgreSQL"
	@echo "make test-e2e       the browser tests (Debian chromium)"
	@echo "make test-schema    schemathesis over the whole OpenAPI against the demo (a few minutes)"
	@echo "make bench          benchmarks at province scale on SQLite and PostgreSQL"
	@echo "make bench-national benchmarks at national scale (5.6 M members) on PostgreSQL"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==26.3"
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	mkdir -p var
	DANGVU_ENV=demo $(BIN)/dangvu migrate --noinput
	DANGVU_ENV=demo $(BIN)/dangvu collectstatic --noinput --verbosity 0
	DANGVU_ENV=demo $(BIN)/dangvu load_demo
	@echo "dangvu: http://127.0.0.1:$(PORT)"
	DANGVU_ENV=demo $(BIN)/gunicorn dangvu.wsgi:application --bind 127.0.0.1:$(PORT) \
		--workers 3 --threads 2 --access-logfile - --forwarded-allow-ips 127.0.0.1

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	DANGVU_ENV=test $(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

test: lint
	DANGVU_ENV=test $(BIN)/python -m pytest -m "not e2e"

test-postgres: $(STAMP)
	bash scripts/test-postgres.sh

test-e2e: $(STAMP)
	bash scripts/test-e2e.sh

test-schema: $(STAMP)
	bash scripts/test-schema.sh

# Benchmarks (bench/README.md): never part of `make test` or CI.
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	mkdir -p var/bench
	$(BIN)/python -m bench.run --scale province --db sqlite --out var/bench/province-sqlite.json
	$(BIN)/python -m bench.run --scale province --db postgresql --out var/bench/province-postgresql.json

bench-national: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	mkdir -p var/bench
	$(BIN)/python -m bench.run --scale national --db postgresql --out var/bench/national-postgresql.json

clean:
	rm -rf $(VENV) var/*.sqlite3* var/static
