// The binding conventions of docs/api.md, checked through the Node entry: native JS
// values are equivalent to their string forms, `now` defaults to the current time,
// unknown options are refused, randomness comes from crypto.getRandomValues.

import assert from "node:assert/strict";
import { test } from "node:test";
// The full build: these cases pass YAML manifests (the conversions are the same code in
// the lean build; the vector tests run both).
import * as k from "kubetoken/full";

const token = "abcdef.0123456789abcdef";
const data = (m) =>
  Object.fromEntries(Object.entries(m.data).map(([key, v]) => [key, Buffer.from(v, "base64").toString()]));

test("Date ≡ RFC3339 string, milliseconds ≡ Go duration, object ≡ YAML text", () => {
  const a = k.renderSecret({ token, ttl: "90m", now: "2024-01-01T00:00:00Z" });
  const b = k.renderSecret({ token, ttl: 90 * 60 * 1000, now: new Date(Date.UTC(2024, 0, 1)) });
  assert.deepEqual(a, b);
  assert.equal(data(a).expiration, "2024-01-01T01:30:00Z");
  const c = k.renderSecret({ token, expires: new Date(Date.UTC(2030, 5, 1, 12)), now: "2024-01-01T00:00:00Z" });
  assert.equal(data(c).expiration, "2030-06-01T12:00:00Z");
  const yaml = k.renderSecretYaml({ token, now: "2024-01-01T00:00:00Z" });
  assert.deepEqual(k.parseSecret(yaml), k.parseSecret(k.renderSecret({ token, now: "2024-01-01T00:00:00Z" })));
  assert.deepEqual(k.parseSecret(JSON.stringify(a)), k.parseSecret(a));
});

test("string ≡ Uint8Array for content and secrets", () => {
  const enc = new TextEncoder();
  assert.equal(
    k.computeJws({ content: "hello", tokenId: "abcdef", tokenSecret: "0123456789abcdef" }),
    k.computeJws({ content: enc.encode("hello"), tokenId: "abcdef", tokenSecret: enc.encode("0123456789abcdef") }),
  );
});

test("now defaults to the current time (JS Date.now())", () => {
  const before = Math.floor(Date.now() / 1000) * 1000;
  const m = k.renderSecret({ token, ttl: "1h" });
  const after = Date.now();
  const exp = Date.parse(data(m).expiration);
  assert.ok(exp >= before + 3600_000 && exp <= after + 3600_000, `${data(m).expiration}`);
  const e = k.tokenExpiration({ secret: m });
  assert.equal(e.expired, false);
});

test("unknown option keys are InvalidOptionsError (typos are not ignored)", () => {
  assert.throws(
    () => k.renderSecret({ token, tll: "1h" }),
    (e) => e instanceof k.InvalidOptionsError && e.code === "invalid_options",
  );
  assert.throws(
    () => k.computeJws({ content: "x", tokenId: "abcdef", tokenSecret: "s", token_id: "x" }),
    (e) => e.code === "invalid_options",
  );
  assert.throws(() => k.authenticate("abcdef.0123456789abcdef"), TypeError);
});

test("randomness comes from crypto.getRandomValues, never Math.random", () => {
  const realGRV = globalThis.crypto.getRandomValues;
  const realRandom = Math.random;
  let grv = 0;
  let mr = 0;
  globalThis.crypto.getRandomValues = (a) => {
    grv++;
    return realGRV.call(globalThis.crypto, a);
  };
  Math.random = () => {
    mr++;
    return realRandom();
  };
  try {
    const tokens = new Set(Array.from({ length: 50 }, () => k.generateToken()));
    assert.equal(tokens.size, 50);
    k.renderSecret({});
    k.k3sEncrypt({ passphrase: "p", plaintext: "x" });
  } finally {
    globalThis.crypto.getRandomValues = realGRV;
    Math.random = realRandom;
  }
  assert.ok(grv >= 52, `getRandomValues called ${grv} times`);
  assert.equal(mr, 0);
});
