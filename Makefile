# Every target creates .venv itself, so a fresh clone needs nothing but python3.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-all

.PHONY: demo test lint bench golden clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[all]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/leadrules demo

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

# The suite runs one worker more than there are cores (pytest-xdist): tests
# wait on PostgreSQL, subprocesses and Spark, and the extra worker keeps the
# cores busy meanwhile. One test file per worker at a time:
# tests/test_spark.py starts its one Spark session in one worker only.
JOBS ?= $(shell python3 -c "import os; print((os.cpu_count() or 1) + 1)")
test: $(STAMP) lint
	$(BIN)/pytest -n $(JOBS) --dist loadfile

# Rewrite the golden SQL of tests/golden_sql/ after an intended change; review the diff.
golden: $(STAMP)
	$(BIN)/python -m tests.golden_sql

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/run.py --stores
	$(BIN)/python benchmarks/run.py --startup
	$(BIN)/python benchmarks/big_rules.py
	$(BIN)/python benchmarks/import_speed.py
	$(BIN)/python benchmarks/events.py
	$(BIN)/python benchmarks/spark.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
