// 2. Check a token: is it well-formed; would kube-apiserver's bootstrap authenticator accept
// it against this Secret (user + groups, or the reason it is denied); how long is left.
import { $, el, errorContent, fieldError, fillKv } from "../ui.js";
import { call } from "./common.js";

export function checkView(kt, clock) {
  const fmt = $("k-format");
  const verdict = $("k-verdict");

  function setVerdict(box, kind, ...lines) {
    box.className = `verdict ${kind}`;
    box.replaceChildren(...lines.map((l) => (l instanceof Node ? l : el("p", {}, l))));
  }

  function checkFormat(token) {
    fieldError("k-token", null);
    if (!token) {
      setVerdict(fmt, "", "Type or paste a token.");
      return null;
    }
    try {
      const t = call(kt, "parseToken", token);
      setVerdict(
        fmt,
        "ok",
        el("p", { class: "big" }, "Well-formed bootstrap token"),
        el("p", { class: "why" }, "ID ", el("code", { id: "k-id" }, t.id), " (public) · secret ",
          el("code", {}, "*".repeat(16)), " (private) · Secret name ", el("code", {}, `bootstrap-token-${t.id}`)),
      );
      return t;
    } catch (err) {
      fieldError("k-token", err);
      const hint = token.startsWith("K10") ? "That is a k3s/rke2 K10 token: use the k3s / rke2 tab." : null;
      setVerdict(fmt, "bad", el("p", { class: "big" }, "Not a bootstrap token"), hint && el("p", { class: "why" }, hint));
      return null;
    }
  }

  function describeSecret(text) {
    fieldError("k-secret", null);
    const box = $("k-details-box");
    if (!text.trim()) {
      box.hidden = true;
      return null;
    }
    try {
      const s = call(kt, "parseSecret", text);
      const now = clock.now();
      const rows = [
        ["Name", s.name ?? ""],
        ["Token ID", s.id ?? s.tokenId ?? ""],
        ["Description", s.description || "<none>"],
        ["Usages", (s.usages ?? []).join(",") || "<none>"],
        ["Extra groups", (s.groups ?? []).join(",") || "<none>"],
      ];
      const expires = s.expires ?? s.expiration ?? null;
      if (expires) {
        rows.push(["Expires", expires]);
        const left = Date.parse(expires) - Date.parse(now);
        rows.push(["Time left", left > 0 ? `${call(kt, "shortHumanDuration", left)} (${call(kt, "parseDuration", left)})` : "expired", { attrs: { id: "k-left" } }]);
      } else {
        rows.push(["Expires", "<never>"], ["Time left", "forever", { attrs: { id: "k-left" } }]);
      }
      fillKv($("k-details"), rows);
      box.hidden = false;
      return s;
    } catch (err) {
      fieldError("k-secret", err);
      box.hidden = true;
      return null;
    }
  }

  function refresh() {
    const token = $("k-token").value;
    const secretText = $("k-secret").value;
    const t = checkFormat(token);
    const s = describeSecret(secretText);
    if (!token || !secretText.trim()) {
      setVerdict(verdict, "", token ? "Paste its Secret to authenticate it." : "Then paste its Secret to authenticate it.");
      return;
    }
    try {
      const r = call(kt, "authenticate", { token, secret: secretText, now: clock.now() });
      if (r.authenticated ?? r.ok) {
        const user = r.user?.name ?? r.username ?? r.user;
        const groups = r.user?.groups ?? r.groups ?? [];
        setVerdict(
          verdict,
          "ok",
          el("p", { class: "big" }, "Accepted by the API server"),
          el("p", { class: "why" }, "User ", el("code", { id: "k-user" }, user)),
          el("p", { class: "why" }, "Groups ", el("code", { id: "k-groups" }, groups.join(", "))),
        );
      } else {
        setVerdict(
          verdict,
          "bad",
          el("p", { class: "big" }, "Denied"),
          el("p", { class: "why", id: "k-reason" }, el("span", { class: "code-tag" }, r.reason ?? "denied"), r.message ?? ""),
        );
      }
    } catch (err) {
      // A malformed token or Secret was already reported beside its field.
      if (!t || !s) setVerdict(verdict, "warn", "Fix the highlighted field first.");
      else setVerdict(verdict, "bad", el("p", {}, ...errorContent(err)));
    }
  }

  for (const id of ["k-token", "k-secret"]) $(id).addEventListener("input", refresh);
  refresh();
  return { refresh };
}
