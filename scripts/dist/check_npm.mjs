// Checks the npm tarball's types the way its users resolve them, for whatever `exports` lists:
//
//   node scripts/dist/check_npm.mjs dist/kubetoken-<v>.tgz
//
// 1. @arethetypeswrong/cli (attw) over every code entry point (an export whose targets are
//    JavaScript; assets such as "./kubetoken_bg.wasm" are not modules TypeScript resolves),
//    in node16-from-ESM, node16-from-CJS and bundler resolution. One rule is ignored:
//    cjs-resolves-to-esm. attw bundles TypeScript 5.6, which predates require(esm); Node
//    >= 20.19 (the package's `engines`) loads this ESM-only package with `require`, and
//    TypeScript >= 5.8 types it (step 2 proves that on the tarball). Every other problem
//    (an entry that does not resolve or resolves to no types) fails.
// 2. The tarball unpacked as node_modules/<name> of a scratch project and compiled with
//    TypeScript 5.9 (strict, noImplicitAny: an untyped entry is an error) importing every
//    code entry point three ways: ESM (.mts, module nodenext), CommonJS (.cts,
//    `import x = require(...)`, module nodenext) and a bundler (module esnext,
//    moduleResolution bundler).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const bin = (name) => join(here, "node_modules", ".bin", name);
const tarball = resolve(process.argv[2] ?? "");

const work = mkdtempSync(join(tmpdir(), "kubetoken-npm-check-"));
let failed = false;
try {
  const pkgDir = join(work, "node_modules", "pkg-unpacked");
  mkdirSync(pkgDir, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", pkgDir, "--strip-components=1"]);
  const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));

  // Export subpaths and whether any of their targets is JavaScript.
  const targets = (node) =>
    typeof node === "string"
      ? [node]
      : Array.isArray(node)
        ? node.flatMap(targets)
        : node && typeof node === "object"
          ? Object.values(node).flatMap(targets)
          : [];
  const subpaths = Object.keys(pkg.exports ?? {}).some((k) => k.startsWith("."));
  const exportsField = subpaths ? pkg.exports : { ".": pkg.exports ?? pkg.main ?? "./index.js" };
  const isCode = (t) => /\.(m|c)?js$/.test(t);
  const code = []; // entries TypeScript must resolve to types
  const assets = []; // entries that are files, not modules (JSON entries attw checks itself)
  for (const [subpath, node] of Object.entries(exportsField)) {
    if (subpath.includes("*")) continue;
    const files = targets(node);
    if (files.some(isCode)) code.push(subpath);
    else if (!files.every((t) => t.endsWith(".json"))) assets.push(subpath);
  }
  console.log(`check_npm: ${pkg.name}@${pkg.version}: code entry points ${code.join(", ")}; assets ${assets.join(", ") || "none"}`);
  if (code.length === 0) throw new Error("exports lists no JavaScript entry point");

  // 1. attw
  const attwArgs = [tarball, "--profile", "node16", "--ignore-rules", "cjs-resolves-to-esm", "--no-emoji", "--no-color"];
  if (assets.length) attwArgs.push("--exclude-entrypoints", ...assets);
  try {
    process.stdout.write(execFileSync(bin("attw"), attwArgs, { encoding: "utf8" }));
  } catch (e) {
    process.stdout.write(e.stdout ?? "");
    process.stderr.write(e.stderr ?? "");
    console.error("check_npm: attw found problems");
    failed = true;
  }

  // 2. TypeScript against the unpacked tarball.
  rmSync(pkgDir, { recursive: true, force: true });
  const installed = join(work, "node_modules", pkg.name);
  mkdirSync(installed, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"]);
  const spec = (subpath) => (subpath === "." ? pkg.name : `${pkg.name}/${subpath.slice(2)}`);
  const lines = (fmt) => code.map((s, i) => fmt(spec(s), i)).join("\n") + "\n";
  const base = { strict: true, noEmit: true, target: "es2022", lib: ["es2022", "dom"], types: [], skipLibCheck: false };
  const projects = {
    esm: {
      file: "esm.mts",
      source: lines((s, i) => `import * as m${i} from "${s}";\nexport const n${i}: number = Object.keys(m${i}).length;`),
      options: { module: "nodenext", moduleResolution: "nodenext" },
    },
    cjs: {
      file: "cjs.cts",
      source: lines((s, i) => `import m${i} = require("${s}");\nexport const n${i}: number = Object.keys(m${i}).length;`),
      options: { module: "nodenext", moduleResolution: "nodenext" },
    },
    bundler: {
      file: "bundler.ts",
      source: lines((s, i) => `import * as m${i} from "${s}";\nexport const n${i}: number = Object.keys(m${i}).length;`),
      options: { module: "esnext", moduleResolution: "bundler" },
    },
  };
  writeFileSync(join(work, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  for (const [name, p] of Object.entries(projects)) {
    writeFileSync(join(work, p.file), p.source);
    const config = join(work, `tsconfig.${name}.json`);
    writeFileSync(config, JSON.stringify({ compilerOptions: { ...base, ...p.options }, files: [p.file] }));
    try {
      execFileSync(bin("tsc"), ["-p", config], { cwd: work, encoding: "utf8" });
      console.log(`check_npm: TypeScript ${name} (${p.options.moduleResolution}): every entry point typed`);
    } catch (e) {
      process.stdout.write(e.stdout ?? "");
      console.error(`check_npm: TypeScript ${name} (${p.options.moduleResolution}) failed on the tarball's types`);
      failed = true;
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
