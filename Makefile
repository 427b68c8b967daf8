# Two commands on a fresh machine with Python 3.11 and make: `make run`, `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
ARCHIVE ?= data

# Debian packages the readers call: Tesseract with its Russian model (scanned PDFs),
# LibreOffice Writer headless and antiword (legacy .doc), DejaVu (the tests' PDFs);
# Chromium for the browser test of `resarchive serve` (driven by Playwright).
DEBIAN_PACKAGES := fonts-dejavu-core tesseract-ocr tesseract-ocr-rus antiword \
	libreoffice-writer-nogui chromium

.PHONY: run test real serve screenshot messages lint format bench clean system-deps \
	debian-packages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Stamps re-install when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/resarchive --archive $(ARCHIVE) ingest $(ARCHIVE)/raw
	$(BIN)/resarchive --archive $(ARCHIVE) validate
	@echo '$$ resarchive query --org "Камчатской краевой детской библиотеки"'
	$(BIN)/resarchive --archive $(ARCHIVE) query --org "Камчатской краевой детской библиотеки"

test: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench
	$(BIN)/pytest

# The extraction scored on the real documents of tests/real (README: How good is the extraction).
real: $(VENV)/.installed
	rm -rf $(VENV)/real-archive
	$(BIN)/resarchive --archive $(VENV)/real-archive ingest --jobs 2 tests/real/texts >/dev/null
	$(BIN)/python tests/real/score.py $(VENV)/real-archive/structured --gold tests/real/gold $(ARGS)

# Review the archive in the browser (README: Reviewing records): http://127.0.0.1:8000/
serve: $(VENV)/.installed
	$(BIN)/resarchive --archive $(ARCHIVE) serve $(ARGS)

# The README's screenshot, docs/review.png: a record page of a copy of data/ in Chromium.
screenshot: $(VENV)/.installed-test
	$(BIN)/python tests/browser.py docs/review.png

# The Russian catalog: extract the marked messages (Python sources and the web templates,
# as babel.cfg lists them), merge them into the .po, compile the .mo.
LOCALE := src/resarchive/locale
messages: $(VENV)/.installed-test
	$(BIN)/pybabel -q extract -F babel.cfg -k _ -k N_ -k ngettext:1,2 --no-location \
		--sort-output -o $(LOCALE)/resarchive.pot .
	$(BIN)/pybabel -q update -D resarchive -i $(LOCALE)/resarchive.pot -d $(LOCALE) -l ru \
		--no-fuzzy-matching --ignore-pot-creation-date --ignore-obsolete
	$(BIN)/pybabel -q compile -D resarchive -d $(LOCALE) -l ru

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: $(VENV)/.installed-test
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

# As root (or with sudo), once per machine; about 35 s on a fresh Debian 12.
system-deps:
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		$(DEBIAN_PACKAGES) >/dev/null

debian-packages:
	@echo $(DEBIAN_PACKAGES)

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .ruff_cache
