// Entry point "kubetoken/init": nothing works before initSync; then every vector.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import * as k from "kubetoken/init";
import { loadApi, loadFamilies, loadVectors } from "./load.mjs";
import { runVectors, summary } from "./runner.mjs";

const wasmBytes = readFileSync(new URL("../pkg/kubetoken_bg.wasm", import.meta.url));

test("calls before init throw", () => {
  assert.throws(() => k.generateToken(), TypeError);
});

test("initSync(bytes), idempotent, then every vector", async () => {
  k.initSync(wasmBytes);
  k.initSync(wasmBytes);
  await k.init(); // already initialised: resolves without fetching
  assert.match(k.generateToken(), /^[a-z0-9]{6}\.[a-z0-9]{16}$/);
  const r = runVectors(k, loadVectors(), loadApi(), loadFamilies());
  console.log(summary("kubetoken/init initSync", r));
  assert.deepEqual(r.failures, []);
});
