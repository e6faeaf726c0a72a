// Entry point "node" via `require("kubetoken")` (require(esm), Node >= 20.19): the same
// module instance as `import`, synchronously initialised; every shared vector.
const { test } = require("node:test");
const assert = require("node:assert/strict");
const k = require("kubetoken");
const { runVectors, summary } = require("./runner.mjs");
const { loadApi, loadFamilies, loadVectors } = require("./load.mjs");

test("require gives the initialised module, same classes as import", async () => {
  assert.equal(typeof k.generateToken, "function");
  assert.match(k.generateToken(), /^[a-z0-9]{6}\.[a-z0-9]{16}$/);
  const esm = await import("kubetoken");
  assert.equal(esm.KubetokenError, k.KubetokenError);
  assert.equal(esm.parseToken, k.parseToken);
});

test("shared vectors through require", () => {
  const r = runVectors(k, loadVectors(), loadApi(), loadFamilies());
  console.log(summary("require kubetoken", r));
  assert.deepEqual(r.failures, []);
});
