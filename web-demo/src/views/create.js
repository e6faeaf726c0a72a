// 1. Create a token: Secret as YAML + JSON, a kubectl one-liner, the expiry, and for a CA or
// kubeconfig the kubeadm join (worker or control plane) / karmadactl register command, or for
// k3s/rke2 the K10 CA hash and the agent/server command, install script and config file.
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
  invalid_hash: "c-ca",
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
const JOIN_FIELDS = ["c-ca", "c-server", "c-certkey", "c-server-token"];
/** How k3s hashed the bundle (k3sCaHash's `method`). */
const K10_METHODS = {
  single: "One certificate: the SHA-256 of the bundle's exact bytes",
  root: "A verified chain: the SHA-256 of the root certificate's DER",
  raw: "Several certificates whose chain did not verify: the SHA-256 of the bundle's exact bytes",
};

export function createView(kt, clock) {
  const out = {
    yaml: new Output("c-yaml", { mask: true, label: "Secret YAML" }),
    apply: new Output("c-apply", { mask: true, label: "kubectl command" }),
    json: new Output("c-json", { mask: true, label: "Secret JSON" }),
    hashes: new Output("c-hashes", { label: "CA pins" }),
    k10hash: new Output("c-k10hash", { label: "K10 CA hash" }),
    join: new Output("c-join", { mask: true, label: "join command" }),
    install: new Output("c-install", { mask: true, label: "install script" }),
    config: new Output("c-config", { mask: true, label: "config file" }),
  };
  const flavour = () => document.querySelector('input[name="c-flavour"]:checked')?.value ?? "kubeadm";
  const role = () => document.querySelector('input[name="c-role"]:checked')?.value ?? "agent";
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
      return { parsed: null, ok: false };
    }
    let parsed;
    try {
      parsed = call(kt, "parseToken", token);
    } catch (err) {
      fieldError("c-token", err);
      clearSecretOutputs("Fix the token to see its Secret.");
      return { parsed: null, ok: false };
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
      return { parsed, ok: true };
    } catch (err) {
      // The token parsed, so this error is another field's (a TTL, group or usage).
      const where = routeError(err, ROUTES, "c-output");
      fieldError(where, err);
      clearSecretOutputs("Fix the highlighted field to see the Secret.");
      return { parsed, ok: false };
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

  /** Show the parts of the join section that belong to this flavour (`data-flavours`). */
  function showFlavourParts(fl) {
    for (const node of $("view-create").querySelectorAll("[data-flavours]")) {
      node.hidden = !node.dataset.flavours.split(" ").includes(fl);
    }
    const cp = $("c-control-plane").checked;
    $("c-certkey-field").hidden = !cp;
    $("c-server-token-field").hidden = role() !== "server";
  }

  function clearJoin() {
    for (const f of JOIN_FIELDS) fieldError(f, null);
    out.hashes.clear();
    out.k10hash.clear();
    $("c-k10hash-how").textContent = "";
    out.join.clear();
    out.install.clear();
    out.config.clear();
    $("c-config-path").textContent = "";
  }

  /**
   * `parsed` is the parsed bootstrap token, or null when the token field is empty or wrong;
   * `secretOk` says whether the Secret above rendered (a bad TTL, group or usage is not the
   * token's fault, and the page says so).
   */
  function refreshJoin(parsed, secretOk) {
    const fl = flavour();
    const k3sLike = fl === "k3s" || fl === "rke2";
    showFlavourParts(fl);
    clearJoin();
    const summary = $("c-join-summary");
    const { value: ca, file } = rawInput("c-ca");
    const text = $("c-ca").value;
    $("c-server").placeholder = k3sLike ? (fl === "k3s" ? "10.0.0.1 (port 6443)" : "10.0.0.1 (port 9345)") : "10.0.0.1:6443";
    if (!text.trim()) {
      summary.textContent = k3sLike
        ? "Paste or drop the server's CA bundle or its kubeconfig."
        : "Paste or drop a CA certificate or a kubeconfig.";
      return;
    }
    const isKubeconfig = !/^\s*-----BEGIN /.test(text);
    const server = $("c-server").value.trim();
    try {
      // The CA: the PEM itself (its exact bytes when loaded from a file), or the CA data of
      // the kubeconfig's cluster (what `k3s token create` hashes).
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
      if (k3sLike) {
        const h = call(kt, "k3sCaHash", { bundle: caPem, now: clock.now() });
        out.k10hash.set(h.hash);
        const from = isKubeconfig ? "the kubeconfig's CA data" : file ? `${file}, hashed as loaded` : "the text as pasted";
        $("c-k10hash-how").textContent = `${K10_METHODS[h.method] ?? h.method} · from ${from}.`;
      } else {
        out.hashes.set(call(kt, "caCertHashes", caPem).join("\n"));
      }
      if (!parsed) {
        summary.textContent = "CA read. Give a valid token above for the command.";
        return;
      }
      if (!secretOk) {
        summary.textContent = "CA read. Fix the highlighted field above: the command needs the Secret it makes.";
        return;
      }
      const token = $("c-token").value;
      const endpoint = server || kcServer;
      if (!endpoint) {
        fieldError("c-server", { code: "missing_server", message: "Enter the API server endpoint (host:port): a CA certificate does not say where the cluster is." });
        summary.textContent = k3sLike ? "CA hash computed; the commands need the server's address." : "CA pins computed; the command needs the API server endpoint.";
        return;
      }
      if (k3sLike) joinK3s(fl, token, parsed, caPem, endpoint, summary);
      else joinKubeadm(fl, token, parsed, caPem, text, server, isKubeconfig, endpoint, summary);
    } catch (err) {
      fieldError(routeError(err, JOIN_ROUTES, "c-ca"), err);
      summary.textContent = "Fix the highlighted field to see the command.";
    }
  }

  /** kubeadm join (worker or control plane) / karmadactl register, from the core. */
  function joinKubeadm(fl, token, parsed, caPem, text, server, isKubeconfig, endpoint, summary) {
    const target = server || !isKubeconfig ? { token, server: endpoint, caPem } : { token, kubeconfig: text };
    if (fl === "karmada") {
      out.join.set(call(kt, "registerCommand", target), [parsed.secret]);
      summary.textContent = "Run this on the member cluster to register it with Karmada (pull mode).";
      return;
    }
    // The endpoint and CA first, so that an invalid_options error here is theirs; then the
    // certificate key, whose invalid_options belongs beside its own field.
    let cmd = call(kt, "joinCommand", target);
    const controlPlane = $("c-control-plane").checked;
    const key = controlPlane ? $("c-certkey").value : "";
    if (controlPlane) {
      try {
        cmd = call(kt, "joinCommand", { ...target, controlPlane: true, certificateKey: key });
      } catch (err) {
        fieldError(err?.code === "invalid_options" ? "c-certkey" : "c-ca", err);
        summary.textContent = "Fix the highlighted field to see the command.";
        return;
      }
    }
    out.join.set(cmd, [parsed.secret, key]);
    summary.textContent = !controlPlane
      ? "Run this as root on the new node."
      : key
        ? "Run this as root on the new control-plane node: it downloads the uploaded certificates with the key."
        : "Run this as root on the new control-plane node, after copying the cluster's certificates to it (no certificate key given).";
  }

  /** k3s / rke2 agent or server: command, install script and config file from k3sJoinCommand. */
  function joinK3s(fl, token, parsed, caPem, endpoint, summary) {
    const r = role();
    let joinToken;
    let secrets;
    if (r === "agent") {
      // The agent's token: what `k3s token create` prints for this CA and bootstrap token.
      joinToken = call(kt, "formatK3sToken", { credentials: token, bundle: caPem, now: clock.now() });
      secrets = [parsed.secret];
    } else {
      const serverToken = $("c-server-token").value;
      // No server token yet: ask the core about the bootstrap token, so the page shows why
      // a server cannot join with it (k3s refuses <id>.<secret> server tokens).
      joinToken = serverToken || call(kt, "formatK3sToken", { credentials: token, bundle: caPem, now: clock.now() });
      secrets = [parsed.secret, serverToken];
      try {
        const p = call(kt, "parseK3sToken", serverToken || joinToken);
        secrets.push(p.password, p.token ? p.token.split(".")[1] : "");
      } catch {
        // the core's k3sJoinCommand below reports it
      }
    }
    let j;
    try {
      j = call(kt, "k3sJoinCommand", { server: endpoint, token: joinToken, flavour: fl, role: r });
    } catch (err) {
      const code = err?.code;
      const field = code === "invalid_k3s_token" ? (r === "server" ? "c-server-token" : "c-token") : "c-server";
      fieldError(field, err);
      summary.textContent = r === "server" && !$("c-server-token").value
        ? "A server joins with the cluster's server token: paste it above."
        : "Fix the highlighted field to see the commands.";
      return;
    }
    // The texts carry the token (quoted for the shell or YAML where needed): mask the known
    // secret parts, then whatever the core's redact finds.
    const mask = [...secrets, (t) => call(kt, "redact", t)];
    out.join.set(j.command, mask);
    out.install.set(j.install, mask);
    out.config.set(j.config, mask);
    $("c-config-path").textContent = j.configPath;
    summary.textContent = r === "agent"
      ? `Run one of these on the new ${fl} agent. Its K10 token is what \`${fl} token create\` prints for this CA: the bundle's hash, then this bootstrap token.`
      : `Run one of these on the new ${fl} server, with the cluster's server token.`;
    if (fl === "rke2" && j.server.endsWith(":6443")) {
      summary.textContent += " Note: rke2 nodes join through the supervisor port 9345; 6443 is the API server's.";
    }
  }

  function refresh() {
    updatePlaceholders();
    const { parsed, ok } = refreshSecret();
    refreshJoin(parsed, ok);
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
  for (const id of ["c-token", "c-ttl", "c-groups", "c-description", "c-ca", "c-server", "c-certkey", "c-server-token"]) {
    $(id).addEventListener("input", refresh);
  }
  for (const i of document.querySelectorAll('input[name="c-flavour"], input[name="c-usage"], input[name="c-role"], #c-control-plane')) {
    i.addEventListener("change", refresh);
  }
  refresh();
  return { refresh };
}
