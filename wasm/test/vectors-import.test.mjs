// Entry point "node" via `import "kubetoken"`: every shared vector, every documented op.

import assert from "node:assert/strict";
import { test } from "node:test";
import * as k from "kubetoken";
import { loadApi, loadFamilies, loadVectors } from "./load.mjs";
import { camel, NOT_EXPOSED, runVectors, summary, TEST_OPS } from "./runner.mjs";

const api = loadApi();

test("every op of docs/api.md is a function (or listed as not exposed)", () => {
  assert.ok(api.size >= 9, `docs/api.md lists ${api.size} ops`);
  const missing = [...api.keys()].filter(
    (op) => typeof k[camel(op)] !== "function" && !Object.hasOwn(NOT_EXPOSED, op) && !Object.hasOwn(TEST_OPS, op),
  );
  assert.deepEqual(missing, []);
});

test("shared vectors through import", () => {
  const r = runVectors(k, loadVectors(), api, loadFamilies());
  console.log(summary("import kubetoken", r));
  assert.deepEqual(r.failures, []);
});
