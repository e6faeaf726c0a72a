// The shared cap cases (tests/caps/caps.json, tests/caps/README.md) through both builds:
// every cap refuses the same input with InputTooLargeError in every door; the lean build
// answers the YAML cases with UnsupportedError instead.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import * as lean from "kubetoken";
import * as full from "kubetoken/full";
import { loadApi } from "./load.mjs";
import { callOf } from "./runner.mjs";

const api = loadApi();
const { cases } = JSON.parse(readFileSync(new URL("../../tests/caps/caps.json", import.meta.url), "utf8"));

/** A compact value of caps.json as JS passes it (README: repeat, repeat_list, bytes). */
function expand(v) {
  if (Array.isArray(v)) return v.map(expand);
  if (v === null || typeof v !== "object") return v;
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0] === "repeat") return v.repeat.map(([text, n]) => text.repeat(n)).join("");
  if (keys.length === 1 && keys[0] === "repeat_list") {
    return v.repeat_list.flatMap(([x, n]) => Array.from({ length: n }, () => expand(x)));
  }
  if (keys.length === 1 && keys[0] === "bytes") return new TextEncoder().encode(expand(v.bytes));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expand(x)]));
}

test("the cases cover the caps", () => {
  assert.ok(new Set(cases.map((c) => c.cap)).size >= 20);
});

for (const [build, k] of [
  ["lean", lean],
  ["full", full],
]) {
  test(`every cap case (${build})`, () => {
    for (const c of cases) {
      const [name, args] = callOf(c.op, expand(c.args), api.get(c.op));
      const label = `${c.cap}: ${c.name}`;
      const call = () => k[name](...args);
      if (c.full && build === "lean") {
        assert.throws(call, (e) => e.code === "unsupported", label);
      } else if (c.expect === "ok") {
        assert.doesNotThrow(call, label);
      } else {
        assert.throws(call, (e) => e instanceof k.InputTooLargeError && e.code === "input_too_large", label);
      }
    }
  });
}
