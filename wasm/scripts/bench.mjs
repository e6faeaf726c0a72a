// `make bench-wasm` (second half): time per call of hot paths through the Node entry
// (wasm + argument conversion), fixed iteration counts, best of 5 rounds. Informational:
// nothing asserts on these numbers. The lean build, and the full one for YAML input.
import { performance } from "node:perf_hooks";
import * as k from "kubetoken";
import * as full from "kubetoken/full";

const now = "2024-01-01T00:00:00Z";
const token = "abcdef.0123456789abcdef";
const secret = k.renderSecret({ token, now });
const yaml = k.renderSecretYaml({ token, now });
const cases = [
  ["generateToken()", 20000, () => k.generateToken()],
  ["parseToken(token)", 50000, () => k.parseToken(token)],
  ["isValidToken(token)", 50000, () => k.isValidToken(token)],
  ["renderSecret({token, now})", 5000, () => k.renderSecret({ token, now })],
  ["renderSecretYaml({token, now})", 5000, () => k.renderSecretYaml({ token, now })],
  ["parseSecret(object)", 5000, () => k.parseSecret(secret)],
  ["parseSecret(yaml) (kubetoken/full)", 5000, () => full.parseSecret(yaml)],
  ["authenticate({token, secrets:[1]})", 5000, () => k.authenticate({ token, secrets: [secret], now })],
  [
    "computeJws({content 1 KiB})",
    5000,
    () => k.computeJws({ content: "x".repeat(1024), tokenId: "abcdef", tokenSecret: "0123456789abcdef" }),
  ],
  ["k3sTokenHash(passphrase)", 20000, () => k3sHash()],
];
function k3sHash() {
  return k.k3sTokenHash("passphrase");
}

console.log("\nkubetoken npm package — time per call (Node, best of 5 rounds)");
for (const [name, n, fn] of cases) {
  for (let i = 0; i < Math.min(n, 1000); i++) fn(); // warm up
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn();
    best = Math.min(best, (performance.now() - t0) / n);
  }
  console.log(`${name.padEnd(40)} ${(best * 1000).toFixed(2).padStart(9)} µs/op`);
}
