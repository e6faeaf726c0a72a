# Python package (python/): build the wheel with maturin, install it into a FRESH venv,
# run pytest there (vectors, API, exceptions, threads, secret hygiene, the Ansible /
# Terraform / kubernetes-client examples), then stubtest and mypy --strict.
# Included by the top-level Makefile (`-include mk/*.mk`).

TEST_TARGETS += test-python
BENCH_TARGETS += bench-python

PY_ROOT        := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/..)
PY_DEV_VENV    ?= $(PY_ROOT)/.venv
PY_WHEEL_DIR   := $(PY_ROOT)/target/python/wheels
PY_TEST_VENV   := $(PY_ROOT)/target/python/test-venv
PY_BENCH_VENV  := $(PY_ROOT)/target/python/bench-venv
PYTHON3        ?= python3
# release = the workspace release profile (lto, unwinding panics); override for speed:
# `make test-python PY_PROFILE=dev`.
PY_PROFILE     ?= release

.PHONY: test-python bench-python python-wheel python-dev-venv

# The developer venv (maturin). scripts/setup.sh (build helper) creates the same thing.
$(PY_DEV_VENV)/bin/maturin: $(PY_ROOT)/python/requirements-dev.txt $(PY_ROOT)/python/requirements-test.txt
	@if [ -f $(PY_ROOT)/scripts/setup.sh ] && grep -q setup_venv $(PY_ROOT)/scripts/setup.sh; then \
	  bash $(PY_ROOT)/scripts/setup.sh venv; \
	else \
	  $(PYTHON3) -m venv $(PY_DEV_VENV) && \
	  $(PY_DEV_VENV)/bin/pip install -q -r $(PY_ROOT)/python/requirements-dev.txt; \
	fi
	@touch $@

python-dev-venv: $(PY_DEV_VENV)/bin/maturin

python-wheel: python-dev-venv
	rm -rf $(PY_WHEEL_DIR)
	cd $(PY_ROOT)/python && $(PY_DEV_VENV)/bin/maturin build --profile $(PY_PROFILE) -o $(PY_WHEEL_DIR)

test-python: python-wheel
	rm -rf $(PY_TEST_VENV)
	$(PYTHON3) -m venv $(PY_TEST_VENV)
	$(PY_TEST_VENV)/bin/pip install -q -r $(PY_ROOT)/python/requirements-test.txt
	$(PY_TEST_VENV)/bin/pip install -q $(PY_WHEEL_DIR)/kubetoken-*.whl
	$(PY_TEST_VENV)/bin/python -c "import kubetoken; print('kubetoken', kubetoken.__version__, 'from the wheel: generate_token() ->', kubetoken.parse_token(kubetoken.generate_token()))"
	@# pytest exits 5 when it collected no test. The full suite always has tests, so
	@# that is a failure; with a filter (PYTEST_ARGS='-k ...') it is just an empty pick.
	rc=0; cd $(PY_ROOT)/python && PATH=$(PY_TEST_VENV)/bin:$$PATH $(PY_TEST_VENV)/bin/python -m pytest -q -rs -p no:cacheprovider tests $(PYTEST_ARGS) || rc=$$?; \
	  if [ $$rc -eq 5 ]; then \
	    echo "test-python: pytest collected no tests (exit 5)"; \
	    if [ -n "$(PYTEST_ARGS)" ]; then exit 0; else exit 1; fi; \
	  fi; exit $$rc
	cd $(PY_ROOT)/python && $(PY_TEST_VENV)/bin/python -m mypy.stubtest kubetoken --mypy-config-file pyproject.toml \
	  --allowlist stubtest-allowlist.txt
	cd $(PY_ROOT) && $(PY_TEST_VENV)/bin/python -m mypy --strict --no-incremental \
	  examples/kubernetes-client examples/terraform examples/ansible/library

bench-python: python-wheel
	rm -rf $(PY_BENCH_VENV)
	$(PYTHON3) -m venv $(PY_BENCH_VENV)
	$(PY_BENCH_VENV)/bin/pip install -q $(PY_WHEEL_DIR)/kubetoken-*.whl
	$(PY_BENCH_VENV)/bin/python $(PY_ROOT)/python/tests/bench.py $(PY_WHEEL_DIR)

# `make lint`: clippy on the pyo3 crate (host target), and ruff (lint + format check,
# configured in python/pyproject.toml) over the package, its tests and the examples.
PY_RUFF_PATHS := python/python python/tests examples tests/crossdoor
LINT_TARGETS += lint-python
.PHONY: lint-python
lint-python: python-dev-venv
	$(CARGO) clippy -p kubetoken-py --all-targets -- -D warnings
	cd $(PY_ROOT) && $(PY_DEV_VENV)/bin/ruff check --config python/pyproject.toml $(PY_RUFF_PATHS)
	cd $(PY_ROOT) && $(PY_DEV_VENV)/bin/ruff format --check --config python/pyproject.toml $(PY_RUFF_PATHS)
