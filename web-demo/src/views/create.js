// 1. Create a token: Secret as YAML + JSON, a kubectl one-liner, the expiry, and the join
// (kubeadm) / register (karmada) / K10 (k3s, rke2) command for a CA or kubeconfig.
import { $, Output, el, fieldError, rawInput } from "../ui.js";
import { b64, call, routeError, shellQuote, splitList } from "./common.js";

const ROUTES = {
  invalid_token: "c-token",
  invalid_token_id: "c-token",
  invalid_duration: "c-ttl",
  invalid_group: "c-groups",
  invalid_usage: "c-usages",
  invalid_timestamp: "clock-time",
};
const JOIN_ROUTES = {
  invalid_pem: "c-ca",
  invalid_certificate: "c-ca",
  invalid_kubeconfig: "c-ca",
  input_too_large: "c-ca",
  invalid_token: "c-token",
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

  function defaultGroup() {
    try {
      return call(kt, "defaultGroup", flavour());
    } catch {
      return null;
    }
  }

  function updatePlaceholders() {
    const g = defaultGroup();
    $("c-groups").placeholder = g ?? "";
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
      const obj = typeof rendered === "string" ? JSON.parse(rendered) : rendered;
      const json = typeof rendered === "string" ? rendered : JSON.stringify(rendered, null, 2);
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

  function refreshJoin(parsed) {
    fieldError("c-ca", null);
    fieldError("c-server", null);
    out.hashes.clear();
    out.join.clear();
    const summary = $("c-join-summary");
    const { value: ca } = rawInput("c-ca");
    const text = $("c-ca").value;
    if (!text.trim()) {
      summary.textContent = "Paste or drop a CA certificate or a kubeconfig.";
      return;
    }
    const isKubeconfig = !/^\s*-----BEGIN /.test(text) && /clusters|apiVersion|"kind"|kind:/.test(text);
    const fl = flavour();
    try {
      // CA pins: from the PEM, or from the kubeconfig's current cluster.
      const hashes = isKubeconfig
        ? call(kt, "caCertHashes", { kubeconfig: text })
        : call(kt, "caCertHashes", { pem: ca });
      out.hashes.set(hashes.join("\n"));
      if (!parsed) {
        summary.textContent = "CA read. Give a valid token above for the command.";
        return;
      }
      const token = $("c-token").value;
      const secrets = [parsed.secret, token];
      let cmd;
      if (fl === "k3s" || fl === "rke2") {
        const k10 = call(kt, "formatK3sToken", { credentials: token, bundle: ca });
        secrets.push(k10);
        const server = $("c-server").value.trim() || "<server>";
        cmd = fl === "k3s"
          ? `k3s agent --server https://${server} --token ${k10}`
          : `rke2 agent --server https://${server} --token ${k10}`;
        summary.textContent = `K10 token for this CA bundle (what ${fl} token create prints), in an agent command.`;
      } else {
        const op = fl === "karmada" ? "registerCommand" : "joinCommand";
        const args = { token };
        if (isKubeconfig) args.kubeconfig = text;
        else {
          const server = $("c-server").value.trim();
          if (!server) {
            fieldError("c-server", { code: "missing", message: "Enter the API server endpoint (host:port) for a CA certificate." });
            summary.textContent = "Pins computed; the command needs the API server endpoint.";
            return;
          }
          args.caCert = ca;
          args.server = server;
        }
        cmd = call(kt, op, args);
        summary.textContent = fl === "karmada"
          ? "Run this on the member cluster to register it with Karmada."
          : "Run this on the new node (as root).";
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
  for (const id of ["c-token", "c-ttl", "c-groups", "c-description", "c-ca", "c-server"]) {
    $(id).addEventListener("input", refresh);
  }
  for (const i of document.querySelectorAll('input[name="c-flavour"], input[name="c-usage"]')) {
    i.addEventListener("change", refresh);
  }
  refresh();
  return { refresh };
}
