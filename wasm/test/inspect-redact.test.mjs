// inspectToken and redact from JavaScript: string and bytes in and out, no secret in any result.
import assert from "node:assert/strict";
import { test } from "node:test";
import { inspect } from "node:util";
import * as k from "kubetoken";

const TOKEN = "9a08jv.c0izixklcxtmnze7";
const SECRET = "c0izixklcxtmnze7";
const K10 = `K10${"e6b1f6b2d5c1a0f9".repeat(4)}::`;
const MASK = "*".repeat(16);

test("redact: string in, string out; bytes in, bytes out", () => {
  const line = `kubeadm join 10.0.0.1:6443 --token ${TOKEN} K3S_TOKEN=${K10}server:hunter2hunter2`;
  const out = k.redact(line);
  assert.equal(out, `kubeadm join 10.0.0.1:6443 --token 9a08jv.${MASK} K3S_TOKEN=${K10}server:${MASK}`);
  const bytes = k.redact(new TextEncoder().encode(`${line} \xff`));
  assert.ok(bytes instanceof Uint8Array);
  assert.equal(new TextDecoder().decode(bytes), `${out} \xff`);
  assert.throws(() => k.redact(5), TypeError);
  assert.equal(k.redact(out), out);
});

test("inspectToken never returns the secret", () => {
  const purposes = [null, "kubeadm_join", "karmada_register", "k3s_server", "k3s_agent", "rke2_server", "rke2_agent"];
  const inputs = [
    TOKEN,
    `${TOKEN}\n`,
    TOKEN.toUpperCase(),
    K10 + TOKEN,
    `${K10}server:hunter2hunter2`,
    `${K10}node:hunter2hunter2`,
    "hunter2hunter2",
    "K10abc::server:hunter2hunter2",
  ];
  for (const text of inputs) {
    for (const purpose of purposes) {
      for (const arg of [text, new TextEncoder().encode(text)]) {
        const r = k.inspectToken({ text: arg, purpose });
        const shown = JSON.stringify(r) + inspect(r, { depth: 9 }) + String(r);
        for (const s of [SECRET, SECRET.toUpperCase(), "hunter2"]) assert.ok(!shown.includes(s), shown);
        assert.equal(r.usable === null, purpose === null);
      }
    }
  }
});

test("inspectToken answers for a purpose", () => {
  const r = k.inspectToken({ text: TOKEN, purpose: "k3s-server" });
  assert.equal(r.kind, "bootstrap_token");
  assert.equal(r.tokenId, "9a08jv");
  assert.equal(r.usable, false);
  assert.deepEqual(
    r.reasons.map((f) => f.code),
    ["bootstrap_token_as_server_token"],
  );
  assert.throws(
    () => k.inspectToken({ text: TOKEN, purpose: "server" }),
    (e) => e instanceof k.InvalidOptionsError && e.code === "invalid_options",
  );
});

test("k3sJoinCommand: the token is in the texts, masked when printed", () => {
  const token = `${K10}node:hunter2hunter2`;
  const j = k.k3sJoinCommand({ server: "10.0.0.1", token, flavour: "rke2" });
  assert.equal(j.server, "https://10.0.0.1:9345");
  assert.equal(j.configPath, "/etc/rancher/rke2/config.yaml");
  assert.equal(j.config, `server: https://10.0.0.1:9345\ntoken: ${token}\n`);
  assert.ok(!inspect(j, { depth: 9 }).includes("hunter2"));
  assert.ok(!String(j).includes("hunter2"));
  assert.throws(
    () => k.k3sJoinCommand({ server: "h", token: TOKEN, role: "server" }),
    (e) => e.code === "invalid_k3s_token" && !e.message.includes(SECRET),
  );
});

test("k3sRotate: the new token is masked when printed, the blob opens with it", () => {
  const old = `${K10}server:oldsecretoldsecret`;
  const blob = k.k3sEncrypt({ passphrase: "oldsecretoldsecret", plaintext: "{}\n" });
  const r = k.k3sRotate({ token: old, value: blob });
  assert.equal(r.generated, true);
  assert.equal(r.newPassphrase.length, 32);
  assert.ok(!inspect(r, { depth: 9 }).includes(r.newPassphrase));
  assert.equal(new TextDecoder().decode(k.k3sDecrypt({ passphrase: r.newPassphrase, value: r.value })), "{}\n");
  assert.equal(k.k3sWhichTokenOpens({ tokens: [old, r.newToken], value: r.value }), 1);
  assert.throws(
    () => k.k3sRotate({ token: old, newToken: TOKEN }),
    (e) => e.code === "invalid_k3s_token" && !e.message.includes(SECRET),
  );
});
