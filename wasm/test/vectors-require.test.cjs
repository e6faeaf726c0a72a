// Entry points "node" via `require("kubetoken")` and `require("kubetoken/full")`
// (require(esm), Node >= 20.19): the same module instances as `import`, synchronously
// initialised; every shared vector (the lean build's unsupported cases as listed).
const { test } = require("node:test");
const assert = require("node:assert/strict");
const k = require("kubetoken");
const full = require("kubetoken/full");
const { runVectors, summary } = require("./runner.mjs");
const { loadApi, loadFamilies, loadVectors } = require("./load.mjs");
const { leanUnsupported } = require("./lean-unsupported.mjs");

test("require gives the initialised module, same classes as import", async () => {
  assert.equal(typeof k.generateToken, "function");
  assert.match(k.generateToken(), /^[a-z0-9]{6}\.[a-z0-9]{16}$/);
  const esm = await import("kubetoken");
  assert.equal(esm.KubetokenError, k.KubetokenError);
  assert.equal(esm.parseToken, k.parseToken);
  const esmFull = await import("kubetoken/full");
  assert.equal(esmFull.parseToken, full.parseToken);
  assert.equal(full.KubetokenError, k.KubetokenError);
});

test("shared vectors through require (lean)", () => {
  const r = runVectors(k, loadVectors(), loadApi(), loadFamilies(), { unsupported: leanUnsupported });
  console.log(summary("require kubetoken", r));
  assert.deepEqual(r.failures, []);
});

test("shared vectors through require (full)", () => {
  const r = runVectors(full, loadVectors(), loadApi(), loadFamilies());
  console.log(summary("require kubetoken/full", r));
  assert.deepEqual(r.failures, []);
});
