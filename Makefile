# Two commands on a fresh machine:  make run   and   make test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STORE  ?= ./var/store
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: run test install install-test build serve lint typecheck bench clean

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

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

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
