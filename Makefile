# Every target creates or reuses .venv, so a newcomer needs only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha256sum requirements.txt | cut -c1-16)
# Material and a dependency print banners about MkDocs' future on every run;
# they are noise, not findings about this site (the README covers the plan).
export DISABLE_MKDOCS_2_WARNING := true
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test bench new-page published-urls clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $@

# make serve PORT=8001 when 8000 is taken.
PORT ?= 8000
serve: $(STAMP)
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:$(PORT)

build: $(STAMP)
	$(PY) -m mkdocs build --clean

check: build
	$(PY) -m scripts.checker.check

# Adds the URLs of new pages and headings to published-urls.txt; exits 1 when
# the file changed, so a run that forgot to commit it fails.
published-urls: build
	$(PY) -m scripts.checker.published_urls --update

test: check
	$(PY) -m pytest

# Times builds, checks and page weight; rewrites docs/about/performance.md, its plot
# and its figures. About an hour on 2 cores (the 1,000-page builds and the link-checker
# crawls dominate); BENCH_QUICK=1 for a two-minute trial run; PARTS=lighthouse (or any of
# scaling,real,checker,weight,lighthouse,search) measures only those and keeps the rest.
# Never part of make test.
PARTS ?= scaling,real,checker,weight,lighthouse,search
bench: $(STAMP)
	$(PY) -m scripts.bench.run --parts $(PARTS)

clean:
	rm -rf site .pytest_cache

# make new-page TITLE="Eating well" AUDIENCE=patient [SECTION=patients] [SLUG=eating-well]
new-page: $(STAMP)
	$(PY) -m scripts.tools.new_page --title "$(TITLE)" --audience "$(AUDIENCE)" $(if $(SECTION),--section "$(SECTION)") $(if $(SLUG),--slug "$(SLUG)")
