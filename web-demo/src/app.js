// kubetoken web demo: six jobs, all computed in this tab by the kubetoken npm package
// (WebAssembly). No network beyond loading the page's own files, no storage, no console
// logging: every error is shown on the page, beside the field that caused it.
import { $, fieldError, wireFiles, wireRevealInputs, wireTabs } from "./ui.js";
import { showFatal } from "./fatal.js";
import { createView } from "./views/create.js";
import { checkView } from "./views/check.js";
import { listView } from "./views/list.js";
import { discoveryView } from "./views/discovery.js";
import { k3sView } from "./views/k3s.js";
import { inspectView } from "./views/inspect.js";
import { redactView } from "./views/redact.js";
import { Clock } from "./clock.js";

/** The tabs that need "kubetoken/full" (YAML input, k3s CA bundles of several certificates). */
const FULL_TABS = ["list", "discovery", "k3s"];

window.addEventListener("error", (e) => showFatal(e.error ?? e.message));
window.addEventListener("unhandledrejection", (e) => showFatal(e.reason));

async function main() {
  const engine = $("engine");
  let kt;
  try {
    kt = await import("./kubetoken.js");
    if (typeof kt.default === "function" && typeof kt.generateToken !== "function") await kt.default();
  } catch (err) {
    engine.classList.add("bad");
    engine.textContent = "The kubetoken engine did not load, so nothing on this page works.";
    $("main").inert = true;
    showFatal(err);
    return;
  }
  const info = kt.demoPackageInfo ?? {};
  engine.textContent = `Engine ready: ${info.name ?? "kubetoken"} ${info.version ?? ""} (WebAssembly, in this tab).`;
  engine.dataset.ready = "true";
  $("pkg-info").textContent =
    `${info.name ?? "kubetoken"} ${info.version ?? ""} · tokens are never sent or stored · ` +
    "errors show their stable code (e.g. invalid_token), the same in Rust, Python and JavaScript.";

  // The page loads the package's lean build. The tabs that read YAML (a pasted Secret
  // List, a cluster-info ConfigMap's kubeconfig) or hash k3s CA bundles of several
  // certificates load "kubetoken/full" when first shown (the tab is inert until it is
  // there). Elsewhere a call the lean build refuses (`unsupported`: a YAML Secret or
  // kubeconfig pasted into the create/check forms) loads it too, and every view
  // refreshes once it has loaded. The lean build answers the same as the full one or
  // throws `unsupported`, never differently.
  let full = null;
  let fullLoading = null;
  const loadFull = () => {
    fullLoading ??= import("./kubetoken-full.js").then((m) => {
      full = m;
      for (const name of FULL_TABS) $(`view-${name}`).inert = false;
      for (const v of Object.values(views)) v.refresh();
    }, showFatal);
    return fullLoading;
  };
  const engineFor = new Proxy(
    {},
    {
      get: (_, name) => {
        const value = (full ?? kt)[name];
        if (full || typeof value !== "function") return value;
        return (...args) => {
          try {
            return value(...args);
          } catch (err) {
            if (err?.code === "unsupported") loadFull();
            throw err;
          }
        };
      },
    },
  );
  const showTab = (name) => {
    if (FULL_TABS.includes(name) && !full) {
      $(`view-${name}`).inert = true;
      loadFull();
    }
  };

  const clock = new Clock(kt);
  const views = {
    create: createView(engineFor, clock),
    check: checkView(engineFor, clock),
    list: listView(engineFor, clock),
    discovery: discoveryView(engineFor, clock),
    k3s: k3sView(engineFor, clock),
    inspect: inspectView(engineFor),
    redact: redactView(engineFor, clock),
  };
  clock.onChange(() => Object.values(views).forEach((v) => v.refresh()));
  wireRevealInputs();
  wireFiles((id, err) => fieldError(id, err));
  wireTabs((name) => {
    showTab(name);
    views[name]?.refresh();
  });
  showTab(location.hash.slice(1));
  document.body.dataset.ready = "true";
}

main().catch(showFatal);
