// 5. k3s / rke2: parse a K10 token (secret masked), hash the /cacerts bundle, say whether they
// match and why; what `k3s token create` prints for the bundle (or a K10 token of a password).
import { $, Output, el, errorContent, fieldError, fillKv, rawInput } from "../ui.js";
import { call } from "./common.js";
import { EXAMPLE_CA_PEM } from "../examples.js";

const METHODS = {
  single: "one certificate: SHA-256 of the bundle's exact bytes (newlines and comments included)",
  root: "a verified chain: SHA-256 of the root certificate's DER (stable across CA renewals)",
  raw: "several certificates whose chain did not verify: SHA-256 of the bundle's exact bytes",
};

/** What each verify_k3s_ca status means for a joining agent. */
const STATUS = {
  match: ["ok", "Match: an agent with this token trusts this server", "The token's CA hash equals the hash of the bundle the server serves at /cacerts."],
  mismatch: ["bad", "Mismatch: an agent would refuse this server", "The agent downloads /cacerts, hashes it and compares with the token's hash: they differ, so it stops (\"token CA hash does not match the Cluster CA certificate hash\"). Either the token is for another cluster, the CA was replaced, or the bundle pasted here is not byte-for-byte what the server serves."],
  no_token_hash: ["warn", "The token carries no CA hash", "The agent cannot check the server's CA: use the full K10 token from the server's token file to enable CA validation."],
  trusted_by_host: ["warn", "CA trusted by the host", "With no bundle, the agent relies on the host's CA store and does not check the token's hash."],
};

export function k3sView(kt, clock) {
  const hash = new Output("s-hash", { label: "bundle hash" });
  const k10 = new Output("s-k10", { mask: true, label: "K10 token" });
  const verdict = $("s-verdict");
  const set = (kind, ...lines) => {
    verdict.className = `verdict ${kind}`;
    verdict.replaceChildren(...lines.map((l) => (l instanceof Node ? l : el("p", {}, l))));
  };
  const bundle = () => rawInput("s-bundle").value;
  const hasBundle = () => $("s-bundle").value.trim() !== "";

  function parts(token) {
    fieldError("s-token", null);
    $("s-parts-box").hidden = true;
    if (!token) return null;
    try {
      const p = call(kt, "parseK3sToken", token);
      const rows = [
        ["CA hash", p.caHash || "<none>", { attrs: { id: "s-cahash" } }],
        ["Credentials", p.kind === "bootstrap" ? "bootstrap token (sent as Bearer)" : "username:password (sent as Basic auth)", { attrs: { id: "s-kind" } }],
      ];
      if (p.kind === "bootstrap") {
        rows.push(["Token ID", p.tokenId, { attrs: { id: "s-token-id" } }], ["Token secret", "*".repeat(16)]);
      } else {
        rows.push(["Username", p.username || "<empty>", { attrs: { id: "s-username" } }], ["Password", "*".repeat(8)]);
      }
      fillKv($("s-parts"), rows);
      $("s-parts-box").hidden = false;
      return p;
    } catch (err) {
      fieldError("s-token", err);
      return null;
    }
  }

  function bundleHash(now) {
    fieldError("s-bundle", null);
    hash.clear();
    $("s-hash-how").textContent = "";
    if (!hasBundle()) return null;
    try {
      const h = call(kt, "k3sCaHash", { bundle: bundle(), now });
      hash.set(h.hash);
      const { file } = rawInput("s-bundle");
      $("s-hash-how").textContent = `${METHODS[h.method] ?? h.method}${file ? ` · hashed as loaded from ${file}` : ""}.`;
      return h;
    } catch (err) {
      fieldError("s-bundle", err);
      return null;
    }
  }

  function refresh() {
    const now = clock.now();
    const token = $("s-token").value;
    const p = parts(token);
    bundleHash(now);
    if (!token) set("", hasBundle() ? "Paste a K10 token to compare." : "Paste a token and the bundle.");
    else if (!p) set("warn", "Fix the highlighted field first.");
    else {
      try {
        const args = { token, now };
        if (hasBundle()) args.bundle = bundle();
        const r = call(kt, "verifyK3sCa", args);
        const [kind, title, why] = STATUS[r.status] ?? ["warn", r.status, ""];
        set(kind,
          el("p", { class: "big", id: "s-result" }, el("span", { class: "code-tag", id: "s-status" }, r.status), title),
          el("p", { class: "why", id: "s-reason" }, why),
          r.message ? el("p", { class: "why" }, r.message) : null,
          r.warning ? el("p", { class: "why" }, `k3s logs: ${r.warning}`) : null);
      } catch (err) {
        set("bad", el("p", {}, ...errorContent(err)));
      }
    }
    refreshK10(now);
  }

  function refreshK10(now = clock.now()) {
    fieldError("s-creds", null);
    k10.clear();
    const creds = $("s-creds").value;
    const summary = $("s-k10-summary");
    const heading = $("s-k10-h");
    heading.textContent = "K10 token";
    if (!creds || !hasBundle()) {
      summary.textContent = "Enter credentials and a bundle.";
      return;
    }
    try {
      if (call(kt, "isValidToken", creds)) {
        // A bootstrap token: exactly what `k3s token create` writes to stdout (newline included).
        const outText = call(kt, "k3sTokenCreateOutput", { token: creds, bundle: bundle(), now });
        k10.set(outText, [creds.split(".")[1]]);
        heading.textContent = "k3s token create output";
        summary.textContent =
          "What `k3s token create` prints for this bootstrap token and CA bundle, after it stores the token's Secret. " +
          "Agents join with it (K3S_TOKEN, --token, or token: in config.yaml).";
      } else {
        // <user>:<password> (or a bare password): the server token's form, not a `token create` output.
        const t = call(kt, "formatK3sToken", { credentials: creds, bundle: bundle(), now });
        const afterHash = t.includes("::") ? t.slice(t.indexOf("::") + 2) : "";
        const secret = afterHash.includes(":") ? afterHash.split(":").slice(1).join(":") : afterHash;
        k10.set(t, [secret].filter(Boolean));
        summary.textContent =
          "A K10 token with these credentials: the form of the server token k3s writes to /var/lib/rancher/k3s/server/token " +
          "(server:<password>). `k3s token create` makes bootstrap tokens only (id.secret).";
      }
    } catch (err) {
      const c = err?.code;
      fieldError(c === "invalid_pem" || c === "invalid_certificate" || c === "input_too_large" ? "s-bundle" : "s-creds", err);
      summary.textContent = "Fix the highlighted field.";
    }
  }

  $("s-generate").addEventListener("click", () => {
    try {
      $("s-creds").value = call(kt, "generateToken");
      refreshK10();
    } catch (err) {
      fieldError("s-creds", err);
    }
  });
  $("s-example").addEventListener("click", () => {
    try {
      const now = clock.now();
      $("s-bundle").value = EXAMPLE_CA_PEM;
      $("s-token").value = call(kt, "formatK3sToken", { credentials: call(kt, "generateToken"), bundle: EXAMPLE_CA_PEM, now });
      $("s-creds").value = call(kt, "generateToken");
      refresh();
    } catch (err) {
      fieldError("s-token", err);
    }
  });
  for (const id of ["s-token", "s-bundle"]) $(id).addEventListener("input", refresh);
  $("s-creds").addEventListener("input", () => refreshK10());
  refresh();
  return { refresh };
}
