// Secret hygiene: no error message, toString(), JSON.stringify() or stack of an error
// carries a token secret or password. (The vector runner also checks this for every
// error case of every vector; these are hand-picked hostile inputs.)

import assert from "node:assert/strict";
import { test } from "node:test";
// The full build: its YAML reader is the larger surface for a leak (the lean build answers
// YAML with a fixed `unsupported` message; the vector runs check both builds' errors).
import * as k from "kubetoken/full";

const SECRET = "0123456789abcdef";

function texts(fn) {
  try {
    fn();
  } catch (e) {
    return [e.message, String(e), JSON.stringify(e), e.stack ?? "", Object.prototype.toString.call(e)];
  }
  assert.fail("expected a throw");
}

function assertClean(fn, secret = SECRET) {
  for (const t of texts(fn)) assert.ok(!t.includes(secret), `leaked in: ${t}`);
}

test("malformed tokens that contain a secret", () => {
  for (const bad of [
    `abcdef.${SECRET}x`,
    `abcdef.${SECRET}\n`,
    `ABCDEF.${SECRET}`,
    `abcdef:${SECRET}`,
    ` abcdef.${SECRET}`,
    `${SECRET}`,
    `abcdef.${SECRET}.${SECRET}`,
  ]) {
    assertClean(() => k.parseToken(bad));
  }
});

const TOKEN = `abcdef.${SECRET}`;
const b64 = (s) => Buffer.from(s).toString("base64");

function assertCleanKubetoken(fn, secrets) {
  let err;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof k.KubetokenError, `expected a KubetokenError, got ${err}`);
  for (const t of [err.message, String(err), JSON.stringify(err), err.stack ?? ""]) {
    for (const s of secrets) assert.ok(!t.includes(s), `${err.code} leaked ${s} in: ${t}`);
  }
  return err;
}

test("token options: bad values next to a valid token never echo its secret", () => {
  assertCleanKubetoken(() => k.renderSecret({ token: `${TOKEN}x` }), [SECRET]);
  assertCleanKubetoken(() => k.renderSecret({ token: TOKEN, usages: ["bogus"] }), [SECRET]);
  assertCleanKubetoken(() => k.renderSecret({ token: TOKEN, groups: ["system:nope!"] }), [SECRET]);
  assertCleanKubetoken(() => k.renderSecretYaml({ token: TOKEN, tll: "1h" }), [SECRET]);
  assertCleanKubetoken(() => k.validateTokenOptions({ token: TOKEN, ttl: "1y" }), [SECRET]);
  assertCleanKubetoken(() => k.encodeTokenSecret({ token: TOKEN, expires: "soon" }), [SECRET]);
  // An unknown option whose *name* is a token.
  assertCleanKubetoken(() => k.authenticate({ token: TOKEN, secrets: [], [TOKEN]: 1 }), [SECRET]);
});

test("Secrets with a bad secret or token never echo it", () => {
  const bad = "0123456789ABCDEF";
  const secret = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "bootstrap-token-abcdef", namespace: "kube-system" },
    type: "bootstrap.kubernetes.io/token",
    data: { "token-id": b64("abcdef"), "token-secret": b64(bad), expiration: b64("never") },
  };
  assertCleanKubetoken(() => k.parseSecret(secret), [bad, b64(bad)]);
  const r = k.listTokens({ secrets: [secret], now: "2024-01-01T00:00:00Z" });
  assert.equal(r.errors.length, 1);
  assert.ok(!JSON.stringify(r.errors).includes(bad));
  const list = k.parseSecretList({ kind: "List", items: [secret] });
  assert.ok(!JSON.stringify(list).includes(bad));
  // A malformed manifest that carries a token in an unexpected place.
  assertCleanKubetoken(() => k.authenticate({ token: TOKEN, secrets: [`kind: [${TOKEN}`] }), [SECRET]);
});

test("join commands and discovery never echo a bad token's secret", () => {
  const hash = `sha256:${"a".repeat(64)}`;
  assertCleanKubetoken(
    () => k.joinCommand({ token: `${TOKEN}!`, server: "https://10.0.0.1:6443", caCertHashes: [hash] }),
    [SECRET],
  );
  assertCleanKubetoken(
    () => k.registerCommand({ token: `ABCDEF.${SECRET}`, server: "https://10.0.0.1:6443", caCertHashes: [hash] }),
    [SECRET],
  );
  assertCleanKubetoken(
    () =>
      k.verifyClusterInfo({ configmap: { kind: "ConfigMap", metadata: { name: "cluster-info" } }, token: `${TOKEN}0` }),
    [SECRET],
  );
});

test("k3s tokens and bootstrap data never echo passwords or passphrases", () => {
  const password = "hunter2hunter2hunter2";
  assertCleanKubetoken(() => k.parseK3sToken(`K10${password}`), [password]);
  assertCleanKubetoken(() => k.parseK3sToken(`K10abc::node:${password}`), [password]);
  assertCleanKubetoken(() => k.parseK3sToken(`K10abc::abcdef.${SECRET}`), [SECRET]);
  assertCleanKubetoken(() => k.k3sDecrypt({ passphrase: password, value: "abc:!!!" }), [password]);
  const sealed = k.k3sEncrypt({ passphrase: password, plaintext: "{}" });
  assertCleanKubetoken(() => k.k3sDecrypt({ passphrase: `${password}x`, value: sealed }), [password]);
  assert.equal(new TextDecoder().decode(k.k3sDecrypt({ passphrase: password, value: sealed })), "{}");
});
