// 2. Check a token: is it well-formed; would kube-apiserver's bootstrap authenticator accept
// it against this Secret (user + groups, or the reason it is denied); how long is left.
import { $, el, errorContent, fieldError, fillKv } from "../ui.js";
import { call } from "./common.js";

/** What each denial reason (docs/api.md, `authenticate`) means, in the apiserver's check order. */
export const DENY_REASONS = {
  malformed_token: "The bearer token is not of the form [a-z0-9]{6}.[a-z0-9]{16}.",
  not_found: "No Secret named bootstrap-token-<id> in kube-system: the token ID is unknown (or the Secret is in another namespace).",
  deleted: "The Secret is being deleted (it has a deletionTimestamp).",
  wrong_type: "The Secret's type is not bootstrap.kubernetes.io/token, or it has no data.",
  secret_mismatch: "The token's secret part differs from the Secret's token-secret.",
  token_id_mismatch: "The Secret's token-id differs from the token's ID.",
  expired: "The token has expired (its expiration is at or before the reference time, or cannot be parsed).",
  not_for_authentication: "The Secret does not have usage-bootstrap-authentication: \"true\", so the token may only sign cluster-info.",
  invalid_groups: "auth-extra-groups holds a group that is not system:bootstrappers:… (empty entries count).",
};

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
        el("p", { class: "why" }, "ID ", el("code", { id: "k-id" }, t.id), " (public), secret ",
          el("code", {}, "*".repeat(16)), " (private); stored as Secret ", el("code", {}, `kube-system/bootstrap-token-${t.id}`), "."),
      );
      return t;
    } catch (err) {
      fieldError("k-token", err);
      const hint = token.startsWith("K10") ? "That is a k3s/rke2 K10 token: use the k3s / rke2 tab." : "A bootstrap token is 6 + 16 characters of [a-z0-9], joined by a dot.";
      setVerdict(fmt, "bad", el("p", { class: "big" }, "Not a bootstrap token"), el("p", { class: "why" }, hint));
      return null;
    }
  }

  function describeSecret(text, now) {
    fieldError("k-secret", null);
    const box = $("k-details-box");
    if (!text.trim()) {
      box.hidden = true;
      return null;
    }
    try {
      const s = call(kt, "parseSecret", text);
      const exp = call(kt, "tokenExpiration", { secret: text, now });
      const rows = [
        ["Secret", `bootstrap-token-${s.id}`],
        ["Token", `${s.id}.${"*".repeat(16)}`],
        ["Description", s.description || "<none>"],
        ["Usages", s.usages.length ? s.usages.join(",") : "<none>"],
        ["Extra groups", s.groups.length ? s.groups.join(",") : "<none>"],
        ["Expires", s.expires ?? "<never>", { attrs: { id: "k-expires" } }],
      ];
      let left;
      if (exp.expired) left = "expired";
      else if (!s.expires) left = "forever (no expiration)";
      else left = `${call(kt, "shortHumanDuration", exp.remaining)} (${exp.remaining})`;
      rows.push(["Time left", left, { attrs: { id: "k-left" } }]);
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
    const now = clock.now();
    const token = $("k-token").value;
    const secretText = $("k-secret").value;
    const t = checkFormat(token);
    const s = describeSecret(secretText, now);
    if (!token || !secretText.trim()) {
      setVerdict(verdict, "", token ? "Paste its Secret to authenticate it." : "Then paste its Secret to see whether the API server would accept it.");
      return;
    }
    try {
      const r = call(kt, "authenticate", { token, secrets: [secretText], now });
      if (r.authenticated) {
        setVerdict(
          verdict,
          "ok",
          el("p", { class: "big" }, "Accepted by the API server"),
          el("p", { class: "why" }, "User ", el("code", { id: "k-user" }, r.user.name)),
          el("p", { class: "why" }, "Groups ", el("code", { id: "k-groups" }, r.user.groups.join(", "))),
        );
      } else {
        setVerdict(
          verdict,
          "bad",
          el("p", { class: "big" }, "Denied"),
          el("p", { class: "why", id: "k-reason" }, el("span", { class: "code-tag", id: "k-reason-code" }, r.reason), DENY_REASONS[r.reason] ?? ""),
        );
      }
    } catch (err) {
      // A malformed token or Secret is also reported beside its field.
      if (!t || !s) setVerdict(verdict, "warn", el("p", {}, "Fix the highlighted field first: "), el("p", {}, ...errorContent(err)));
      else setVerdict(verdict, "bad", el("p", {}, ...errorContent(err)));
    }
  }

  $("k-example").addEventListener("click", () => {
    try {
      const token = call(kt, "generateToken");
      $("k-token").value = token;
      $("k-secret").value = call(kt, "renderSecretYaml", { token, ttl: "2h", description: "example", now: clock.now() });
      refresh();
    } catch (err) {
      fieldError("k-token", err);
    }
  });
  for (const id of ["k-token", "k-secret"]) $(id).addEventListener("input", refresh);
  refresh();
  return { refresh };
}
