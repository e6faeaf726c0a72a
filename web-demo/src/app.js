// kubetoken web demo: five jobs, all computed in this tab by the kubetoken npm package
// (WebAssembly). No network beyond loading the page's own files, no storage, no console
// logging: every error is shown on the page, beside the field that caused it.
import { $, fieldError, wireFiles, wireRevealInputs, wireTabs } from "./ui.js";
import { showFatal } from "./fatal.js";
import { createView } from "./views/create.js";
import { checkView } from "./views/check.js";
import { listView } from "./views/list.js";
import { discoveryView } from "./views/discovery.js";
import { k3sView } from "./views/k3s.js";
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
  // certificates use "kubetoken/full", fetched the first time one of them is shown;
  // until it is there they run on the lean build (which answers the same or throws
  // `unsupported`, never differently) and refresh once it has loaded.
  let full = null;
  let fullLoading = null;
  const heavy = new Proxy({}, { get: (_, name) => (full ?? kt)[name] });
  const loadFull = () => {
    fullLoading ??= import("./kubetoken-full.js").then((m) => {
      full = m;
      for (const name of FULL_TABS) views[name].refresh();
    }, showFatal);
    return fullLoading;
  };

  const clock = new Clock(kt);
  const views = {
    create: createView(kt, clock),
    check: checkView(kt, clock),
    list: listView(heavy, clock),
    discovery: discoveryView(heavy, clock),
    k3s: k3sView(heavy, clock),
  };
  clock.onChange(() => Object.values(views).forEach((v) => v.refresh()));
  wireRevealInputs();
  wireFiles((id, err) => fieldError(id, err));
  wireTabs((name) => {
    if (FULL_TABS.includes(name)) loadFull();
    views[name]?.refresh();
  });
  if (FULL_TABS.includes(location.hash.slice(1))) loadFull();
  document.body.dataset.ready = "true";
}

main().catch(showFatal);
