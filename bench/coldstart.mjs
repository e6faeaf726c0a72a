// Cold start of every .wasm build the npm package ships, for `make bench`.
//
//   cd wasm && node ../bench/coldstart.mjs node --reps N --wasm pkg/x_bg.wasm
//   cd wasm && node ../bench/coldstart.mjs chromium --reps N --chromium /usr/bin/chromium --wasm A [--wasm B ...]
//
// A build is a wasm-bindgen `--target web` pair: `<dir>/<name>_bg.wasm` and its glue
// `<dir>/<name>.js` (default export: async init; `initSync`). Node: each repetition is a
// fresh process timing import of the glue + read + compile + instantiate (peer: importing
// bench/pure.mjs). Chromium (Debian's, via playwright-core): each repetition is a fresh
// browser context on a page served from 127.0.0.1, timing import of the glue + fetch +
// compile + instantiate (peer: importing an empty ES module the same way). Prints
// {"kubetoken": [ns...], "peer": [...]} (node) or {"<wasm>": [ns...], "peer": [...]} (chromium).
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { dirname, extname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const { values: a, positionals } = parseArgs({
  allowPositionals: true,
  options: { reps: { type: "string" }, wasm: { type: "string", multiple: true }, chromium: { type: "string" } },
});
const pkgDir = process.cwd();
const benchDir = dirname(fileURLToPath(import.meta.url));
const reps = Number(a.reps ?? 10);
const glueOf = (wasm) => wasm.replace(/_bg\.wasm$/, ".js");

function nodeOnce(script) {
  return Number(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" }).trim());
}

if (positionals[0] === "node") {
  const wasm = a.wasm[0];
  const glue = pathToFileURL(resolve(pkgDir, glueOf(wasm))).href;
  const kt = `import { readFileSync } from "node:fs";
const t0 = performance.now();
const m = await import(${JSON.stringify(glue)});
m.initSync({ module: readFileSync(${JSON.stringify(resolve(pkgDir, wasm))}) });
console.log((performance.now() - t0) * 1e6);`;
  const peer = `const t0 = performance.now();
await import(${JSON.stringify(pathToFileURL(join(benchDir, "pure.mjs")).href)});
console.log((performance.now() - t0) * 1e6);`;
  const out = { kubetoken: [], peer: [] };
  for (let r = 0; r < reps; r++) {
    const order = [["kubetoken", kt], ["peer", peer]];
    for (const [side, s] of r % 2 === 0 ? order : order.reverse()) out[side].push(nodeOnce(s));
  }
  console.log(JSON.stringify(out));
} else if (positionals[0] === "chromium") {
  // playwright-core is the package's devDependency: resolve it from there.
  const pw = createRequire(join(pkgDir, "package.json")).resolve("playwright-core");
  const { chromium } = createRequire(import.meta.url)(pw);
  const types = { ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path === "/" || path === "/empty.mjs") {
      res.writeHead(200, { "content-type": path === "/" ? "text/html" : "text/javascript", "cache-control": "no-store" });
      res.end(path === "/" ? "<!doctype html><title>cold start</title>" : "export const empty = true;\n");
      return;
    }
    const file = resolve(pkgDir, "." + path);
    if (!file.startsWith(pkgDir + "/")) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: a.chromium ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const out = { peer: [] };
  for (const w of a.wasm) out[w] = [];
  try {
    for (let r = 0; r < reps; r++) {
      const order = [...a.wasm.map((w) => [w, `/${glueOf(w)}`, `/${w}`]), ["peer", "/empty.mjs", null]];
      for (const [key, js, wasm] of r % 2 === 0 ? order : order.reverse()) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(origin + "/");
        const [ms, initMs] = await page.evaluate(async ([jsUrl, wasmUrl]) => {
          const t0 = performance.now();
          const m = await import(jsUrl);
          const t1 = performance.now();
          if (wasmUrl) await m.default({ module_or_path: wasmUrl });
          const t2 = performance.now();
          return [t2 - t0, t2 - t1];
        }, [js, wasm]);
        out[key].push(ms * 1e6);
        if (wasm) (out[`${key} (wasm only)`] ??= []).push(initMs * 1e6);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log(JSON.stringify(out));
} else {
  console.error("usage: coldstart.mjs node|chromium ...");
  process.exit(2);
}
