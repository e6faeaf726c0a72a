// Side by side, interleaved: kubetoken's hot paths against the pure-JS code a competent
// user would write instead (object literal + Buffer base64, JSON.parse + base64 decode,
// node:crypto createHmac, a RegExp). Prints µs/op and the ratio kubetoken / pure JS
// (below 1 = kubetoken is faster). Informational: nothing asserts on these numbers.
//
//   node scripts/compare.mjs [rounds]
import { createHmac } from "node:crypto";
import { performance } from "node:perf_hooks";
import * as k from "kubetoken";

const rounds = Number(process.argv[2] ?? 7);
const now = "2024-01-01T00:00:00Z";
const token = "abcdef.0123456789abcdef";
const TOKEN_RE = /^([a-z0-9]{6})\.([a-z0-9]{16})$/;
const b64 = (s) => Buffer.from(s).toString("base64");
const unb64 = (s) => Buffer.from(s, "base64").toString();

function jsRenderSecret(t, nowText) {
  const m = TOKEN_RE.exec(t);
  if (!m) throw new Error("invalid token");
  const exp = new Date(Date.parse(nowText) + 86400e3).toISOString().replace(/\.\d{3}Z$/, "Z");
  // Keys in the order kubectl prints them (sorted), like kubetoken's.
  return {
    apiVersion: "v1",
    data: {
      "auth-extra-groups": b64("system:bootstrappers:kubeadm:default-node-token"),
      expiration: b64(exp),
      "token-id": b64(m[1]),
      "token-secret": b64(m[2]),
      "usage-bootstrap-authentication": b64("true"),
      "usage-bootstrap-signing": b64("true"),
    },
    kind: "Secret",
    metadata: { name: `bootstrap-token-${m[1]}`, namespace: "kube-system" },
    type: "bootstrap.kubernetes.io/token",
  };
}

function jsParseSecret(text) {
  const s = JSON.parse(text);
  const d = s.data ?? {};
  const id = unb64(d["token-id"] ?? "");
  const secret = unb64(d["token-secret"] ?? "");
  if (!TOKEN_RE.test(`${id}.${secret}`)) throw new Error("invalid secret");
  const usages = Object.keys(d)
    .filter((key) => key.startsWith("usage-bootstrap-") && unb64(d[key]) === "true")
    .map((key) => key.slice("usage-bootstrap-".length))
    .sort();
  const groups = d["auth-extra-groups"] ? unb64(d["auth-extra-groups"]).split(",") : [];
  return {
    token: `${id}.${secret}`,
    id,
    description: d.description ? unb64(d.description) : "",
    expires: d.expiration ? unb64(d.expiration) : null,
    usages,
    groups,
  };
}

const JWS_HEADER = (kid) => Buffer.from(JSON.stringify({ alg: "HS256", kid })).toString("base64url");
function jsComputeJws(content, tokenId, tokenSecret) {
  const h = JWS_HEADER(tokenId);
  const p = Buffer.from(content).toString("base64url");
  const sig = createHmac("sha256", tokenSecret).update(`${h}.${p}`).digest("base64url");
  return `${h}..${sig}`;
}

const secretText = JSON.stringify(k.renderSecret({ token, now }));
const content = "x".repeat(1024);

// Both sides must agree before they are timed.
const same = (a, b, what) => {
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`${what}: outputs differ`);
};
same(k.renderSecret({ token, now }), jsRenderSecret(token, now), "renderSecret");
same(k.parseSecret(secretText), jsParseSecret(secretText), "parseSecret");
same(
  k.computeJws({ content, tokenId: "abcdef", tokenSecret: "0123456789abcdef" }),
  jsComputeJws(content, "abcdef", "0123456789abcdef"),
  "computeJws",
);

const cases = [
  ["renderSecret({token, now})", 20000, () => k.renderSecret({ token, now }), () => jsRenderSecret(token, now)],
  ["parseSecret(json text)", 20000, () => k.parseSecret(secretText), () => jsParseSecret(secretText)],
  [
    "computeJws(1 KiB)",
    20000,
    () => k.computeJws({ content, tokenId: "abcdef", tokenSecret: "0123456789abcdef" }),
    () => jsComputeJws(content, "abcdef", "0123456789abcdef"),
  ],
  ["isValidToken(token)", 200000, () => k.isValidToken(token), () => TOKEN_RE.test(token)],
];

function time(fn, n) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn();
  return ((performance.now() - t0) / n) * 1000;
}

console.log(`kubetoken vs pure JS (Node ${process.version}, best of ${rounds} interleaved rounds)`);
for (const [name, n, ours, theirs] of cases) {
  for (let i = 0; i < 2000; i++) {
    ours();
    theirs();
  }
  let a = Infinity;
  let b = Infinity;
  for (let r = 0; r < rounds; r++) {
    a = Math.min(a, time(ours, n));
    b = Math.min(b, time(theirs, n));
  }
  console.log(
    `${name.padEnd(28)} kubetoken ${a.toFixed(2).padStart(7)} µs  pure JS ${b.toFixed(2).padStart(7)} µs  ratio ${(a / b).toFixed(2)}`,
  );
}
