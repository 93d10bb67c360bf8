# Two commands set everything up on a fresh machine: `make lab` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]-*.ipynb))
# Jupyter refuses to start as root (containers, CI boxes) unless told; extra flags: make lab LAB_ARGS=--no-browser
LAB_ARGS ?= $(if $(filter 0,$(shell id -u)),--allow-root)
NBVAL  := --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg

.PHONY: install tables lab report test notebooks bench clean

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

lab: tables                ## start JupyterLab on the notebooks
	$(BIN)/jupyter lab $(LAB_ARGS) notebooks/

report: install            ## run every notebook headless, one HTML file each in build/report/
	mkdir -p build/report
	$(BIN)/jupyter nbconvert --to html --execute --output-dir build/report $(NOTEBOOKS)

test: install              ## unit tests, then the notebooks rerun by nbval
	$(BIN)/python -m pytest tests -q
	$(BIN)/python -m pytest $(NBVAL) $(NOTEBOOKS) -q

notebooks: install         ## re-execute the notebooks and save them with their outputs
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.record_timing=False $(NOTEBOOKS)

bench: install             ## accuracy and speed figures
	$(BIN)/python benchmarks/attributions.py
	$(BIN)/python benchmarks/coverage.py

clean:
	rm -rf build .pytest_cache
