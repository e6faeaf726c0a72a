// The README's JavaScript example, run as written (the package imports itself by name,
// so `import ... from "kubetoken"` resolves to this package). Keeps the README true.

import assert from "node:assert/strict";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");

function block(lang) {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const m = readme.match(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``));
  assert.ok(m, `README has a ${lang} block`);
  return m[1];
}

test("the README's JavaScript example runs as written", async () => {
  const caPem = readFileSync(join(root, "tests/fixtures/k3s/cert-ed25519-root.pem"), "utf8");
  const dir = join(here, "tmp-readme");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `example-${process.pid}.mjs`);
  writeFileSync(file, `const caPem = ${JSON.stringify(caPem)};\n${block("js")}\nexport { token, manifest, join };\n`);
  try {
    const { token, manifest, join: cmd } = await import(pathToFileURL(file).href);
    assert.match(token, /^[a-z0-9]{6}\.[a-z0-9]{16}$/);
    assert.match(manifest, new RegExp(`name: bootstrap-token-${token.slice(0, 6)}\\n`));
    assert.match(manifest, /description: cmFjayA3\n/); // "rack 7"
    assert.ok(cmd.startsWith(`kubeadm join 10.0.0.10:6443 --token ${token} --discovery-token-ca-cert-hash sha256:`));
  } finally {
    rmSync(file, { force: true });
  }
});
