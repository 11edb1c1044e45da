# The README's commands. Each sets up what it needs; a fresh Debian machine with Python 3.11
# and root needs nothing else.
SHELL := /bin/bash
export NO_MKDOCS_2_WARNING := 1
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip --disable-pip-version-check
BUILD_STAMP := $(VENV)/.build-deps
TEST_STAMP := $(VENV)/.test-deps
CHROMIUM ?= /usr/bin/chromium

.PHONY: serve build validate test test-deps bench fuzz mutate voorbeeld clean

serve: $(BUILD_STAMP) ## build and serve on http://127.0.0.1:8000, rebuilding when content/, data/, schemas/ or theme/ change
	$(PY) -m mkdocs serve --livereload --dev-addr 127.0.0.1:8000

build: $(BUILD_STAMP) ## strict build into site/ (replaced only when the build succeeds)
	$(PY) -m stemsite build

validate: $(BUILD_STAMP) ## check every data file, print the Dutch error list
	$(PY) -m stemsite validate

test: test-deps ## install everything the tests need, then run the whole suite
	$(PY) -m pytest

FUZZ_SECONDS ?= 600
fuzz: test-deps ## fuzz the loader and validator longer than make test does (FUZZ_SECONDS, default 600)
	STEMSITE_FUZZ_EXAMPLES=5000 $(PY) -m pytest tests/hostile/test_fuzz.py -k "not atheris" -q
	$(PY) tests/hostile/fuzz_loader.py --seconds $(FUZZ_SECONDS)

# One module: make mutate MUTATE_ARGS="--only validate/invited.py" (the list: scripts/mutate.py --help)
mutate: test-deps ## mutation testing (mutmut) of the trust rules' modules; lists the surviving mutants per module
	$(PY) scripts/mutate.py $(MUTATE_ARGS)

# Pictures of records' pages as they will look (360 and 1280 px; a signatory's wall card too), into
# .cache/voorbeeld/: make voorbeeld SLUGS="voorbeeld-nv academies/maldegem", or BASIS=<commit> for
# every record changed since that commit. The pull request's workflow runs the same target.
voorbeeld: test-deps build ## pictures of records' pages at 360 and 1280 px (SLUGS="..." or BASIS=commit)
	$(PY) scripts/voorbeeld.py $(if $(BASIS),--basis $(BASIS)) $(if $(PR),--pull-request $(PR)) $(if $(UIT),--uit $(UIT)) $(SLUGS)

# Sizes and repetitions: make bench BENCH_ARGS="--sizes 100,1000 --repeat 1"
# Lighthouse (npm, Debian's Chromium) on seven pages, real data and sample, phone and desktop: LIGHTHOUSE_ARGS="--forms mobile"
bench: test-deps ## benchmark: build time, memory, page weight and search at 100 to 10,000 signatories; then Lighthouse
	$(PY) scripts/bench.py $(BENCH_ARGS)
	$(PY) scripts/lighthouse.py $(LIGHTHOUSE_ARGS)

$(BUILD_STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --require-hashes --no-deps -r requirements.txt
	$(PIP) install --no-deps --no-build-isolation -e .
	touch $@

$(TEST_STAMP): $(BUILD_STAMP) requirements-test.txt package-lock.json
	$(PIP) install --require-hashes --no-deps -r requirements-test.txt
	npm ci --no-audit --no-fund
	touch $@

# Chromium comes from Debian (Playwright never downloads a browser here). On CI runners that bring their own
# Chrome, set STEMSITE_SKIP_APT=1 and STEMSITE_CHROMIUM to its path.
test-deps: $(TEST_STAMP)
	@if [ -z "$$STEMSITE_SKIP_APT" ] && [ ! -x "$(CHROMIUM)" ]; then \
	  echo "Chromium uit Debian installeren..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; \
	fi
	@# Java runs the W3C Nu HTML checker (npm's vnu-jar) in tests/campaign/test_html_valid.py.
	@if [ -z "$$STEMSITE_SKIP_APT" ] && ! command -v java >/dev/null; then \
	  echo "Java uit Debian installeren (voor de HTML-controle)..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq default-jre-headless; \
	fi

clean:
	rm -rf site .cache node_modules $(VENV)
