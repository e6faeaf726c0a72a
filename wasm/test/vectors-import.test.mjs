// Entry points "node" via `import "kubetoken"` (lean) and `import "kubetoken/full"`:
// every shared vector, every documented op. The lean build refuses the cases listed in
// lean-unsupported.mjs with "unsupported" and answers every other one like the full build.

import assert from "node:assert/strict";
import { test } from "node:test";
import * as k from "kubetoken";
import * as full from "kubetoken/full";
import { leanUnsupported } from "./lean-unsupported.mjs";
import { loadApi, loadFamilies, loadVectors } from "./load.mjs";
import { camel, NOT_EXPOSED, runVectors, summary, TEST_OPS } from "./runner.mjs";

const api = loadApi();

test("every op of docs/api.md is a function in both builds (or listed as not exposed)", () => {
  assert.ok(api.size >= 9, `docs/api.md lists ${api.size} ops`);
  for (const m of [k, full]) {
    const missing = [...api.keys()].filter(
      (op) => typeof m[camel(op)] !== "function" && !Object.hasOwn(NOT_EXPOSED, op) && !Object.hasOwn(TEST_OPS, op),
    );
    assert.deepEqual(missing, []);
  }
});

test("shared vectors through import (lean)", () => {
  const r = runVectors(k, loadVectors(), api, loadFamilies(), { unsupported: leanUnsupported });
  console.log(summary("import kubetoken", r));
  assert.deepEqual(r.failures, []);
  assert.equal(r.unsupported, leanUnsupported.size);
});

test("shared vectors through import (full): nothing unsupported", () => {
  const r = runVectors(full, loadVectors(), api, loadFamilies());
  console.log(summary("import kubetoken/full", r));
  assert.deepEqual(r.failures, []);
});

test("both builds share the error classes", () => {
  assert.equal(full.KubetokenError, k.KubetokenError);
  assert.equal(full.UnsupportedError, k.UnsupportedError);
  assert.throws(() => full.parseToken("x"), k.InvalidTokenError);
  assert.throws(
    () => k.parseSecret("kind: Secret\n"),
    (e) => e instanceof full.UnsupportedError && e.code === "unsupported",
  );
});
