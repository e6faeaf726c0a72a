// e2e harness: the built page (web-demo/dist) served by scripts/serve.mjs on a free loopback
// port, driven by playwright-core through Debian's Chromium (never a downloaded browser).
// Every page records console errors, page errors and any request that is not to the page's
// own origin (those are also aborted); `assertClean` fails the test on any of them.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { camelResult } from "../../wasm/test/runner.mjs";
import { startServer } from "../scripts/serve.mjs";

export const HERE = fileURLToPath(new URL("..", import.meta.url));
export const REPO = join(HERE, "..");
export const DIST = join(HERE, "dist");
export const ARTIFACTS = join(REPO, "tests", "artifacts", "web-demo");

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function startDemo() {
  if (!existsSync(join(DIST, "index.html")) || !existsSync(join(DIST, "kubetoken.js"))) {
    throw new Error("web-demo/dist is not built: run `make demo-build` (or `node scripts/build.mjs`)");
  }
  const server = await startServer({ root: DIST });
  const userDataDir = mkdtempSync(join(tmpdir(), "kubetoken-demo-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    serviceWorkers: "block",
  });
  const origin = new URL(server.url).origin;
  const foreign = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) return route.continue();
    foreign.push(url);
    return route.abort("blockedbyclient");
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    server,
    context,
    origin,
    foreign,
    async close() {
      await context.close();
      await server.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh page on the demo, with its problems recorded. */
export async function openPage(demo, { width = 1280, height = 900, hash = "" } = {}) {
  const page = await demo.context.newPage();
  page.setDefaultTimeout(8000);
  await page.setViewportSize({ width, height });
  const problems = [];
  const requests = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("request", (r) => requests.push(r.url()));
  page.on("requestfailed", (r) => problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
  await page.goto(`${demo.server.url}${hash}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  const fatal = await page.locator("#fatal").isVisible();
  if (fatal) problems.push(`banner: ${await page.locator("#fatal").innerText()}`);
  return {
    page,
    problems,
    requests,
    async assertClean() {
      const banner = await page.locator("#fatal").isVisible();
      if (banner) problems.push(`banner: ${await page.locator("#fatal").innerText()}`);
      assert.deepEqual(problems, [], "no console errors, page errors or failed requests");
      const own = requests.filter((u) => u.startsWith(`${demo.origin}/`) || u.startsWith("data:"));
      assert.deepEqual(requests.filter((u) => !own.includes(u)), [], "no request to any other host");
      assert.deepEqual(demo.foreign, [], "no request to any other host (context-wide)");
      await page.close();
    },
  };
}

export async function shot(page, name, opts = {}) {
  const path = join(ARTIFACTS, `${name}.png`);
  // From the top: a full-page shot of a scrolled page would paint the sticky tab bar mid-page.
  if (opts.fullPage !== false) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage: true, ...opts });
  return path;
}

/** Every case of every tests/vectors/*.json file (plus its file name). */
export function loadVectors() {
  const dir = process.env.KUBETOKEN_VECTORS || join(REPO, "tests", "vectors");
  const cases = [];
  if (!existsSync(dir)) return cases;
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".json")).sort()) {
    const doc = JSON.parse(readFileSync(join(dir, f), "utf8"));
    for (const c of doc.cases ?? []) {
      if (!c.op || c.skip) continue;
      // Expected results in the shape the npm package returns (camelCase field names).
      const expect = c.expect && Object.hasOwn(c.expect, "ok") ? { ...c.expect, ok: camelResult(c.expect.ok) } : c.expect;
      cases.push({ ...c, expect, file: f });
    }
  }
  return cases;
}

/** The first vector case for `op` satisfying `pred`, or a clear failure naming what was sought. */
export function vector(cases, op, pred = () => true, what = "") {
  const c = cases.find((x) => x.op === op && pred(x));
  assert.ok(c, `tests/vectors/ has no ${op} case ${what}`);
  return c;
}

/** textContent of a locator (exact, no trimming). */
export async function text(page, selector) {
  return page.locator(selector).evaluate((n) => n.textContent);
}
