// `npm pack`, install the tarball into a fresh project (offline: the package has no
// dependencies), and use it from ESM and from CommonJS, as a consumer would.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const wasmDir = fileURLToPath(new URL("../..", import.meta.url));
const npm = (args, cwd) =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd,
    encoding: "utf8",
  });
const node = (file, cwd) => execFileSync(process.execPath, [file], { cwd, encoding: "utf8" });

const work = mkdtempSync(join(tmpdir(), "kubetoken-pack-"));
test.after(() => rmSync(work, { recursive: true, force: true }));

let tarball;

test("npm pack ships the entries, the glue, the two .wasm builds and the types; nothing else", () => {
  const out = JSON.parse(npm(["pack", "--json", "--pack-destination", work], wasmDir));
  tarball = join(work, out[0].filename);
  const files = out[0].files.map((f) => f.path).sort();
  for (const f of [
    "package.json",
    "js/index.js",
    "js/node.js",
    "js/init.js",
    "js/api.js",
    "js/errors.js",
    "js/index.d.ts",
    "js/init.d.ts",
    "js/full.js",
    "js/full-node.js",
    "js/full-init.js",
    "js/full.d.ts",
    "js/full-init.d.ts",
    "pkg/kubetoken.js",
    "pkg/kubetoken_bg.wasm",
    "pkg/kubetoken_full.js",
    "pkg/kubetoken_full_api.js",
    "pkg/kubetoken_full_bg.wasm",
  ]) {
    assert.ok(files.includes(f), `${f} in ${files.join(", ")}`);
  }
  assert.equal(files.filter((f) => f.endsWith(".wasm")).length, 2);
  assert.deepEqual(
    files.filter((f) => /^(src|test|scripts|node_modules)\//.test(f) || f.endsWith(".rs")),
    [],
  );
});

test("installed into a fresh project offline, used from ESM and CommonJS", () => {
  const app = join(work, "app");
  execFileSync("mkdir", ["-p", app]);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  npm(["install", "--offline", tarball], app);
  assert.ok(existsSync(join(app, "node_modules/kubetoken/pkg/kubetoken_bg.wasm")));

  writeFileSync(
    join(app, "esm.mjs"),
    `import { generateToken, parseToken, InvalidTokenError } from "kubetoken";
import { initSync } from "kubetoken/init";
import * as full from "kubetoken/full";
import { initSync as fullInitSync } from "kubetoken/full/init";
import pkg from "kubetoken/package.json" with { type: "json" };
const t = generateToken();
let code = "";
try { parseToken("nope"); } catch (e) { if (e instanceof InvalidTokenError) code = e.code; }
const yaml = "kind: Secret\\nmetadata: {name: bootstrap-token-abcdef}\\ntype: bootstrap.kubernetes.io/token\\n" +
  "stringData: {token-id: abcdef, token-secret: 0123456789abcdef}\\n";
let lean = "";
try { (await import("kubetoken")).parseSecret(yaml); } catch (e) { lean = e.code; }
console.log(JSON.stringify({ t, id: parseToken(t).id, code, init: typeof initSync + typeof fullInitSync, v: pkg.version,
  full: full.parseSecret(yaml).id, lean }));
`,
  );
  writeFileSync(
    join(app, "cjs.js"),
    `const { generateToken, parseToken, parseSecret, KubetokenError } = require("kubetoken");
const full = require("kubetoken/full");
const t = generateToken();
let code = "";
try { parseToken("nope"); } catch (e) { if (e instanceof KubetokenError) code = e.code; }
const yaml = "kind: Secret\\nmetadata: {name: bootstrap-token-abcdef}\\ntype: bootstrap.kubernetes.io/token\\n" +
  "stringData: {token-id: abcdef, token-secret: 0123456789abcdef}\\n";
let lean = "";
try { parseSecret(yaml); } catch (e) { if (e instanceof KubetokenError) lean = e.code; }
console.log(JSON.stringify({ t, id: parseToken(t).id, code, full: full.parseSecret(yaml).id, lean }));
`,
  );
  for (const file of ["esm.mjs", "cjs.js"]) {
    const r = JSON.parse(node(file, app));
    assert.match(r.t, /^[a-z0-9]{6}\.[a-z0-9]{16}$/, file);
    assert.equal(r.id, r.t.slice(0, 6), file);
    assert.equal(r.code, "invalid_token", file);
    assert.equal(r.full, "abcdef", file);
    assert.equal(r.lean, "unsupported", file);
  }
  assert.equal(readdirSync(join(app, "node_modules")).includes("kubetoken"), true);
});
