# The npm package `kubetoken` (wasm/): build, tests, size and speed benchmark, lint.
#
#   make wasm-pkg     cargo (wasm-release profile) → wasm-bindgen --target web → wasm-opt -Oz
#   make test-wasm    node:test over every entry point (all vectors), tsc --noEmit type tests
#                     (usage, results composing, declarations checked against the results),
#                     npm pack + install into a fresh project (ESM and CommonJS),
#                     Vite 7 production build loaded in headless Chromium
#   make bench-wasm   raw and gzipped sizes of the .wasm and the JS; µs per call, and
#                     side by side with the pure-JS equivalents (scripts/compare.mjs)
#   make lint-wasm    clippy on the wasm crate, biome (lint + format check) on the JS
#
# Setup (idempotent): scripts/setup.sh wasm chromium npm wasm  (wasm32 target, wasm-bindgen-cli
# at the Cargo.lock version, Debian chromium, `npm ci` in wasm/ for binaryen/typescript/vite/
# playwright-core).

ROOT ?= $(abspath .)
CARGO ?= cargo
WASM_DIR := $(ROOT)/wasm
WASM_TARGET_DIR := $(or $(CARGO_TARGET_DIR),$(ROOT)/target)
WASM_RAW := $(WASM_TARGET_DIR)/wasm32-unknown-unknown/wasm-release/kubetoken_wasm.wasm

TEST_TARGETS += test-wasm
BENCH_TARGETS += bench-wasm
CLEAN_TARGETS += clean-wasm
LINT_TARGETS += lint-wasm

.PHONY: wasm-setup wasm-pkg test-wasm test-wasm-node test-wasm-types test-wasm-pack \
	test-wasm-browser bench-wasm clean-wasm lint-wasm

wasm-setup:
	bash $(ROOT)/scripts/setup.sh wasm npm $(WASM_DIR)

wasm-pkg: wasm-setup
	$(CARGO) build -p kubetoken-wasm --target wasm32-unknown-unknown --profile wasm-release
	node $(WASM_DIR)/scripts/build.mjs $(WASM_RAW)

# Node entry points (import, require, init): every shared vector, errors, secret hygiene.
test-wasm-node: wasm-pkg
	cd $(WASM_DIR) && node --test test/*.test.mjs test/*.test.cjs

# Every export used from TypeScript (strict, no implicit any), results passed back in
# (compose.mts), and the declared result types checked against every vector's result.
test-wasm-types: wasm-pkg
	cd $(WASM_DIR) && node_modules/.bin/tsc -p test/types/tsconfig.json
	cd $(WASM_DIR) && node --test test/types/

# npm pack → fresh project, installed offline from the tarball, used from ESM and CommonJS.
test-wasm-pack: wasm-pkg
	cd $(WASM_DIR) && node --test test/pack/

# Vite 7 production build of a tiny app, loaded in headless Debian chromium.
test-wasm-browser: wasm-pkg
	bash $(ROOT)/scripts/setup.sh chromium
	cd $(WASM_DIR) && node --test test/browser/

test-wasm: test-wasm-node test-wasm-types test-wasm-pack test-wasm-browser

# Sizes of the shipped files (the per-crate breakdown of the .wasm with BREAKDOWN=1) and
# time per call of hot paths in Node.
bench-wasm: wasm-pkg
	cd $(WASM_DIR) && node scripts/size.mjs $(if $(BREAKDOWN),--breakdown $(WASM_RAW))
	cd $(WASM_DIR) && node scripts/bench.mjs
	cd $(WASM_DIR) && node scripts/compare.mjs

lint-wasm: wasm-setup
	$(CARGO) clippy -p kubetoken-wasm --target wasm32-unknown-unknown -- -D warnings
	cd $(WASM_DIR) && node_modules/.bin/biome check .

clean-wasm:
	rm -rf $(WASM_DIR)/pkg
