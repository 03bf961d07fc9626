# Math for Machine Learning: build, test and preview the book.
# `make book` and `make test` do all set-up on a fresh Debian/Ubuntu machine
# (Python 3.11+, Node, npm); see README.md.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
JB     := $(BIN)/jupyter-book
# -W: any warning fails the build; -n: so does a broken reference;
# --keep-going: report every problem, not just the first.
JB_FLAGS := -W -n --keep-going
PORT   ?= 8000

.PHONY: book test serve bench audit clean help
.DEFAULT_GOAL := help

help:
	@echo "make book    build the HTML book into _build/html (sets up .venv and node_modules)"
	@echo "make test    install what the tests need (Chromium included) and run every test"
	@echo "make serve   preview _build/html on http://127.0.0.1:$(PORT)"
	@echo "make bench   print build times, page weights and figure timings"
	@echo "make audit   Lighthouse scores, bytes and LCP/TBT/CLS of every page, served as a host would"
	@echo "make clean   remove _build (the execution cache too)"

# -- set-up ---------------------------------------------------------------------
$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed, found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-installs when the pins or the package metadata change.
$(VENV)/.book-deps: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

$(VENV)/.test-deps: requirements-test.txt $(VENV)/.book-deps
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	@touch $@

# MathJax 3, exactly as package-lock.json pins it.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# Lighthouse, for `make audit` only (its own lock file; make book/test skip it).
LIGHTHOUSE_DIR := benchmarks/lighthouse
$(LIGHTHOUSE_DIR)/node_modules/.package-lock.json: $(LIGHTHOUSE_DIR)/package.json $(LIGHTHOUSE_DIR)/package-lock.json
	npm ci --prefix $(LIGHTHOUSE_DIR) --no-audit --no-fund
	@touch $@

# -- targets --------------------------------------------------------------------
book: $(VENV)/.book-deps node_modules/.package-lock.json
	$(JB) build . $(JB_FLAGS)

test: $(VENV)/.test-deps node_modules/.package-lock.json
	scripts/ensure-apt-packages chromium
	$(MAKE) book
	$(BIN)/python -m pytest

serve:
	@test -f _build/html/index.html || { echo "No book yet: run 'make book' first."; exit 1; }
	@echo "Serving the book at http://127.0.0.1:$(PORT)/ (Ctrl-C stops)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

bench: $(VENV)/.test-deps node_modules/.package-lock.json
	scripts/ensure-apt-packages chromium
	$(MAKE) book
	$(BIN)/python benchmarks/run.py

audit: $(VENV)/.test-deps node_modules/.package-lock.json $(LIGHTHOUSE_DIR)/node_modules/.package-lock.json
	scripts/ensure-apt-packages chromium
	$(MAKE) book
	$(BIN)/python benchmarks/lighthouse.py

clean:
	rm -rf _build
