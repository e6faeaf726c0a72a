// The JavaScript shape of the API: camelCase results, manifests and PEMs as text, bytes
// (Buffer included) or objects, TypeError for anything else, secret-bearing results
// masked when printed and faithful in JSON.

import assert from "node:assert/strict";
import { test } from "node:test";
import { inspect } from "node:util";
// The full build: these cases pass YAML manifests (the conversions are the same code in
// the lean build; the vector tests run both).
import * as k from "kubetoken/full";
import { loadVectors } from "./load.mjs";

const SECRET = "0123456789abcdef";
const token = `abcdef.${SECRET}`;
const now = "2024-01-01T00:00:00Z";
const b64 = (s) => Buffer.from(s).toString("base64");

function pemOfVectors() {
  for (const { doc } of loadVectors()) {
    for (const c of doc.cases) {
      if (c.op === "ca_cert_hashes" && c.expect?.ok?.length === 1) return [c.args.pem, c.expect.ok];
    }
  }
  throw new Error("no ca_cert_hashes vector with one certificate");
}

test("results are camelCase", () => {
  const secret = k.renderSecret({ token, now });
  assert.deepEqual(k.signingCredentials({ secret, now }), { tokenId: "abcdef", tokenSecret: SECRET });
  const t = k.parseK3sToken(`K10${"a".repeat(64)}::${token}`);
  assert.equal(t.caHash, "a".repeat(64));
  assert.equal(t.tokenId, "abcdef");
  const kc = k.parseKubeconfig("apiVersion: v1\nkind: Config\ncurrent-context: c\n");
  assert.equal(kc.currentContext, "c");
  for (const key of JSON.stringify([t, kc, k.verifyK3sCa({ token: `K10${"a".repeat(64)}::${token}` })]).matchAll(
    /"([a-zA-Z_]+)":/g,
  )) {
    assert.ok(!key[1].includes("_"), `snake_case key ${key[1]}`);
  }
});

test("manifest keys are returned as they are", () => {
  const configmap = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "cluster-info", namespace: "kube-public", labels: { my_label: "x" } },
    data: { kubeconfig: "apiVersion: v1\nkind: Config\n", some_key: "y" },
  };
  const r = k.signClusterInfo({ configmap, secrets: [k.renderSecret({ token, now })], now });
  assert.equal(r.configmap.metadata.labels.my_label, "x");
  assert.equal(r.configmap.data.some_key, "y");
  assert.ok(r.configmap.data["jws-kubeconfig-abcdef"]);
});

test("manifests: string, Uint8Array, Buffer and object are the same; anything else is a TypeError", () => {
  const secret = k.renderSecret({ token, now });
  const text = JSON.stringify(secret);
  const want = k.parseSecret(text);
  assert.deepEqual(k.parseSecret(secret), want);
  assert.deepEqual(k.parseSecret(Buffer.from(text)), want);
  assert.deepEqual(k.parseSecret(new TextEncoder().encode(k.renderSecretYaml({ token, now }))), want);
  for (const bad of [42, true, [secret], () => secret, new Date(), null, undefined]) {
    assert.throws(() => k.parseSecret(bad), TypeError, String(bad));
    assert.throws(() => k.parseKubeconfig(bad), TypeError, String(bad));
  }
  assert.throws(() => k.parseSecret({ ...secret, data: { "token-id": 5n } }), TypeError);
  // A Buffer kubeconfig is read, not taken for an empty object.
  const kc = Buffer.from("apiVersion: v1\nkind: Config\ncurrent-context: x\n");
  assert.equal(k.parseKubeconfig(kc).currentContext, "x");
});

test("results compose: a rendered Secret goes everywhere a Secret is taken", () => {
  const secret = k.renderSecret({ token, now });
  assert.equal(k.parseSecretList([secret])[0].token, token);
  assert.equal(k.parseSecretList({ apiVersion: "v1", kind: "List", items: [secret] })[0].id, "abcdef");
  assert.equal(k.authenticate({ token, secrets: [secret], now }).authenticated, true);
  const cm = k.signClusterInfo({
    configmap: {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "cluster-info" },
      data: {
        kubeconfig:
          "apiVersion: v1\nkind: Config\nclusters:\n- name: ''\n  cluster:\n    server: https://10.0.0.1:6443\n",
      },
    },
    secrets: [secret],
    now,
  }).configmap;
  const v = k.verifyClusterInfo({ configmap: cm, token });
  assert.equal(v.verified, true, JSON.stringify(v));
  assert.equal(v.server, "https://10.0.0.1:6443");
});

test("PEM bytes need not be UTF-8 (a Latin-1 comment), like k3s hashing the file", () => {
  const [pem, hashes] = pemOfVectors();
  const latin1 = Buffer.concat([Buffer.from("# caf\xe9 \xa9 2024\n", "latin1"), Buffer.from(pem)]);
  assert.deepEqual(k.caCertHashes(latin1), hashes);
  assert.deepEqual(k.caCertHashes(pem), hashes);
});

test("secret-bearing results print masked, JSON.stringify stays faithful", () => {
  const secret = k.renderSecret({ token, now });
  const cases = [
    k.parseToken(token),
    k.parseSecret(secret),
    k.parseSecretList([secret]),
    secret,
    k.renderSecret({ token, now, stringData: true }),
    k.signingCredentials({ secret, now }),
    k.listTokens({ secrets: [secret], now }),
    k.parseK3sToken(`K10${"a".repeat(64)}::node:hunter2hunter2`),
    k.k3sCredentials({ token: `K10${"a".repeat(64)}::node:hunter2hunter2` }),
  ];
  for (const r of cases) {
    const json = JSON.stringify(r);
    assert.ok(
      [SECRET, b64(SECRET), "hunter2", b64("node:hunter2hunter2")].some((s) => json.includes(s)),
      json,
    );
    for (const shown of [inspect(r), inspect(r, { depth: 0 }), String(r), `${r}`, inspect([r]), inspect({ r })]) {
      for (const s of [SECRET, b64(SECRET), "hunter2", b64("node:hunter2hunter2")]) {
        assert.ok(!shown.includes(s), `printed ${s}: ${shown}`);
      }
    }
    assert.deepEqual(JSON.parse(json), r);
  }
  // Masking keeps the rest readable.
  assert.match(inspect(k.parseToken(token)), /id: 'abcdef'/);
  assert.match(String(k.parseToken(token)), /"id":"abcdef"/);
  // The masking is not data: keys, spread and structuredClone see plain data.
  assert.deepEqual(Object.keys(k.parseToken(token)), ["id", "secret"]);
  assert.deepStrictEqual({ ...k.parseToken(token) }, { id: "abcdef", secret: SECRET });
});
