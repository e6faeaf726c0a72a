// Drift test of the hand-written declarations (js/index.d.ts) against what the
// functions really return: every result of every shared vector is written as an object
// literal typed with the function's declared return type, and `tsc --strict` must accept
// the file. A field the Rust result gained (excess property), lost (missing property)
// or changed (wrong type) fails here.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
// Results from the full build (the lean one refuses YAML and chain cases: fewer results to
// check); the declarations are the same for both entries.
import * as k from "kubetoken/full";
import { loadApi, loadVectors } from "../load.mjs";
import { callOf, inferArgs, NOT_EXPOSED, TEST_OPS } from "../runner.mjs";

const wasmDir = fileURLToPath(new URL("../..", import.meta.url));

test("every vector result has its function's declared type", () => {
  const api = loadApi();
  const files = loadVectors();
  const lines = ['import * as k from "kubetoken";'];
  const seen = new Set();
  let n = 0;
  for (const { doc } of files) {
    for (const c of doc.cases) {
      if (c.skip || Object.hasOwn(NOT_EXPOSED, c.op) || Object.hasOwn(TEST_OPS, c.op)) continue;
      if (!c.expect || !Object.hasOwn(c.expect, "ok")) continue;
      const [fname, argv] = callOf(c.op, c.args, api.get(c.op) ?? inferArgs(files, c.op));
      let got;
      try {
        got = k[fname](...argv);
      } catch {
        continue; // the vector tests report it
      }
      if (got instanceof Uint8Array) continue;
      const literal = JSON.stringify(got);
      const key = `${fname} ${literal}`;
      if (seen.has(key)) continue;
      seen.add(key);
      lines.push(`export const r${n++}: ReturnType<typeof k.${fname}> = ${literal};`);
    }
  }
  assert.ok(n > 100, `only ${n} results`);
  const dir = mkdtempSync(join(tmpdir(), "kubetoken-drift-"));
  try {
    writeFileSync(join(dir, "drift.mts"), `${lines.join("\n")}\n`);
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          lib: ["es2022", "dom"],
          types: [],
          exactOptionalPropertyTypes: true,
          paths: { kubetoken: [join(wasmDir, "js/index.d.ts")] },
        },
        files: ["drift.mts"],
      }),
    );
    try {
      execFileSync(join(wasmDir, "node_modules/.bin/tsc"), ["-p", dir], { encoding: "utf8" });
    } catch (e) {
      assert.fail(`declared result types drifted from the results:\n${e.stdout}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
