// The six jobs, performed in Chromium with inputs from tests/vectors/*.json. Each expected
// value is computed by calling the same kubetoken npm package in Node with the same inputs
// (and checked against the vector's own expectation where the vector states one), then
// compared with exactly what the page shows.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
// Expectations from the full build: the page answers every job (its list, discovery and
// k3s tabs load "kubetoken/full").
import * as kt from "kubetoken/full";
import { jsArg } from "../../wasm/test/runner.mjs";
import { loadVectors, openPage, shot, startDemo, text, vector } from "./harness.mjs";

const NOW = "2026-01-02T03:04:05Z";
let demo;
let cases;

before(async () => {
  demo = await startDemo();
  cases = loadVectors();
});
after(async () => {
  await demo?.close();
});

/** Fix the page's reference time so now-dependent output is deterministic. */
async function fixClock(page, now = NOW) {
  if (!(await page.locator("#clock").evaluate((d) => d.open))) await page.click("#clock summary");
  await page.check("#clock-fixed");
  await page.fill("#clock-time", now);
  assert.equal(await page.locator("#clock-label").innerText(), kt.parseRfc3339(now));
}

/** Reveal a masked output and return exactly what it shows. */
async function revealed(page, id) {
  const btn = page.locator(`#${id}-reveal`);
  if ((await btn.count()) > 0 && (await btn.isVisible()) && (await btn.getAttribute("aria-pressed")) === "false") {
    await btn.click();
  }
  return text(page, `#${id}`);
}

/** Hide a revealed output again and return exactly what it shows (masked). */
async function masked(page, id) {
  const btn = page.locator(`#${id}-reveal`);
  if ((await btn.count()) > 0 && (await btn.isVisible()) && (await btn.getAttribute("aria-pressed")) === "true") {
    await btn.click();
  }
  return text(page, `#${id}`);
}

/**
 * What `id` shows once it shows `want`, or after 10 s: a YAML input in the lean-build tabs
 * loads "kubetoken/full" first, and the view refreshes when it is there.
 */
async function revealedEventually(page, id, want) {
  let got;
  for (let i = 0; i < 100; i++) {
    got = await revealed(page, id);
    if (got === want) break;
    await page.waitForTimeout(100);
  }
  return got;
}

const asText = (v) => (typeof v === "string" ? v : JSON.stringify(v, null, 2));

const KNOWN_USAGES = ["signing", "authentication"];
const list = (v) => (v === undefined ? undefined : Array.isArray(v) ? v : String(v).split(","));

/** A render_secret vector the form can express (no expires, ms TTL, stringData or unknown usage). */
const formable = (c) =>
  c.args.expires === undefined &&
  (c.args.ttl === undefined || typeof c.args.ttl === "string") &&
  !c.args.string_data &&
  (list(c.args.usages) ?? []).every((u) => KNOWN_USAGES.includes(u));

/** Type a render_secret vector's options into the form; returns the options the page passes. */
async function fillCreate(page, a) {
  await page.check(`input[name="c-flavour"][value="${a.flavour ?? "kubeadm"}"]`);
  await page.fill("#c-token", a.token);
  await page.fill("#c-ttl", a.ttl ?? "24h");
  const usages = list(a.usages) ?? KNOWN_USAGES;
  for (const u of KNOWN_USAGES) await page.setChecked(`input[name="c-usage"][value="${u}"]`, usages.includes(u));
  await page.fill("#c-groups", (list(a.groups) ?? []).join(","));
  await page.fill("#c-description", a.description ?? "");
  const opts = {
    token: a.token,
    ttl: a.ttl ?? "24h",
    usages: KNOWN_USAGES.filter((u) => usages.includes(u)),
    description: a.description ?? "",
    flavour: a.flavour ?? "kubeadm",
    now: a.now,
  };
  if (list(a.groups)?.length) opts.groups = list(a.groups);
  return opts;
}

test("1. create a token: Secret YAML/JSON, kubectl one-liner, expiry, join command", async () => {
  const p = await openPage(demo);
  const { page } = p;
  await fixClock(page);

  // a) Generate: a valid token, masked until revealed, rendered exactly as the core does.
  await page.click("#c-generate");
  const generated = await page.inputValue("#c-token");
  assert.equal(kt.isValidToken(generated), true);
  const { secret } = kt.parseToken(generated);
  const secretB64 = Buffer.from(secret).toString("base64");
  for (const id of ["c-yaml", "c-json", "c-apply"]) {
    const shown = await text(page, `#${id}`);
    assert.ok(!shown.includes(secretB64) && !shown.includes(secret), `#${id} masked until revealed`);
  }
  const args = { token: generated, ttl: "24h", usages: KNOWN_USAGES, description: "", flavour: "kubeadm", now: NOW };
  assert.equal(await revealed(page, "c-yaml"), kt.renderSecretYaml(args));
  assert.equal(await revealed(page, "c-json"), JSON.stringify(kt.renderSecret(args), null, 2));
  const apply = await revealed(page, "c-apply");
  assert.equal(apply, `printf '%s\\n' '${JSON.stringify(kt.renderSecret(args))}' | kubectl apply -f -`);
  assert.equal(await page.locator("#c-expires").innerText(), "2026-01-03T03:04:05Z");

  // b) Every render_secret vector the form can express, typed in: same manifest as the core.
  const vs = cases.filter((c) => (c.op === "render_secret" || c.op === "render_secret_yaml") && formable(c));
  assert.ok(vs.length >= 5, `render_secret vectors to type in (found ${vs.length})`);
  let typed = 0;
  for (const v of vs) {
    await fixClock(page, v.args.now);
    const opts = await fillCreate(page, v.args);
    if (v.expect.error) {
      const code = await page.locator("#c-groups-error, #c-usages-error, #c-ttl-error, #c-token-error, #c-output-error")
        .and(page.locator("[data-code]")).first().getAttribute("data-code");
      assert.equal(code, v.expect.error, `${v.source}: error beside the field`);
      continue;
    }
    if (v.op === "render_secret") {
      const got = kt.renderSecret(opts);
      assert.deepEqual(got, v.expect.ok, `${v.source}: the core agrees with the vector`);
      assert.equal(await revealed(page, "c-json"), JSON.stringify(got, null, 2));
    } else {
      assert.equal(kt.renderSecretYaml(opts), v.expect.ok);
      assert.equal(await revealed(page, "c-yaml"), v.expect.ok);
    }
    typed++;
  }
  assert.ok(typed >= 5);
  await shot(page, "1-create");

  // c) Join command from a CA certificate of the pin vectors, then karmada's register command.
  await fixClock(page);
  await fillCreate(page, { token: "abcdef.0123456789abcdef" });
  const h = vector(cases, "ca_cert_hashes", (c) => c.expect.ok?.length === 1, "with one certificate");
  await page.fill("#c-ca", h.args.pem);
  await page.fill("#c-server", "10.0.0.1:6443");
  assert.deepEqual(kt.caCertHashes(h.args.pem), h.expect.ok);
  assert.equal(await text(page, "#c-hashes"), h.expect.ok.join("\n"));
  const join = kt.joinCommand({ token: "abcdef.0123456789abcdef", server: "10.0.0.1:6443", caPem: h.args.pem });
  assert.equal(join, `kubeadm join 10.0.0.1:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash ${h.expect.ok[0]} `);
  assert.equal(await revealed(page, "c-join"), join);
  await shot(page, "1-create-join");
  await page.check('input[name="c-flavour"][value="karmada"]');
  const register = kt.registerCommand({ token: "abcdef.0123456789abcdef", server: "10.0.0.1:6443", caPem: h.args.pem });
  assert.equal(await revealed(page, "c-join"), register);

  // d) The same from a kubeconfig (a join_command vector's), server taken from it.
  await page.check('input[name="c-flavour"][value="kubeadm"]');
  await page.fill("#c-server", "");
  const kv = vector(cases, "join_command", (c) => c.expect.ok && typeof c.args.kubeconfig === "string" && !c.args.context, "with a kubeconfig");
  // dropped onto the box as a file, as a user would drag admin.conf in
  await page.fill("#c-ca", "");
  const dt = await page.evaluateHandle((conf) => {
    const d = new DataTransfer();
    d.items.add(new File([conf], "admin.conf", { type: "text/plain" }));
    return d;
  }, kv.args.kubeconfig);
  await page.dispatchEvent('.drop[data-drop-for="c-ca"]', "drop", { dataTransfer: dt });
  await page.locator("#copy-status").filter({ hasText: "Loaded admin.conf" }).waitFor();
  assert.equal(await page.inputValue("#c-ca"), kv.args.kubeconfig);
  const joinKc = kt.joinCommand({ token: "abcdef.0123456789abcdef", kubeconfig: kv.args.kubeconfig });
  assert.equal(await revealedEventually(page, "c-join", joinKc), joinKc);
  await p.assertClean();
});

test("2. check a token: format, authentication verdict, time left", async () => {
  const p = await openPage(demo, { hash: "#check" });
  const { page } = p;
  // Every authenticate vector with one Secret, pasted as JSON, at the vector's time.
  const vs = cases.filter((c) => c.op === "authenticate" && c.expect.ok && c.args.secrets?.length === 1);
  assert.ok(vs.filter((c) => c.expect.ok.authenticated).length >= 2, "accepting authenticate vectors");
  assert.ok(vs.filter((c) => !c.expect.ok.authenticated).length >= 3, "denying authenticate vectors");
  const seen = new Set();
  for (const v of vs) {
    await fixClock(page, v.args.now);
    const secretText = JSON.stringify(v.args.secrets[0], null, 2);
    await page.fill("#k-token", v.args.token);
    await page.fill("#k-secret", secretText);
    const want = kt.authenticate({ token: v.args.token, secrets: [secretText], now: v.args.now });
    assert.deepEqual(want, v.expect.ok, `${v.source}: the core agrees with the vector`);
    if (want.authenticated) {
      assert.equal(await page.locator("#k-user").innerText(), want.user.name);
      assert.equal(await page.locator("#k-groups").innerText(), want.user.groups.join(", "));
    } else {
      assert.equal(await page.locator("#k-reason-code").innerText(), want.reason, v.source);
    }
    const shotName = want.authenticated ? "2-check-accepted" : `2-check-denied-${want.reason}`;
    if (!seen.has(shotName)) await shot(page, shotName);
    seen.add(shotName);
    // The token itself is never shown in clear on the page (the input is a password field).
    const secretPart = v.args.token.split(".")[1];
    if (secretPart) assert.ok(!(await page.locator("main").innerText()).includes(secretPart), "secret not shown");
  }

  // Time left: a Secret made by the core with a 2h TTL, checked 30 minutes later.
  const token = "abcdef.0123456789abcdef";
  const secretYaml = kt.renderSecretYaml({ token, ttl: "2h", now: NOW });
  await fixClock(page, "2026-01-02T03:34:05Z");
  await page.fill("#k-token", token);
  await page.fill("#k-secret", secretYaml);
  const exp = kt.tokenExpiration({ secret: secretYaml, now: "2026-01-02T03:34:05Z" });
  assert.equal(exp.remaining, "1h30m0s");
  const left = `${kt.shortHumanDuration(exp.remaining)} (${exp.remaining})`;
  assert.equal(await revealedEventually(page, "k-left", left), left);
  assert.equal(await page.locator("#k-expires").innerText(), kt.parseSecret(secretYaml).expires);
  assert.equal(await page.locator("#k-user").innerText(), "system:bootstrap:abcdef");
  await shot(page, "2-check");
  await p.assertClean();
});

test("3. list tokens: kubeadm token list table", async () => {
  const p = await openPage(demo, { hash: "#list" });
  const { page } = p;
  // list_tokens vectors, their Secrets pasted as a `kubectl get secrets -o json` List.
  // The page reads the pasted List as text and prints decoded token options, so Secrets
  // whose stored bytes are not UTF-8 (the printer-on-bytes vectors) are the Node tests' job.
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  const textOnly = (secrets) =>
    secrets.every((s) =>
      Object.values(s?.data ?? {}).every((b) => {
        try {
          utf8.decode(Buffer.from(String(b), "base64"));
          return true;
        } catch {
          return false;
        }
      }),
    );
  const vs = cases.filter(
    (c) =>
      c.op === "list_tokens" &&
      c.expect.ok &&
      (c.args.format ?? "text") === "text" &&
      Array.isArray(c.args.secrets) &&
      textOnly(c.args.secrets),
  );
  assert.ok(vs.length >= 2, "list_tokens vectors");
  let n = 0;
  for (const v of vs) {
    const flavour = v.args.flavour ?? "kubeadm";
    await fixClock(page, v.args.now);
    await page.check(`input[name="l-flavour"][value="${flavour}"]`);
    const input = JSON.stringify({ apiVersion: "v1", kind: "List", items: v.args.secrets }, null, 4);
    await page.fill("#l-input", input);
    // The page decodes the pasted List (parseSecretList + renderTokenList); the core's other
    // route, listTokens over the Secrets themselves, must print the same.
    const want = kt.listTokens({ secrets: v.args.secrets, now: v.args.now, format: "text", flavour });
    assert.equal(want.output, v.expect.ok.output, `${v.source}: the core agrees with the vector`);
    assert.equal(await revealed(page, "l-table"), want.output);
    assert.equal(await page.locator("#l-skipped li").count(), want.errors.length);
    if (n++ === 0) await shot(page, "3-list");
  }
  await p.assertClean();
});

test("4. discovery: signature check, CA pins, server", async () => {
  const p = await openPage(demo, { hash: "#discovery" });
  const { page } = p;
  const vs = cases.filter((c) => c.op === "verify_cluster_info" && c.expect.ok);
  assert.ok(vs.some((c) => c.expect.ok.verified) && vs.some((c) => !c.expect.ok.verified), "verifying and refusing vectors");
  const seen = new Set();
  for (const v of vs) {
    const cm = typeof v.args.configmap === "string" ? v.args.configmap : JSON.stringify(v.args.configmap, null, 2);
    const pins = v.args.ca_cert_hashes ?? [];
    await page.fill("#d-configmap", cm);
    await page.fill("#d-token", v.args.token);
    await page.fill("#d-pins", pins.join("\n"));
    const want = kt.verifyClusterInfo({ configmap: cm, token: v.args.token, caCertHashes: pins });
    assert.deepEqual(want, v.expect.ok, `${v.source}: the core agrees with the vector`);
    if (want.verified) {
      assert.equal(await page.locator("#d-server").innerText(), want.server);
      assert.equal(await page.locator("#d-hashes").innerText(), want.caCertHashes.join("\n"));
      assert.match(await page.locator("#d-result").innerText(), want.pinned ? /^Trusted/ : /^Signed/);
    } else {
      assert.equal(await page.locator("#d-reason-code").innerText(), want.reason);
    }
    const name = want.verified ? (want.pinned ? "4-discovery" : "4-discovery-unpinned") : `4-discovery-${want.reason}`;
    if (!seen.has(name)) await shot(page, name);
    seen.add(name);
  }
  // A bad pin is an error beside the pins field, with its code.
  const bad = vector(cases, "verify_cluster_info", (c) => c.expect.error === "invalid_hash", "with a malformed pin");
  await page.fill("#d-configmap", JSON.stringify(bad.args.configmap));
  await page.fill("#d-token", bad.args.token);
  await page.fill("#d-pins", bad.args.ca_cert_hashes.join("\n"));
  assert.equal(await page.locator("#d-pins-error").getAttribute("data-code"), "invalid_hash");
  await p.assertClean();
});

test("5. k3s: parse a K10 token, hash the bundle, match or mismatch, make a K10 token", async () => {
  const p = await openPage(demo, { hash: "#k3s" });
  const { page } = p;

  // a) Bundle hashes: pasted text (no CR: a textarea keeps only LF), one per hash method.
  const hashes = cases.filter(
    (c) => c.op === "k3s_ca_hash" && c.expect.ok && typeof c.args.bundle === "string" && !c.args.bundle.includes("\r"),
  );
  const methods = new Set();
  for (const v of hashes) {
    if (methods.has(v.expect.ok.method)) continue;
    methods.add(v.expect.ok.method);
    await fixClock(page, v.args.now ?? NOW);
    await page.fill("#s-token", "");
    await page.fill("#s-bundle", v.args.bundle);
    const want = kt.k3sCaHash({ bundle: v.args.bundle, now: v.args.now ?? NOW });
    assert.deepEqual(want, v.expect.ok, `${v.source}: the core agrees with the vector`);
    assert.equal(await text(page, "#s-hash"), want.hash);
  }
  assert.ok(methods.has("single") && methods.has("root"), `hash methods exercised: ${[...methods]}`);

  // b) A file's exact bytes are hashed (CRLF kept), not the textarea's normalised text.
  const single = hashes.find((c) => c.expect.ok.method === "single");
  const crlf = single.args.bundle.replace(/\n/g, "\r\n");
  const crlfHash = kt.k3sCaHash({ bundle: new TextEncoder().encode(crlf), now: single.args.now ?? NOW }).hash;
  assert.notEqual(crlfHash, single.expect.ok.hash, "line ends change a single-certificate hash");
  await fixClock(page, single.args.now ?? NOW);
  await page.setInputFiles("#s-bundle-file", { name: "server-ca.crt", mimeType: "application/x-x509-ca-cert", buffer: Buffer.from(crlf) });
  await page.locator("#s-hash-how").filter({ hasText: "server-ca.crt" }).waitFor();
  assert.equal(await text(page, "#s-hash"), crlfHash);

  // c) Match / mismatch of a K10 token against the bundle, as the core says.
  const checks = cases.filter((c) => c.op === "verify_k3s_ca" && c.expect.ok && typeof c.args.bundle === "string" && !c.args.user && !c.args.bundle.includes("\r"));
  const statuses = new Set();
  for (const v of checks) {
    await fixClock(page, v.args.now ?? NOW);
    await page.fill("#s-bundle", v.args.bundle);
    await page.fill("#s-token", v.args.token);
    const want = kt.verifyK3sCa({ token: v.args.token, bundle: v.args.bundle, now: v.args.now ?? NOW });
    assert.deepEqual(want, v.expect.ok, `${v.source}: the core agrees with the vector`);
    assert.equal(await page.locator("#s-status").innerText(), want.status);
    if (!statuses.has(want.status)) await shot(page, `5-k3s-${want.status}`);
    statuses.add(want.status);
  }
  assert.ok(statuses.has("match") && statuses.has("mismatch"), `statuses exercised: ${[...statuses]}`);

  // d) Parsed parts: the ID or username is shown, never the secret or password.
  for (const v of cases.filter((c) => c.op === "parse_k3s_token" && c.expect.ok).slice(0, 12)) {
    await page.fill("#s-token", v.args.token);
    const want = kt.parseK3sToken(v.args.token);
    assert.deepEqual(want, v.expect.ok);
    assert.equal(await page.locator("#s-cahash").innerText(), want.caHash || "<none>");
    if (want.kind === "bootstrap") assert.equal(await page.locator("#s-token-id").innerText(), want.tokenId);
    // Every value shown (the kind row is fixed wording) is free of the secret / password.
    const values = await page.locator("#s-parts dd:not(#s-kind)").allInnerTexts();
    const hidden = want.kind === "bootstrap" ? want.token.split(".")[1] : want.password;
    for (const shown of values) assert.ok(!shown.includes(hidden), `${v.source}: secret part not shown (${shown})`);
  }

  // e) What `k3s token create` prints for the bundle and a bootstrap token (stdout, newline
  // included); for <user>:<password> credentials, a K10 token of the server token's form.
  const bundle = hashes.find((c) => c.expect.ok.method === "single").args.bundle;
  await fixClock(page);
  await page.fill("#s-bundle", bundle);
  await page.fill("#s-token", "");
  await page.fill("#s-creds", "abcdef.0123456789abcdef");
  const created = kt.k3sTokenCreateOutput({ token: "abcdef.0123456789abcdef", bundle, now: NOW });
  assert.equal(created, `K10${kt.k3sCaHash({ bundle, now: NOW }).hash}::abcdef.0123456789abcdef\n`);
  assert.ok(!(await text(page, "#s-k10")).includes("0123456789abcdef"), "masked until revealed");
  assert.equal(await revealed(page, "s-k10"), created);
  assert.equal(await page.locator("#s-k10-h").innerText(), "k3s token create output");
  assert.match(await page.locator("#s-k10-summary").innerText(), /^What `k3s token create` prints for this bootstrap token and CA bundle/);
  await page.fill("#s-token", created.trimEnd());
  assert.equal(await page.locator("#s-status").innerText(), "match");
  await shot(page, "5-k3s");
  await page.fill("#s-creds", "server:3f2b1c9a8e7d6c5b4a39281706f5e4d3");
  const serverForm = kt.formatK3sToken({ credentials: "server:3f2b1c9a8e7d6c5b4a39281706f5e4d3", bundle, now: NOW });
  assert.ok(!(await masked(page, "s-k10")).includes("3f2b1c9a8e7d6c5b4a39281706f5e4d3"), "password masked until revealed");
  assert.equal(await revealed(page, "s-k10"), serverForm);
  assert.equal(await page.locator("#s-k10-h").innerText(), "K10 token");
  assert.match(await page.locator("#s-k10-summary").innerText(), /`k3s token create` makes bootstrap tokens only/);

  await p.assertClean();
});

/** No horizontal page scroll (the 390px guarantee). */
async function pageOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The texts of the visible error boxes of a view, by field id. */
async function visibleErrors(page, view) {
  return page.locator(`#view-${view} .error:visible`).evaluateAll((ns) => ns.map((n) => n.id.replace(/-error$/, "")));
}

test("1b. create: control-plane join with a certificate key (masked), from the core's joinCommand", async () => {
  const p = await openPage(demo);
  const { page } = p;
  await fixClock(page);
  const token = "abcdef.0123456789abcdef";
  await fillCreate(page, { token });

  // The vector: a control-plane join from a CA certificate, without a certificate key.
  const v = vector(cases, "join_command", (c) => c.expect.ok && c.args.control_plane && typeof c.args.ca_pem === "string", "for a control plane with a CA");
  await page.fill("#c-ca", v.args.ca_pem);
  await page.fill("#c-server", v.args.server);
  assert.equal(await page.isVisible("#c-certkey"), false, "the key field shows for a control plane only");
  await page.check("#c-control-plane");
  const noKey = kt.joinCommand({ token, server: v.args.server, caPem: v.args.ca_pem, controlPlane: true });
  assert.equal(noKey, v.expect.ok, `${v.source}: the core agrees with the vector`);
  assert.equal(await revealed(page, "c-join"), noKey);

  // With a key (what `kubeadm init phase upload-certs --upload-certs` prints): masked until revealed.
  const key = "5d1e4c7a9b0f3e2d6c8a1b4f7e0d3c6a9b2e5f8a1d4c7b0e3f6a9d2c5b8e1f40";
  await page.click("#c-join-reveal"); // hide again
  await page.fill("#c-certkey", key);
  assert.equal(await page.getAttribute("#c-certkey", "type"), "password");
  const want = kt.joinCommand({ token, server: v.args.server, caPem: v.args.ca_pem, controlPlane: true, certificateKey: key });
  assert.ok(want.endsWith(` --control-plane --certificate-key ${key}`));
  const masked = await text(page, "#c-join");
  assert.ok(!masked.includes(key) && !masked.includes("0123456789abcdef"), `key and token masked: ${masked}`);
  assert.equal(await revealed(page, "c-join"), want);
  await shot(page, "1b-create-control-plane");

  // A key kubeadm would not print: the core's error beside the key field, nothing else red.
  await page.fill("#c-certkey", "not a key");
  const err = page.locator("#c-certkey-error");
  assert.equal(await err.getAttribute("data-code"), "invalid_options");
  assert.throws(() => kt.joinCommand({ token, server: v.args.server, caPem: v.args.ca_pem, certificateKey: "not a key" }), { code: "invalid_options" });
  assert.deepEqual(await visibleErrors(page, "create"), ["c-certkey"]);
  assert.ok(!(await page.locator("main").innerText()).includes("not a key"), "the key is not echoed");
  await page.fill("#c-certkey", key);

  // Unchecked: a worker's command again.
  await page.uncheck("#c-control-plane");
  assert.equal(await revealed(page, "c-join"), kt.joinCommand({ token, server: v.args.server, caPem: v.args.ca_pem }));

  // 390px: the control-plane form fits.
  await page.check("#c-control-plane");
  await page.setViewportSize({ width: 390, height: 844 });
  assert.ok((await pageOverflow(page)) <= 0, "no horizontal scrolling at 390px");
  const box = await page.locator("#c-certkey").boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= 390, "#c-certkey fits in 390px");
  await shot(page, "1b-create-control-plane-390");
  await p.assertClean();
});

test("1c. create on k3s / rke2: K10 hash wording, agent and server join from the core's k3sJoinCommand", async () => {
  const p = await openPage(demo);
  const { page } = p;
  await fixClock(page);
  const token = "abcdef.0123456789abcdef";
  const single = vector(
    cases,
    "k3s_ca_hash",
    (c) => c.expect.ok?.method === "single" && typeof c.args.bundle === "string" && !c.args.bundle.includes("\r"),
    "for a single certificate",
  );
  const bundle = single.args.bundle;
  for (const flavour of ["k3s", "rke2"]) {
    await fillCreate(page, { token, flavour });
    await page.fill("#c-ca", bundle);
    await page.fill("#c-server", "10.0.0.1");
    // No kubeadm-only hints or outputs; the hash's dependence on the exact bytes is stated.
    const shown = await page.locator("#view-create").innerText();
    for (const kubeadmOnly of ["/etc/kubernetes/pki/ca.crt", "CA pins", "discovery-token-ca-cert-hash"]) {
      assert.ok(!shown.includes(kubeadmOnly), `${flavour}: no "${kubeadmOnly}" on the page`);
    }
    assert.match(shown, /The K10 hash depends on the exact bytes of the CA bundle pasted/);
    assert.equal(await page.isVisible("#c-hashes-box"), false);
    assert.equal(await page.isVisible("#c-control-plane"), false, "no kubeadm control-plane option");
    const hash = kt.k3sCaHash({ bundle, now: NOW });
    assert.equal(await text(page, "#c-k10hash"), hash.hash);
    // The agent joins with what `k3s token create` prints for this CA (without its newline).
    const k10 = kt.formatK3sToken({ credentials: token, bundle, now: NOW });
    assert.equal(`${k10}\n`, kt.k3sTokenCreateOutput({ token, bundle, now: NOW }));
    const j = kt.k3sJoinCommand({ server: "10.0.0.1", token: k10, flavour, role: "agent" });
    for (const id of ["c-join", "c-install", "c-config"]) {
      assert.ok(!(await masked(page, id)).includes("0123456789abcdef"), `${flavour}: #${id} masked until revealed`);
    }
    assert.equal(await revealed(page, "c-join"), j.command);
    assert.equal(await revealed(page, "c-install"), j.install);
    assert.equal(await revealed(page, "c-config"), j.config);
    assert.equal(await text(page, "#c-config-path"), j.configPath);
    assert.match(j.command, new RegExp(`^${flavour} agent --server https://10\\.0\\.0\\.1:${flavour === "k3s" ? 6443 : 9345} `));
    await shot(page, `1c-create-${flavour}-agent`);

    // A server with the bootstrap token: the core refuses it (k3s#7313), beside the server token.
    await page.check('input[name="c-role"][value="server"]');
    assert.throws(() => kt.k3sJoinCommand({ server: "10.0.0.1", token: k10, flavour, role: "server" }), { code: "invalid_k3s_token" });
    assert.equal(await page.locator("#c-server-token-error").getAttribute("data-code"), "invalid_k3s_token");
    assert.equal(await page.isVisible("#c-join-box"), false);
    await page.check('input[name="c-role"][value="agent"]');
  }

  // Server joins typed from the k3s_join_command vectors (server + server token).
  const servers = cases.filter((c) => c.op === "k3s_join_command" && c.expect.ok && c.args.role === "server");
  assert.ok(servers.some((c) => (c.args.flavour ?? "k3s") === "k3s") && servers.some((c) => c.args.flavour === "rke2"), "k3s and rke2 server vectors");
  for (const v of servers) {
    const flavour = v.args.flavour ?? "k3s";
    await page.check(`input[name="c-flavour"][value="${flavour}"]`);
    await page.check('input[name="c-role"][value="server"]');
    await page.fill("#c-server", v.args.server);
    await page.fill("#c-server-token", v.args.token);
    const want = kt.k3sJoinCommand({ server: v.args.server, token: v.args.token, flavour, role: "server" });
    assert.deepEqual(want, v.expect.ok, `${v.source}: the core agrees with the vector`);
    const password = kt.parseK3sToken(v.args.token).password;
    for (const id of ["c-join", "c-install", "c-config"]) {
      const shown = await masked(page, id);
      assert.ok(!shown.includes(password), `${v.source}: #${id} masked until revealed (${shown})`);
    }
    assert.equal(await revealed(page, "c-join"), want.command);
    assert.equal(await revealed(page, "c-install"), want.install);
    assert.equal(await revealed(page, "c-config"), want.config);
    assert.equal(await text(page, "#c-config-path"), want.configPath);
    assert.deepEqual(await visibleErrors(page, "create"), []);
  }
  await shot(page, "1c-create-rke2-server");
  await page.setViewportSize({ width: 390, height: 844 });
  assert.ok((await pageOverflow(page)) <= 0, "no horizontal scrolling at 390px");
  await shot(page, "1c-create-rke2-server-390");

  // A server address the core refuses: beside the endpoint field, with its code.
  const bad = vector(cases, "k3s_join_command", (c) => c.expect.error === "invalid_options" && c.args.server === "h;reboot", "with shell characters in the server");
  await page.fill("#c-server", bad.args.server);
  assert.equal(await page.locator("#c-server-error").getAttribute("data-code"), "invalid_options");

  // rke2 at the API server's port: the command is the core's, the page notes the supervisor port.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.check('input[name="c-role"][value="agent"]');
  await page.fill("#c-ca", bundle);
  await page.fill("#c-server", "10.0.0.1:6443");
  const k10 = kt.formatK3sToken({ credentials: token, bundle, now: NOW });
  assert.equal(await revealed(page, "c-join"), kt.k3sJoinCommand({ server: "10.0.0.1:6443", token: k10, flavour: "rke2" }).command);
  assert.match(await page.locator("#c-join-summary").innerText(), /supervisor port 9345/);

  // From a kubeconfig (k3s.yaml): the K10 hash is of its CA data, not of the kubeconfig's text.
  const kv = vector(cases, "join_command", (c) => c.expect.ok && typeof c.args.kubeconfig === "string" && !c.args.context, "with a kubeconfig");
  await page.check('input[name="c-flavour"][value="k3s"]');
  await page.fill("#c-server", "");
  await page.fill("#c-ca", kv.args.kubeconfig);
  const info = kt.parseKubeconfig(kv.args.kubeconfig);
  const cluster = info.clusters.find((c) => c.name === "") ?? info.clusters.find((c) => c.name === info.contexts.find((x) => x.name === info.currentContext)?.cluster);
  const kcHash = kt.k3sCaHash({ bundle: cluster.caPem, now: NOW }).hash;
  let shownHash;
  for (let i = 0; i < 100 && shownHash !== kcHash; i++) {
    shownHash = await page.locator("#c-k10hash").evaluate((n) => n.textContent);
    if (shownHash !== kcHash) await page.waitForTimeout(100);
  }
  assert.equal(shownHash, kcHash);
  const kcJoin = kt.k3sJoinCommand({ server: cluster.server, token: kt.formatK3sToken({ credentials: token, bundle: cluster.caPem, now: NOW }) });
  assert.equal(await revealed(page, "c-join"), kcJoin.command);
  await p.assertClean();
});

test("1d. create: an invalid TTL is the TTL's error, never the token's", async () => {
  const p = await openPage(demo);
  const { page } = p;
  await fixClock(page);
  const token = "abcdef.0123456789abcdef";
  const h = vector(cases, "ca_cert_hashes", (c) => c.expect.ok?.length === 1, "with one certificate");
  await fillCreate(page, { token });
  await page.fill("#c-ca", h.args.pem);
  await page.fill("#c-server", "10.0.0.1:6443");
  for (const ttl of ["1d", "24 h", "soon"]) {
    await page.fill("#c-ttl", ttl);
    let code;
    try {
      kt.renderSecret({ token, ttl, now: NOW });
    } catch (err) {
      code = err.code;
    }
    assert.equal(code, "invalid_duration", `the core refuses ttl ${ttl}`);
    assert.equal(await page.locator("#c-ttl-error").getAttribute("data-code"), code);
    assert.equal(await page.getAttribute("#c-ttl", "aria-invalid"), "true");
    assert.equal(await page.isVisible("#c-token-error"), false, "no error beside the token");
    assert.equal(await page.getAttribute("#c-token", "aria-invalid"), null);
    assert.deepEqual(await visibleErrors(page, "create"), ["c-ttl"]);
    const words = await page.locator("#view-create").innerText();
    assert.ok(!/valid token|fix the token/i.test(words), `nothing says the token is invalid (ttl ${ttl})`);
  }
  await shot(page, "1d-create-bad-ttl");
  await page.setViewportSize({ width: 390, height: 844 });
  assert.ok((await pageOverflow(page)) <= 0, "no horizontal scrolling at 390px");
  await shot(page, "1d-create-bad-ttl-390");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.fill("#c-ttl", "2h");
  assert.deepEqual(await visibleErrors(page, "create"), []);
  assert.equal(await revealed(page, "c-join"), kt.joinCommand({ token, server: "10.0.0.1:6443", caPem: h.args.pem }));
  await p.assertClean();
});

const INSPECT_PURPOSES = ["kubeadm_join", "karmada_register", "k3s_server", "k3s_agent", "rke2_server", "rke2_agent"];
const codes = (r) => ({ ...r, reasons: r.reasons.map((f) => f.code), warnings: r.warnings.map((f) => f.code) });

/** Put a vector's text into a field: typed when an input can hold it, else loaded as a file. */
async function enterText(page, field, raw, { multiline = false } = {}) {
  const bytes = jsArg(raw);
  const typable = typeof bytes === "string" && bytes !== "" && !bytes.includes("\r") && (multiline || !bytes.includes("\n"));
  if (typable) {
    await page.fill(`#${field}`, bytes);
  } else {
    await page.setInputFiles(`#${field}-file`, { name: "input.txt", mimeType: "text/plain", buffer: Buffer.from(bytes) });
    await page.locator("#copy-status").filter({ hasText: "Loaded input.txt" }).waitFor();
  }
  return bytes;
}

test("6. inspect: classification, parts, warnings and 'usable here' as the core says, never the secret", async () => {
  const p = await openPage(demo, { hash: "#inspect" });
  const { page } = p;
  const vs = cases.filter((c) => (c.op === "inspect_token" || c.op === "inspect_token_codes") && c.expect.ok);
  assert.ok(vs.length >= 25, `inspect vectors (found ${vs.length})`);
  const seen = new Set();
  for (const v of vs) {
    const purpose = v.args.purpose ? v.args.purpose.replace(/-/g, "_") : "";
    assert.ok(purpose === "" || INSPECT_PURPOSES.includes(purpose), `${v.source}: purpose ${purpose} is offered`);
    await page.selectOption("#i-purpose", purpose);
    const input = await enterText(page, "i-text", v.args.text);
    const want = kt.inspectToken({ text: input, purpose: purpose || null });
    const vectorShape = kt.inspectToken({ text: input, purpose: v.args.purpose ?? null });
    assert.deepEqual(v.op === "inspect_token" ? vectorShape : codes(vectorShape), v.expect.ok, `${v.source}: the core agrees with the vector`);

    const none = (x) => (x === null ? "<none>" : x === "" ? "<empty>" : x);
    assert.equal(await page.locator("#i-kind").innerText(), want.kind, v.source);
    assert.equal(await page.locator("#i-token-id").innerText(), none(want.tokenId), v.source);
    assert.equal(await page.locator("#i-ca-hash").innerText(), none(want.caHash), v.source);
    assert.equal(await page.locator("#i-username").innerText(), none(want.username), v.source);
    assert.equal(await page.getAttribute("#i-credentials", "data-value"), want.credentials ?? "", v.source);
    const shownWarnings = await page.locator("#i-warnings li").evaluateAll((ns) => ns.map((n) => [n.dataset.code, n.textContent]));
    assert.deepEqual(shownWarnings, want.warnings.map((f) => [f.code, `${f.code}${f.message}`]), `${v.source}: warnings with their codes`);
    const shownReasons = await page.locator("#i-reasons li").evaluateAll((ns) => ns.map((n) => [n.dataset.code, n.textContent]));
    assert.deepEqual(shownReasons, want.reasons.map((f) => [f.code, `${f.code}${f.message}`]), `${v.source}: reasons with their codes`);
    const result = await page.locator("#i-result").innerText();
    if (want.usable === true) assert.match(result, /^Usable here/, v.source);
    else if (want.usable === false) assert.match(result, /^Not usable here .*because/, v.source);
    else assert.doesNotMatch(result, /usable/i, v.source);

    // The secret (or password) part is nowhere in the view's text.
    const t = typeof input === "string" ? input.trim() : "";
    const hidden = t.includes("::") ? t.slice(t.indexOf("::") + 2).split(/[.:]/).pop() : t.includes(".") ? t.split(".").pop() : t;
    if (hidden.length >= 6) assert.ok(!(await page.locator("#view-inspect").innerText()).includes(hidden), `${v.source}: secret not shown`);

    const name = want.usable === true ? "6-inspect-usable" : want.usable === false ? "6-inspect-not-usable" : `6-inspect-${want.kind}`;
    if (!seen.has(name)) await shot(page, name);
    seen.add(name);
  }
  assert.ok(seen.has("6-inspect-usable") && seen.has("6-inspect-not-usable"), `verdicts exercised: ${[...seen]}`);

  // Errors beside their field, with their code: a string over the limit.
  const big = vector(cases, "inspect_token", (c) => c.expect.error === "input_too_large", "over the size limit");
  await page.selectOption("#i-purpose", "");
  await page.fill("#i-text", big.args.text);
  assert.equal(await page.locator("#i-text-error").getAttribute("data-code"), "input_too_large");
  await page.fill("#i-text", "");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.fill("#i-text", "K10e6b1f6b2d5c1a0f9e8d7c6b5a49382716f5e4d3c2b1a0f9e8d7c6b5a49382716::node:3f2b1c9a8e7d6c5b4a39281706f5e4d3");
  await page.selectOption("#i-purpose", "rke2_server");
  assert.ok((await pageOverflow(page)) <= 0, "no horizontal scrolling at 390px");
  await shot(page, "6-inspect-390");
  await p.assertClean();
});

test("7. redact: the core's redact of pasted or loaded log text, with a copy button", async () => {
  await demo.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: demo.origin });
  const p = await openPage(demo, { hash: "#inspect" });
  const { page } = p;
  const vs = cases.filter((c) => c.op === "redact" && c.expect.ok !== undefined);
  assert.ok(vs.length >= 15, `redact vectors (found ${vs.length})`);
  let loaded = 0;
  for (const v of vs) {
    await page.fill("#r-input", "");
    const input = await enterText(page, "r-input", v.args.text, { multiline: true });
    if (typeof input !== "string" || input.includes("\r")) loaded++;
    const out = kt.redact(input);
    const want = typeof out === "string" ? out : new TextDecoder().decode(out);
    // Bytes that are not UTF-8 are {base64} in the vectors; the page shows them as text.
    const expected = v.expect.ok;
    const wantText =
      typeof expected === "string"
        ? expected
        : new TextDecoder().decode(Uint8Array.from(atob(expected.base64), (c) => c.charCodeAt(0)));
    assert.equal(want, wantText, `${v.source}: the core agrees with the vector`);
    assert.equal(await text(page, "#r-output"), want, v.source);
  }
  assert.ok(loaded >= 2, "CRLF and non-UTF-8 vectors go in as files");
  await shot(page, "7-redact");

  // Copy copies the redacted text.
  const v = vs.find((c) => typeof c.args.text === "string" && c.args.text.includes("--token"));
  await page.fill("#r-input", v.args.text);
  await page.click("#r-output-copy");
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), v.expect.ok);
  assert.equal(await page.locator("#copy-status").innerText(), "redacted text copied to the clipboard");

  await page.setViewportSize({ width: 390, height: 844 });
  assert.ok((await pageOverflow(page)) <= 0, "no horizontal scrolling at 390px");
  await page.locator("#r-input").scrollIntoViewIfNeeded();
  await shot(page, "7-redact-390");
  await p.assertClean();
});
