# Release artifacts: exactly what `cargo publish`, `npm publish` and a PyPI upload would ship.
#
#   make dist        into dist/: kubetoken-<v>.crate (cargo package, its file list printed;
#                    cargo verifies it by building it from the tarball), kubetoken-<v>.tgz
#                    (npm pack of wasm/), kubetoken-<v>-cp310-abi3-<manylinux>.whl (the wheel
#                    of mk/python.mk, release profile) and kubetoken-<v>.tar.gz (maturin sdist)
#   make test-dist   (part of `make test`) checks those artifacts:
#                    * scripts/dist/check_artifacts.py: each artifact's files against
#                      scripts/dist/expected-files.txt, no local path or private key inside,
#                      one version everywhere (workspace Cargo.toml = package.json = wheel =
#                      sdist = CHANGELOG), the same URLs, each package's own README without
#                      relative links; `auditwheel show` and the wheel's manylinux tag
#                    * publint and @arethetypeswrong/cli on the npm tarball
#                    * twine check (wheel, sdist) and check-wheel-contents (wheel)
#                    * the crate's example built from the crate tarball
#                    * the sdist installed into a fresh venv (pip builds it with maturin from
#                      PyPI and cargo), then imported and used from outside the checkout
#
# The wheel and the npm package are the ones `make test-python`/`make test-wasm` build (make
# runs python-wheel and wasm-pkg once per invocation). Tools: scripts/dist/package.json
# (publint, attw; `npm ci` through scripts/setup.sh) and scripts/dist/requirements.txt
# (twine, check-wheel-contents, auditwheel; a venv in target/dist/venv), all pinned.

DIST_DIR         := $(ROOT)/dist
DIST_TOOLS       := $(ROOT)/scripts/dist
DIST_TARGET_DIR  := $(or $(CARGO_TARGET_DIR),$(ROOT)/target)
DIST_WORK        := $(DIST_TARGET_DIR)/dist
DIST_VENV        := $(DIST_WORK)/venv
DIST_SDIST_VENV  := $(DIST_WORK)/sdist-venv
# pip builds the sdist with the workspace's cargo target dir (cargo shares one between
# workspaces), so the dependencies `cargo package` verified with are reused and only the
# two local crates and pyo3 compile. The profile only changes how long the check takes (the
# wheel is the release build); `DIST_SDIST_PROFILE=release` builds it as pip does by default.
DIST_SDIST_CARGO := $(DIST_TARGET_DIR)
DIST_SDIST_PROFILE ?= dev
DIST_VERSION     := $(shell awk -F'"' '/^\[workspace\.package\]/ { p = 1; next } /^\[/ { p = 0 } p && /^version *=/ { print $$2; exit }' $(ROOT)/Cargo.toml)
DIST_CRATE       := $(DIST_DIR)/kubetoken-$(DIST_VERSION).crate
DIST_SDIST       := $(DIST_DIR)/kubetoken-$(DIST_VERSION).tar.gz
DIST_NPM         := $(DIST_DIR)/kubetoken-$(DIST_VERSION).tgz

# Panic locations compiled into the .wasm and the extension module name dependencies' source
# files by absolute path, under CARGO_HOME (the builder's home directory). Every build that
# ships has them remapped (`/cargo/registry/...`), so no artifact tells where or by whom it
# was built. Set on the two shipping rules (mk/wasm.mk's wasm-pkg, mk/python.mk's
# python-wheel) and only there; check_artifacts.py fails on any local path it finds.
DIST_CARGO_HOME  := $(or $(CARGO_HOME),$(HOME)/.cargo)
DIST_REMAP       := --remap-path-prefix=$(DIST_CARGO_HOME)=/cargo --remap-path-prefix=$(ROOT)=/kubetoken
wasm-pkg: export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS := $(strip $(CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS) $(DIST_REMAP))
python-wheel: export RUSTFLAGS := $(strip $(RUSTFLAGS) $(DIST_REMAP))

TEST_TARGETS += test-dist
CLEAN_TARGETS += clean-dist

.PHONY: dist dist-crate dist-npm dist-wheel dist-sdist dist-tools test-dist test-dist-files \
	test-dist-npm test-dist-python test-dist-crate test-dist-sdist clean-dist

dist: dist-crate dist-npm dist-wheel dist-sdist
	@echo "dist/ (version $(DIST_VERSION)):"
	@cd $(DIST_DIR) && ls -l kubetoken-$(DIST_VERSION)[.-]*

# Each step replaces its own kind of artifact (any version), so dist/ never mixes versions.
# --allow-dirty: `make dist` is also the developer loop; .cargo_vcs_info.json records it.
dist-crate:
	@mkdir -p $(DIST_DIR) && rm -f $(DIST_DIR)/*.crate
	@echo "cargo package -p kubetoken: the files of the crate"
	$(CARGO) package -p kubetoken --allow-dirty --list
	$(CARGO) package -p kubetoken --allow-dirty
	cp $(DIST_TARGET_DIR)/package/kubetoken-$(DIST_VERSION).crate $(DIST_DIR)/

# prepack (wasm/package.json) copies LICENSE and CHANGELOG.md next to package.json.
dist-npm: wasm-pkg
	@mkdir -p $(DIST_DIR) && rm -f $(DIST_DIR)/*.tgz
	cd $(WASM_DIR) && npm pack --pack-destination $(DIST_DIR) --loglevel=notice

dist-wheel: python-wheel
	@mkdir -p $(DIST_DIR) && rm -f $(DIST_DIR)/*.whl
	@if [ "$(PY_PROFILE)" != release ]; then \
	  echo "dist-wheel: note: PY_PROFILE=$(PY_PROFILE); the published wheel is the release build"; fi
	cp $(PY_WHEEL_DIR)/kubetoken-$(DIST_VERSION)-*.whl $(DIST_DIR)/

dist-sdist: python-dev-venv
	@mkdir -p $(DIST_DIR) && rm -f $(DIST_DIR)/*.tar.gz
	cd $(ROOT)/python && $(PY_DEV_VENV)/bin/maturin sdist -o $(DIST_DIR)

## tools --------------------------------------------------------------------------------
$(DIST_VENV)/.installed: $(DIST_TOOLS)/requirements.txt
	rm -rf $(DIST_VENV)
	$(PYTHON3) -m venv $(DIST_VENV)
	$(DIST_VENV)/bin/pip install -q -r $<
	touch $@

dist-tools: $(DIST_VENV)/.installed
	bash $(ROOT)/scripts/setup.sh npm $(DIST_TOOLS)

## checks -------------------------------------------------------------------------------
test-dist: test-dist-files test-dist-npm test-dist-python test-dist-crate test-dist-sdist

# File lists, versions, URLs, READMEs, leftovers and secrets; auditwheel and the wheel tag.
test-dist-files: dist dist-tools
	PATH=$(DIST_VENV)/bin:$$PATH $(DIST_VENV)/bin/python $(DIST_TOOLS)/check_artifacts.py $(DIST_DIR)

# publint (--strict: warnings fail too), then scripts/dist/check_npm.mjs: attw over every
# code entry of `exports` (node16 ESM, node16 CommonJS, bundler; why cjs-resolves-to-esm is
# the one rule ignored is in the script) and TypeScript 5.9 compiling ESM, CommonJS and
# bundler consumers of the unpacked tarball.
test-dist-npm: dist-npm dist-tools
	cd $(DIST_TOOLS) && node_modules/.bin/publint run --strict $(DIST_NPM)
	node $(DIST_TOOLS)/check_npm.mjs $(DIST_NPM)

test-dist-python: dist-wheel dist-sdist dist-tools
	$(DIST_VENV)/bin/twine check --strict $(DIST_DIR)/kubetoken-$(DIST_VERSION)-*.whl $(DIST_SDIST)
	$(DIST_VENV)/bin/check-wheel-contents $(DIST_DIR)/kubetoken-$(DIST_VERSION)-*.whl

# `cargo package` built the library from the tarball; the shipped example must build too.
# Unpacked where cargo verifies packages (target/package/: cargo keeps it out of the
# workspace), with the workspace's target dir, so the verified library is reused.
test-dist-crate: dist-crate
	rm -rf $(DIST_TARGET_DIR)/package/kubetoken-$(DIST_VERSION)
	tar -xzf $(DIST_CRATE) -C $(DIST_TARGET_DIR)/package
	cd $(DIST_TARGET_DIR)/package/kubetoken-$(DIST_VERSION) && CARGO_TARGET_DIR=$(DIST_TARGET_DIR) \
	  $(CARGO) build --locked --examples && \
	  $(CARGO) test --locked --lib -q && $(CARGO) test --locked --doc -q
	out=$$($(DIST_TARGET_DIR)/debug/examples/sample) && printf '%s\n' "$$out" | sed -n '1,3p'

# A user without a wheel for their platform: pip builds the sdist (build isolation: maturin
# from PyPI), in a fresh venv; imported from outside the checkout.
test-dist-sdist: dist-sdist
	rm -rf $(DIST_SDIST_VENV)
	$(PYTHON3) -m venv $(DIST_SDIST_VENV)
	@# The unpacked sdist's files carry older mtimes than an earlier build in this target
	@# dir, and cargo hashes workspace members by relative path: without this, cargo would
	@# reuse the previous sdist's kubetoken crates. Dependencies stay cached.
	$(CARGO) clean -q --manifest-path $(ROOT)/Cargo.toml --target-dir $(DIST_SDIST_CARGO) \
	  -p kubetoken -p kubetoken-py
	CARGO_TARGET_DIR=$(DIST_SDIST_CARGO) MATURIN_PEP517_ARGS="--profile $(DIST_SDIST_PROFILE)" \
	  $(DIST_SDIST_VENV)/bin/pip install -q $(DIST_SDIST)
	cd / && $(DIST_SDIST_VENV)/bin/python -c 'import kubetoken, sys; \
	  assert kubetoken.__file__.startswith(sys.prefix), kubetoken.__file__; \
	  assert kubetoken.__version__ == "$(DIST_VERSION)", kubetoken.__version__; \
	  t = kubetoken.generate_token(); assert kubetoken.parse_token(t)["id"] == t[:6]; \
	  print("sdist: built and imported kubetoken", kubetoken.__version__, "from", kubetoken.__file__)'

clean-dist:
	rm -rf $(DIST_DIR) $(DIST_WORK)
