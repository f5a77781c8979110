# Quick start: `make demo` (set up, migrate, import seeds/, write a report) and `make test`.
# Needs only Python >= 3.11 and make: everything else installs into .venv from PyPI.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
LOCK   := requirements/lock.txt
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml $(LOCK) | $(PYTHON) -c "import hashlib,sys;print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest()[:12])")

.PHONY: install demo test lint bench stress clean lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Every package, direct and transitive (the build backend included), comes from the lock with
# its hashes (--no-deps: the lock is complete, nothing is resolved at install time); veille
# itself is then installed without resolving anything either.
$(STAMP): pyproject.toml $(LOCK) | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

# Regenerate the lock from pyproject.toml's ranges (one universal file for Linux, macOS and
# Windows, Python >= 3.11). Commit the result.
lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/uv.txt
	$(BIN)/uv pip compile pyproject.toml requirements/build.in --extra test --extra lock \
	  --universal --python-version 3.11 --generate-hashes -o $(LOCK)

demo: install
	$(BIN)/veille db upgrade
	$(BIN)/veille import seeds --batch seeds
	$(BIN)/veille status
	$(BIN)/veille report period --from 2019-01-01 --to 2026-12-31 --format html --output out/period.html
	$(BIN)/veille report period --from 2019-01-01 --to 2026-12-31 --format md --output out/period.md
	@echo "Reports written to out/. To browse the database: $(BIN)/veille serve   (then open http://127.0.0.1:8150/)"

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) .veille-test .pytest_cache .hypothesis build *.egg-info

bench: install
	$(BIN)/python tests/bench/bench_import.py --articles 1000 --json bench-results/import-1k.json
	$(BIN)/python tests/bench/bench_reports.py --articles 10000 --json bench-results/reports-10k.json

# Every property test with fresh random seeds and 10 times its examples, then the long
# reliability runs. Not in `make test` (minutes, and a fresh seed is not reproducible).
stress: install
	VEILLE_STRESS=1 $(BIN)/python -m pytest -q -p no:cacheprovider -m property
	VEILLE_STRESS=1 $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_reliability.py
