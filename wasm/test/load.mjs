// Node-side loaders for the tests: the shared vectors, docs/api.md, and the
// (code → family) table of core/src/error.rs (`Error::ALL_CODES`).
import { readFileSync, readdirSync } from "node:fs";
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

/** `{code: family}` from `Error::ALL_CODES` in core/src/error.rs. */
export function loadFamilies() {
  const src = readFileSync(repo("core/src/error.rs"), "utf8");
  const start = src.indexOf("ALL_CODES");
  const end = src.indexOf("];", start);
  const out = {};
  for (const m of src.slice(start, end).matchAll(/\("([a-z_0-9]+)",\s*"([A-Za-z]+)"\)/g)) {
    out[m[1]] = m[2];
  }
  return out;
}
