# Math for Machine Learning: build, test and preview the book.
# `make book` and `make test` do all set-up on a fresh Debian/Ubuntu machine
# (Python 3.11+, Node, npm); see README.md.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Jupyter Book's own command line, with Sphinx reading (and so executing)
# chapters side by side on every core (mlmath.book.parallel).
JB     := $(BIN)/python -m mlmath.book.parallel
# -W: any warning fails the build; -n: so does a broken reference;
# --keep-going: report every problem, not just the first.
JB_FLAGS := -W -n --keep-going
PORT   ?= 8000
LAB_PORT ?= 8888
# `make pdf`: XeLaTeX with its fonts and latexmk, from Debian (see README.md).
TEX_PACKAGES := texlive-xetex texlive-fonts-recommended fonts-freefont-otf fonts-lmodern \
                fonts-dejavu-core fonts-dejavu-extra latexmk
PDF    := math-for-ml.pdf

.PHONY: book pdf pdf-deps all notebooks lab test test-fast preview serve bench audit clean help
.DEFAULT_GOAL := help

help:
	@echo "make book    build the HTML book into _build/html (sets up .venv and node_modules)"
	@echo "make pdf     build the PDF (LaTeX) into _build/latex and copy it into _build/html"
	@echo "make all     both: the HTML book with its PDF"
	@echo "make notebooks  build the book, and every chapter as .ipynb into _build/notebooks"
	@echo "make lab     JupyterLab on http://127.0.0.1:$(LAB_PORT), chapters open as notebooks"
	@echo "make test    install what the tests need (Chromium included) and run every test"
	@echo "make test-fast  the unit tier only: no book build, no browser (about a minute)"
	@echo "make preview FIGURE=<module>  one figure on a phone, a tablet and a desktop, light and dark"
	@echo "make serve   preview _build/html on http://127.0.0.1:$(PORT)"
	@echo "make bench   print build times (HTML and PDF), page weights and figure timings"
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

# JupyterLab (requirements-lab.txt), for 'make lab' and the tests.
$(VENV)/.lab-deps: requirements-lab.txt $(VENV)/.book-deps
	$(BIN)/python -m pip install --quiet -r requirements-lab.txt
	@touch $@

$(VENV)/.test-deps: requirements-test.txt $(VENV)/.lab-deps
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	@touch $@

# MathJax 3 (mathjax-full, to typeset the math), PurgeCSS (to cut the theme's CSS down)
# and axe-core, as package-lock.json pins them.
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

# The chapters as notebooks, executed, as readers download them (written by
# the build: mlmath.book.notebooks); CI publishes this folder to a branch.
notebooks: book
	@echo "Chapters as notebooks: _build/notebooks/"

# JupyterLab on this machine only; binder/jupyter makes .md files open as
# notebooks (jupytext), the same settings Binder uses.
lab: $(VENV)/.lab-deps
	JUPYTER_CONFIG_PATH="$(CURDIR)/binder/jupyter$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" \
	  $(BIN)/jupyter lab --no-browser --ip=127.0.0.1 --port=$(LAB_PORT) \
	  --ServerApp.root_dir="$(CURDIR)" --LabApp.news_url=None \
	  $(if $(filter 0,$(shell id -u)),--allow-root)

# Dates in the PDF (title page, metadata) are the last commit's, so two builds
# of one commit give the same bytes.
GIT_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(GIT_EPOCH),)
pdf: export SOURCE_DATE_EPOCH ?= $(GIT_EPOCH)
endif

# The same execution cache as `make book`: no chapter runs twice. latexmk only
# warns about unresolved references and missing glyphs; latexlog fails on them.
pdf: pdf-deps $(VENV)/.book-deps
	$(JB) build . --builder pdflatex $(JB_FLAGS)
	$(BIN)/python -m mlmath.book.latexlog _build/latex/$(PDF:.pdf=.log)
	mkdir -p _build/html
	cp _build/latex/$(PDF) _build/html/$(PDF)

# Installs TeX when missing (as root; otherwise prints the apt-get line).
pdf-deps:
	scripts/ensure-apt-packages $(TEX_PACKAGES)

# One after the other (also under make -j): the PDF reuses the HTML's cache.
all:
	$(MAKE) book
	$(MAKE) pdf

# Both cores (pytest-xdist). The book is built once, before any test; every
# test reads that build (MLMATH_BOOK_BUILT: no test worker builds it again). Times go to _build/ for `make bench` to project.
# Work stealing: with xdist's default (load), one worker was left holding a queue
# of slow browser tests while the other sat idle for 12 minutes and more.
PYTEST := $(BIN)/python -m pytest -n 2 --dist worksteal
UNIT_TIER := -m "not book and not browser and not build"

test: $(VENV)/.test-deps node_modules/.package-lock.json
	scripts/ensure-apt-packages chromium poppler-utils
	@mkdir -p _build && rm -rf _build/test-timeline && date +%s > _build/.test-start
	$(MAKE) all
	@date +%s > _build/.test-built
	MLMATH_BOOK_BUILT=1 $(PYTEST) --junitxml=_build/test-report.xml
	@date +%s > _build/.test-end

# The unit tier: the package, the figures' Python side and their callbacks in
# BokehJS (Node), the build glue's helpers. No book, no browser.
test-fast: $(VENV)/.test-deps node_modules/.package-lock.json
	$(PYTEST) $(UNIT_TIER)

# One figure alone in Chromium at three widths, light and dark (screenshots
# in _build/preview/): for writing a figure.
preview: $(VENV)/.test-deps node_modules/.package-lock.json
	@test -n "$(FIGURE)" || { echo "Say which: make preview FIGURE=vector_addition"; exit 1; }
	scripts/ensure-apt-packages chromium
	$(BIN)/python scripts/preview_figure.py $(FIGURE) $(if $(PART),--part $(PART))

serve:
	@test -f _build/html/index.html || { echo "No book yet: run 'make book' first."; exit 1; }
	@echo "Serving the book at http://127.0.0.1:$(PORT)/ (Ctrl-C stops)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

bench: $(VENV)/.test-deps node_modules/.package-lock.json
	scripts/ensure-apt-packages chromium poppler-utils $(TEX_PACKAGES)
	$(MAKE) book
	$(BIN)/python benchmarks/run.py --pdf
	$(BIN)/python benchmarks/notebooks.py
	$(BIN)/python benchmarks/test_times.py

audit: $(VENV)/.test-deps node_modules/.package-lock.json $(LIGHTHOUSE_DIR)/node_modules/.package-lock.json
	scripts/ensure-apt-packages chromium
	$(MAKE) book
	$(BIN)/python benchmarks/lighthouse.py

clean:
	rm -rf _build
