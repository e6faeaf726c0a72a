// 1. Create a token: Secret as YAML + JSON, a kubectl one-liner, the expiry, and the join
// (kubeadm) / register (karmada) / K10 (k3s, rke2) command for a CA or kubeconfig.
import { $, Output, el, fieldError, rawInput } from "../ui.js";
import { b64, call, routeError, shellQuote, splitList } from "./common.js";
import { EXAMPLE_CA_PEM, EXAMPLE_SERVER } from "../examples.js";

const ROUTES = {
  invalid_token: "c-token",
  invalid_token_id: "c-token",
  invalid_duration: "c-ttl",
  invalid_group: "c-groups",
  invalid_usage: "c-usages",
  invalid_timestamp: "clock-time",
};
const JOIN_ROUTES = {
  invalid_options: "c-server",
  invalid_pem: "c-ca",
  invalid_certificate: "c-ca",
  invalid_kubeconfig: "c-ca",
  input_too_large: "c-ca",
  invalid_token: "c-token",
};
// Shown as the placeholder of the groups field only; the core applies the real default.
const DEFAULT_GROUPS = {
  kubeadm: "system:bootstrappers:kubeadm:default-node-token",
  k3s: "system:bootstrappers:k3s:default-node-token",
  rke2: "system:bootstrappers:rke2:default-node-token",
  karmada: "system:bootstrappers:karmada:default-cluster-token",
};
const CREATE_FIELDS = ["c-token", "c-ttl", "c-usages", "c-groups", "c-description", "c-output"];

export function createView(kt, clock) {
  const out = {
    yaml: new Output("c-yaml", { mask: true, label: "Secret YAML" }),
    apply: new Output("c-apply", { mask: true, label: "kubectl command" }),
    json: new Output("c-json", { mask: true, label: "Secret JSON" }),
    hashes: new Output("c-hashes", { label: "CA pins" }),
    join: new Output("c-join", { mask: true, label: "join command" }),
  };
  const flavour = () => document.querySelector('input[name="c-flavour"]:checked')?.value ?? "kubeadm";
  const usages = () => [...document.querySelectorAll('input[name="c-usage"]:checked')].map((i) => i.value);

  function updatePlaceholders() {
    $("c-groups").placeholder = DEFAULT_GROUPS[flavour()] ?? "";
  }

  function clearSecretOutputs(message) {
    out.yaml.clear();
    out.apply.clear();
    out.json.clear();
    $("c-summary").replaceChildren(message);
  }

  /** Options for renderSecret / renderSecretYaml (docs/api.md). */
  function secretArgs(token) {
    const groups = splitList($("c-groups").value);
    const args = {
      token,
      ttl: $("c-ttl").value.trim(),
      usages: usages(),
      description: $("c-description").value,
      flavour: flavour(),
      now: clock.now(),
    };
    if (groups.length > 0) args.groups = groups;
    return args;
  }

  function refreshSecret() {
    CREATE_FIELDS.forEach((f) => fieldError(f, null));
    const token = $("c-token").value;
    if (!token) {
      clearSecretOutputs("Generate or type a token to see its Secret.");
      return null;
    }
    let parsed;
    try {
      parsed = call(kt, "parseToken", token);
    } catch (err) {
      fieldError("c-token", err);
      clearSecretOutputs("Fix the token to see its Secret.");
      return null;
    }
    const args = secretArgs(token);
    try {
      const yaml = call(kt, "renderSecretYaml", args);
      const rendered = call(kt, "renderSecret", args);
      const obj = rendered;
      const json = JSON.stringify(rendered, null, 2);
      const secrets = [parsed.secret, b64(parsed.secret), token];
      out.yaml.set(yaml, secrets);
      out.json.set(json, secrets);
      const oneLine = JSON.stringify(obj);
      out.apply.set(`printf '%s\\n' ${shellQuote(oneLine)} | kubectl apply -f -`, secrets);
      summarize(obj, parsed);
      return parsed;
    } catch (err) {
      const where = routeError(err, ROUTES, "c-output");
      fieldError(where, err);
      clearSecretOutputs("Fix the highlighted field to see the Secret.");
      return null;
    }
  }

  function summarize(obj, parsed) {
    const name = obj?.metadata?.name ?? `bootstrap-token-${parsed.id}`;
    const expB64 = obj?.data?.expiration;
    const parts = [el("span", {}, "Secret "), el("strong", {}, `kube-system/${name}`), ". "];
    if (expB64) {
      const exp = atob(expB64);
      parts.push("Expires ", el("strong", { id: "c-expires" }, exp));
      try {
        const left = Date.parse(exp) - Date.parse(clock.now());
        parts.push(` (${call(kt, "shortHumanDuration", left)} from ${clock.isFixed() ? "the reference time" : "now"}).`);
      } catch {
        parts.push(".");
      }
    } else {
      parts.push(el("strong", { id: "c-expires" }, "Never expires"), " (TTL 0).");
    }
    $("c-summary").replaceChildren(...parts);
  }

  /** The cluster kubeadm would pick from a kubeconfig: an unnamed cluster, else the current context's. */
  function kubeconfigCluster(text) {
    const kc = call(kt, "parseKubeconfig", text);
    const byName = (n) => kc.clusters.find((c) => c.name === n);
    const ctx = kc.contexts.find((c) => c.name === kc.currentContext);
    const cluster = byName("") ?? (ctx && byName(ctx.cluster));
    if (!cluster) {
      const err = new Error("the kubeconfig's current context is invalid (no cluster to take the CA from)");
      err.code = "invalid_kubeconfig";
      throw err;
    }
    return cluster;
  }

  function refreshJoin(parsed) {
    fieldError("c-ca", null);
    fieldError("c-server", null);
    out.hashes.clear();
    out.join.clear();
    const summary = $("c-join-summary");
    const { value: ca } = rawInput("c-ca");
    const text = $("c-ca").value;
    $("c-server").placeholder = "10.0.0.1:6443";
    if (!text.trim()) {
      summary.textContent = "Paste or drop a CA certificate or a kubeconfig.";
      return;
    }
    const isKubeconfig = !/^\s*-----BEGIN /.test(text);
    const fl = flavour();
    const server = $("c-server").value.trim();
    try {
      // The CA: the PEM itself, or the CA data of the kubeconfig's cluster.
      let caPem = ca;
      let kcServer = null;
      if (isKubeconfig) {
        const cluster = kubeconfigCluster(text);
        kcServer = cluster.server;
        $("c-server").placeholder = `${cluster.server} (from the kubeconfig)`;
        if (!cluster.caPem) {
          const err = new Error(
            cluster.certificateAuthority
              ? `the kubeconfig names a CA file (${cluster.certificateAuthority}); paste the certificate itself`
              : "no CA certificates found in kubeconfig",
          );
          err.code = cluster.certificateAuthority ? "unsupported" : "invalid_kubeconfig";
          throw err;
        }
        caPem = cluster.caPem;
      }
      const hashes = call(kt, "caCertHashes", caPem);
      out.hashes.set(hashes.join("\n"));
      if (!parsed) {
        summary.textContent = "CA read. Give a valid token above for the command.";
        return;
      }
      const token = $("c-token").value;
      const secrets = [parsed.secret];
      const where = server || kcServer;
      if (!where) {
        fieldError("c-server", { code: "missing_server", message: "Enter the API server endpoint (host:port): a CA certificate does not say where the cluster is." });
        summary.textContent = "CA pins computed; the command needs the API server endpoint.";
        return;
      }
      let cmd;
      if (fl === "k3s" || fl === "rke2") {
        const k10 = call(kt, "formatK3sToken", { credentials: token, bundle: ca });
        secrets.push(k10.split("::")[1]);
        const host = where.replace(/^https:\/\//, "").replace(/:6443$/, "");
        cmd = fl === "k3s"
          ? `k3s agent --server https://${host}:6443 --token ${k10}`
          : `rke2 agent --server https://${host}:9345 --token ${k10}`;
        summary.textContent = `The K10 token (what \`${fl} token create\` prints for this CA) in an agent command.`;
      } else {
        const op = fl === "karmada" ? "registerCommand" : "joinCommand";
        const args = server || !isKubeconfig ? { token, server: where, caPem } : { token, kubeconfig: text };
        cmd = call(kt, op, args);
        summary.textContent = fl === "karmada"
          ? "Run this on the member cluster to register it with Karmada (pull mode)."
          : "Run this as root on the new node.";
      }
      out.join.set(cmd, secrets);
    } catch (err) {
      fieldError(routeError(err, JOIN_ROUTES, "c-ca"), err);
      summary.textContent = "Fix the highlighted field to see the command.";
    }
  }

  function refresh() {
    updatePlaceholders();
    const parsed = refreshSecret();
    refreshJoin(parsed);
  }

  $("c-generate").addEventListener("click", () => {
    try {
      $("c-token").value = call(kt, "generateToken");
      refresh();
    } catch (err) {
      fieldError("c-token", err);
    }
  });
  $("c-example").addEventListener("click", () => {
    try {
      $("c-token").value = call(kt, "generateToken");
      $("c-description").value = "example: one new worker";
      $("c-ca").value = EXAMPLE_CA_PEM;
      $("c-server").value = EXAMPLE_SERVER;
      refresh();
    } catch (err) {
      fieldError("c-token", err);
    }
  });
  for (const id of ["c-token", "c-ttl", "c-groups", "c-description", "c-ca", "c-server"]) {
    $(id).addEventListener("input", refresh);
  }
  for (const i of document.querySelectorAll('input[name="c-flavour"], input[name="c-usage"]')) {
    i.addEventListener("change", refresh);
  }
  refresh();
  return { refresh };
}
