// The declarations match the runtime: every runtime export is declared in index.d.ts /
// init.d.ts and vice versa, and no public signature uses `any`.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import * as main from "kubetoken";

const dts = (f) => readFileSync(new URL(`../js/${f}`, import.meta.url), "utf8");
const declared = (src) =>
  [...src.matchAll(/^export (?:declare )?(?:function|class|const) ([A-Za-z0-9_]+)/gm)].map((m) => m[1]);

test("index.d.ts declares exactly the runtime exports of the node entry", () => {
  assert.deepEqual([...new Set(declared(dts("index.d.ts")))].sort(), Object.keys(main).sort());
});

test("init.d.ts adds exactly init and initSync", async () => {
  const init = await import("kubetoken/init");
  const extra = Object.keys(init)
    .filter((n) => !Object.hasOwn(main, n))
    .sort();
  assert.deepEqual(extra, declared(dts("init.d.ts")).sort());
  assert.deepEqual(extra, ["init", "initSync"]);
});

test("kubetoken/full and kubetoken/full/init export what kubetoken and kubetoken/init do", async () => {
  const full = await import("kubetoken/full");
  assert.deepEqual(Object.keys(full).sort(), Object.keys(main).sort());
  const init = await import("kubetoken/init");
  const fullInit = await import("kubetoken/full/init");
  assert.deepEqual(Object.keys(fullInit).sort(), Object.keys(init).sort());
  // Their declarations are the default entry's.
  assert.match(dts("full.d.ts"), /^export \* from "\.\/index\.js";$/m);
  assert.match(dts("full-init.d.ts"), /^export \* from "\.\/init\.js";$/m);
});

test("no `any` in the public declarations", () => {
  for (const f of ["index.d.ts", "init.d.ts"]) {
    const code = dts(f)
      .replace(/\/\/.*$/gm, "")
      .replace(/\/\*[\s\S]*?\*\//g, "");
    assert.doesNotMatch(code, /\bany\b/, f);
  }
});

test("the type test (test/types) uses every export", async () => {
  const init = await import("kubetoken/init");
  const dir = new URL("./types/", import.meta.url);
  const src = ["usage.mts", "usage-api.mts", "usage-init.mts", "usage-require.cts"]
    .map((f) => readFileSync(new URL(f, dir), "utf8"))
    .join("\n");
  const unused = Object.keys(init).filter((n) => !new RegExp(`\\b${n}\\b`).test(src));
  assert.deepEqual(unused, []);
});
