// Run after `npm install` changes package-lock.json:  node scripts/lock-fixup.mjs
//
// The npm registry reachable from this project's machines does not serve rollup's
// native packages for other platforms (@rollup/rollup-darwin-arm64, ...). `npm install`
// then silently leaves those optional dependencies out of package-lock.json, and
// `npm ci` refuses the lock as "out of sync". This adds the missing optional entries
// (version, os and cpu read off the package name, no tarball), which is what a lock
// written elsewhere would hold: `npm ci` skips them on non-matching platforms.
import { readFileSync, writeFileSync } from "node:fs";

const path = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(path, "utf8"));
const pkgs = lock.packages;
const added = [];
for (const meta of Object.values({ ...pkgs })) {
  for (const [dep, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (pkgs[key]) continue;
    const entry = { version, dev: true, optional: true };
    const m = /^@rollup\/rollup-([a-z]+)-([a-z0-9]+)/.exec(dep);
    if (m) {
      entry.cpu = [m[2]];
      entry.os = [m[1]];
    }
    pkgs[key] = entry;
    added.push(dep);
  }
}
lock.packages = Object.fromEntries(Object.entries(pkgs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lock-fixup: added ${added.length} optional entries${added.length ? `: ${added.join(", ")}` : ""}`);
