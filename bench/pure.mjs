// What a competent JavaScript user writes by hand instead of kubetoken (the peers of the
// Node table in bench/RESULTS.md): crypto.getRandomValues, a regex, Buffer, node:crypto
// createHmac and X509Certificate. bench/node_ops.mjs checks once that each gives the same
// answer as kubetoken.
import { createHash, createHmac, timingSafeEqual, X509Certificate } from "node:crypto";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
const TOKEN_RE = /^([a-z0-9]{6})\.([a-z0-9]{16})$/;
const SECRET_TYPE = "bootstrap.kubernetes.io/token";

export function generateToken() {
  // Rejection sampling keeps the 36 characters uniform (252 = 7 × 36).
  let s = "";
  const buf = new Uint8Array(32);
  while (s.length < 22) {
    crypto.getRandomValues(buf);
    for (const b of buf) if (b < 252 && s.length < 22) s += ALPHABET[b % 36];
  }
  return `${s.slice(0, 6)}.${s.slice(6)}`;
}

export const isValidToken = (t) => TOKEN_RE.test(t);

const b64 = (s) => Buffer.from(s).toString("base64");

export function renderSecret({ token, description, expires, usages, groups }) {
  const m = TOKEN_RE.exec(token);
  if (!m) throw new Error("invalid token");
  const data = { "token-id": m[1], "token-secret": m[2], expiration: expires };
  if (description) data.description = description;
  for (const u of usages) data[`usage-bootstrap-${u}`] = "true";
  if (groups.length) data["auth-extra-groups"] = groups.join(",");
  const out = {};
  for (const k of Object.keys(data).sort()) out[k] = b64(data[k]);
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: `bootstrap-token-${m[1]}`, namespace: "kube-system" },
    type: SECRET_TYPE,
    data: out,
  };
}

export function parseSecret(secret) {
  const s = typeof secret === "string" ? JSON.parse(secret) : secret;
  const data = {};
  for (const [k, v] of Object.entries(s.data ?? {})) data[k] = Buffer.from(v, "base64").toString();
  const id = data["token-id"] ?? "";
  if (s.metadata?.name !== `bootstrap-token-${id}`) throw new Error("name does not match the token id");
  const token = `${id}.${data["token-secret"] ?? ""}`;
  if (!TOKEN_RE.test(token)) throw new Error("invalid token");
  const expires = data.expiration || null;
  if (expires !== null && Number.isNaN(Date.parse(expires))) throw new Error("bad expiration");
  const usages = Object.keys(data)
    .filter((k) => k.startsWith("usage-bootstrap-") && data[k] === "true")
    .map((k) => k.slice("usage-bootstrap-".length))
    .sort();
  const groups = data["auth-extra-groups"] ? data["auth-extra-groups"].split(",") : [];
  return { token, id, description: data.description ?? "", expires, usages, groups };
}

// apimachinery ShortHumanDuration.
function shortHuman(ms) {
  const sec = Math.trunc(ms / 1000);
  if (sec < -1) return "<invalid>";
  if (sec < 0) return "0s";
  if (sec < 60) return `${sec}s`;
  const min = Math.trunc(ms / 60000);
  if (min < 60) return `${min}m`;
  const h = Math.trunc(ms / 3600000);
  if (h < 24) return `${h}h`;
  if (h < 24 * 365) return `${Math.trunc(h / 24)}d`;
  return `${Math.trunc(ms / 3600000 / 24 / 365)}y`;
}

// Go tabwriter (minwidth 10, padding 3, spaces); the last cell is not padded.
function table(rows) {
  const w = rows[0].slice(0, -1).map((_, c) => Math.max(10, ...rows.map((r) => r[c].length + 3)));
  return rows.map((r) => r.slice(0, -1).map((cell, c) => cell.padEnd(w[c])).join("") + r.at(-1) + "\n").join("");
}

// `kubeadm token list` text: one tabwriter per token (the header with the first).
// `items`: the Secrets of the API server's list (an array).
export function listTokens(items, now) {
  let header = ["TOKEN", "TTL", "EXPIRES", "USAGES", "DESCRIPTION", "EXTRA GROUPS"];
  let out = "";
  for (const s of items) {
    if (s.type !== SECRET_TYPE) continue;
    const t = parseSecret(s);
    const [ttl, expires] = t.expires ? [shortHuman(Date.parse(t.expires) - now), t.expires] : ["<forever>", "<never>"];
    const row = [t.token, ttl.padEnd(9), expires, (t.usages.join(",") || "<none>").padEnd(22),
      (t.description || "<none>").padEnd(56), t.groups.join(",") || "<none>"];
    out += table(header ? [header, row] : [row]);
    header = null;
  }
  return out;
}

export function computeJws({ content, tokenId, tokenSecret }) {
  const header = Buffer.from(JSON.stringify({ alg: "HS256", kid: tokenId })).toString("base64url");
  const payload = Buffer.from(content).toString("base64url");
  const sig = createHmac("sha256", tokenSecret).update(`${header}.${payload}`).digest("base64url");
  return `${header}..${sig}`;
}

export function verifyJws({ signature, ...rest }) {
  const a = Buffer.from(signature);
  const b = Buffer.from(computeJws(rest));
  return a.length === b.length && timingSafeEqual(a, b);
}

export function caCertHashes(pem) {
  const blocks = String(pem).match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) => {
    const spki = new X509Certificate(b).publicKey.export({ type: "spki", format: "der" });
    return `sha256:${createHash("sha256").update(spki).digest("hex")}`;
  });
}
