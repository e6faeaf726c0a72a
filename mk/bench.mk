# `make bench`: kubetoken side by side with upstream Go, pure Python and pure JavaScript
# (bench/run.py; issue #11). Writes bench/RESULTS.md and bench/results.json, then the
# README's "Size and speed" table from them (bench/report.py --readme).
#
#   make bench                 the full run (about 10 minutes on 2 cores)
#   BENCH_QUICK=1 make bench   a tiny budget into target/bench/quick/ (never bench/)
#   make bench-npm             only the npm package's cold start rows and sizes (both builds)
#                              measured again into bench/results.json, the rest kept; README
#                              table rewritten (after a change of the .wasm builds)
#   make test-bench            (part of make test) the quick run, its results file checked,
#                              and the README table checked against bench/results.json
#
# Builds what it needs (release peers example, the Go bench program in the oracle's module,
# the npm package, the wheel); in quick mode existing package builds are reused.

TEST_TARGETS += test-bench
CLEAN_TARGETS += clean-bench

BENCH_DIR       := $(ROOT)/bench
BENCH_VENV      := $(ROOT)/target/bench/venv
BENCH_GO_BIN    := $(ORACLE_DIR)/bench
BENCH_RUST_BIN  := $(or $(CARGO_TARGET_DIR),$(ROOT)/target)/release/examples/peers
BENCH_QUICK_OUT := $(ROOT)/target/bench/quick
BENCH_OUT       := $(if $(filter 1,$(BENCH_QUICK)),$(BENCH_QUICK_OUT),$(BENCH_DIR))

.PHONY: bench-peers bench-build bench-venv bench-npm test-bench clean-bench

$(BENCH_GO_BIN): $(ORACLE_DIR)/go.mod $(ORACLE_DIR)/go.sum $(wildcard $(ORACLE_DIR)/cmd/bench/*.go $(ORACLE_DIR)/internal/*/*.go)
	bash $(ROOT)/scripts/setup.sh go
	cd $(ORACLE_DIR) && $(GO) build -o bench ./cmd/bench

# Full run: fresh package builds. Quick run: reuse the .wasm and the wheel when present.
bench-build: $(BENCH_GO_BIN)
	$(CARGO) build -q -p kubetoken --release --example peers
	@if [ "$(BENCH_QUICK)" = 1 ] && ls $(WASM_DIR)/pkg/*.wasm >/dev/null 2>&1; then echo "bench: reusing wasm/pkg"; \
	  else $(MAKE) wasm-pkg; fi
	@if [ "$(BENCH_QUICK)" = 1 ] && ls $(PY_WHEEL_DIR)/kubetoken-*.whl >/dev/null 2>&1; then echo "bench: reusing the wheel"; \
	  else $(MAKE) python-wheel; fi
	bash $(ROOT)/scripts/setup.sh chromium npm $(WASM_DIR)

# The bench venv: the wheel and cryptography (the pure-Python CA pin peer).
bench-venv: bench-build
	test -x $(BENCH_VENV)/bin/python || $(PYTHON3) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install -q -r $(BENCH_DIR)/requirements.txt
	$(BENCH_VENV)/bin/pip install -q --no-deps --force-reinstall $(PY_WHEEL_DIR)/kubetoken-*.whl

bench-peers: bench-venv
	$(BENCH_VENV)/bin/python $(BENCH_DIR)/run.py --out $(BENCH_OUT) $(if $(filter 1,$(BENCH_QUICK)),--quick) \
	  --rust $(BENCH_RUST_BIN) --go $(BENCH_GO_BIN) --wasm-dir $(WASM_DIR) --wheel-dir $(PY_WHEEL_DIR) --chromium $(CHROMIUM)
	@if [ "$(BENCH_QUICK)" != 1 ]; then $(PYTHON3) $(BENCH_DIR)/report.py --readme && echo "bench: README.md table updated"; fi

bench-npm: wasm-pkg
	bash $(ROOT)/scripts/setup.sh chromium npm $(WASM_DIR)
	$(PYTHON3) $(BENCH_DIR)/run.py --out $(BENCH_DIR) --only-wasm --rust $(BENCH_RUST_BIN) --go $(BENCH_GO_BIN) \
	  --wasm-dir $(WASM_DIR) --wheel-dir $(PY_WHEEL_DIR) --chromium $(CHROMIUM)
	$(PYTHON3) $(BENCH_DIR)/report.py --readme && echo "bench: README.md table updated"

# Not a timed test: the quick run must work and write a well-formed file; the README's
# figures must be the committed results file's.
test-bench:
	BENCH_QUICK=1 $(MAKE) bench
	$(PYTHON3) $(BENCH_DIR)/report.py --validate $(BENCH_QUICK_OUT)/results.json
	$(PYTHON3) $(BENCH_DIR)/report.py --check-readme

clean-bench:
	rm -rf $(ROOT)/target/bench $(BENCH_GO_BIN)
