// Entry point "kubetoken/init" with async init() from a compiled WebAssembly.Module
// (what a worker receives via postMessage); then every vector.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import * as k from "kubetoken/init";
import { generateToken, init, parseToken } from "kubetoken/init";
import { loadApi, loadFamilies, loadVectors } from "./load.mjs";
import { runVectors, summary } from "./runner.mjs";

test("await init(WebAssembly.Module), then every vector", async () => {
  const module = await WebAssembly.compile(readFileSync(new URL("../pkg/kubetoken_bg.wasm", import.meta.url)));
  await init(module);
  const t = generateToken();
  assert.equal(parseToken(t).id, t.slice(0, 6));
  const r = runVectors(k, loadVectors(), loadApi(), loadFamilies());
  console.log(summary("kubetoken/init async", r));
  assert.deepEqual(r.failures, []);
});
