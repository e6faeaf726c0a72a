// Assembles the npm package's generated half (wasm/pkg/) from the cargo build:
//
//   node wasm/scripts/build.mjs <kubetoken_wasm.wasm> [--no-opt]
//
// 1. `wasm-bindgen --target web` (the CLI version must equal the crate version in
//    Cargo.lock: the two halves of wasm-bindgen talk a private protocol);
// 2. point the glue's snippet imports (js/errors.js, js/results.js, copied by
//    wasm-bindgen under pkg/snippets/<crate-hash>/) at the package's own files, so the
//    classes the wasm module throws are the very classes users import (`instanceof`
//    works);
// 3. `wasm-opt -Oz` from the npm package `binaryen` (never Debian's: its wasm-opt 108
//    writes modules that fail at load).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const wasmDir = resolve(here, "..");
const root = resolve(wasmDir, "..");
const pkg = join(wasmDir, "pkg");
const args = process.argv.slice(2);
const input = args.find((a) => !a.startsWith("--"));
const optimize = !args.includes("--no-opt");
if (!input || !existsSync(input)) {
  console.error(`build.mjs: no such wasm file: ${input}`);
  process.exit(2);
}

function lockedVersion(name) {
  const lock = readFileSync(join(root, "Cargo.lock"), "utf8");
  const m = lock.match(new RegExp(`name = "${name}"\\nversion = "([^"]+)"`));
  return m ? m[1] : null;
}

const want = lockedVersion("wasm-bindgen");
const have = execFileSync("wasm-bindgen", ["--version"], { encoding: "utf8" }).trim().split(/\s+/)[1];
if (want !== have) {
  console.error(
    `build.mjs: wasm-bindgen CLI ${have} does not match the crate ${want} in Cargo.lock; ` +
      "run scripts/setup.sh wasm",
  );
  process.exit(1);
}

rmSync(pkg, { recursive: true, force: true });
mkdirSync(pkg, { recursive: true });
execFileSync(
  "wasm-bindgen",
  ["--target", "web", "--out-dir", pkg, "--out-name", "kubetoken", "--no-typescript", input],
  { stdio: "inherit" },
);

const gluePath = join(pkg, "kubetoken.js");
let glue = readFileSync(gluePath, "utf8");
// Every snippet (js/errors.js, js/results.js) is imported from the package's own copy.
const SNIPPETS = ["errors.js", "results.js"];
for (const name of SNIPPETS) {
  // wasm-bindgen writes `from './snippets/<crate-hash>/js/x.js'` or with double quotes.
  const snippetImport = new RegExp(`from (["'])\\./snippets/[^"']*/js/${name.replace(".", "\\.")}\\1`, "g");
  const found = glue.match(snippetImport) ?? [];
  // One import statement, or one per function the wasm module imports directly.
  if (found.length === 0) {
    console.error(`build.mjs: expected a ${name} snippet import in the glue, found none`);
    process.exit(1);
  }
  glue = glue.replace(snippetImport, `from $1../js/${name}$1`);
}
writeFileSync(gluePath, glue);
rmSync(join(pkg, "snippets"), { recursive: true, force: true });

const wasmOut = join(pkg, "kubetoken_bg.wasm");
const before = statSync(wasmOut).size;
if (optimize) {
  const wasmOpt = join(wasmDir, "node_modules", ".bin", "wasm-opt");
  if (!existsSync(wasmOpt)) {
    console.error("build.mjs: wasm/node_modules/.bin/wasm-opt missing; run scripts/setup.sh npm wasm");
    process.exit(1);
  }
  // Features the Rust wasm32 target emits by default (rustc ≥ 1.82); wasm-opt must
  // accept them, and adds none. (-Oz measured against -Os: 981 kB vs 986 kB raw, 397 vs
  // 394 kB gzip; `--converge` saves 0.1% for 2 more minutes of build.)
  execFileSync(
    wasmOpt,
    [
      "-Oz",
      "--enable-bulk-memory",
      "--enable-nontrapping-float-to-int",
      "--enable-sign-ext",
      "--enable-mutable-globals",
      "--enable-reference-types",
      "--enable-multivalue",
      // Metadata sections nothing reads at load time.
      "--strip-producers",
      "--strip-target-features",
      wasmOut,
      "-o",
      wasmOut,
    ],
    { stdio: "inherit" },
  );
}
const after = statSync(wasmOut).size;
console.log(
  `build.mjs: pkg/kubetoken_bg.wasm ${before} bytes after wasm-bindgen` +
    (optimize ? `, ${after} after wasm-opt -Oz` : " (not optimised)"),
);
