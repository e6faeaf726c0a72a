// `make bench-wasm`: raw and gzipped sizes of what the npm package ships (both .wasm
// builds and the JS), and, with --breakdown <raw lean .wasm> <raw full .wasm>, what fills
// each build: code bytes per crate after the same wasm-bindgen + wasm-opt -Oz pipeline with
// names kept (`-g`), from the name and code sections, and twiggy's top contributors
// (`twiggy top`, installed by scripts/setup.sh twiggy) of that named module.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { constants, gzipSync } from "node:zlib";
import { WASM_OPT_FEATURES } from "./wasm-opt-features.mjs";

const wasmDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const gz = (b) => gzipSync(b, { level: constants.Z_BEST_COMPRESSION }).length;
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const read = (f) => readFileSync(join(wasmDir, f));

function row(name, bytes) {
  console.log(
    `${name.padEnd(34)} ${String(bytes.length).padStart(9)} B ${kib(bytes.length).padStart(11)}   gzip ${String(gz(bytes)).padStart(8)} B ${kib(gz(bytes)).padStart(10)}`,
  );
}

// The two builds: [label, .wasm, glue, the JS a browser page loads with it].
const BUILDS = [
  ["lean (kubetoken)", "pkg/kubetoken_bg.wasm", "pkg/kubetoken.js", ["js/index.js", "js/api.js"]],
  [
    "full (kubetoken/full)",
    "pkg/kubetoken_full_bg.wasm",
    "pkg/kubetoken_full.js",
    ["js/full.js", "pkg/kubetoken_full_api.js"],
  ],
];
const SHARED_JS = ["js/errors.js", "js/results.js", "js/wasm.js"];

console.log("kubetoken npm package — shipped files (raw, gzip -9)");
for (const [, wasm, glue] of BUILDS) {
  row(wasm, read(wasm));
  row(`${glue} (glue)`, read(glue));
}
const entries = readdirSync(join(wasmDir, "js"))
  .filter((f) => f.endsWith(".js"))
  .sort();
const allJs = BUILDS.map(([, , glue]) => read(glue));
for (const f of entries) {
  const b = read(`js/${f}`);
  allJs.push(b);
  row(`js/${f}`, b);
}
allJs.push(read("pkg/kubetoken_full_api.js"));
row("pkg/kubetoken_full_api.js", read("pkg/kubetoken_full_api.js"));
row("all JS", Buffer.concat(allJs));
// What one page loads for one build: its .wasm, glue, entry and the shared JS.
for (const [label, wasm, glue, js] of BUILDS) {
  row(`browser load, ${label}`, Buffer.concat([wasm, glue, ...js, ...SHARED_JS].map(read)));
}

// ---- breakdown -----------------------------------------------------------------------
const bi = process.argv.indexOf("--breakdown");
if (bi < 0) process.exit(0);
const raws = process.argv.slice(bi + 1).filter((a) => !a.startsWith("--"));
for (const [k, raw] of raws.entries()) {
  const label = BUILDS[k]?.[0] ?? raw;
  const work = mkdtempSync(join(tmpdir(), "kubetoken-size-"));
  try {
    execFileSync("wasm-bindgen", [
      "--target",
      "web",
      "--out-dir",
      work,
      "--out-name",
      "k",
      "--no-typescript",
      "--keep-debug",
      raw,
    ]);
    const named = join(work, "named.wasm");
    execFileSync(join(wasmDir, "node_modules/.bin/wasm-opt"), [
      "-Oz",
      "-g",
      ...WASM_OPT_FEATURES,
      "--strip-dwarf",
      join(work, "k_bg.wasm"),
      "-o",
      named,
    ]);
    console.log(`\n==== ${label}: ${raw}`);
    breakdown(readFileSync(named));
    console.log(`\ntwiggy top -n 25 (${label}; shallow bytes of the named build):`);
    try {
      console.log(execFileSync("twiggy", ["top", "-n", "25", named], { encoding: "utf8" }));
    } catch (e) {
      console.log(`  twiggy not available (scripts/setup.sh twiggy): ${e.message.split("\n")[0]}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function breakdown(b) {
  let i = 8;
  const leb = () => {
    let r = 0;
    let s = 0;
    let x;
    do {
      x = b[i++];
      r += (x & 0x7f) * 2 ** s;
      s += 7;
    } while (x & 0x80);
    return r;
  };
  const sections = [];
  let imports = 0;
  const bodies = [];
  const names = new Map();
  while (i < b.length) {
    const id = b[i++];
    const len = leb();
    const start = i;
    let name = "";
    if (id === 0) {
      const nl = leb();
      name = b.subarray(i, i + nl).toString();
      i += nl;
      if (name === "name") {
        while (i < start + len) {
          const sub = b[i++];
          const sl = leb();
          const ss = i;
          if (sub === 1) {
            const n = leb();
            for (let k = 0; k < n; k++) {
              const idx = leb();
              const l = leb();
              names.set(idx, b.subarray(i, i + l).toString());
              i += l;
            }
          }
          i = ss + sl;
        }
      }
    } else if (id === 2) {
      const n = leb();
      for (let k = 0; k < n; k++) {
        const ml = leb();
        i += ml;
        const fl = leb();
        i += fl;
        const kind = b[i++];
        if (kind === 0) {
          leb();
          imports++;
        } else if (kind === 1) {
          i++;
          const f = b[i++];
          leb();
          if (f & 1) leb();
        } else if (kind === 2) {
          const f = b[i++];
          leb();
          if (f & 1) leb();
        } else if (kind === 3) {
          i += 2;
        } else if (kind === 4) {
          i++;
          leb();
        }
      }
    } else if (id === 10) {
      const n = leb();
      for (let k = 0; k < n; k++) {
        const sz = leb();
        bodies.push(sz);
        i += sz;
      }
    }
    sections.push([id, name, len]);
    i = start + len;
  }
  const SECTION = {
    1: "type",
    2: "import",
    3: "function",
    5: "memory",
    6: "global",
    7: "export",
    9: "elem",
    10: "code",
    11: "data",
  };
  console.log("\nsections (named build; the shipped one has no name section):");
  for (const [id, name, len] of sections) {
    if (len > 512) console.log(`  ${(SECTION[id] ?? `custom ${name}`).padEnd(20)} ${String(len).padStart(9)} B`);
  }
  const byCrate = new Map();
  const top = [];
  bodies.forEach((sz, k) => {
    const fname = names.get(imports + k) ?? `func${imports + k}`;
    top.push([sz, fname]);
    byCrate.set(crateOf(fname), (byCrate.get(crateOf(fname)) ?? 0) + sz);
    if (process.env.SIZE_DEBUG && crateOf(fname) === "(other)") console.log("other", sz, fname.slice(0, 120));
  });
  const total = bodies.reduce((a, x) => a + x, 0);
  console.log(`\ncode bytes by crate (of ${total} B in ${bodies.length} functions):`);
  for (const [c, sz] of [...byCrate].sort((a, b2) => b2[1] - a[1]).slice(0, 25)) {
    console.log(`  ${c.padEnd(28)} ${String(sz).padStart(8)} B ${((100 * sz) / total).toFixed(1).padStart(5)}%`);
  }
  console.log("\nlargest functions:");
  for (const [sz, n] of top.sort((a, b2) => b2[0] - a[0]).slice(0, 15)) {
    console.log(`  ${String(sz).padStart(7)} B  ${n.slice(0, 110)}`);
  }
}

function crateOf(name) {
  // Demangled Rust paths: `crate[hash]::...`, `<crate::T as ...>::f`, `<f64 as core::...>`.
  if (/ externref shim| multivalue shim/.test(name)) return "kubetoken_wasm (exports, core inlined)";
  const path = "([A-Za-z_][A-Za-z0-9_]*)(?:\\[[0-9a-f]+\\])?::";
  const m = new RegExp(`^[<&\\s]*(?:mut\\s+)?(?:dyn\\s+)?${path}`).exec(name);
  if (m) return m[1];
  const t = new RegExp(`\\bas ${path}`).exec(name);
  if (t) return t[1];
  if (/^__wbg|^__wbindgen|^wasm_bindgen/.test(name)) return "wasm_bindgen";
  return "(other)";
}
