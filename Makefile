# kubetoken — the only entry points a newcomer needs:
#
#   make demo          a fresh token, its Secret and a join command; then the web demo
#   make test          make lint, then every test: Rust (unit + conformance), the Go oracle,
#                      and whatever the per-area fragments in mk/*.mk add (wasm, python, demo)
#   make bench         kubetoken vs upstream Go, pure Python, pure JS → bench/RESULTS.md
#   make fmt / lint    formatting and lints
#   make oracle N=...  the differential test against the real upstream Go code, N cases
#
# Each area adds its own targets in mk/<area>.mk without editing this file, by appending to
#   TEST_TARGETS, BENCH_TARGETS, LINT_TARGETS, FMT_TARGETS, DEMO_TARGETS, CLEAN_TARGETS
# e.g. mk/wasm.mk:   TEST_TARGETS += test-wasm   and a `test-wasm:` rule.
# Fragments are included *before* the aggregate rules below, so the variables are complete
# when make reads the prerequisites.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
CARGO ?= cargo
GO ?= go

# Differential oracle: the real upstream Go code (k8s.io/cluster-bootstrap, k8s.io/kubernetes).
ORACLE_DIR := $(ROOT)/tests/oracle
ORACLE_BIN := $(ORACLE_DIR)/oracle
# Cases for `make test` (spread over every function both sides have); `make oracle N=...`.
ORACLE_CASES ?= 120000
N ?= 1000000
# `make test` replays a fixed seed (CI must be reproducible); `make oracle` draws a fresh
# one unless SEED is given. Every run prints its seed.
ORACLE_TEST_SEED ?= 20261122
SEED ?=

TEST_TARGETS :=
BENCH_TARGETS :=
LINT_TARGETS :=
FMT_TARGETS :=
DEMO_TARGETS :=
CLEAN_TARGETS :=

-include $(sort $(wildcard $(ROOT)/mk/*.mk))

.PHONY: help demo demo-sample test test-rust test-oracle oracle oracle-build bench bench-rust \
	fmt fmt-rust lint lint-rust clean setup

help:
	@echo "make demo    # a fresh token, its Secret manifest and a join command (then the web demo)"
	@echo "make test    # all tests (Rust, Go differential oracle, bindings, demo)"
	@echo "make bench   # benchmarks; make fmt; make lint; make oracle N=1000000"

## demo ---------------------------------------------------------------------------------
# The fragments' demo targets (mk/demo.mk's demo-serve prints the sample itself, then
# serves the web demo); without any, the terminal sample alone.
demo: $(or $(strip $(DEMO_TARGETS)),demo-sample)

demo-sample:
	$(CARGO) run -q -p kubetoken --example sample

## test ---------------------------------------------------------------------------------
test: lint test-rust test-oracle $(TEST_TARGETS)

# Unit tests, doc tests and the data-driven conformance suite (its counts printed). The
# fuzz replay runs once, with its counts, in test-fuzz-replay (mk/fuzz.mk).
test-rust:
	$(CARGO) test -p kubetoken -- --skip conformance --skip replay_corpora_and_reproducers
	$(CARGO) test -p kubetoken --test conformance -- --nocapture
	$(CARGO) test -p kubetoken-cli
	@# The lean feature set (the npm default entry's): YAML and several-certificate bundles
	@# are `unsupported` (the vectors check the rest through the lean .wasm).
	$(CARGO) test -p kubetoken --no-default-features --features getrandom --lib lean_tests

oracle-build: $(ORACLE_BIN)

$(ORACLE_BIN): $(ORACLE_DIR)/go.mod $(ORACLE_DIR)/go.sum $(wildcard $(ORACLE_DIR)/*.go $(ORACLE_DIR)/internal/*/*.go)
	bash $(ROOT)/scripts/setup.sh go
	cd $(ORACLE_DIR) && $(GO) build -o oracle .

test-oracle: $(ORACLE_BIN)
	KUBETOKEN_ORACLE=$(ORACLE_BIN) KUBETOKEN_ORACLE_N=$(ORACLE_CASES) \
		KUBETOKEN_ORACLE_SEED=$(or $(SEED),$(ORACLE_TEST_SEED)) \
		$(CARGO) test -p kubetoken --test differential -- --ignored --nocapture

oracle: $(ORACLE_BIN)
	KUBETOKEN_ORACLE=$(ORACLE_BIN) KUBETOKEN_ORACLE_N=$(N) KUBETOKEN_ORACLE_SEED=$(SEED) \
		$(CARGO) test -p kubetoken --test differential -- --ignored --nocapture

## bench --------------------------------------------------------------------------------
# bench-peers (mk/bench.mk) writes bench/RESULTS.md; the fragments' own figures follow
# (skipped under BENCH_QUICK=1, the tiny budget make test uses).
bench: bench-peers $(if $(filter 1,$(BENCH_QUICK)),,$(BENCH_TARGETS))

bench-rust:
	$(CARGO) run -q -p kubetoken --release --example bench

## fmt / lint ---------------------------------------------------------------------------
fmt: fmt-rust $(FMT_TARGETS)

fmt-rust:
	$(CARGO) fmt --all
	cd $(ORACLE_DIR) && gofmt -w *.go

lint: lint-rust $(LINT_TARGETS)

lint-rust:
	$(CARGO) fmt --all --check
	$(CARGO) clippy -p kubetoken -p kubetoken-cli --all-targets -- -D warnings
	@# The lean build's feature set (no yaml, no chain: the npm default entry).
	$(CARGO) clippy -p kubetoken --no-default-features --features getrandom -- -D warnings
	@test -z "$$(cd $(ORACLE_DIR) && gofmt -l *.go)" || { echo "gofmt: run make fmt"; exit 1; }
	cd $(ORACLE_DIR) && $(GO) vet ./...

## setup / clean ------------------------------------------------------------------------
# Install what the fragments need (each is idempotent and fast when already installed).
setup:
	bash $(ROOT)/scripts/setup.sh go

clean: $(CLEAN_TARGETS)
	$(CARGO) clean
	rm -f $(ORACLE_BIN)
