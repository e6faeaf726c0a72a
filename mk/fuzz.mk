# Fuzzing (fuzz/, its own cargo workspace): cargo-fuzz targets on nightly + libFuzzer.
#
#   make fuzz [SECONDS=60] [FUZZ=api_call pem]   each target in turn for SECONDS, one job,
#                                                 at nice 15; prints executions and crashes
#   make fuzz-seed    seeds from tests/vectors + tests/fixtures, merged into the corpora
#   make fuzz-cmin    minimise the committed corpora (cargo fuzz cmin)
#   make test-fuzz-replay   (part of `make test`, stable only) every corpus input and every
#                     reproducer through the same bodies (core/tests/fuzz_replay.rs)
#
# Built -O -a -s none: optimised, with debug assertions and overflow checks (an overflow
# is a panic, as in a debug build of a binding), without a sanitizer (the core forbids
# unsafe code, so AddressSanitizer would only halve the speed).
#
# Crashes land in fuzz/artifacts/<target>/; minimise one with
#   cargo +nightly fuzz tmin --fuzz-dir fuzz <target> <file>
# and commit it under fuzz/reproducers/<target>/ with the fix.

FUZZ_DIR := $(ROOT)/fuzz
FUZZ_ALL := $(sort $(basename $(notdir $(wildcard $(FUZZ_DIR)/fuzz_targets/*.rs))))
FUZZ ?= $(FUZZ_ALL)
SECONDS ?= 60
FUZZ_LOGS := $(ROOT)/target/fuzz-logs
# -timeout: one input taking longer is reported (as a crash) for the caps' sake.
FUZZ_FLAGS ?= -timeout=10 -rss_limit_mb=2048

TEST_TARGETS += test-fuzz-replay

.PHONY: fuzz fuzz-setup fuzz-build fuzz-seed fuzz-cmin test-fuzz-replay

fuzz-setup:
	bash $(ROOT)/scripts/setup.sh fuzz

fuzz-build: fuzz-setup
	nice -n 15 cargo +nightly fuzz build -O -a -s none --fuzz-dir $(FUZZ_DIR)

# One target at a time (the machine is shared), each in its own log directory because
# libFuzzer's -jobs writes fuzz-<job>.log into the current directory.
fuzz: fuzz-build
	@total=0; for t in $(FUZZ); do \
	  mkdir -p $(FUZZ_LOGS)/$$t $(FUZZ_DIR)/corpus/$$t; \
	  rm -f $(FUZZ_LOGS)/$$t/fuzz-0.log; \
	  (cd $(FUZZ_LOGS)/$$t && nice -n 15 cargo +nightly fuzz run -O -a -s none --fuzz-dir $(FUZZ_DIR) $$t \
	    $(FUZZ_DIR)/corpus/$$t -- -max_total_time=$(SECONDS) -jobs=1 -workers=1 \
	    -print_final_stats=1 $(FUZZ_FLAGS) >/dev/null 2>&1) || true; \
	  log=$(FUZZ_LOGS)/$$t/fuzz-0.log; \
	  execs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $$log | tail -1); \
	  crashes=$$(grep -c '^SUMMARY: libFuzzer' $$log || true); \
	  printf 'fuzz %-12s %12s executions  %s crash(es)  log %s\n' $$t "$${execs:-?}" "$$crashes" $$log; \
	  total=$$((total + $${execs:-0})); \
	done; echo "fuzz: $$total executions in total"

fuzz-seed: fuzz-build
	KUBETOKEN_FUZZ_WRITE_SEEDS=1 $(CARGO) test -p kubetoken --test fuzz_replay -- --ignored write_seeds
	for t in $(FUZZ_ALL); do \
	  mkdir -p $(FUZZ_DIR)/corpus/$$t; \
	  nice -n 15 cargo +nightly fuzz run -O -a -s none --fuzz-dir $(FUZZ_DIR) $$t $(FUZZ_DIR)/corpus/$$t \
	    $(FUZZ_DIR)/seeds/$$t -- -merge=1 $(FUZZ_FLAGS) 2>&1 | grep -E 'MERGE-OUTER: [0-9]+ new files' || true; \
	done
	rm -rf $(FUZZ_DIR)/seeds

fuzz-cmin: fuzz-build
	for t in $(FUZZ_ALL); do \
	  nice -n 15 cargo +nightly fuzz cmin -O -a -s none --fuzz-dir $(FUZZ_DIR) $$t $(FUZZ_DIR)/corpus/$$t \
	    -- $(FUZZ_FLAGS) 2>&1 | grep -E 'MERGE-OUTER: [0-9]+ new files' || true; \
	done

test-fuzz-replay:
	$(CARGO) test -p kubetoken --test fuzz_replay -- --nocapture
