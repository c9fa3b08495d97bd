# Two commands set everything up on a fresh machine:
#   make run   builds .venv, validates the shipped data and writes out/
#              (out/network.html: the offline network page of the shipped data)
#   make test  installs the test tools and runs the whole suite (the docs site's
#              build and the shown output of every documented command included)
#   make docs  regenerates what the docs take from the code and builds site/
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUT := out

.PHONY: run test lint docs gallery clean

$(BIN)/kg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,docs]'
	touch $@

run: $(BIN)/kg
	mkdir -p $(OUT)
	$(BIN)/kg validate
	$(BIN)/kg stats
	$(BIN)/kg render -o $(OUT)/network.html
	$(BIN)/kg balance -o $(OUT)/balance.txt
	$(BIN)/kg wedges --all -o $(OUT)/wedges.txt
	$(BIN)/kg query --name pressures-on --param target=India --format csv -o $(OUT)/pressures-on-india.csv
	@echo "wrote $(OUT)/balance.txt, $(OUT)/wedges.txt and $(OUT)/pressures-on-india.csv"

test: $(BIN)/kg
	$(BIN)/ruff check kg tests benchmarks scripts cli.py
	$(BIN)/python -m pytest

lint: $(BIN)/kg
	$(BIN)/ruff check kg tests benchmarks scripts cli.py

docs: $(BIN)/kg
	$(BIN)/python scripts/build_cameo.py
	$(BIN)/python scripts/reference_pages.py
	$(BIN)/python scripts/data_model_diagram.py
	$(BIN)/python scripts/doc_examples.py
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet

# the gallery's screenshots, in Chromium (not part of `make docs`: slow)
gallery: $(BIN)/kg
	$(BIN)/python scripts/gallery.py

clean:
	rm -rf $(VENV) $(OUT) site dist build .pytest_cache .ruff_cache
