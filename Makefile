# The two commands a newcomer needs: `make run` and `make test`. Everything else is a step of those.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
IPCITY_DATA_DIR ?= $(CURDIR)/var
export IPCITY_DATA_DIR
STATIC_VENDOR := src/ipcity/web/static/vendor
ECHARTS_VERSION := 5.6.0
HTMX_VERSION := 2.0.4
SWAGGER_UI_VERSION := 5.17.14
# Debian packages the tests need: a browser, CJK fonts for PDFs, PostgreSQL 15, Java for Spark,
# gettext for message catalogues, Pango for WeasyPrint, Tesseract (with its Simplified Chinese
# model) and poppler's pdftoppm to OCR scanned plan PDFs.
APT_PACKAGES := chromium fonts-noto-cjk postgresql-15 openjdk-17-jre-headless gettext \
	libpango-1.0-0 libpangoft2-1.0-0 poppler-utils \
	tesseract-ocr tesseract-ocr-chi-sim fonts-lxgw-wenkai libreoffice-writer-nogui

.PHONY: run prerequisites test install install-test system-deps vendor migrate demo serve lint contracts types \
	test-sqlite test-postgres messages clean fonts test-assets

run: prerequisites install vendor fonts messages migrate demo serve

# What `make run` cannot install by itself, checked first with the way to get it.
prerequisites:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "make run: Python 3.11 or later is needed as '$(PYTHON)' (found: $$($(PYTHON) --version 2>/dev/null || echo none))."; \
	  echo "  Debian 12 / Kylin / UOS: sudo apt-get install python3 python3-venv; or make run PYTHON=/path/to/python3.11"; \
	  exit 1; }
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || { \
	  echo "make run: the Python venv module is missing: sudo apt-get install python3-venv"; exit 1; }
	@[ -f $(STATIC_VENDOR)/swagger-ui/swagger-ui-bundle.js ] || command -v npm >/dev/null || { \
	  echo "make run: npm is needed once, to fetch ECharts, HTMX and Swagger UI (then the platform runs offline)."; \
	  echo "  Debian / Kylin / UOS: sudo apt-get install npm; offline: copy src/ipcity/web/static/vendor/ from an installed machine"; \
	  exit 1; }

# setuptools is neither pinned nor needed here: pip builds ipcity in an isolated environment
# (pyproject's [build-system]), and at run time cpca's pkg_resources gets a stand-in when setuptools
# no longer ships it (ipcity.analytics.addresses; tests/test_pkg_resources_shim.py).
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -U pip wheel

# Re-install only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test,spark]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# ECharts, HTMX and Swagger UI (/api/docs) come from their npm packages at install time; they are
# not committed, and no page loads anything from another host (the platform runs offline).
# Source-map references are dropped: the maps are not shipped, and collectstatic's manifest
# storage refuses a file that names a missing one.
vendor: $(STATIC_VENDOR)/echarts.min.js $(STATIC_VENDOR)/htmx.min.js $(STATIC_VENDOR)/swagger-ui/swagger-ui-bundle.js

$(STATIC_VENDOR)/echarts.min.js:
	@mkdir -p $(STATIC_VENDOR) && tmp=$$(mktemp -d) && cd $$tmp && npm pack -s echarts@$(ECHARTS_VERSION) >/dev/null \
	  && tar xzf echarts-*.tgz package/dist/echarts.min.js && cp package/dist/echarts.min.js $(CURDIR)/$@ && rm -rf $$tmp

$(STATIC_VENDOR)/htmx.min.js:
	@mkdir -p $(STATIC_VENDOR) && tmp=$$(mktemp -d) && cd $$tmp && npm pack -s htmx.org@$(HTMX_VERSION) >/dev/null \
	  && tar xzf htmx.org-*.tgz package/dist/htmx.min.js && cp package/dist/htmx.min.js $(CURDIR)/$@ && rm -rf $$tmp

$(STATIC_VENDOR)/swagger-ui/swagger-ui-bundle.js:
	@mkdir -p $(STATIC_VENDOR)/swagger-ui && tmp=$$(mktemp -d) && cd $$tmp && npm pack -s swagger-ui-dist@$(SWAGGER_UI_VERSION) >/dev/null \
	  && tar xzf swagger-ui-dist-*.tgz package/swagger-ui.css package/swagger-ui-bundle.js package/LICENSE \
	  && sed -i '/sourceMappingURL=/d' package/swagger-ui.css package/swagger-ui-bundle.js \
	  && cp package/swagger-ui.css package/LICENSE $(CURDIR)/$(STATIC_VENDOR)/swagger-ui/ && cp package/swagger-ui-bundle.js $(CURDIR)/$@ \
	  && rm -rf $$tmp

# The report engine's 仿宋/黑体/楷体/宋体 substitutes (FandolFang, FandolHei, FandolKai, FandolSong; GPL
# with font exception): four OTF files unpacked from Debian's texlive-lang-chinese without
# installing TeX. Not committed (src/ipcity/reports/fonts/ is ignored); see docs/reports.md.
REPORT_FONTS := src/ipcity/reports/fonts
FANDOL := FandolFang-Regular FandolHei-Regular FandolKai-Regular FandolSong-Regular
fonts: $(REPORT_FONTS)/FandolFang-Regular.otf

# A fresh machine may have no package lists yet (`apt-get download` then finds nothing): as root,
# they are fetched once and the download tried again.
$(REPORT_FONTS)/FandolFang-Regular.otf:
	@mkdir -p $(REPORT_FONTS) && tmp=$$(mktemp -d) && chmod 755 $$tmp && cd $$tmp \
	  && { apt-get download texlive-lang-chinese >/dev/null 2>&1 \
	       || { [ "$$(id -u)" = 0 ] && apt-get update -qq >/dev/null && apt-get download texlive-lang-chinese >/dev/null; } \
	       || { echo "make fonts: cannot download texlive-lang-chinese (run 'sudo apt-get update' once); reports fall back to Noto CJK"; exit 1; }; } \
	  && dpkg-deb -x texlive-lang-chinese_*.deb unpacked \
	  && for f in $(FANDOL); do cp unpacked/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/$$f.otf $(CURDIR)/$(REPORT_FONTS)/; done \
	  && rm -rf $$tmp

# axe-core, for the accessibility check of the public pages (tests/web/publication): fetched from
# its npm package like ECharts, into a folder for tests only (ignored by git, never served).
AXE_VERSION := 4.10.2
TEST_ASSETS := tests/.assets
test-assets: $(TEST_ASSETS)/axe.min.js

$(TEST_ASSETS)/axe.min.js:
	@mkdir -p $(TEST_ASSETS) && tmp=$$(mktemp -d) && cd $$tmp && npm pack -s axe-core@$(AXE_VERSION) >/dev/null \
	  && tar xzf axe-core-*.tgz package/axe.min.js && cp package/axe.min.js $(CURDIR)/$@ && rm -rf $$tmp

messages: install
	@if command -v msgfmt >/dev/null; then cd src/ipcity && ../../$(BIN)/django-admin compilemessages -v 0 --settings=ipcity.web.settings; fi

migrate: install
	$(BIN)/ipcity migrate

demo: install
	$(BIN)/ipcity demo

serve: install
	$(BIN)/ipcity serve --port $(PORT)

lint: install-test
	$(BIN)/ruff check src tests benchmarks

contracts: install-test
	$(BIN)/lint-imports

# mypy over the apps and the libraries; errors beyond mypy-baseline.txt fail, and so do fixed ones
# still listed there (the baseline only shrinks).
types: install-test
	$(BIN)/python tests/mypy_baseline.py

# Library and web tests on SQLite (browser tests included), then the web tests that use the
# database again on a throw-away PostgreSQL 15 cluster that tests/pgcluster.py starts on loopback
# and removes (--database-tests-only: a test that cannot open the database gets the same result
# on either; tests/database_subset.py).
# --dist loadgroup: tests sharing a module fixture run on one worker (tests/xdist_groups.py).
# --durations: the slowest tests are named in every CI log, where the suite's time goes.
test: system-deps install-test vendor fonts test-assets messages lint contracts types test-sqlite test-postgres

# PYTHONDONTWRITEBYTECODE emptied: where the shell sets it (some CI sandboxes do), every Python
# process compiled the sources again, each `ipcity` subprocess of the ops and serving tests
# and each xdist worker rewriting the tests' asserts; with it empty, the SQLite run writes the
# bytecode (__pycache__, ignored by git) and the later processes read it.
TEST_ENV := IPCITY_ENV=test IPCITY_DATA_DIR=$(CURDIR)/var/test PYTHONDONTWRITEBYTECODE=
test-sqlite:
	$(TEST_ENV) $(BIN)/pytest -n 2 --dist loadgroup --durations=25 tests

test-postgres:
	$(TEST_ENV) $(BIN)/python tests/pgcluster.py -- $(BIN)/pytest -n 2 --dist loadgroup --durations=15 -m "not browser and not spark" --database-tests-only tests/web

clean:
	rm -rf $(VENV) var $(STATIC_VENDOR) $(TEST_ASSETS)
