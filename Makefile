# Two commands do all the set-up: `make run` and `make test`.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
WHEELS  := .wheels
# Portable llama.cpp build: ~3.5 min instead of ~7, and the wheel runs on any x86-64 CPU with AVX2.
LLAMA_CMAKE_ARGS ?= -DGGML_NATIVE=OFF -DLLAVA_BUILD=OFF
LLAMA_VERSION    ?= 0.3.36
KB_WATCH ?= $(CURDIR)/sample_corpus
KB_HOME  ?= $(CURDIR)/.kb_home
export KB_WATCH KB_HOME

.PHONY: run test venv lint bench clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# CPU torch first, pinned, so nothing below resolves the CUDA build.
	$(BIN)/pip install --quiet torch==2.13.0
	# llama-cpp-python only ships as source: build the wheel once and keep it.
	@if ! ls $(WHEELS)/llama_cpp_python-$(LLAMA_VERSION)-*.whl >/dev/null 2>&1; then \
	  echo "building llama-cpp-python $(LLAMA_VERSION) (a few minutes, once)"; \
	  CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/pip wheel --quiet --no-deps \
	    -w $(WHEELS) llama-cpp-python==$(LLAMA_VERSION); fi
	$(BIN)/pip install --quiet --find-links $(WHEELS) llama-cpp-python==$(LLAMA_VERSION)
	$(BIN)/pip install --quiet --find-links $(WHEELS) -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/kb ui

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check kb ingest ui tests bench
	$(BIN)/mypy

bench: $(STAMP)
	@echo "see README.md § Benchmarks"

clean:
	rm -rf $(VENV) .kb_home
