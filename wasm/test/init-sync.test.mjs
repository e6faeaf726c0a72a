// Entry points "kubetoken/init" and "kubetoken/full/init": nothing works before
// initSync; then every vector (the lean build's unsupported cases as listed).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import * as full from "kubetoken/full/init";
import * as k from "kubetoken/init";
import { leanUnsupported } from "./lean-unsupported.mjs";
import { loadApi, loadFamilies, loadVectors } from "./load.mjs";
import { runVectors, summary } from "./runner.mjs";

const builds = [
  ["kubetoken/init", k, "kubetoken_bg.wasm", leanUnsupported],
  ["kubetoken/full/init", full, "kubetoken_full_bg.wasm", undefined],
];

for (const [entry, m, file, unsupported] of builds) {
  const wasmBytes = readFileSync(new URL(`../pkg/${file}`, import.meta.url));

  test(`${entry}: calls before init throw`, () => {
    assert.throws(() => m.generateToken(), TypeError);
  });

  test(`${entry}: initSync(bytes), idempotent, then every vector`, async () => {
    m.initSync(wasmBytes);
    m.initSync(wasmBytes);
    await m.init(); // already initialised: resolves without fetching
    assert.match(m.generateToken(), /^[a-z0-9]{6}\.[a-z0-9]{16}$/);
    const r = runVectors(m, loadVectors(), loadApi(), loadFamilies(), { unsupported });
    console.log(summary(`${entry} initSync`, r));
    assert.deepEqual(r.failures, []);
  });
}
