# Một Cửa. `make run` and `make test` create .venv when it is missing.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DIST_STAMP := $(VENV)/.installed-dist

LOCK := requirements.lock

.PHONY: run test lint typecheck bench screenshots web-screenshots forms clean check-qt-libs \
	translations messages lock dist dist-check fuzz

# Installs the exact versions of requirements.lock (every dependency, dev tools included), then
# the project itself without resolving again; with no lock yet, what pyproject.toml allows.
$(STAMP): pyproject.toml $(wildcard $(LOCK))
	test -x $(BIN)/python || $(PY) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "make: cannot create .venv with $(PY) (3.11+ needed); on Debian/Ubuntu: sudo apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install -q --upgrade pip
	if [ -f $(LOCK) ]; then \
	  $(BIN)/python -m pip install -q -r $(LOCK) && $(BIN)/python -m pip install -q --no-deps -e . ; \
	else $(BIN)/python -m pip install -q -e '.[dev,hub]'; fi
	$(BIN)/python -m pip check >/dev/null || { $(BIN)/python -m pip check; \
	  echo "make: $(LOCK) does not satisfy pyproject.toml: run 'make lock' and commit it"; exit 1; }
	touch $(STAMP)

# Refresh the lock from pyproject.toml (after adding or raising a dependency), then commit it.
# Pins still allowed are kept; `make lock UPGRADE=1` takes the newest versions allowed.
# pip-compile (pip-tools), not uv: it resolves through pip, so it honours the pip configuration,
# certificates and local wheel folders that developer and CI machines already have, and it
# needs no second installer. It resolves for this platform (Linux, CPython 3.11+ as in CI).
lock:
	test -x $(BIN)/pip-compile || $(MAKE) $(STAMP)
	$(BIN)/pip-compile -q --extra dev --extra hub --strip-extras --no-emit-index-url --no-emit-find-links \
	  $(if $(UPGRADE),--upgrade) -o $(LOCK) pyproject.toml
$(DIST_STAMP): $(STAMP)
	$(BIN)/python -m pip install -q -e '.[dev,dist]'
	touch $(DIST_STAMP)

run: $(STAMP)
	@$(BIN)/python -m ui.preflight
	$(BIN)/counter-app

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

typecheck: $(STAMP)
	$(BIN)/mypy

test: $(STAMP) lint typecheck
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# The long run of the security fuzz (tests/test_security_fuzz.py); `make test` runs 40 examples.
fuzz: $(STAMP)
	MOT_CUA_FUZZ_EXAMPLES=3000 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/test_security_fuzz.py

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ui.screenshots docs/screenshots
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ui.account_screenshots docs/screenshots

# The hub's web pages (citizen's page, province's console) in headless Chromium.
web-screenshots: $(STAMP)
	$(BIN)/python tests/web_screenshots.py docs/screenshots

# Every form of both sets (Circular 01/2018, 03/2025) from demo dossiers, as PNG (pdftoppm).
forms: $(STAMP)
	$(BIN)/python -m counter_app.forms.samples docs/forms
# The self-contained build: dist/mot-cua/ (mot-cua, counter-app, _internal/), see docs/windows.md.
dist: $(DIST_STAMP)
	rm -rf dist/mot-cua
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
	  packaging/mot-cua.spec
	@du -sh dist/mot-cua

# Runs the built bundle with no Python on PATH, under Xvfb (after `make dist`).
dist-check: $(STAMP)
	@test -x dist/mot-cua/counter-app || { echo "make dist-check: no bundle in dist/mot-cua; run make dist first"; exit 1; }
	$(BIN)/python -m pytest -p no:cacheprovider packaging/tests

# English UI: refresh the .ts from the sources, translate new entries (pyside6-linguist), compile.
translations: $(STAMP)
	$(BIN)/pyside6-lupdate -no-obsolete $$(find ui -name '*.py' | sort) -ts resources/i18n/mot_cua_en.ts
	$(BIN)/pyside6-lrelease resources/i18n/mot_cua_en.ts -qm resources/i18n/mot_cua_en.qm
	$(BIN)/pyside6-lrelease resources/i18n/qtbase_vi.ts -qm resources/i18n/qtbase_vi.qm

# The core's messages (counter_app/i18n.py): extract every _() and N_() of counter_app/ and sync/
# with Babel, merge into the English catalog (new entries come empty: translate them in the .po,
# tests/test_messages.py fails until then), compile the .mo the app reads. Commit both.
LOCALE := resources/locale
messages: $(STAMP)
	mkdir -p build
	$(BIN)/pybabel -q extract --sort-output --add-location=file --no-wrap --project=mot-cua \
	  --copyright-holder="Một Cửa" -o build/counter_app.pot counter_app sync
	test -f $(LOCALE)/en/LC_MESSAGES/counter_app.po || \
	  $(BIN)/pybabel -q init -D counter_app -i build/counter_app.pot -d $(LOCALE) -l en --no-wrap
	$(BIN)/pybabel -q update -D counter_app -i build/counter_app.pot -d $(LOCALE) -l en \
	  --no-wrap --no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel compile -D counter_app -d $(LOCALE) -l en --statistics

check-qt-libs:
	@$(BIN)/python -m ui.preflight --libs-only

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist
