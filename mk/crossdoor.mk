# The cross-door differential (tests/crossdoor/crossdoor.py): one behaviour in every door.
# Generated cases (seeded) run through Rust (the JSON façade, core/examples/crossdoor.rs),
# Python (the wheel of mk/python.mk, python/tests/crossdoor_run.py) and Node (the package
# of mk/wasm.mk, wasm/test/crossdoor-run.mjs); the three result files must agree byte for
# byte. `make test-crossdoor CROSSDOOR_CASES=100000 CROSSDOOR_SEED=7` for a longer run.
# Variables of the other fragments (PY_WHEEL_DIR, PY_DEV_VENV) are used in recipes only:
# this fragment is read before theirs.

TEST_TARGETS += test-crossdoor
.PHONY: test-crossdoor

CROSSDOOR_CASES ?= 12000
CROSSDOOR_SEED ?= 20261201
CROSSDOOR_DIR = $(or $(CARGO_TARGET_DIR),$(ROOT)/target)/crossdoor

test-crossdoor: python-wheel wasm-pkg
	rm -rf $(CROSSDOOR_DIR) && mkdir -p $(CROSSDOOR_DIR)/py
	$(PY_DEV_VENV)/bin/python -m zipfile -e $(PY_WHEEL_DIR)/kubetoken-*.whl $(CROSSDOOR_DIR)/py
	$(PYTHON3) $(ROOT)/tests/crossdoor/crossdoor.py gen $(CROSSDOOR_CASES) $(CROSSDOOR_SEED) \
	  > $(CROSSDOOR_DIR)/cases.jsonl
	$(CARGO) run -q -p kubetoken --example crossdoor \
	  < $(CROSSDOOR_DIR)/cases.jsonl > $(CROSSDOOR_DIR)/rust.jsonl
	PYTHONPATH=$(CROSSDOOR_DIR)/py:$(ROOT)/python/tests $(PY_DEV_VENV)/bin/python \
	  $(ROOT)/python/tests/crossdoor_run.py < $(CROSSDOOR_DIR)/cases.jsonl > $(CROSSDOOR_DIR)/python.jsonl
	cd $(ROOT)/wasm && node test/crossdoor-run.mjs \
	  < $(CROSSDOOR_DIR)/cases.jsonl > $(CROSSDOOR_DIR)/node.jsonl
	$(PYTHON3) $(ROOT)/tests/crossdoor/crossdoor.py compare $(CROSSDOOR_DIR)/cases.jsonl \
	  $(CROSSDOOR_DIR)/rust.jsonl $(CROSSDOOR_DIR)/python.jsonl $(CROSSDOOR_DIR)/node.jsonl
