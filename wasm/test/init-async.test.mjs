// Entry points "kubetoken/init" and "kubetoken/full/init" with async init() from a
// compiled WebAssembly.Module (what a worker receives via postMessage); then every vector.

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
  test(`${entry}: await init(WebAssembly.Module), then every vector`, async () => {
    const module = await WebAssembly.compile(readFileSync(new URL(`../pkg/${file}`, import.meta.url)));
    await m.init(module);
    const t = m.generateToken();
    assert.equal(m.parseToken(t).id, t.slice(0, 6));
    const r = runVectors(m, loadVectors(), loadApi(), loadFamilies(), { unsupported });
    console.log(summary(`${entry} async`, r));
    assert.deepEqual(r.failures, []);
  });
}
