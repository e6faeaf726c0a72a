# The npm package `kubetoken` (wasm/): build, tests, size and speed benchmark, lint.
#
#   make wasm-pkg     two builds of the crate, each cargo (wasm-release profile) →
#                     wasm-bindgen --target web → wasm-opt -Oz: the lean default entry
#                     (pkg/kubetoken*) and, with cargo feature `full`, "kubetoken/full"
#                     (pkg/kubetoken_full*). They share every dependency's compilation.
#   make test-wasm    node:test over every entry point (all vectors), tsc --noEmit type tests
#                     (usage, results composing, declarations checked against the results),
#                     npm pack + install into a fresh project (ESM and CommonJS),
#                     Vite 7 production build loaded in headless Chromium
#   make bench-wasm   raw and gzipped sizes of both .wasm builds and the JS (BREAKDOWN=1:
#                     code per crate and twiggy's top contributors, per build); µs per
#                     call, and side by side with the pure-JS equivalents (scripts/compare.mjs)
#   make lint-wasm    clippy on the wasm crate (both builds), biome (lint + format check) on the JS
#
# Setup (idempotent): scripts/setup.sh wasm chromium npm wasm  (wasm32 target, wasm-bindgen-cli
# at the Cargo.lock version, Debian chromium, `npm ci` in wasm/ for binaryen/typescript/vite/
# playwright-core).

ROOT ?= $(abspath .)
CARGO ?= cargo
WASM_DIR := $(ROOT)/wasm
WASM_TARGET_DIR := $(or $(CARGO_TARGET_DIR),$(ROOT)/target)
WASM_RAW := $(WASM_TARGET_DIR)/wasm32-unknown-unknown/wasm-release/kubetoken_wasm.wasm
# cargo writes both builds to WASM_RAW; each is copied aside for the breakdown.
WASM_RAW_LEAN := $(WASM_TARGET_DIR)/wasm-pkg/kubetoken_lean.wasm
WASM_RAW_FULL := $(WASM_TARGET_DIR)/wasm-pkg/kubetoken_full.wasm
WASM_CARGO := $(CARGO) build -p kubetoken-wasm --target wasm32-unknown-unknown --profile wasm-release

TEST_TARGETS += test-wasm
BENCH_TARGETS += bench-wasm
CLEAN_TARGETS += clean-wasm
LINT_TARGETS += lint-wasm

.PHONY: wasm-setup wasm-pkg test-wasm test-wasm-node test-wasm-types test-wasm-pack \
	test-wasm-browser bench-wasm clean-wasm lint-wasm

wasm-setup:
	bash $(ROOT)/scripts/setup.sh wasm npm $(WASM_DIR)

wasm-pkg: wasm-setup
	mkdir -p $(dir $(WASM_RAW_LEAN))
	$(WASM_CARGO)
	cp $(WASM_RAW) $(WASM_RAW_LEAN)
	$(WASM_CARGO) --features full
	cp $(WASM_RAW) $(WASM_RAW_FULL)
	node $(WASM_DIR)/scripts/build.mjs $(WASM_RAW_LEAN)
	node $(WASM_DIR)/scripts/build.mjs $(WASM_RAW_FULL) --out-name kubetoken_full
	@# The package ships the repository's LICENSE and CHANGELOG.md ("files"; npm's prepack
	@# copies them too): the web demo and the file: installs read the package as built.
	cp $(ROOT)/LICENSE $(ROOT)/CHANGELOG.md $(WASM_DIR)/

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

# Sizes of the shipped files (per build; the per-crate breakdown and twiggy's top
# contributors with BREAKDOWN=1; twiggy is installed only here, never for make test) and
# time per call of hot paths in Node.
bench-wasm: wasm-pkg
	$(if $(BREAKDOWN),bash $(ROOT)/scripts/setup.sh twiggy)
	cd $(WASM_DIR) && node scripts/size.mjs $(if $(BREAKDOWN),--breakdown $(WASM_RAW_LEAN) $(WASM_RAW_FULL))
	cd $(WASM_DIR) && node scripts/bench.mjs
	cd $(WASM_DIR) && node scripts/compare.mjs

lint-wasm: wasm-setup
	$(CARGO) clippy -p kubetoken-wasm --target wasm32-unknown-unknown -- -D warnings
	$(CARGO) clippy -p kubetoken-wasm --target wasm32-unknown-unknown --features full -- -D warnings
	cd $(WASM_DIR) && node_modules/.bin/biome check .

clean-wasm:
	rm -rf $(WASM_DIR)/pkg
