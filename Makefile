# Quick start: `make kb` builds curated/ from raw_documents/, `make test` runs the whole suite.
# Both create .venv (Python 3.12, selected by .python-version) and install the locked versions first.
PYTHON ?= python3.12
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: kb test lock bench clean-venv

kb: $(STAMP)
	$(PY) -m pipeline build --raw raw_documents --out curated

test: $(STAMP)
	$(PY) -m pytest

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Re-resolve every transitive version from pyproject.toml (run after changing dependencies).
lock:
	$(PYTHON) -m venv /tmp/ivig-kb-lock && /tmp/ivig-kb-lock/bin/pip install --quiet pip-tools
	/tmp/ivig-kb-lock/bin/pip-compile --quiet --strip-extras --all-extras --allow-unsafe --no-emit-index-url \
		--no-emit-find-links --output-file requirements.lock pyproject.toml

bench: $(STAMP)
	$(PY) bench/run_all.py

clean-venv:
	rm -rf $(VENV)
