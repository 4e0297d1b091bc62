# Tidbok — `make run` starts the whole system, `make test` runs the whole suite.
SHELL := /bin/bash
PY_VERSION ?= 3.11
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
VENV := .venv
PY := $(VENV)/bin/python
# make run VAS_PROTOCOL=crm-scheduling: VAS sync speaks the national scheduling contract (crm:scheduling).
VAS_PROTOCOL ?= simulator-api

.PHONY: run test test-unit fuzz lint format bench env check-services migrate clean

$(UV):
	@python3 -m venv .tools && .tools/bin/pip install --quiet --disable-pip-version-check uv==0.13.9

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	@$(UV) sync --frozen --python $(PY_VERSION) --quiet
	@touch $@

# Node tools the suite uses (the AsyncAPI parser), exactly as package-lock.json pins them.
node_modules/.installed: package.json package-lock.json
	@npm ci --no-audit --no-fund --silent
	@touch $@

env: $(VENV)/.synced node_modules/.installed

check-services: env
	@$(PY) -m deploy.local.check_services

migrate: check-services
	@$(PY) -m shared.migrations $(SERVICES_WITH_DB)

run: env
	@VAS_PROTOCOL=$(VAS_PROTOCOL) $(PY) -m deploy.local.run

test: env check-services
	@$(PY) -m pytest $(PYTEST_ARGS)

# Rules and use-case checks on plain values: no broker, no database, seconds.
test-unit: env
	@$(PY) -m pytest tests/unit -q -p no:schemathesis -p no:hypothesispytest $(PYTEST_ARGS)

# The contract fuzzer at full strength (make test runs it with a few examples per operation).
fuzz: env check-services
	@TIDBOK_FUZZ_RANDOM=1 TIDBOK_FUZZ_EXAMPLES=$${TIDBOK_FUZZ_EXAMPLES:-300} $(PY) -m pytest tests/fuzz $(PYTEST_ARGS)

lint: env
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .
	@$(VENV)/bin/mypy shared services tests bench deploy clients
	@$(VENV)/bin/lint-imports --no-cache

format: env
	@$(VENV)/bin/ruff format .
	@$(VENV)/bin/ruff check --fix .

bench: env check-services
	@$(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .tools .pytest_cache .mypy_cache .ruff_cache
