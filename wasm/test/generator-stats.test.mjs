// Statistics of generateToken() and its behaviour when crypto.getRandomValues fails.
//
// Chi-square goodness of fit against the uniform distribution over the 36 characters
// (df = 35) for 1,000,000 tokens: once over all 22 token characters together and once
// per position, 23 tests. Bonferroni: each test gets 1e-9 / 23 = 4.35e-11; the
// chi-square(35) quantile there is 119.03 (regularised upper incomplete gamma
// Q(17.5, x/2), mpmath at 40 digits). The threshold is 120: Q(17.5, 60) = 3.06e-11, so
// the whole test fails by chance with probability <= 23 * 3.06e-11 = 7.0e-10 < 1e-9.
// (The same numbers as core/tests/generator_stats.rs and python/tests/.)
import { test } from "node:test";
import assert from "node:assert/strict";
import * as k from "kubetoken";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
const TOKENS = 1_000_000;
const CRITICAL = 120;
const POSITIONS = [0, 1, 2, 3, 4, 5, ...Array.from({ length: 16 }, (_, i) => i + 7)];

const INDEX = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) INDEX[ALPHABET.charCodeAt(i)] = i;

function chiSquare(counts) {
  const n = counts.reduce((a, b) => a + b, 0);
  const expected = n / 36;
  return counts.reduce((s, c) => s + ((c - expected) * (c - expected)) / expected, 0);
}

test("generateToken: uniform overall and per position (chi-square, 1e6 tokens)", () => {
  const perPosition = POSITIONS.map(() => new Array(36).fill(0));
  for (let n = 0; n < TOKENS; n++) {
    const t = k.generateToken();
    assert.equal(typeof t, "string");
    if (t.length !== 23 || t.charCodeAt(6) !== 46) assert.fail(`token shape: length ${t.length}`);
    for (let p = 0; p < POSITIONS.length; p++) {
      const code = t.charCodeAt(POSITIONS[p]);
      const i = code < 128 ? INDEX[code] : -1;
      if (i < 0) assert.fail(`character code ${code} outside [a-z0-9] at ${POSITIONS[p]}`);
      perPosition[p][i]++;
    }
  }
  const overall = new Array(36).fill(0);
  for (const c of perPosition) c.forEach((x, i) => (overall[i] += x));
  const xs = perPosition.map(chiSquare);
  const xOverall = chiSquare(overall);
  console.log(
    `chi-square (df 35) over ${TOKENS} tokens: overall ${xOverall.toFixed(1)}, ` +
      `worst position ${Math.max(...xs).toFixed(1)}, critical ${CRITICAL}`,
  );
  assert.ok(xOverall < CRITICAL, `overall chi-square ${xOverall}`);
  xs.forEach((x, p) => assert.ok(x < CRITICAL, `position ${POSITIONS[p]}: chi-square ${x}`));
  const parts = k.parseToken(k.generateToken());
  assert.match(parts.id, /^[a-z0-9]{6}$/);
  assert.match(parts.secret, /^[a-z0-9]{16}$/);
});

test("the statistic rejects a biased source", () => {
  // 'z' at 6/251, every other character at 7/251 (a generator fed bytes 0..=250 only).
  const n = 300_000;
  const counts = new Array(36).fill(0);
  let x = 0x9e3779b9;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const b = (x >>> 0) % 251;
    counts[b % 36]++;
  }
  assert.ok(chiSquare(counts) > CRITICAL, `biased chi-square ${chiSquare(counts)}`);
});

test("a failing crypto.getRandomValues gives a KubetokenError, never a token", () => {
  const c = globalThis.crypto;
  const calls = [];
  c.getRandomValues = (buf) => {
    calls.push(buf.length);
    throw new Error("entropy source unavailable");
  };
  try {
    for (const fn of [() => k.generateToken(), () => k.k3sTokenGenerate()]) {
      let out;
      assert.throws(
        () => {
          out = fn();
        },
        (e) => {
          assert.ok(e instanceof k.KubetokenError, `${e?.name}: ${e?.message}`);
          assert.equal(e.code, "random_failure");
          return true;
        },
      );
      assert.equal(out, undefined, "no token returned");
    }
    assert.ok(calls.length >= 2, "the stub was called");
  } finally {
    delete c.getRandomValues;
  }
  assert.ok(k.isValidToken(k.generateToken()), "works again once restored");
});
