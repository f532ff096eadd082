# The two commands: `make run` and `make test` (README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

.PHONY: run test install serve worker lint vendor messages

# A bare Debian has Python without its venv module: say what to install instead of ensurepip's trace.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); echo "Python's venv module is missing: run 'sudo apt-get install python3-venv' (Debian/Ubuntu), then try again." >&2; exit 1; }

# Reinstall only when the dependency lists change.
$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

install: $(VENV)/.installed

run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	bash scripts/serve.sh

# The checks CI needs before the suite: no model change without its migration, ruff, the layers;
# then what the browser tests need (installed as root on Debian, otherwise one line says what to install).
test: install
	bash scripts/browser_prereqs.sh
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .

vendor:
	bash scripts/refresh_vendor.sh

# After changing interface strings: collect them into locale/en (GNU gettext needed), translate the new
# entries in the .po files, then compile; tests/core/test_translations.py fails while any is missing.
messages: install
	$(MANAGE) makemessages -l en --ignore=.venv --ignore=static/vendor --ignore=var --ignore=tests --ignore=bench --ignore=test-artifacts
	$(MANAGE) makemessages -d djangojs -l en --ignore=.venv --ignore=static/vendor --ignore=var --ignore=test-artifacts
	$(MANAGE) compilemessages -l en -l zh_Hans --ignore=.venv
