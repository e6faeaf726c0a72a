// 4. Discovery: cluster-info ConfigMap + token -> JWS signature check, CA pins, server.
import { $, el, errorContent, fieldError, fillKv } from "../ui.js";
import { call, splitList } from "./common.js";

const ROUTES = {
  invalid_configmap: "d-configmap",
  invalid_kubeconfig: "d-configmap",
  invalid_pem: "d-configmap",
  invalid_certificate: "d-configmap",
  input_too_large: "d-configmap",
  invalid_token: "d-token",
  invalid_hash: "d-pins",
};

export function discoveryView(kt) {
  const verdict = $("d-verdict");
  const set = (kind, ...lines) => {
    verdict.className = `verdict ${kind}`;
    verdict.replaceChildren(...lines.map((l) => (l instanceof Node ? l : el("p", {}, l))));
  };

  function refresh() {
    for (const f of ["d-configmap", "d-token", "d-pins"]) fieldError(f, null);
    $("d-details-box").hidden = true;
    const configMap = $("d-configmap").value;
    const token = $("d-token").value;
    const pins = splitList($("d-pins").value.replace(/\s+/g, "\n"));
    if (!configMap.trim() || !token) {
      set("", "Paste the ConfigMap and a token.");
      return;
    }
    try {
      const r = call(kt, "verifyClusterInfo", { configMap, token, caCertHashes: pins });
      const ok = r.valid ?? r.ok;
      const rows = [
        ["Server", r.server ?? "", { attrs: { id: "d-server" } }],
        ["CA pins", (r.caCertHashes ?? r.hashes ?? []).join("\n"), { attrs: { id: "d-hashes" } }],
      ];
      fillKv($("d-details"), rows);
      $("d-details-box").hidden = false;
      if (ok) {
        set("ok", el("p", { class: "big" }, "Signature valid: this cluster-info was signed with this token"),
          el("p", { class: "why" }, pins.length ? "and its CA matches a pin." : "No pins given: kubeadm would trust the CA only with --discovery-token-unsafe-skip-ca-verification."));
      } else {
        set("bad", el("p", { class: "big" }, "Do not trust this cluster"),
          el("p", { class: "why", id: "d-reason" }, el("span", { class: "code-tag" }, r.reason ?? "invalid"), r.message ?? ""));
      }
    } catch (err) {
      fieldError(ROUTES[err?.code] ?? "d-configmap", err);
      set("warn", el("p", {}, ...errorContent(err)));
    }
  }

  for (const id of ["d-configmap", "d-token", "d-pins"]) $(id).addEventListener("input", refresh);
  refresh();
  return { refresh };
}
