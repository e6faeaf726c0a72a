// 4. Discovery: cluster-info ConfigMap + token -> JWS signature check, CA pins, server
// (what `kubeadm join --token ... --discovery-token-ca-cert-hash ...` checks first).
import { $, el, errorContent, fieldError, fillKv } from "../ui.js";
import { call, splitList } from "./common.js";
import { EXAMPLE_CA_PEM, EXAMPLE_SERVER } from "../examples.js";

const ROUTES = {
  invalid_configmap: "d-configmap",
  invalid_kubeconfig: "d-configmap",
  invalid_pem: "d-configmap",
  invalid_certificate: "d-configmap",
  input_too_large: "d-configmap",
  invalid_token: "d-token",
  invalid_hash: "d-pins",
};

/** What each `verify_cluster_info` answer means (docs/api.md). */
export const DISCOVERY_REASONS = {
  no_kubeconfig: "The ConfigMap has no kubeconfig key: this cluster is not set up for token discovery.",
  no_signature: "There is no jws-kubeconfig-<token id> signature for this token: the token is unknown, expired or not for signing (kubeadm keeps polling until one appears).",
  bad_signature: "The signature does not verify with this token: someone other than the cluster (or another token with the same ID) signed it. Do not trust this server.",
  ca_not_pinned: "The signature is fine but none of the CA's public keys matches a pin: the CA is not the one you expected.",
};

export function discoveryView(kt, clock) {
  const verdict = $("d-verdict");
  const set = (kind, ...lines) => {
    verdict.className = `verdict ${kind}`;
    verdict.replaceChildren(...lines.map((l) => (l instanceof Node ? l : el("p", {}, l))));
  };

  function refresh() {
    for (const f of ["d-configmap", "d-token", "d-pins"]) fieldError(f, null);
    $("d-details-box").hidden = true;
    const configmap = $("d-configmap").value;
    const token = $("d-token").value;
    const pins = splitList($("d-pins").value.replace(/\s+/g, "\n"));
    if (!configmap.trim() || !token) {
      set("", "Paste the ConfigMap and a token.");
      return;
    }
    try {
      const r = call(kt, "verifyClusterInfo", { configmap, token, caCertHashes: pins });
      if (r.verified) {
        fillKv($("d-details"), [
          ["Server", r.server, { attrs: { id: "d-server" } }],
          ["Cluster name", r.clusterName === "" ? "<unnamed>" : r.clusterName],
          ["CA pins", r.caCertHashes.join("\n") || "<no CA>", { attrs: { id: "d-hashes" } }],
        ]);
        $("d-details-box").hidden = false;
        set(
          "ok",
          el("p", { class: "big", id: "d-result" }, r.pinned ? "Trusted: signed with this token, CA pinned" : "Signed with this token (CA not pinned)"),
          el("p", { class: "why" }, r.pinned
            ? "kubeadm would now fetch cluster-info again over TLS checked against this CA, and require the same kubeconfig."
            : "Without a pin kubeadm trusts this CA only with --discovery-token-unsafe-skip-ca-verification. Add the pin below to check it."),
        );
      } else {
        set(
          "bad",
          el("p", { class: "big", id: "d-result" }, "Do not trust this cluster"),
          el("p", { class: "why", id: "d-reason" }, el("span", { class: "code-tag", id: "d-reason-code" }, r.reason), DISCOVERY_REASONS[r.reason] ?? ""),
          r.message ? el("p", { class: "why" }, r.message) : null,
        );
      }
    } catch (err) {
      fieldError(ROUTES[err?.code] ?? "d-configmap", err);
      set("warn", el("p", {}, ...errorContent(err)));
    }
  }

  $("d-example").addEventListener("click", () => {
    try {
      const now = clock.now();
      const token = call(kt, "generateToken");
      const secret = call(kt, "renderSecret", { token, now });
      const kubeconfig = call(kt, "clusterInfoKubeconfig", { server: `https://${EXAMPLE_SERVER}`, caPem: EXAMPLE_CA_PEM });
      const configmap = {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "cluster-info", namespace: "kube-public" },
        data: { kubeconfig },
      };
      const signed = call(kt, "signClusterInfo", { configmap, secrets: [secret], now });
      $("d-configmap").value = JSON.stringify(signed.configmap, null, 4);
      $("d-token").value = token;
      $("d-pins").value = call(kt, "caCertHashes", EXAMPLE_CA_PEM).join("\n");
      refresh();
    } catch (err) {
      fieldError("d-configmap", err);
    }
  });
  for (const id of ["d-configmap", "d-token", "d-pins"]) $(id).addEventListener("input", refresh);
  refresh();
  return { refresh };
}
