// Secret hygiene of every error path, driven generically: every function of docs/api.md,
// called the way the vector runner calls it (camelCase name, one positional argument or
// one options object with camelCase keys) from its vector cases, with every string in
// the arguments — values, list elements, option names, keys and values inside manifests
// (base64 `data` values re-encoded), manifests given as JSON text — replaced in turn by
// each hostile string of tests/hygiene/hostile.json (a known bootstrap token and K10
// password in many disguises). No thrown value's message, String(), JSON.stringify(),
// util.inspect() or stack may contain a forbidden fragment.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { inspect } from "node:util";
import * as k from "kubetoken";
import { loadApi, loadVectors } from "./load.mjs";
import { NOT_EXPOSED, callOf } from "./runner.mjs";

const HOSTILE = JSON.parse(
  readFileSync(new URL("../../tests/hygiene/hostile.json", import.meta.url), "utf8"),
);
const FORBIDDEN = HOSTILE.forbidden.map((f) => f.toLowerCase());
const BASES_PER_OP = 3;

function* mutations(v, h, inData = false) {
  if (typeof v === "string") {
    yield h;
    if (inData) yield Buffer.from(h).toString("base64");
    let inner;
    try {
      inner = JSON.parse(v);
    } catch {
      inner = undefined;
    }
    if (inner && typeof inner === "object") {
      for (const m of mutations(inner, h)) yield JSON.stringify(m);
    }
  } else if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      for (const m of mutations(v[i], h, inData)) yield [...v.slice(0, i), m, ...v.slice(i + 1)];
    }
  } else if (v && typeof v === "object") {
    const keys = Object.keys(v);
    for (const key of keys) {
      yield Object.fromEntries(keys.map((k2) => [k2 === key ? h : k2, v[k2]]));
    }
    yield { ...v, [h]: 1 };
    for (const key of keys) {
      for (const m of mutations(v[key], h, key === "data")) yield { ...v, [key]: m };
    }
  }
}

function texts(e) {
  const out = [String(e), inspect(e)];
  if (e && typeof e === "object") {
    out.push(String(e.message), String(e.stack ?? ""));
    try {
      out.push(JSON.stringify(e));
    } catch {
      // not serializable: nothing more to check
    }
  }
  return out;
}

test("no error of any function shows a secret", () => {
  const api = loadApi();
  const bases = new Map();
  for (const { doc } of loadVectors()) {
    for (const c of doc.cases) {
      if (!c.op || Object.hasOwn(NOT_EXPOSED, c.op) || !api.has(c.op)) continue;
      const list = bases.get(c.op) ?? [];
      const key = JSON.stringify(c.args ?? {});
      if (list.length < BASES_PER_OP && !list.some((a) => JSON.stringify(a) === key)) {
        list.push(c.args ?? {});
      }
      bases.set(c.op, list);
    }
  }
  assert.ok(bases.size > 40, `only ${bases.size} ops`);
  let calls = 0;
  let errors = 0;
  const paths = new Set();
  const leaks = [];
  for (const [op, list] of bases) {
    for (const base of list) {
      for (const h of HOSTILE.strings) {
        for (const args of mutations(base, h)) {
          let name;
          let argv;
          try {
            [name, argv] = callOf(op, args, api.get(op));
          } catch {
            continue; // an argument the positional form cannot carry
          }
          const fn = k[name];
          if (typeof fn !== "function") continue;
          calls++;
          try {
            fn(...argv);
          } catch (e) {
            errors++;
            paths.add(`${op}:${e?.name}:${e?.code ?? ""}`);
            for (const t of texts(e)) {
              if (FORBIDDEN.some((f) => t.toLowerCase().includes(f))) {
                leaks.push(`${op} ${JSON.stringify(args)}: ${t}`);
              }
            }
          }
        }
      }
    }
  }
  console.log(`redaction: ${calls} calls, ${errors} errors, ${paths.size} (function, error, code) paths`);
  assert.equal(leaks.length, 0, `${leaks.length} leaks, e.g.\n${leaks.slice(0, 20).join("\n")}`);
  assert.ok(errors > 1000, `only ${errors} errors`);
});
