// The error classes: real Error subclasses, one per error family, stable .code,
// thrown by the wasm module (never a string), TypeError for wrong JS types.

import assert from "node:assert/strict";
import { test } from "node:test";
import * as k from "kubetoken";
import { makeError } from "../js/errors.js";
import { loadFamilies } from "./load.mjs";

const families = loadFamilies();

test("every (code, family) of the core has an exported subclass", () => {
  const codes = Object.keys(families);
  assert.ok(codes.length >= 19, `${codes.length} codes in Error::CODES`);
  for (const [code, family] of Object.entries(families)) {
    const cls = k[family];
    assert.equal(typeof cls, "function", `${family} exported`);
    assert.equal(Object.getPrototypeOf(cls), k.KubetokenError, `${family} extends KubetokenError`);
    const e = makeError(family, code, "m");
    assert.ok(e instanceof cls && e instanceof k.KubetokenError && e instanceof Error);
    assert.equal(e.name, family);
    assert.equal(e.code, code);
    assert.equal(e.message, "m");
    assert.equal(String(e), `${family}: m`);
    assert.deepEqual(JSON.parse(JSON.stringify(e)), { name: family, code, message: "m" });
    assert.ok(!e.stack.includes("makeError"), "stack starts at the caller");
  }
});

test("thrown from wasm: InvalidTokenError", () => {
  assert.throws(
    () => k.parseToken("abcdef.0123456789abcdeX"),
    (e) =>
      e instanceof k.InvalidTokenError &&
      e instanceof k.KubetokenError &&
      e.code === "invalid_token" &&
      e.name === "InvalidTokenError" &&
      typeof e.stack === "string",
  );
});

test("thrown from wasm: InvalidOptionsError for a bad duration and a bad time", () => {
  assert.throws(
    () => k.parseDuration("1y"),
    (e) => e instanceof k.InvalidOptionsError && e.code === "invalid_duration",
  );
  assert.throws(
    () => k.parseRfc3339("yesterday"),
    (e) => e instanceof k.InvalidOptionsError && e.code === "invalid_timestamp",
  );
  assert.throws(
    () => k.parseRfc3339(new Date(Number.NaN)),
    (e) => e.code === "invalid_timestamp",
  );
});

test("wrong JavaScript types are TypeErrors that do not echo the value", () => {
  for (const bad of [42, null, undefined, {}, ["abcdef.0123456789abcdef"], true]) {
    assert.throws(
      () => k.parseToken(bad),
      (e) => e instanceof TypeError && !e.message.includes("0123456789abcdef"),
    );
  }
  assert.throws(() => k.parseDuration({}), TypeError);
  // A number of milliseconds is a `ttl` only; these take Go duration text, as in
  // every door.
  assert.throws(() => k.parseDuration(90 * 60 * 1000), TypeError);
  assert.throws(() => k.shortHumanDuration(0), TypeError);
  assert.throws(() => k.parseRfc3339(12), TypeError);
});

test("times accept native values; durations Go text", () => {
  assert.equal(k.parseDuration("90m"), "1h30m0s");
  assert.equal(k.parseDuration("1.5ms"), "1.5ms");
  assert.equal(k.parseDuration("0"), "0s");
  assert.equal(k.parseDuration("24h"), "24h0m0s");
  assert.equal(k.parseRfc3339(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678))), "2024-01-02T03:04:05Z");
  assert.equal(k.parseRfc3339("2024-01-02T03:04:05+02:00"), "2024-01-02T03:04:05+02:00");
  assert.equal(k.shortHumanDuration("23h"), "23h");
});

test("nesting past MAX_NESTING (64) is input_too_large: objects, arrays, cycles, text, both builds", async () => {
  const full = await import("kubetoken/full");
  const secret = (levels) => {
    let x = 0;
    for (let i = 1; i < levels; i++) x = [x];
    return {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "bootstrap-token-abcdef", namespace: "kube-system" },
      type: "bootstrap.kubernetes.io/token",
      stringData: { "token-id": "abcdef", "token-secret": "0123456789abcdef" },
      x,
    };
  };
  const tooLarge = (f) => assert.throws(f, (e) => e instanceof k.InputTooLargeError && e.code === "input_too_large");
  for (const m of [k, full]) {
    assert.equal(m.parseSecret(secret(64)).id, "abcdef");
    tooLarge(() => m.parseSecret(secret(65)));
    const cyclic = secret(2);
    cyclic.x = cyclic;
    tooLarge(() => m.parseSecret(cyclic));
    // An array of Secrets is level 1.
    assert.equal(m.parseSecretList([secret(63)]).length, 1);
    tooLarge(() => m.parseSecretList([secret(64)]));
    assert.equal(m.parseSecret(JSON.stringify(secret(64))).id, "abcdef");
    tooLarge(() => m.parseSecret(JSON.stringify(secret(65))));
  }
  // YAML text (a flow mapping after a comment line), full build only.
  assert.equal(full.parseSecret(`#\n${JSON.stringify(secret(64))}`).id, "abcdef");
  tooLarge(() => full.parseSecret(`#\n${JSON.stringify(secret(65))}`));
  assert.equal(full.parseSecretList(`#\n{"kind": "List", "items": [${JSON.stringify(secret(62))}]}`).length, 1);
  tooLarge(() => full.parseSecretList(`#\n{"kind": "List", "items": [${JSON.stringify(secret(63))}]}`));
});

test("JWS content and secret over MAX_JWS_BYTES (1 MiB) are input_too_large, text or bytes", () => {
  const big = "x".repeat((1 << 20) + 1);
  const cases = [
    [big, "s"],
    [new TextEncoder().encode(big), "s"],
    ["c", big],
  ];
  for (const [content, tokenSecret] of cases) {
    assert.throws(() => k.computeJws({ content, tokenId: "abcdef", tokenSecret }), k.InputTooLargeError);
    assert.throws(
      () => k.verifyJws({ signature: "x..y", content, tokenId: "abcdef", tokenSecret }),
      k.InputTooLargeError,
    );
  }
  const atCap = "x".repeat(1 << 20);
  const signature = k.computeJws({ content: atCap, tokenId: "abcdef", tokenSecret: "s" });
  assert.equal(k.verifyJws({ signature, content: atCap, tokenId: "abcdef", tokenSecret: "s" }), true);
});
