# web-demo: the installer-style page (web-demo/) and its browser end-to-end test.
#   make demo-serve [PORT=8080]   build the page, print a sample token, serve it on 127.0.0.1
#   make test-demo                 build, then drive Debian's Chromium through all six jobs
# Needs: the npm package from `make wasm-pkg` (mk/wasm.mk), node/npm, /usr/bin/chromium.

DEMO_DIR := $(ROOT)/web-demo
PORT ?= 8080
CHROMIUM ?= /usr/bin/chromium

TEST_TARGETS += test-demo
DEMO_TARGETS += demo-serve
CLEAN_TARGETS += clean-demo

.PHONY: demo-deps demo-build demo-serve test-demo clean-demo

# The wasm package first (web-demo/package.json links it with file:), then Debian's chromium
# and `npm ci` (setup.sh skips both when already done).
demo-deps: wasm-pkg
	bash $(ROOT)/scripts/setup.sh chromium npm web-demo

demo-build: demo-deps
	cd $(DEMO_DIR) && node scripts/build.mjs

# A prerequisite, not a sub-make: `make demo` (demo-sample + DEMO_TARGETS) prints it once.
demo-serve: demo-build demo-sample
	@echo
	@echo "web demo: the same jobs in the browser (offline, nothing stored)"
	cd $(DEMO_DIR) && node scripts/serve.mjs --port $(PORT)

test-demo: demo-build
	cd $(DEMO_DIR) && CHROMIUM=$(CHROMIUM) node --test --test-reporter=spec tests/

clean-demo:
	rm -rf $(DEMO_DIR)/dist $(DEMO_DIR)/node_modules $(ROOT)/tests/artifacts/web-demo
