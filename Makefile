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

## make frontend: the query workbench's bundle (CodeMirror from npm), rebuilt when its sources change.
## The bundle is committed, so node is needed only after editing frontend/: stamp.py compares
## the sources with what the bundle was built from (file times after a clone mean nothing).
FRONTEND_SOURCES := $(wildcard frontend/src/*.js) frontend/build.mjs frontend/package.json frontend/package-lock.json
WORKBENCH_JS := webapp/static/dist/workbench.js

$(WORKBENCH_JS): $(FRONTEND_SOURCES)
	@if $(PYTHON) frontend/stamp.py --check; then touch $@; \
	else cd frontend && npm ci --no-audit --no-fund && npm run build; fi

frontend: $(WORKBENCH_JS)

## make run: install, build the store from data/ if it is empty, serve http://127.0.0.1:5000
run: install
	$(BIN)/vdk-graph --store $(STORE) build --if-empty
	$(BIN)/vdk-graph --store $(STORE) serve --host $(HOST) --port $(PORT)

## make build: (re)build the store from data/
build: install
	$(BIN)/vdk-graph --store $(STORE) build

## make test: the whole suite (browser and server tests included)
test: install-test
	$(BIN)/python -m pytest

lint: install-test
	$(BIN)/ruff check vdk_graph webapp tests bench
	$(BIN)/mypy vdk_graph

## make bench: the benchmarks under bench/ (slow; prints tables)
bench: install-test
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) var .pytest_cache
