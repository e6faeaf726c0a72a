// The Node table of `make bench`: the npm package (wasm) against bench/pure.mjs.
//
//   cd wasm && node ../bench/node_ops.mjs --inputs DIR --rounds R --scale S --now RFC3339
//
// Run from the package directory (wasm/), so `kubetoken` resolves to the package as
// shipped. Each op is first checked to give the same answer on both sides (manifests as
// JSON, parsed tokens by field), then timed in one process, interleaved, the same
// iteration count each. Prints {"rows": [{"op", "iters", "kubetoken": [ns...], "peer": [...]}]}.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import * as pure from "./pure.mjs";

const { values: a } = parseArgs({
  options: { inputs: { type: "string" }, rounds: { type: "string" }, scale: { type: "string" }, now: { type: "string" } },
});
// `kubetoken` as a dependent would import it: the package's own exports map.
const entry = createRequire(join(process.cwd(), "package.json")).resolve("kubetoken");
const k = await import(pathToFileURL(entry.replace(/index\.js$/, "node.js")).href);

const txt = (n) => readFileSync(join(a.inputs, n), "utf8").replace(/\n+$/, "");
const spec = JSON.parse(txt("spec.json"));
const token = spec.token;
const secretText = txt("secret.json");
const secret = JSON.parse(secretText);
const listText = txt("list-1000.json");
const content = txt("kubeconfig.yaml");
const tokenId = txt("token-id.txt");
const tokenSecret = txt("token-secret.txt");
const sig = txt("kubeconfig.jws");
const pem = txt("ca.pem");
const now = a.now;
const nowMs = Date.parse(now);
const opts = { token, description: spec.description, expires: spec.expires, usages: spec.usages, groups: spec.groups };

const sortKeys = (v) =>
  Array.isArray(v) ? v.map(sortKeys) : v && typeof v === "object"
    ? Object.fromEntries(Object.keys(v).sort().map((key) => [key, sortKeys(v[key])])) : v;
const sameJson = (x, y) => JSON.stringify(sortKeys(x)) === JSON.stringify(sortKeys(y));
const view = (t) => {
  const e = t.expires == null ? null : new Date(t.expires).toISOString().replace(/\.000Z$/, "Z");
  return JSON.stringify([t.token, t.description ?? "", e, [...t.usages], [...t.groups]]);
};
const pick = (x, camel, snake) => (x[camel] !== undefined ? x[camel] : x[snake]);

const cases = [
  ["generate", 20000, () => k.generateToken(), () => pure.generateToken(), (x, y) => pure.isValidToken(x) && pure.isValidToken(y)],
  ["validate", 500000, () => k.isValidToken(token), () => pure.isValidToken(token), (x, y) => x === true && y === true],
  ["render_secret", 20000, () => k.renderSecret({ ...opts, now }), () => pure.renderSecret(opts), sameJson],
  ["parse_secret", 20000, () => k.parseSecret(secret), () => pure.parseSecret(secret), (x, y) => view(x) === view(y)],
  ["parse_secret_json", 20000, () => k.parseSecret(secretText), () => pure.parseSecret(secretText), (x, y) => view(x) === view(y)],
  ["jws_sign", 20000, () => k.computeJws({ content, tokenId, tokenSecret }), () => pure.computeJws({ content, tokenId, tokenSecret }),
    (x, y) => x === y && x === sig],
  ["jws_verify", 20000, () => k.verifyJws({ signature: sig, content, tokenId, tokenSecret }),
    () => pure.verifyJws({ signature: sig, content, tokenId, tokenSecret }), (x, y) => x === true && y === true],
  ["ca_pin", 5000, () => k.caCertHashes(pem), () => pure.caCertHashes(pem), sameJson],
  // kubetoken caps text input at 1 MiB; 1k Secrets fit, but JSON.parse on both sides
  // keeps the pair like the larger lists (a value from the API client).
  ["list_1000", 20, () => pick(k.listTokens({ secrets: JSON.parse(listText).items, now, format: "text" }), "output", "output"),
    () => pure.listTokens(JSON.parse(listText).items, nowMs), (x, y) => x === y],
];

const rows = [];
for (const [op, n, kt, peer, same] of cases) {
  const x = kt();
  const y = peer();
  if (!same(x, y)) {
    console.error(`node_ops: ${op}: kubetoken and the pure-JS peer disagree:\n${JSON.stringify(x).slice(0, 400)}\n${JSON.stringify(y).slice(0, 400)}`);
    process.exit(1);
  }
  const iters = Math.max(1, Math.floor(n * Number(a.scale ?? 1)));
  for (const f of [kt, peer]) for (let i = 0; i < Math.max(1, iters / 10); i++) f();
  const res = { kubetoken: [], peer: [] };
  for (let r = 0; r < Number(a.rounds ?? 5); r++) {
    const order = [["kubetoken", kt], ["peer", peer]];
    for (const [side, f] of r % 2 === 0 ? order : order.reverse()) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < iters; i++) f();
      res[side].push(Number(process.hrtime.bigint() - t0) / iters);
    }
  }
  rows.push({ op, iters, ...res });
}
process.stdout.write(JSON.stringify({ rows }) + "\n");
