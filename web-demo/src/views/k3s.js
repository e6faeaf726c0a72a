// 5. k3s / rke2: parse a K10 token (secret masked), hash the /cacerts bundle, say whether they
// match and why; make a K10 token for the bundle.
import { $, Output, el, errorContent, fieldError, fillKv, rawInput } from "../ui.js";
import { call } from "./common.js";

export function k3sView(kt) {
  const hash = new Output("s-hash", { label: "bundle hash" });
  const k10 = new Output("s-k10", { mask: true, label: "K10 token" });
  const verdict = $("s-verdict");
  const set = (kind, ...lines) => {
    verdict.className = `verdict ${kind}`;
    verdict.replaceChildren(...lines.map((l) => (l instanceof Node ? l : el("p", {}, l))));
  };

  function parts(token) {
    fieldError("s-token", null);
    $("s-parts-box").hidden = true;
    if (!token) return null;
    try {
      const p = call(kt, "parseK3sToken", token);
      const rows = [["CA hash", p.caHash || "<none: the agent trusts the OS CA store>", { attrs: { id: "s-cahash" } }]];
      if (p.kind === "bootstrap" || p.tokenId || p.id) {
        rows.push(["Kind", "bootstrap token"], ["Token ID", p.tokenId ?? p.id ?? ""], ["Token secret", "*".repeat(16)]);
      } else {
        rows.push(["Kind", "server/agent password"], ["Username", p.username || "<empty>"], ["Password", "*".repeat(8)]);
      }
      fillKv($("s-parts"), rows);
      $("s-parts-box").hidden = false;
      return p;
    } catch (err) {
      fieldError("s-token", err);
      return null;
    }
  }

  function bundleHash() {
    fieldError("s-bundle", null);
    hash.clear();
    const { value, file } = rawInput("s-bundle");
    if (!$("s-bundle").value.trim()) return null;
    try {
      const h = call(kt, "k3sCaHash", value);
      hash.set(h);
      return { h, file };
    } catch (err) {
      fieldError("s-bundle", err);
      return null;
    }
  }

  function refresh() {
    const token = $("s-token").value;
    const p = parts(token);
    const b = bundleHash();
    if (!token || !$("s-bundle").value.trim()) set("", "Paste a token and the bundle.");
    else if (p && b) {
      try {
        const r = call(kt, "verifyK3sCa", { token, bundle: rawInput("s-bundle").value });
        const ok = r.match ?? r.ok ?? r.valid;
        set(ok ? "ok" : "bad",
          el("p", { class: "big" }, ok ? "Match: an agent with this token trusts this server" : "Mismatch: an agent would refuse this server"),
          el("p", { class: "why", id: "s-reason" }, r.explanation ?? r.message ?? r.reason ?? ""));
      } catch (err) {
        set("bad", el("p", {}, ...errorContent(err)));
      }
    } else set("warn", "Fix the highlighted field first.");
    refreshK10();
  }

  function refreshK10() {
    fieldError("s-creds", null);
    k10.clear();
    const creds = $("s-creds").value;
    const summary = $("s-k10-summary");
    if (!creds || !$("s-bundle").value.trim()) {
      summary.textContent = "Enter credentials and a bundle.";
      return;
    }
    try {
      const t = call(kt, "formatK3sToken", { credentials: creds, bundle: rawInput("s-bundle").value });
      const secret = creds.includes(".") && !creds.includes(":") ? creds.split(".")[1] : creds.split(":").slice(1).join(":");
      k10.set(t, [creds, secret, t.split("::")[1]].filter(Boolean));
      summary.textContent = "Give this to agents: K3S_TOKEN / --token.";
    } catch (err) {
      fieldError(err?.code === "invalid_pem" || err?.code === "invalid_certificate" ? "s-bundle" : "s-creds", err);
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
  for (const id of ["s-token", "s-bundle"]) $(id).addEventListener("input", refresh);
  $("s-creds").addEventListener("input", refreshK10);
  refresh();
  return { refresh };
}
