// Node-side loaders for the tests: the shared vectors, docs/api.md, and the
// (code → family) table of the core (`Error::FAMILIES` in core/src/error.rs, which the
// binding throws by) over every code of `Error::CODES`.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseApiDoc } from "./runner.mjs";

const repo = (p) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

export function loadVectors() {
  const dir = repo("tests/vectors");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((name) => ({ name, doc: JSON.parse(readFileSync(`${dir}/${name}`, "utf8")) }));
}

export function loadApi() {
  return parseApiDoc(readFileSync(repo("docs/api.md"), "utf8"));
}

/** The text of `const <name>: ... = &[ ... ];` in a Rust source file. */
function rustTable(path, name) {
  const src = readFileSync(repo(path), "utf8");
  const start = src.indexOf(`const ${name}:`);
  return src.slice(start, src.indexOf("];", start));
}

/** `{code: family}` for every `Error::CODES` entry (family `undefined` when unmapped). */
export function loadFamilies() {
  const table = {};
  for (const m of rustTable("core/src/error.rs", "FAMILIES").matchAll(/\("([a-z_0-9]+)",\s*"([A-Za-z]+)"\)/g)) {
    table[m[1]] = m[2];
  }
  const out = {};
  for (const m of rustTable("core/src/error.rs", "CODES").matchAll(/"([a-z_0-9]+)"/g)) {
    out[m[1]] = table[m[1]];
  }
  return out;
}
