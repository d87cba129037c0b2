# Every target creates or reuses .venv, so a newcomer needs only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | sha256sum | cut -c1-16)
# Material and a dependency print banners about MkDocs' future on every run;
# they are noise, not findings about this site (the README covers the plan).
export DISABLE_MKDOCS_2_WARNING := true
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check lint test test-fast fuzz mutation bench new-page new-translation translated published-urls watch clean compare-properdocs approve review-packet script-hashes

# Values given on the command line (PAGE=, TITLE=, ...) reach the commands as
# environment variables, quoted by the shell ("$$PAGE"), never pasted into the
# command line, so a quote or $( ) in a value is text, not a command.
# make serve PORT=8001 when 8000 is taken. Defaults come before the export line:
# exporting a variable make has not seen defines it, empty.
PORT ?= 8000
# make bench measures every part unless PARTS names some.
PARTS ?= scaling,real,checker,weight,lighthouse,search,packets,tests
export PORT FULL PARTS TITLE AUDIENCE SECTION SLUG FORMAT OUTPUT SEARCH PAGE REVIEWER OUT MODULES

# Then our package (scripts/pancreas_kb) and its MkDocs plugin, editable, with the
# build backend from the pinned list: nothing is downloaded or built in isolation.
$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $@

# make serve FULL=1 also builds the review packets, search index and minified
# assets on every save (skipped by default so that a preview is quick).
serve: $(STAMP)
	if [ -n "$$FULL" ]; then full=true; else full=false; fi; \
	KB_SERVE_FULL=$$full $(VENV)/bin/mkdocs serve --dev-addr "127.0.0.1:$$PORT"

build: $(STAMP)
	$(VENV)/bin/mkdocs build --strict --clean

check: build
	$(PY) -m pancreas_kb.checker.check

# Adds the URLs of new pages and headings to published-urls.txt; exits 1 when
# the file changed, so a run that forgot to commit it fails.
published-urls: build
	$(PY) -m pancreas_kb.checker.published_urls --update

# Python lint and format (rules and the reason for each disabled one in pyproject.toml).
lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# Unit tests only: no site build, no browser; seconds, for the edit-test loop.
test-fast: $(STAMP)
	$(PY) -m pytest -m "not site and not browser" --hypothesis-profile=quick

# Everything CI runs. The site-building tests run on two processes (pytest-xdist);
# the browser tests share one Chromium, so they run after, in one process.
test: lint check
	$(PY) -m pytest -n 2 -m "not browser"
	$(PY) -m pytest -m browser

# The property tests (tests/checker/test_fuzz.py) with 5,000 examples each from a fresh
# seed, printed so that a failure can be replayed with --hypothesis-seed. It reports, it does
# not gate: run weekly by .github/workflows/deep-tests.yml and on demand, never in make test.
# Each failure it finds becomes an @example in the test once mended.
fuzz: $(STAMP)
	$(PY) -m pytest -p no:cacheprovider tests/checker/test_fuzz.py --hypothesis-profile=long --hypothesis-seed=$$(date +%s)

# Mutation testing (mutmut, scripts/pancreas_kb/bench/mutation.py): small deliberate breakages
# of the domain rules, the checker and the plugin, each run against the unit tests that cover
# it; writes the kill rate and the unexplained survivors to docs/about/performance.md. About
# 1 mutant a second on 2 busy cores, so every module (about 10,000 mutants) takes hours:
# MODULES='pancreas_kb.domain.review*' (mutmut's name patterns, space-separated) runs some.
# STAGE=folder keeps mutmut's copy of the project there and resumes it next time: only the
# mutants of changed functions, those not yet run and the earlier survivors run again.
# Weekly in CI over every module from a fresh copy (.github/workflows/deep-tests.yml).
mutation: $(STAMP)
	$(PY) -m pancreas_kb.bench.run --parts mutation $${MODULES:+--mutate "$$MODULES"} $${STAGE:+--mutation-stage "$$STAGE"}

# Times builds, checks and page weight; rewrites docs/about/performance.md, its plot
# and its figures. About an hour on 2 cores (the 1,000-page builds and the link-checker
# crawls dominate); BENCH_QUICK=1 for a two-minute trial run; PARTS=lighthouse (or any of
# scaling,real,checker,weight,lighthouse,search,packets,tests) measures only those and keeps the rest.
# Never part of make test. (The default PARTS is set above the export line.)
bench: $(STAMP)
	$(PY) -m pancreas_kb.bench.run --parts "$$PARTS"

# ProperDocs, the maintained fork of MkDocs, must build the same site: this is
# the tested way off MkDocs (see CONTRIBUTING, "The stack"). Exits 1 on any
# difference but the generator's name.
compare-properdocs: build
	rm -rf .cache/properdocs-site
	$(VENV)/bin/properdocs build --strict --clean --site-dir .cache/properdocs-site
	$(PY) -m pancreas_kb.tools.compare_builds site .cache/properdocs-site

clean:
	rm -rf site .pytest_cache

# After changing an inline script in a template (overrides/) or updating Material:
# rewrites the list of inline scripts the pages' policy allows; review its diff.
script-hashes: $(STAMP)
	$(PY) -m pancreas_kb.tools.script_hashes

# make new-page TITLE="Eating well" AUDIENCE=patient [SECTION=patients] [SLUG=eating-well]
new-page: $(STAMP)
	$(PY) -m pancreas_kb.tools.new_page --title "$$TITLE" --audience "$$AUDIENCE" $${SECTION:+--section "$$SECTION"} $${SLUG:+--slug "$$SLUG"}

# make new-translation PAGE=patients/what-it-means.md LANG=es: the English page copied to
# docs/es/ to be translated in place, with the fields that tie it to its English page.
# LANG is also the shell's locale variable: only this recipe sees the value, under another name.
new-translation: export TRANSLATION_LANG = $(LANG)
new-translation: $(STAMP)
	$(PY) -m pancreas_kb.tools.translate new "$$PAGE" --lang "$$TRANSLATION_LANG"

# make translated PAGE=docs/es/patients/what-it-means.md: once the translation says what
# the English page says now, record that (translated_from); make check compares it.
translated: $(STAMP)
	$(PY) -m pancreas_kb.tools.translate record "$$PAGE"

# Runs the saved searches in literature-watch.yml (needs the network; never part of make test)
# and lists, page by page, what appeared after each page's evidence_checked date.
# make watch [FORMAT=markdown] [OUTPUT=file] [SEARCH=one-search-id]
watch: $(STAMP)
	$(PY) -m pancreas_kb.tools.watch $${FORMAT:+--format "$$FORMAT"} $${OUTPUT:+--output "$$OUTPUT"} $${SEARCH:+--search "$$SEARCH"}

# make approve PAGE=docs/patients/stages.md REVIEWER="Dr Jane Doe"
# A maintainer's convenience, never a reviewer's step (reviewers approve in GitHub's
# review screen): records a listed reviewer's approval of the page's current text.
# It runs this checkout's code, so it refuses, before installing or running anything,
# when the code differs from main: on a contributor's branch that code is theirs.
TRUSTED_CODE := Makefile pyproject.toml requirements.txt scripts overrides
approve:
	@git diff --quiet main -- $(TRUSTED_CODE) && test -z "$$(git ls-files --others --exclude-standard -- $(TRUSTED_CODE))" \
	  || { echo "make approve: refused: $(TRUSTED_CODE) differ from main here; run it on a checkout of main (reviewers approve on GitHub instead, see CONTRIBUTING)" >&2; exit 1; }
	@$(MAKE) --no-print-directory $(STAMP)
	$(PY) -m pancreas_kb.tools.approve --page "$$PAGE" --reviewer "$$REVIEWER"

# make review-packet PAGE=docs/clinicians/systemic-therapy.md [OUT=packet.html]
# One printable HTML file for the page's clinical reviewer: claims, quotes, sources, findings.
review-packet: $(STAMP)
	$(PY) -m pancreas_kb.tools.review_packet --page "$$PAGE" $${OUT:+--out "$$OUT"}
