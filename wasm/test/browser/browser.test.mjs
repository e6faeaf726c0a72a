// The browser/bundler entry: `npm pack` → unpacked into a tiny app's node_modules →
// Vite 7 production build → served on 127.0.0.1 → headless Debian chromium (playwright-core,
// no downloaded browser). The page generates a token and shows it with the lean build;
// then every shared vector runs inside the page through the bundled package: the lean
// build (its unsupported cases as listed), then "kubetoken/full", loaded on demand.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { build, createServer as createViteServer } from "vite";
import { leanUnsupported } from "../lean-unsupported.mjs";
import { loadApi, loadFamilies, loadVectors } from "../load.mjs";
import { summary } from "../runner.mjs";

const wasmDir = fileURLToPath(new URL("../..", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "kubetoken-browser-"));
const app = join(work, "app");
const dist = join(work, "dist");
let server;
let context;
let devServer;
test.after(async () => {
  await context?.close();
  server?.close();
  await devServer?.close();
  rmSync(work, { recursive: true, force: true });
});

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Opens `url` and waits for the app to show a token; returns [page, problems]. */
async function openApp(url) {
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(String(e)));
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  // wasm-bindgen warns when it falls back from streaming compilation (a .wasm served
  // without application/wasm): the browser entries must compile while downloading.
  page.on("console", (m) => /instantiateStreaming/.test(m.text()) && problems.push(`no streaming: ${m.text()}`));
  page.on("response", (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
  await page.goto(url);
  await page
    .waitForFunction(() => document.querySelector("#token").textContent !== "…", null, { timeout: 20000 })
    .catch(() => {});
  return [page, problems];
}

const MIME = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
};

function serve(root) {
  return new Promise((resolve) => {
    const s = createServer((req, res) => {
      const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
      const file = join(root, path === "/" ? "index.html" : path);
      try {
        if (!file.startsWith(root) || !statSync(file).isFile()) throw new Error("404");
        res.writeHead(200, { "content-type": MIME[extname(file)] ?? "application/octet-stream" });
        res.end(readFileSync(file));
      } catch {
        res.writeHead(404).end();
      }
    });
    s.listen(0, "127.0.0.1", () => resolve(s));
  });
}

test("Vite 7 production build in headless chromium: token shown, every vector passes in both builds", async () => {
  // The package as a consumer gets it.
  cpSync(fileURLToPath(new URL("app", import.meta.url)), app, { recursive: true });
  cpSync(fileURLToPath(new URL("../runner.mjs", import.meta.url)), join(app, "runner.mjs"));
  const out = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--pack-destination", work, "--loglevel=error"], {
      cwd: wasmDir,
      encoding: "utf8",
    }),
  );
  const pkgDir = join(app, "node_modules", "kubetoken");
  mkdirSync(pkgDir, { recursive: true });
  execFileSync("tar", ["-xzf", join(work, out[0].filename), "-C", pkgDir, "--strip-components=1"]);

  await build({
    root: app,
    configFile: false,
    logLevel: "warn",
    build: { outDir: dist, emptyOutDir: true },
  });
  const assets = execFileSync("find", [dist, "-type", "f"], { encoding: "utf8" }).split("\n");
  assert.equal(assets.filter((f) => f.endsWith(".wasm")).length, 2, assets.join(" "));

  server = await serve(dist);
  const url = `http://127.0.0.1:${server.address().port}/`;
  context = await chromium.launchPersistentContext(join(work, "profile"), {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const [page, problems] = await openApp(url);
  assert.deepEqual(problems, []);
  const token = await page.textContent("#token");
  assert.match(token, /^[a-z0-9]{6}\.[a-z0-9]{16}$/);
  assert.equal(await page.textContent("#secret-name"), `bootstrap-token-${token.slice(0, 6)}`);
  assert.equal(await page.textContent("#error"), "rejected: invalid_token");
  if (process.env.KUBETOKEN_SCREENSHOT) {
    await page.screenshot({ path: process.env.KUBETOKEN_SCREENSHOT });
  }

  const wasmFetched = () =>
    page.evaluate(() =>
      performance
        .getEntriesByType("resource")
        .map((e) => e.name)
        .filter((u) => u.endsWith(".wasm")),
    );
  // The page loaded the lean build only.
  const first = await wasmFetched();
  assert.equal(first.length, 1, first.join(" "));
  assert.doesNotMatch(first[0], /full/);

  const r = await page.evaluate(
    ([files, api, families, unsupported]) => window.kubetokenTest.runVectors(files, api, families, unsupported),
    [loadVectors(), [...loadApi()], loadFamilies(), [...leanUnsupported]],
  );
  console.log(summary("browser lean (Vite build, chromium)", r));
  assert.deepEqual(r.failures, []);
  assert.equal(r.unsupported, leanUnsupported.size);

  const rf = await page.evaluate(
    ([files, api, families]) => window.kubetokenTest.runVectorsFull(files, api, families),
    [loadVectors(), [...loadApi()], loadFamilies()],
  );
  console.log(summary("browser full (Vite build, chromium, dynamic import)", rf));
  assert.deepEqual(rf.failures, []);
  const then = await wasmFetched();
  assert.equal(then.length, 2, then.join(" "));
  assert.match(then[1], /full/);
  assert.deepEqual(problems, []);
});

test("Vite 7 dev server with dependency pre-bundling (no optimizeDeps.exclude): token shown", async () => {
  // Pre-bundling moves the entry into node_modules/.vite/deps/, away from its .wasm; the
  // entry then loads the .wasm from the package's own directory.
  devServer = await createViteServer({
    root: app,
    configFile: false,
    logLevel: "warn",
    server: { host: "127.0.0.1", port: 0, strictPort: false },
  });
  await devServer.listen();
  const url = devServer.resolvedUrls.local[0];
  const [page, problems] = await openApp(url);
  assert.deepEqual(problems, []);
  assert.match(await page.textContent("#token"), /^[a-z0-9]{6}\.[a-z0-9]{16}$/);
  // It was pre-bundled (else this test proves nothing).
  const scripts = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));
  assert.ok(
    scripts.some((u) => u.includes("/.vite/deps/kubetoken")),
    scripts.join(" "),
  );
});
