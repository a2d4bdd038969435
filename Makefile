# Two commands on a fresh machine:  make run   and   make test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STORE  ?= ./var/store
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: run test install install-test build serve lint typecheck bench clean frontend

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed frontend
install-test: $(VENV)/.installed-test frontend

## make frontend: the bundles of frontend/ (the workbench and result views, the map), rebuilt when their
## sources change. They are committed, so node is needed only after editing frontend/. File times say
## nothing after a clone, so every run asks stamp.py (a few milliseconds): it compares the sources with
## what the bundles were built from and checks that every built file, chunks included, is there.
frontend:
	@if ! $(PYTHON) frontend/stamp.py --check; then cd frontend && npm ci --no-audit --no-fund && npm run build; fi

## make run: install, build the store from data/ if it is empty, serve http://127.0.0.1:5000
run: install
	$(BIN)/vdk-graph --store $(STORE) build --if-empty
	$(BIN)/vdk-graph --store $(STORE) serve --host $(HOST) --port $(PORT)

## make build: (re)build the store from data/
build: install
	$(BIN)/vdk-graph --store $(STORE) build

## make test: the whole suite (browser and server tests included), one worker per core (at most 4), a test
## file's tests together in one worker (they share module fixtures: a built store, a started server).
## A single file or test: .venv/bin/python -m pytest tests/...  (add -n 0 to debug in one process)
test: install-test
	$(BIN)/python -m pytest -n auto --maxprocesses 4 --dist loadfile

lint: install-test
	$(BIN)/ruff check vdk_graph webapp tests bench
	$(BIN)/mypy vdk_graph webapp
	$(BIN)/lint-imports

## make bench: the benchmarks under bench/ (slow; prints tables)
bench: install-test
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) var .pytest_cache
