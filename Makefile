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
# Debian packages the tests need: a browser, CJK fonts for PDFs, PostgreSQL 15, Java for Spark,
# gettext for message catalogues, Pango for WeasyPrint.
APT_PACKAGES := chromium fonts-noto-cjk postgresql-15 openjdk-17-jre-headless gettext \
	libpango-1.0-0 libpangoft2-1.0-0 poppler-utils

.PHONY: run test install install-test system-deps vendor migrate demo serve lint contracts types \
	test-sqlite test-postgres messages clean

run: install vendor messages migrate demo serve

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -U pip "setuptools<81" wheel

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

# ECharts and HTMX come from their npm packages at install time; they are not committed.
vendor: $(STATIC_VENDOR)/echarts.min.js $(STATIC_VENDOR)/htmx.min.js

$(STATIC_VENDOR)/echarts.min.js:
	@mkdir -p $(STATIC_VENDOR) && tmp=$$(mktemp -d) && cd $$tmp && npm pack -s echarts@$(ECHARTS_VERSION) >/dev/null \
	  && tar xzf echarts-*.tgz package/dist/echarts.min.js && cp package/dist/echarts.min.js $(CURDIR)/$@ && rm -rf $$tmp

$(STATIC_VENDOR)/htmx.min.js:
	@mkdir -p $(STATIC_VENDOR) && tmp=$$(mktemp -d) && cd $$tmp && npm pack -s htmx.org@$(HTMX_VERSION) >/dev/null \
	  && tar xzf htmx.org-*.tgz package/dist/htmx.min.js && cp package/dist/htmx.min.js $(CURDIR)/$@ && rm -rf $$tmp

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

types: install-test
	$(BIN)/mypy

# Library and web tests on SQLite (browser tests included), then the web tests again on a
# throw-away PostgreSQL 15 cluster that tests/pgcluster.py starts on loopback and removes.
test: system-deps install-test vendor messages lint contracts types test-sqlite test-postgres

TEST_ENV := IPCITY_ENV=test IPCITY_DATA_DIR=$(CURDIR)/var/test
test-sqlite:
	$(TEST_ENV) $(BIN)/pytest -n 2 --dist loadgroup tests

test-postgres:
	$(TEST_ENV) $(BIN)/python tests/pgcluster.py -- $(BIN)/pytest -n 2 -m "not browser and not spark" tests/web

clean:
	rm -rf $(VENV) var $(STATIC_VENDOR)
