# Một Cửa. `make run` and `make test` create .venv when it is missing.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck bench screenshots clean check-qt-libs translations fuzz

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "make: cannot create .venv with $(PY) (3.11+ needed); on Debian/Ubuntu: sudo apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	@$(BIN)/python -m ui.preflight
	$(BIN)/counter-app

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

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

# English UI: refresh the .ts from the sources, translate new entries (pyside6-linguist), compile.
translations: $(STAMP)
	$(BIN)/pyside6-lupdate -no-obsolete $$(find ui -name '*.py' | sort) -ts resources/i18n/mot_cua_en.ts
	$(BIN)/pyside6-lrelease resources/i18n/mot_cua_en.ts -qm resources/i18n/mot_cua_en.qm

check-qt-libs:
	@$(BIN)/python -m ui.preflight --libs-only

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
