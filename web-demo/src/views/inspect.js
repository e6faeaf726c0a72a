// 6a. Inspect a token: what a pasted string is (bootstrap token, K10 token, password, broken),
// its public parts, the core's warnings, and whether it is usable for the chosen purpose and why
// not. The core never returns the secret; the page shows only what it returns.
import { $, el, fieldError, fillKv, rawInput } from "../ui.js";
import { call, routeError } from "./common.js";

/** What each inspect_token kind means (docs/api.md, "Inspect and redact"). */
const KINDS = {
  bootstrap_token: "A kubeadm bootstrap token (<id>.<secret>)",
  k3s_token: "A k3s / rke2 K10 token (K10<CA hash>::<credentials>)",
  password: "A bare password: k3s and rke2 take any other string as the server or agent password",
  invalid: "Not a well-formed token or password",
};
const CREDENTIALS = {
  bootstrap: "a bootstrap token (<id>.<secret>)",
  password: "<user>:<password>",
};
const ROUTES = { invalid_options: "i-purpose", input_too_large: "i-text" };

export function inspectView(kt) {
  const verdict = $("i-verdict");
  const set = (kind, ...lines) => {
    verdict.className = `verdict ${kind}`;
    verdict.replaceChildren(...lines.map((l) => (l instanceof Node ? l : el("p", {}, l))));
  };
  const purposeLabel = () => $("i-purpose").selectedOptions[0]?.textContent ?? "";
  const items = (list) => list.map((f) => el("li", { "data-code": f.code }, el("span", { class: "code-tag" }, f.code), f.message));
  const findings = (list, id) => el("ul", { class: "problems", id }, items(list));

  function clear() {
    $("i-parts-box").hidden = true;
    $("i-warnings-box").hidden = true;
    $("i-warnings").replaceChildren();
  }

  function refresh() {
    fieldError("i-text", null);
    fieldError("i-purpose", null);
    clear();
    const { value, file } = rawInput("i-text");
    // An empty field is a prompt; an empty file is inspected (and is "empty").
    if (value === "" && !file) {
      set("", "Paste a string.");
      return;
    }
    const purpose = $("i-purpose").value || null;
    let r;
    try {
      r = call(kt, "inspectToken", { text: value, purpose });
    } catch (err) {
      fieldError(routeError(err, ROUTES, "i-text"), err);
      set("warn", "Fix the highlighted field first.");
      return;
    }
    const none = (v) => (v === null ? "<none>" : v === "" ? "<empty>" : v);
    fillKv($("i-parts"), [
      ["Kind", el("span", {}, el("span", { class: "code-tag", id: "i-kind" }, r.kind), KINDS[r.kind] ?? "")],
      ["Token ID", none(r.tokenId), { attrs: { id: "i-token-id" } }],
      ["CA hash", none(r.caHash), { attrs: { id: "i-ca-hash" } }],
      ["Username", none(r.username), { attrs: { id: "i-username" } }],
      ["Credentials", r.credentials ? CREDENTIALS[r.credentials] ?? r.credentials : "<none>", { attrs: { id: "i-credentials", "data-value": r.credentials ?? "" } }],
    ]);
    $("i-parts-box").hidden = false;
    if (r.warnings.length) {
      $("i-warnings").replaceChildren(...items(r.warnings));
      $("i-warnings-box").hidden = false;
    }
    const from = file ? ` (${file}, as loaded)` : "";
    if (r.usable === true) {
      set("ok", el("p", { class: "big", id: "i-result" }, "Usable here: ", el("code", {}, purposeLabel())), el("p", { class: "why" }, `${KINDS[r.kind]}${from}.`));
    } else if (r.usable === false) {
      set("bad",
        el("p", { class: "big", id: "i-result" }, "Not usable here (", el("code", {}, purposeLabel()), "), because:"),
        findings(r.reasons, "i-reasons"));
    } else if (r.reasons.length) {
      set("bad", el("p", { class: "big", id: "i-result" }, `${KINDS[r.kind]}${from}, because:`), findings(r.reasons, "i-reasons"));
    } else {
      set("", el("p", { class: "big", id: "i-result" }, `${KINDS[r.kind]}${from}.`), el("p", { class: "why" }, "Choose where it is going to see whether it would work there."));
    }
  }

  $("i-example").addEventListener("click", () => {
    try {
      // A bootstrap token as a k3s server token: the confusion of k3s#7313.
      $("i-text").value = call(kt, "generateToken");
      $("i-purpose").value = "k3s_server";
      refresh();
    } catch (err) {
      fieldError("i-text", err);
    }
  });
  $("i-text").addEventListener("input", refresh);
  $("i-purpose").addEventListener("change", refresh);
  refresh();
  return { refresh };
}
