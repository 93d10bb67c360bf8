# Two commands set everything up on a fresh machine: `make lab` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]-*.ipynb))
# Extra JupyterLab flags: make lab LAB_ARGS="--no-browser --port 8899"; as root, the lab target adds --allow-root
LAB_ARGS ?=
NBVAL  := --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg
# Browser tests: Debian's Chromium, driven by Playwright (which cannot download its own browsers here).
CHROMIUM ?= /usr/bin/chromium
# make dashboard CORPUS=path/to/articles (default: seeds/) DASHBOARD_PORT=8866 VOILA_ARGS=--no-browser
CORPUS ?=
DASHBOARD_PORT ?= 8866
VOILA_ARGS ?=

.PHONY: install tables lab report dashboard chromium test test-browser notebooks bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependency list changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

tables: install            ## build the tables into build/tables/*.parquet
	$(BIN)/python -m analysis build

lab: install               ## build the tables (a file in error is reported, not fatal), start JupyterLab
	-@$(MAKE) --no-print-directory tables
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS) notebooks/

report: install            ## run every notebook headless, one self-contained HTML file each in build/report/
	$(BIN)/python -m analysis.present.report --out build/report $(NOTEBOOKS)

dashboard: install         ## the estimates, coverage and claims dashboards in Voila (code hidden) on CORPUS
	CLAIM_LEDGER_CORPUS="$(if $(CORPUS),$(abspath $(CORPUS)))" $(BIN)/voila --port=$(DASHBOARD_PORT) \
		--show_tracebacks=True $(VOILA_ARGS) notebooks/dashboards

chromium:                  ## Chromium for the browser tests; installed with apt-get when missing (as root)
	@if [ ! -x "$(CHROMIUM)" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing Chromium with apt-get (browser tests)"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "The browser tests need Chromium at $(CHROMIUM): sudo apt-get install chromium," \
				"or make test CHROMIUM=/path/to/chromium" >&2; exit 1; \
		fi; \
	fi

test: install chromium     ## unit tests, the notebooks rerun by nbval, then the notebooks and dashboards in Chromium
	$(BIN)/python -m pytest tests -q --ignore=tests/browser
	$(BIN)/python -m pytest $(NBVAL) $(NOTEBOOKS) -q
	$(MAKE) --no-print-directory test-browser

test-browser: install chromium  ## JupyterLab and Voila in Chromium; screenshots in build/screenshots/
	CLAIM_LEDGER_BROWSER_REQUIRED=1 CLAIM_LEDGER_CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest tests/browser -q

notebooks: install         ## re-execute the notebooks and save them with their outputs
	CLAIM_LEDGER_SEEDS=$(CURDIR)/tests/data/seeds $(BIN)/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.record_timing=False $(NOTEBOOKS)

# PolNeAR (github.com/networkdynamics/PolNeAR, brat files) split as polnear-train/ and polnear-dev/
# (text/ + attributions/), nk-dev/ and the scorer score_attributions.py; not part of this repository
BENCH_DATA ?= ../shared/bench
bench: install             ## accuracy and speed figures: make bench BENCH_DATA=path
	@test -f "$(BENCH_DATA)/score_attributions.py" -a -d "$(BENCH_DATA)/polnear-dev/text" || { \
	  echo "make bench: no benchmark data in $(BENCH_DATA) (give it with make bench BENCH_DATA=path)."; \
	  echo "PolNeAR comes from its public repository, https://github.com/networkdynamics/PolNeAR"; \
	  echo "(no licence stated: research use only). BENCH_DATA must hold polnear-train/ and polnear-dev/"; \
	  echo "(each text/NAME.txt + attributions/NAME_ANNOTATOR.ann), optionally nk-dev/, and"; \
	  echo "score_attributions.py, the scorer (see benchmarks/attributions.py)."; exit 2; } >&2
	BENCH_DATA="$(abspath $(BENCH_DATA))" $(BIN)/python benchmarks/attributions.py \
	  --corpus $(notdir $(wildcard $(addprefix $(BENCH_DATA)/,polnear-train polnear-dev nk-dev))) --by-rule
	BENCH_DATA="$(abspath $(BENCH_DATA))" $(BIN)/python benchmarks/extraction.py
	$(BIN)/python benchmarks/adversarial.py
	BENCH_DATA="$(abspath $(BENCH_DATA))" $(BIN)/python benchmarks/coverage.py

clean:
	rm -rf build .pytest_cache
